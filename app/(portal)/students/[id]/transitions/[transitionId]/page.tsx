import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { AssignCaseManagerForm } from "@/components/transitions/assign-case-manager";
import { ReferralStepForms } from "@/components/transitions/referral-forms";
import { TransitionDetail } from "@/components/transitions/transition-view";
import { PageHeader } from "@/components/ui/page-header";
import { requireViewer } from "@/lib/auth";
import { getCaseManagerAssignment } from "@/lib/dal/case-managers";
import { getTransition } from "@/lib/dal/referrals";
import { isAppError } from "@/lib/errors";
import {
  assignCaseManagerAction,
  closeReferralAction,
  completeEvaluationAction,
  decideReferralAction,
  determineEligibilityAction,
  recordReportRequestAction,
} from "../actions";

export async function generateMetadata() {
  const t = await getTranslations("referrals.page");
  return { title: t("title") };
}

/**
 * One open (or past) transition of a student — an initial referral (incl. 504 → IEP) or a plan end: its
 * steps, the current one, who acts next, what blocks it and each step's deadline; the referral's step
 * forms for its case manager or principal.
 */
export default async function TransitionPage({ params }: { params: Promise<{ id: string; transitionId: string }> }) {
  const viewer = await requireViewer();
  const { id, transitionId } = await params;
  const t = await getTranslations("referrals");
  let data;
  try {
    data = await getTransition(viewer, id, transitionId);
  } catch (error) {
    if (isAppError(error) && (error.code === "NOT_FOUND" || error.code === "FORBIDDEN")) notFound();
    throw error;
  }
  const assignment =
    data.kind === "referral" && data.status === "open" ? await getCaseManagerAssignment(viewer, data.studentId) : null;
  const title =
    data.kind === "referral"
      ? t("page.referralTitle", { flow: t(`flows.${data.flow}`), name: data.studentName })
      : t("page.planEndTitle", { name: data.studentName });
  return (
    <>
      <PageHeader
        title={title}
        subtitle={
          <Link className="inline-block py-2 text-brand-700 underline" href={`/students/${data.studentId}`}>
            {t("page.back")}
          </Link>
        }
      />
      <TransitionDetail data={data}>
        {assignment && <AssignCaseManagerForm data={assignment} action={assignCaseManagerAction} />}
        {data.kind === "referral" && (
          <ReferralStepForms
            data={data}
            actions={{
              decide: decideReferralAction,
              complete: completeEvaluationAction,
              report: recordReportRequestAction,
              eligibility: determineEligibilityAction,
              close: closeReferralAction,
            }}
          />
        )}
      </TransitionDetail>
    </>
  );
}
