/**
 * Every audit event PlanPath writes, by name (past tense), with its kind. Details never hold the
 * text a user typed: only ids, field names and counts.
 */
export const AUDIT_EVENTS = {
  "student.viewed": "access",
  "students.listed": "access",
  "section.viewed": "access",
  "auth.signed_in": "auth",
  "auth.sign_in_failed": "auth",
  "auth.locked_out": "auth",
  "auth.signed_out": "auth",
  "auth.session_revoked": "auth",
  "user.settings_updated": "mutation",
  "user.deactivated": "mutation",
  "user.reactivated": "mutation",
  "guardianship.restriction_changed": "mutation",
  "coordinator504.designated": "mutation",
  "coordinator504.removed": "mutation",
  "calendar.day_added": "mutation",
  "calendar.day_removed": "mutation",
} as const satisfies Record<string, "access" | "auth" | "mutation">;

export type AuditAction = keyof typeof AUDIT_EVENTS;
export type AuditKind = (typeof AUDIT_EVENTS)[AuditAction];
