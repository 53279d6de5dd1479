import { getTranslations } from "next-intl/server";
import { PlanEditor } from "@/components/plans/editor/plan-editor";
import { PageHeader } from "@/components/ui/page-header";
import { requireViewer } from "@/lib/auth";
import { orNotFound } from "@/lib/http/not-found";
import { getDraftForEdit } from "@/lib/dal/plan-views";
import { savePlanDraftAction, searchAccommodationBankAction, searchGoalBankAction } from "../../../actions";

export async function generateMetadata() {
  const t = await getTranslations("plans.actions");
  return { title: t("edit") };
}

export default async function EditPlanPage({ params }: { params: Promise<{ planId: string; versionId: string }> }) {
  const viewer = await requireViewer();
  const { planId, versionId } = await params;
  const draft = await orNotFound(getDraftForEdit(viewer, planId, versionId));
  const t = await getTranslations("plans");
  return (
    <>
      <PageHeader
        title={t("editor.title", {
          type: t(`type.${draft.plan.type}`),
          number: draft.version.number,
          name: draft.student.name,
        })}
      />
      <PlanEditor
        draft={draft}
        userId={viewer.userId}
        actions={{
          save: savePlanDraftAction,
          searchAccommodationBank: searchAccommodationBankAction,
          searchGoalBank: searchGoalBankAction,
        }}
      />
    </>
  );
}
