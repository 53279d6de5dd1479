import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { PlanDocument } from "@/components/plans/plan-document";
import { StatusBadge } from "@/components/plans/status-badge";
import { requireViewer } from "@/lib/auth";
import { orNotFound } from "@/lib/http/not-found";
import { getPlanView } from "@/lib/dal/plan-views";

export async function generateMetadata() {
  const t = await getTranslations("plans.page");
  return { title: t("print") };
}

export default async function PrintPlanPage({
  params,
  searchParams,
}: {
  params: Promise<{ planId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await requireViewer();
  const { planId } = await params;
  const query = await searchParams;
  const view = await orNotFound(
    getPlanView(viewer, planId, typeof query.version === "string" ? query.version : undefined),
  );
  const t = await getTranslations("plans");
  if (!view.selected) notFound();
  return (
    <div className="mx-auto max-w-3xl bg-white p-8 print:p-0">
      <h1 className="text-2xl font-bold">
        {t("page.title", { type: t(`typeLong.${view.plan.type}`), name: view.student.name })}
      </h1>
      <p className="mt-1 mb-6 flex items-center gap-2 text-slate-700">
        {view.student.schoolName} · {t("versionLabel", { number: view.selected.number })}{" "}
        <StatusBadge status={view.selected.status} />
      </p>
      <PlanDocument type={view.plan.type} content={view.selected.content} />
      {view.selected.contentHash && (
        <p className="mt-8 text-xs break-all text-slate-600">
          {t("page.contentHash", { hash: view.selected.contentHash })}
        </p>
      )}
    </div>
  );
}
