import { getFormatter, getTranslations } from "next-intl/server";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { PageHeader } from "@/components/ui/page-header";
import { requireViewer } from "@/lib/auth";
import { orNotFound } from "@/lib/http/not-found";
import { getCoverageDetails, type CoverageFilter } from "@/lib/dal/delivery-reports";
import { isUuid } from "@/lib/validation/ids";

const STATES = ["outstanding", "acknowledged", "due", "overdue", "escalated"] as const;

export async function generateMetadata() {
  const t = await getTranslations("delivery.coverage");
  return { title: t("detailsTitle") };
}

export default async function CoverageDetailsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await requireViewer();
  const query = await searchParams;
  const id = (key: string) =>
    typeof query[key] === "string" && isUuid(query[key]) ? (query[key] as string) : undefined;
  const state =
    typeof query.state === "string" && (STATES as readonly string[]).includes(query.state)
      ? (query.state as CoverageFilter["state"])
      : undefined;
  const filter: CoverageFilter = { teacherId: id("teacher"), sectionId: id("section"), schoolId: id("school"), state };
  const rows = await orNotFound(getCoverageDetails(viewer, filter));
  const t = await getTranslations();
  const format = await getFormatter();
  const day = (date: string | null) =>
    date
      ? format.dateTime(new Date(date.length === 10 ? `${date}T12:00:00Z` : date), {
          dateStyle: "medium",
          timeZone: date.length === 10 ? "UTC" : undefined,
        })
      : "—";
  const base = new URLSearchParams(
    Object.entries({ teacher: filter.teacherId, section: filter.sectionId, school: filter.schoolId }).filter(
      (e): e is [string, string] => Boolean(e[1]),
    ),
  );
  const href = (s?: string) => {
    const params = new URLSearchParams(base);
    if (s) params.set("state", s);
    return `/coverage/details${params.size ? `?${params}` : ""}`;
  };
  return (
    <>
      <PageHeader
        title={t("delivery.coverage.detailsTitle")}
        actions={
          <Link href="/coverage" className="text-brand-700 underline">
            {t("delivery.coverage.back")}
          </Link>
        }
      />
      <nav aria-label={t("delivery.coverage.state")} className="mb-4 flex flex-wrap gap-2 text-sm">
        <Link
          href={href()}
          aria-current={!state ? "page" : undefined}
          className="rounded-md border px-3 py-1 aria-[current=page]:bg-brand-700 aria-[current=page]:text-white"
        >
          {t("delivery.coverage.filterState.all")}
        </Link>
        {STATES.map((s) => (
          <Link
            key={s}
            href={href(s)}
            aria-current={state === s ? "page" : undefined}
            className="rounded-md border px-3 py-1 aria-[current=page]:bg-brand-700 aria-[current=page]:text-white"
          >
            {t(`delivery.coverage.filterState.${s}`)}
          </Link>
        ))}
      </nav>
      <Card>
        {rows.length === 0 ? (
          <p className="text-slate-600">{t("delivery.coverage.emptyDetails")}</p>
        ) : (
          <DataTable
            caption={<span className="sr-only">{t("delivery.coverage.detailsTitle")}</span>}
            columns={[
              { label: t("delivery.coverage.student") },
              { label: t("delivery.coverage.plan") },
              { label: t("delivery.coverage.teacher") },
              { label: t("delivery.coverage.section") },
              { label: t("delivery.coverage.assignedOn") },
              { label: t("delivery.coverage.due") },
              { label: t("delivery.coverage.state") },
              { label: t("delivery.coverage.logCoverage"), align: "right" },
            ]}
          >
            {rows.map((row) => (
              <tr key={`${row.studentId}-${row.teacherName}-${row.sectionName}`}>
                <th scope="row" className="py-2 pr-4 font-medium">
                  <Link
                    href={`/students/${row.studentId}`}
                    className="text-brand-700 underline-offset-2 hover:underline"
                  >
                    {row.studentName}
                  </Link>
                </th>
                <td className="py-2 pr-4">
                  {t("plans.versionLabel", { number: row.versionNumber })} · {t(`plans.type.${row.planType}`)}
                </td>
                <td className="py-2 pr-4">{row.teacherName}</td>
                <td className="py-2 pr-4">{row.sectionName ?? t("delivery.coverage.asProvider")}</td>
                <td className="py-2 pr-4 whitespace-nowrap">{day(row.assignedOn)}</td>
                <td className="py-2 pr-4 whitespace-nowrap">{day(row.due)}</td>
                <td
                  className={`py-2 pr-4 ${row.state === "overdue" || row.state === "escalated" ? "font-semibold text-red-800" : ""}`}
                >
                  {row.state === "acknowledged"
                    ? t("delivery.coverage.acknowledgedOn", { date: day(row.acknowledgedAt) })
                    : t(`delivery.coverage.filterState.${row.state}`)}
                </td>
                <td className="py-2 pr-4 text-right tabular-nums">
                  {row.logExpected && row.canOpenEvidence ? (
                    <Link
                      href={`/students/${row.studentId}/evidence`}
                      className="text-brand-700 underline underline-offset-2"
                    >
                      {t("delivery.coverage.ratio", { recorded: row.logRecorded, expected: row.logExpected })}
                    </Link>
                  ) : row.logExpected ? (
                    t("delivery.coverage.ratio", { recorded: row.logRecorded, expected: row.logExpected })
                  ) : (
                    t("delivery.coverage.none")
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </Card>
    </>
  );
}
