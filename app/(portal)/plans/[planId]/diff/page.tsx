import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { DiffView } from "@/components/plans/diff-view";
import { PageHeader } from "@/components/ui/page-header";
import { requireViewer } from "@/lib/auth";
import { orNotFound } from "@/lib/http/not-found";
import { getVersionDiff } from "@/lib/dal/plan-views";

export async function generateMetadata() {
  const t = await getTranslations("plans.diff");
  return { title: t("title") };
}

export default async function PlanDiffPage({
  params,
  searchParams,
}: {
  params: Promise<{ planId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await requireViewer();
  const { planId } = await params;
  const query = await searchParams;
  const from = typeof query.from === "string" ? query.from : "";
  const to = typeof query.to === "string" ? query.to : "";
  const view = await orNotFound(getVersionDiff(viewer, planId, from, to));
  const t = await getTranslations("plans");
  return (
    <>
      <PageHeader
        title={t("diff.title")}
        subtitle={t("diff.subtitle", {
          type: t(`type.${view.plan.type}`),
          name: view.student.name,
          from: view.from.number,
          to: view.to.number,
        })}
        actions={
          <Link href={`/plans/${view.plan.id}?version=${view.to.id}`} className="text-brand-700 underline">
            {t("editor.backToPlan")}
          </Link>
        }
      />
      <DiffView diff={view.diff} />
    </>
  );
}
