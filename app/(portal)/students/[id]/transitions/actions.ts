"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { assignCaseManager } from "@/lib/dal/case-managers";
import {
  closeReferral,
  completeEvaluation,
  createReferral,
  decideReferral,
  determineEligibility,
  recordReportRequest,
} from "@/lib/dal/referrals";
import {
  assignCaseManagerSchema,
  closeReferralSchema,
  completeEvaluationSchema,
  createReferralSchema,
  decideReferralSchema,
  determineEligibilitySchema,
  requestReportSchema,
} from "@/lib/validation/referrals";

function revalidate(studentId: string, referralId?: string) {
  revalidatePath(`/students/${studentId}`);
  if (referralId) revalidatePath(`/students/${studentId}/transitions/${referralId}`);
}

export const createReferralAction = defineAction(createReferralSchema, async (viewer, input) => {
  const result = await createReferral(viewer, input);
  revalidate(input.studentId);
  return result;
});

export const decideReferralAction = defineAction(decideReferralSchema, async (viewer, input) => {
  await decideReferral(viewer, input);
  revalidate(input.studentId, input.referralId);
});

export const completeEvaluationAction = defineAction(completeEvaluationSchema, async (viewer, input) => {
  await completeEvaluation(viewer, input);
  revalidate(input.studentId, input.referralId);
});

export const recordReportRequestAction = defineAction(requestReportSchema, async (viewer, input) => {
  await recordReportRequest(viewer, input);
  revalidate(input.studentId, input.referralId);
});

export const determineEligibilityAction = defineAction(determineEligibilitySchema, async (viewer, input) => {
  await determineEligibility(viewer, input);
  revalidate(input.studentId, input.referralId);
});

export const closeReferralAction = defineAction(closeReferralSchema, async (viewer, input) => {
  await closeReferral(viewer, input);
  revalidate(input.studentId, input.referralId);
});

export const assignCaseManagerAction = defineAction(assignCaseManagerSchema, async (viewer, input) => {
  await assignCaseManager(viewer, input);
  revalidatePath(`/students/${input.studentId}`, "layout");
});
