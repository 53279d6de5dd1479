/**
 * Reason codes for an initial evaluation (D-01) completed after its due date, after the categories
 * Connecticut districts report for Indicator 11 ("acceptable reasons for delay" and others).
 * Districts choose which codes their staff may use (district settings); labels are translated
 * under `deadlines.delayReasons.<code>`.
 */
export const DELAY_REASON_CODES = [
  "parent_unavailable",
  "parent_requested_delay",
  "student_transferred",
  "student_unavailable",
  "evaluator_unavailable",
  "school_scheduling",
  "records_delay",
  "other",
] as const;

export type DelayReasonCode = (typeof DELAY_REASON_CODES)[number];

/** Whether `value` is a known delay reason code. */
export function isDelayReasonCode(value: unknown): value is DelayReasonCode {
  return typeof value === "string" && (DELAY_REASON_CODES as readonly string[]).includes(value);
}
