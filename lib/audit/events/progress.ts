/** Audit events of progress monitoring: goal collectors, goal data, charts read. */
export const progressEvents = {
  "progress.collector_assigned": "mutation",
  "progress.collector_removed": "mutation",
  "progress.data_recorded": "mutation",
  "progress.data_corrected": "mutation",
  "progress.session_recorded": "mutation",
  "progress.viewed": "access",
} as const satisfies Record<string, "access" | "auth" | "mutation">;
