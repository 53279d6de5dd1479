import { getLocale, getTranslations } from "next-intl/server";
import { DocumentView } from "@/components/documents/document-view";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { requireViewer } from "@/lib/auth";
import { buildGlanceDocument } from "@/lib/documents/at-a-glance";
import { orNotFound } from "@/lib/http/not-found";
import { getGlance } from "@/lib/dal/plan-views";
import { translatorFor } from "@/lib/notifications/translator";

export async function generateMetadata() {
  const t = await getTranslations("plans.glance");
  return { title: t("title") };
}

/** The at-a-glance sheet: the same document model the PDF draws (`buildGlanceDocument`). */
export default async function GlancePage({ params }: { params: Promise<{ planId: string }> }) {
  const viewer = await requireViewer();
  const { planId } = await params;
  const glance = await orNotFound(getGlance(viewer, planId));
  const t = await getTranslations("plans");
  const version = glance.version;
  return (
    <>
      <PageHeader
        title={t("glance.title")}
        actions={
          version ? (
            <a href={`/plans/${glance.plan.id}/glance/pdf`} className="no-print text-brand-700 underline">
              {t("page.glancePdf")}
            </a>
          ) : undefined
        }
      />
      {version ? (
        <DocumentView doc={buildGlanceDocument({ ...glance, version }, await translatorFor(await getLocale()))} />
      ) : (
        <Alert tone="info">{t("glance.noActive")}</Alert>
      )}
    </>
  );
}
