import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { DocumentView } from "@/components/documents/document-view";
import { CorrectionForm } from "@/components/progress-reports/correction-form";
import { ReportForm, type LineExplanation } from "@/components/progress-reports/report-form";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireViewer } from "@/lib/auth";
import { getProgressReport } from "@/lib/dal/progress-reports";
import type { Translate } from "@/lib/documents/meeting-notice";
import { summaryLines } from "@/lib/documents/progress-report";
import type { ReportItemView } from "@/lib/dto/progress-reports";
import { orNotFound } from "@/lib/http/not-found";
import { correctProgressReportAction, issueProgressReportAction, saveProgressReportAction } from "../actions";

export async function generateMetadata() {
  const t = await getTranslations("progressReports.page");
  return { title: t("listTitle") };
}

/**
 * One progress report. The case manager edits a draft (codes suggested from the data with the rule
 * shown, justifications, the missing-data list) and issues it; an issued report shows exactly as
 * issued, with its PDF, its versions and, for the case manager, the correction form. Families see
 * issued reports only.
 */
export default async function ProgressReportPage({ params }: { params: Promise<{ id: string; reportId: string }> }) {
  const viewer = await requireViewer();
  const { id, reportId } = await params;
  const data = await orNotFound(getProgressReport(viewer, id, reportId));
  const t = await getTranslations("progressReports.page");
  const root = await getTranslations();
  const translate = root as unknown as Translate;
  const locale = await getLocale();
  const format = await getFormatter();
  const date = (iso: string) => format.dateTime(new Date(`${iso}T12:00:00Z`), { dateStyle: "long", timeZone: "UTC" });
  const r = data.report;
  const base = `/students/${data.studentId}/progress/reports`;
  const area = (key: string) => (key ? translate(`plans.options.area.${key}`) : "");
  const goals = data.goals.map((g) => ({ ...g, area: area(g.area) }));
  const explain = (item: ReportItemView): LineExplanation => ({
    suggestion: item.suggestedCode
      ? t("suggestion", { code: translate(`progressReports.codes.${item.suggestedCode}`) })
      : t("noSuggestion"),
    rule: translate(`progressReports.rules.${item.rule}`, item.facts),
    data: summaryLines(locale, item.summary, translate),
  });
  const explanations = Object.fromEntries(
    data.goals.flatMap((g) => [g.item, ...g.objectives.map((o) => o.item)]).map((item) => [item.id, explain(item)]),
  );
  return (
    <>
      <PageHeader
        title={t("reportHeading", { name: data.studentName })}
        subtitle={t("reportSubtitle", { from: date(r.periodStart), to: date(r.reportCardDate) })}
        actions={
          <Link href={base} className="inline-flex min-h-11 items-center text-brand-700 underline underline-offset-2">
            {t("backToReports")}
          </Link>
        }
      />
      <div className="space-y-6">
        {r.supersededBy && (
          <Alert tone="warning">
            {t("supersededBanner")}{" "}
            <Link className="font-medium underline" href={`${base}/${r.supersededBy}`}>
              {t("currentVersion")}
            </Link>
          </Alert>
        )}
        {r.correctionReason && <Alert tone="info">{t("correctionBanner", { reason: r.correctionReason })}</Alert>}
        {r.status === "issued" && r.issuedOn && r.deliveryMethod && (
          <Alert tone="info">
            {t("issuedBanner", {
              date: date(r.issuedOn),
              method: translate(`progressReports.delivery.${r.deliveryMethod}`),
            })}
          </Alert>
        )}
        {data.canEdit && (
          <>
            <Card title={t("missingTitle")} titleId="report-missing-title">
              {data.missing.length === 0 ? (
                <p className="text-sm text-emerald-800">{t("complete")}</p>
              ) : (
                <>
                  <p className="text-sm">{t("missingIntro", { count: data.missing.length })}</p>
                  <ul className="mt-2 list-disc pl-5 text-sm">
                    {data.missing.map((m) => (
                      <li key={`${m.goal}-${m.objective ?? 0}`}>
                        {m.objective === null
                          ? t("missingGoal", { goal: m.goal })
                          : t("missingObjective", { goal: m.goal, objective: m.objective })}
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </Card>
            <Card title={t("editTitle")} titleId="report-edit-title">
              <p className="mb-4 text-sm text-slate-700">{t("editIntro")}</p>
              <ReportForm
                studentId={data.studentId}
                reportId={r.id}
                lockVersion={r.lockVersion}
                today={data.today}
                languageLabel={t(`languages.${r.language}`)}
                goals={goals}
                explanations={explanations}
                save={saveProgressReportAction}
                issue={issueProgressReportAction}
              />
            </Card>
          </>
        )}
        {data.versions.length > 1 && (
          <Card title={t("versionsTitle")} titleId="report-versions-title">
            <ul className="space-y-1 text-sm">
              {data.versions.map((v) => (
                <li key={v.id} className="flex flex-wrap items-center gap-x-3">
                  {v.id === r.id ? (
                    <span className="inline-flex min-h-11 items-center font-medium" aria-current="page">
                      {t("versionN", { n: v.version })}
                    </span>
                  ) : (
                    <Link
                      className="inline-flex min-h-11 items-center text-brand-700 underline underline-offset-2"
                      href={`${base}/${v.id}`}
                    >
                      {t("versionN", { n: v.version })}
                    </Link>
                  )}
                  <span>
                    {v.status === "issued" && v.issuedOn
                      ? t("statusIssued", { date: date(v.issuedOn) })
                      : t("statusDraft")}
                  </span>
                </li>
              ))}
            </ul>
          </Card>
        )}
        <Card
          title={r.status === "issued" ? t("issuedDocumentTitle") : t("previewTitle")}
          titleId="report-document-title"
          actions={
            r.status === "issued" ? (
              <a
                className="inline-flex min-h-11 items-center font-medium text-brand-700 underline underline-offset-2"
                href={`${base}/${r.id}/pdf`}
              >
                {t("downloadPdf")}
              </a>
            ) : undefined
          }
        >
          <DocumentView doc={data.document} headingLevel={3} />
          {data.sha256 && (
            <p className="mt-4 text-xs break-all text-slate-600">{t("fingerprint", { sha: data.sha256 })}</p>
          )}
        </Card>
        {data.canCorrect && (
          <Card title={t("correctTitle")} titleId="report-correct-title">
            <CorrectionForm studentId={data.studentId} reportId={r.id} action={correctProgressReportAction} />
          </Card>
        )}
      </div>
    </>
  );
}
