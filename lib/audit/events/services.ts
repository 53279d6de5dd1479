/** Audit events of service minutes: sessions logged, minutes read and exported, report-card dates. */
export const serviceEvents = {
  "services.logged": "mutation",
  "services.viewed": "access",
  "services.exported": "access",
  "calendar.report_card_dates_updated": "mutation",
} as const satisfies Record<string, "access" | "auth" | "mutation">;
