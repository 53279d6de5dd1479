/** Audit events of the plan lifecycle (issue 11): scheduled activation, ends, stay-put filings. */
export const lifecycleEvents = {
  "plan.activation_scheduled": "mutation",
  "plan.ended": "mutation",
  "plan.end_scheduled": "mutation",
  "plan.end_cancelled": "mutation",
  "plan.end_held_stay_put": "mutation",
  "plan.end_rescheduled": "mutation",
  "records.disclosed": "mutation",
  "guardianship.court_recorded": "mutation",
  "dueProcess.recorded": "mutation",
  "dueProcess.closed": "mutation",
} as const satisfies Record<string, "access" | "auth" | "mutation">;
