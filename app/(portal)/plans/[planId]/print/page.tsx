import { getLocale, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { DocumentView } from "@/components/documents/document-view";
import { requireViewer } from "@/lib/auth";
import { buildPlanDocument } from "@/lib/documents/plan";
import { orNotFound } from "@/lib/http/not-found";
import { getPlanViewWithProgress } from "@/lib/dal/plan-views";
import { translatorFor } from "@/lib/notifications/translator";

export async function generateMetadata() {
  const t = await getTranslations("plans.page");
  return { title: t("print") };
}

/**
 * The printable plan version: the same document model as the PDF (an IEP once in force with its goal
 * data as charts and tables, as in the PDF).
 */
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
    getPlanViewWithProgress(viewer, planId, typeof query.version === "string" ? query.version : undefined),
  );
  const t = await getTranslations("plans");
  if (!view.selected) notFound();
  const doc = buildPlanDocument(
    { type: view.plan.type, student: view.student, version: view.selected, progress: view.progress },
    await translatorFor(await getLocale()),
  );
  return (
    <div className="mx-auto max-w-3xl bg-white p-8 print:p-0">
      <h1 className="mb-6 text-2xl font-bold">
        {t("page.title", { type: t(`typeLong.${view.plan.type}`), name: view.student.name })}
      </h1>
      <DocumentView doc={doc} />
    </div>
  );
}
