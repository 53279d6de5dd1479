import { getTranslations } from "next-intl/server";
import { GlanceContent } from "@/components/plans/glance-view";
import { PageHeader } from "@/components/ui/page-header";
import { requireViewer } from "@/lib/auth";
import { orNotFound } from "@/lib/http/not-found";
import { getGlance } from "@/lib/dal/plan-views";

export async function generateMetadata() {
  const t = await getTranslations("plans.glance");
  return { title: t("title") };
}

export default async function GlancePage({ params }: { params: Promise<{ planId: string }> }) {
  const viewer = await requireViewer();
  const { planId } = await params;
  const glance = await orNotFound(getGlance(viewer, planId));
  const t = await getTranslations("plans");
  return (
    <>
      <PageHeader
        title={t("glance.title")}
        actions={
          glance.version ? (
            <a href={`/plans/${glance.plan.id}/glance/pdf`} className="no-print text-brand-700 underline">
              {t("page.glancePdf")}
            </a>
          ) : undefined
        }
      />
      <GlanceContent glance={glance} />
    </>
  );
}
