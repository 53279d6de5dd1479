/** Audit events of PPT and 504 meetings and prior written notices (issue 11). */
export const meetingEvents = {
  "meeting.scheduled": "mutation",
  "meeting.notice_sent": "mutation",
  "meeting.held": "mutation",
  "meeting.cancelled": "mutation",
  "meeting.viewed": "access",
  "meeting.notice_downloaded": "access",
  "notice.created": "mutation",
  "notice.updated": "mutation",
  "notice.sent": "mutation",
  "notice.viewed": "access",
  "notice.document_downloaded": "access",
} as const satisfies Record<string, "access" | "auth" | "mutation">;
