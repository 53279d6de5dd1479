/** Audit events of progress reports to families (D-13): drafting, issuing, correcting and every read. */
export const progressReportEvents = {
  "progress_report.drafted": "mutation",
  "progress_report.saved": "mutation",
  "progress_report.issued": "mutation",
  "progress_report.correction_started": "mutation",
  "progress_report.viewed": "access",
  "progress_report.listed": "access",
  "progress_report.downloaded": "access",
} as const satisfies Record<string, "access" | "auth" | "mutation">;
