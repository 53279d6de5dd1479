/** Audit events of the initial referral (issue 12): each step of the guided flow. */
export const referralEvents = {
  "referral.created": "mutation",
  "referral.decided": "mutation",
  "referral.evaluation_completed": "mutation",
  "referral.report_requested": "mutation",
  "referral.eligibility_determined": "mutation",
  "referral.closed": "mutation",
  "caseManager.assigned": "mutation",
  "transition.viewed": "access",
} as const satisfies Record<string, "access" | "auth" | "mutation">;
