import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { MissingList } from "@/components/plans/missing-list";
import { PlanActions } from "@/components/plans/plan-actions";
import { LazyChartsDocumentView } from "@/components/documents/lazy-charts-document-view";
import { StatusBadge } from "@/components/plans/status-badge";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireViewer } from "@/lib/auth";
import { buildPlanDocument } from "@/lib/documents/plan";
import { orNotFound } from "@/lib/http/not-found";
import { getPlanViewWithProgress } from "@/lib/dal/plan-views";
import { translatorFor } from "@/lib/notifications/translator";
import {
  activateVersionAction,
  discardDraftAction,
  finalizeVersionAction,
  proposeVersionAction,
  returnToDraftAction,
  startAmendmentAction,
} from "./actions";

export async function generateMetadata() {
  const t = await getTranslations("plans.page");
  return { title: t("versionsTitle") };
}

export default async function PlanPage({
  params,
  searchParams,
}: {
  params: Promise<{ planId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await requireViewer();
  const { planId } = await params;
  const query = await searchParams;
  const requested = typeof query.version === "string" ? query.version : undefined;
  const view = await orNotFound(getPlanViewWithProgress(viewer, planId, requested));
  const t = await getTranslations("plans");
  const format = await getFormatter();
  const day = (date: string) =>
    format.dateTime(new Date(`${date}T12:00:00Z`), { dateStyle: "medium", timeZone: "UTC" });
  const typeName = t(`type.${view.plan.type}`);
  const selected = view.selected;
  // An IEP version that is or was in force shows its goal data after its goals (charts and data
  // tables, PM-5), as its PDF and print view do: every plan reader may read progress (progress.read).
  const progress = view.progress;
  return (
    <>
      <PageHeader
        title={t("page.title", { type: t(`typeLong.${view.plan.type}`), name: view.student.name })}
        subtitle={
          <Link href={`/students/${view.student.id}`} className="underline underline-offset-2">
            {view.student.name}
          </Link>
        }
        actions={
          selected && (
            <div className="no-print flex flex-wrap gap-3 text-sm">
              <Link href={`/plans/${view.plan.id}/print?version=${selected.id}`} className="text-brand-700 underline">
                {t("page.print")}
              </Link>
              <a href={`/plans/${view.plan.id}/pdf?version=${selected.id}`} className="text-brand-700 underline">
                {t("page.pdf")}
              </a>
              {selected.status === "active" && (
                <a href={`/plans/${view.plan.id}/glance/pdf`} className="text-brand-700 underline">
                  {t("page.glancePdf")}
                </a>
              )}
            </div>
          )
        }
      />
      {view.otherActivePlanType && (
        <div className="mb-4">
          <Alert tone="info">{t("page.otherActive", { type: t(`type.${view.otherActivePlanType}`) })}</Alert>
        </div>
      )}
      <div className="grid gap-6 lg:grid-cols-[18rem_1fr]">
        <Card title={t("page.versionsTitle")} titleId="versions-title">
          <ol className="space-y-3 text-sm">
            {view.versions.map((v, index) => {
              const previous = view.versions[index + 1];
              const isSelected = selected?.id === v.id;
              return (
                <li key={v.id} className={isSelected ? "rounded bg-brand-50 p-2" : "p-2"}>
                  <div className="flex items-center gap-2">
                    <span className="font-medium">{t("versionLabel", { number: v.number })}</span>
                    <StatusBadge status={v.status} />
                  </div>
                  {v.effectiveOn && <p>{t("page.effective", { date: day(v.effectiveOn) })}</p>}
                  {v.endedOn && <p>{t("page.ended", { date: day(v.endedOn) })}</p>}
                  <p className="mt-1 flex flex-col gap-1">
                    {isSelected ? (
                      <span className="text-slate-600">{t("page.viewing")}</span>
                    ) : (
                      <Link href={`/plans/${view.plan.id}?version=${v.id}`} className="text-brand-700 underline">
                        {t("page.view")}
                        <span className="sr-only"> {t("versionLabel", { number: v.number })}</span>
                      </Link>
                    )}
                    {previous && (
                      <Link
                        href={`/plans/${view.plan.id}/diff?from=${previous.id}&to=${v.id}`}
                        className="text-brand-700 underline"
                      >
                        {t("page.compareWithPrevious", { number: previous.number })}
                      </Link>
                    )}
                  </p>
                </li>
              );
            })}
          </ol>
        </Card>
        <div className="space-y-6">
          {selected && (
            <PlanActions
              planId={view.plan.id}
              studentId={view.student.id}
              version={{ id: selected.id, status: selected.status }}
              can={view.can}
              steps={view.steps}
              scheduledOn={view.scheduledOn ? day(view.scheduledOn) : null}
              today={viewer.today}
              replaces504={view.plan.type === "iep" && view.otherActivePlanType === "504"}
              actions={{
                propose: proposeVersionAction,
                returnToDraft: returnToDraftAction,
                finalize: finalizeVersionAction,
                activate: activateVersionAction,
                amend: startAmendmentAction,
                discard: discardDraftAction,
              }}
            />
          )}
          {selected && (selected.status === "draft" || selected.status === "proposed") && view.can.finalize && (
            <Card title={t("page.missingTitle")} titleId="missing-title">
              {selected.missing.length ? <MissingList issues={selected.missing} /> : <p>{t("page.missingNone")}</p>}
            </Card>
          )}
          {selected && (
            <Card
              title={
                <span className="flex flex-wrap items-center gap-2">
                  {typeName} · {t("versionLabel", { number: selected.number })} <StatusBadge status={selected.status} />
                </span>
              }
              titleId="document-title"
            >
              <LazyChartsDocumentView
                doc={buildPlanDocument(
                  { type: view.plan.type, student: view.student, version: selected, progress },
                  await translatorFor(await getLocale()),
                )}
                headingLevel={3}
              />
            </Card>
          )}
        </div>
      </div>
    </>
  );
}
