import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { PlanEditor } from "@/components/plans/editor/plan-editor";
import { PageHeader } from "@/components/ui/page-header";
import { requireViewer } from "@/lib/auth";
import { getDraftForEdit } from "@/lib/dal/plan-views";
import { isAppError } from "@/lib/errors";
import { savePlanDraftAction, searchAccommodationBankAction, searchGoalBankAction } from "../../../actions";

export async function generateMetadata() {
  const t = await getTranslations("plans.actions");
  return { title: t("edit") };
}

export default async function EditPlanPage({ params }: { params: Promise<{ planId: string; versionId: string }> }) {
  const viewer = await requireViewer();
  const { planId, versionId } = await params;
  let draft;
  try {
    draft = await getDraftForEdit(viewer, planId, versionId);
  } catch (error) {
    if (isAppError(error) && (error.code === "NOT_FOUND" || error.code === "FORBIDDEN")) notFound();
    throw error;
  }
  const t = await getTranslations("plans");
  return (
    <>
      <PageHeader title={t("editor.title", { type: t(`type.${draft.plan.type}`), number: draft.version.number, name: draft.student.name })} />
      <PlanEditor
        draft={draft}
        actions={{ save: savePlanDraftAction, searchAccommodationBank: searchAccommodationBankAction, searchGoalBank: searchGoalBankAction }}
      />
    </>
  );
}
