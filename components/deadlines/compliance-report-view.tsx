import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { ComplianceReport } from "@/lib/dto/deadlines";
import { Card } from "../ui/card";
import { DataTable } from "../ui/data-table";
import { Stat } from "../ui/stat";
import { DATE_FORMAT, isoDateValue } from "./dates";

/** The district compliance report: initial-evaluation timeliness with delay reasons, and reviews due or overdue by school. */
export async function ComplianceReportView({ report }: { report: ComplianceReport }) {
  const t = await getTranslations("complianceReport");
  const tr = await getTranslations("deadlines");
  const format = await getFormatter();
  const date = (value: string | null) => (value ? format.dateTime(isoDateValue(value), DATE_FORMAT) : "—");
  const ie = report.initialEvaluations;
  const late = report.rows.filter(
    (r) => r.section === "initial_evaluation" && (r.status === "late" || r.status === "overdue"),
  );
  return (
    <div className="space-y-6">
      <form method="get" className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="report-year" className="block text-sm font-medium text-slate-800">
            {t("year")}
          </label>
          <select
            id="report-year"
            name="year"
            defaultValue={String(report.schoolYear)}
            className="rounded-md border border-slate-400 bg-white px-3 py-2"
          >
            {report.years.map((year) => (
              <option key={year} value={year}>
                {t("yearOption", { start: year, end: year + 1 })}
              </option>
            ))}
          </select>
        </div>
        <button
          type="submit"
          className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-100"
        >
          {t("show")}
        </button>
        <Link
          href={`/api/reports/compliance?year=${report.schoolYear}`}
          className="ml-auto text-brand-700 underline underline-offset-2"
          prefetch={false}
        >
          {t("download")}
        </Link>
      </form>

      <Card title={t("initialTitle", { start: report.schoolYear, end: report.schoolYear + 1 })} titleId="initial-title">
        <p className="mb-4 text-sm text-slate-600">{t("initialIntro")}</p>
        <dl className="grid gap-3 sm:grid-cols-3 lg:grid-cols-6">
          <Stat
            label={t("timely")}
            value={
              ie.timelyPercent === null
                ? "—"
                : format.number(ie.timelyPercent / 100, { style: "percent", maximumFractionDigits: 1 })
            }
          />
          <Stat label={tr("statuses.met")} value={ie.met} />
          <Stat label={tr("statuses.late")} value={ie.late} />
          <Stat label={t("overdue")} value={ie.overdue} />
          <Stat label={t("inProgress")} value={ie.open + ie.paused} />
          <Stat label={tr("statuses.stopped")} value={ie.stopped} />
        </dl>
        {report.lateReasons.length > 0 && (
          <>
            <h3 className="mt-6 mb-2 font-medium">{t("reasonsTitle")}</h3>
            <ul className="text-sm">
              {report.lateReasons.map((r) => (
                <li key={r.reason ?? "none"}>
                  {t("reasonCount", {
                    reason: r.reason ? tr(`delayReasons.${r.reason}`) : t("noReason"),
                    count: r.count,
                  })}
                </li>
              ))}
            </ul>
          </>
        )}
        {late.length > 0 && (
          <div className="mt-6">
            <DataTable
              caption={t("lateTitle")}
              columns={(["student", "school", "referral", "due", "status", "reason"] as const).map((c) => ({
                label: t(c),
              }))}
            >
              {late.map((r) => (
                <tr key={`${r.studentId}-${r.triggerDate}`}>
                  <th scope="row" className="py-2 pr-4 font-medium">
                    <Link
                      href={`/students/${r.studentId}#deadlines`}
                      className="text-brand-700 underline underline-offset-2"
                    >
                      {r.studentName}
                    </Link>
                  </th>
                  <td className="py-2 pr-4">{r.schoolName}</td>
                  <td className="py-2 pr-4 whitespace-nowrap">{date(r.triggerDate)}</td>
                  <td className="py-2 pr-4 whitespace-nowrap">{date(r.due)}</td>
                  <td className="py-2 pr-4">
                    {r.status === "overdue"
                      ? tr("overdueBy", { days: r.schoolDaysOverdue ?? 0 })
                      : tr(`statuses.${r.status}`)}
                  </td>
                  <td className="py-2 pr-4">{r.delayReason ? tr(`delayReasons.${r.delayReason}`) : t("noReason")}</td>
                </tr>
              ))}
            </DataTable>
            {report.rowsTruncated && (
              <p className="mt-2 text-sm text-slate-600">
                {t("lateTruncated", { shown: late.length, total: ie.late + ie.overdue })}
              </p>
            )}
          </div>
        )}
      </Card>

      <Card title={t("reviewsTitle")} titleId="reviews-title">
        <p className="mb-4 text-sm text-slate-600">
          {t("reviewsIntro")}
          {report.countsAsOf && <> {t("countsAsOf", { time: report.countsAsOf })}</>}
        </p>
        <div className="overflow-x-auto">
          <table className="min-w-full text-left text-sm" aria-labelledby="reviews-title">
            <thead className="border-b border-slate-200 text-slate-600">
              <tr>
                <th scope="col" rowSpan={2} className="py-2 pr-4 font-medium">
                  {t("school")}
                </th>
                <th scope="colgroup" colSpan={3} className="py-2 pr-4 font-medium">
                  {tr("rules.D-08.title")}
                </th>
                <th scope="colgroup" colSpan={3} className="py-2 pr-4 font-medium">
                  {tr("rules.D-09.title")}
                </th>
              </tr>
              <tr>
                {["annual", "triennial"].flatMap((kind) =>
                  (["overdue", "due30", "due90"] as const).map((col) => (
                    <th key={`${kind}-${col}`} scope="col" className="py-2 pr-4 text-right font-medium">
                      {t(`columns.${col}`)}
                    </th>
                  )),
                )}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {report.reviewsBySchool.map((s) => (
                <tr key={s.schoolId}>
                  <th scope="row" className="py-2 pr-4 font-medium">
                    {s.schoolName}
                  </th>
                  {[s.annual, s.triennial].flatMap((counts, i) =>
                    (["overdue", "due30", "due90"] as const).map((col) => (
                      <td
                        key={`${i}-${col}`}
                        className={`py-2 pr-4 text-right tabular-nums ${col === "overdue" && counts[col] > 0 ? "font-semibold text-red-800" : ""}`}
                      >
                        {counts[col]}
                      </td>
                    )),
                  )}
                </tr>
              ))}
            </tbody>
            <tfoot className="border-t-2 border-slate-300">
              <tr>
                <th scope="row" className="py-2 pr-4 font-semibold">
                  {t("districtTotal")}
                </th>
                {[report.reviewsTotal.annual, report.reviewsTotal.triennial].flatMap((counts, i) =>
                  (["overdue", "due30", "due90"] as const).map((col) => (
                    <td key={`total-${i}-${col}`} className="py-2 pr-4 text-right font-semibold tabular-nums">
                      {counts[col]}
                    </td>
                  )),
                )}
              </tr>
            </tfoot>
          </table>
        </div>
        {report.reviewsPage.pages > 1 && (
          <nav aria-label={t("reviewsPages")} className="mt-4 flex flex-wrap items-center gap-6">
            <span className="text-sm text-slate-600">
              {t("reviewsPageOf", { page: report.reviewsPage.page, pages: report.reviewsPage.pages })}
            </span>
            {report.reviewsPage.page > 1 && (
              <Link
                href={`/admin/compliance?year=${report.schoolYear}&reviews=${report.reviewsPage.page - 1}`}
                className="text-brand-700 underline underline-offset-2"
                rel="prev"
              >
                {t("previousSchools")}
              </Link>
            )}
            {report.reviewsPage.page < report.reviewsPage.pages && (
              <Link
                href={`/admin/compliance?year=${report.schoolYear}&reviews=${report.reviewsPage.page + 1}`}
                className="text-brand-700 underline underline-offset-2"
                rel="next"
              >
                {t("nextSchools")}
              </Link>
            )}
          </nav>
        )}
      </Card>
    </div>
  );
}
