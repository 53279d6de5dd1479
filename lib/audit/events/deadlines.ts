/** Audit events of compliance deadlines: school calendars, case events, deadlines, district and notification settings. */
export const deadlineEvents = {
  "calendar.year_added": "mutation",
  "calendar.year_updated": "mutation",
  "calendar.year_removed": "mutation",
  "calendar.day_added": "mutation",
  "calendar.day_removed": "mutation",
  "calendar.imported": "mutation",
  "caseEvent.recorded": "mutation",
  "caseEvent.voided": "mutation",
  "deadline.completed": "mutation",
  "deadline.delay_reason_recorded": "mutation",
  "district.settings_updated": "mutation",
  "user.notifications_updated": "mutation",
  "calendarFeed.created": "mutation",
  "calendarFeed.revoked": "mutation",
} as const satisfies Record<string, "access" | "auth" | "mutation">;
