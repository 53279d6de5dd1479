/** Audit events of the consent ledger (issue 11): requests, responses, questions. */
export const consentEvents = {
  "consent.requested": "mutation",
  "consent.responded": "mutation",
  "consent.response_recorded": "mutation",
  "consent.no_response_recorded": "mutation",
  "consent.more_time_requested": "mutation",
  "consent.viewed": "access",
} as const satisfies Record<string, "access" | "auth" | "mutation">;
