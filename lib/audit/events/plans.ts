/** Audit events of IEP and 504 plans. Details name the fields that changed, never their text. */
export const planEvents = {
  "plan.created": "mutation",
  "plan.draft_saved": "mutation",
  "plan.proposed": "mutation",
  "plan.returned_to_draft": "mutation",
  "plan.finalized": "mutation",
  "plan.activated": "mutation",
  "plan.amendment_started": "mutation",
  "plan.draft_discarded": "mutation",
  "plan.viewed": "access",
  "plan.glance_viewed": "access",
  "plan.draft_opened": "access",
  "plan.diff_viewed": "access",
  "plan.document_downloaded": "access",
} as const satisfies Record<string, "access" | "auth" | "mutation">;
