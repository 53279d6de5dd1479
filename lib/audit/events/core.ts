/** Audit events of the foundation: record access, sign-in, accounts, schools. */
export const coreEvents = {
  "student.viewed": "access",
  "students.listed": "access",
  "section.viewed": "access",
  "access.denied": "access",
  "access.out_of_scope": "access",
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
} as const satisfies Record<string, "access" | "auth" | "mutation">;
