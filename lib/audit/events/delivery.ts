/** Audit events of accommodation delivery: acknowledgments, the implementation log, evidence. */
export const deliveryEvents = {
  "accommodations.acknowledged": "mutation",
  "implementation.logged": "mutation",
  "implementation.class_logged": "mutation",
  "implementation.class_log_undone": "mutation",
  "evidence.viewed": "access",
  "evidence.exported": "access",
  "coverage.viewed": "access",
} as const satisfies Record<string, "access" | "auth" | "mutation">;
