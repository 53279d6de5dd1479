import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { DraftReportButton } from "@/components/progress-reports/draft-report-button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireViewer } from "@/lib/auth";
import { listProgressReports } from "@/lib/dal/progress-reports";
import { orNotFound } from "@/lib/http/not-found";
import { createProgressReportAction } from "./actions";

export async function generateMetadata() {
  const t = await getTranslations("progressReports.page");
  return { title: t("listTitle") };
}

/**
 * A student's progress reports (D-13): each report-card period with an IEP in force, its report
 * versions, and for the case manager the button that drafts a period's report. Families see only
 * issued reports.
 */
export default async function ProgressReportsPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireViewer();
  const { id } = await params;
  const view = await orNotFound(listProgressReports(viewer, id));
  const t = await getTranslations("progressReports.page");
  const format = await getFormatter();
  const date = (iso: string) => format.dateTime(new Date(`${iso}T12:00:00Z`), { dateStyle: "medium", timeZone: "UTC" });
  const base = `/students/${view.studentId}/progress/reports`;
  return (
    <>
      <PageHeader
        title={t("listHeading", { name: view.studentName })}
        subtitle={view.staff ? t("intro") : t("parentIntro")}
        actions={
          <Link
            href={`/students/${view.studentId}/progress`}
            className="inline-flex min-h-11 items-center text-brand-700 underline underline-offset-2"
          >
            {t("backToProgress")}
          </Link>
        }
      />
      {view.periods.length === 0 ? (
        <Card>
          <p className="text-sm">{t("noPeriods")}</p>
        </Card>
      ) : (
        <ul className="space-y-4" aria-label={t("listTitle")}>
          {view.periods.map((period) => (
            <li key={period.reportCardDate}>
              <Card
                title={t("period", { from: date(period.periodStart), to: date(period.reportCardDate) })}
                titleId={`period-${period.reportCardDate}`}
              >
                <p className="text-sm text-slate-700">{t("due", { date: date(period.reportCardDate) })}</p>
                {period.reports.length === 0 ? (
                  <p className="mt-2 text-sm">{t("noReport")}</p>
                ) : (
                  <ul className="mt-2 space-y-1">
                    {period.reports.map((report) => (
                      <li key={report.id} className="flex flex-wrap items-center gap-x-3 text-sm">
                        <Link
                          href={`${base}/${report.id}`}
                          className="inline-flex min-h-11 items-center font-medium text-brand-700 underline underline-offset-2"
                        >
                          {t("versionN", { n: report.version })}
                        </Link>
                        <span>
                          {report.status === "issued" && report.issuedOn
                            ? t("statusIssued", { date: date(report.issuedOn) })
                            : t("statusDraft")}
                        </span>
                        {report.superseded && <span className="text-slate-600">{t("superseded")}</span>}
                      </li>
                    ))}
                  </ul>
                )}
                {period.canDraft && (
                  <div className="mt-3">
                    <DraftReportButton
                      studentId={view.studentId}
                      reportCardDate={period.reportCardDate}
                      label={t("draft")}
                      action={createProgressReportAction}
                    />
                  </div>
                )}
              </Card>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
