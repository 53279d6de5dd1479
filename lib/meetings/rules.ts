import type { SchoolCalendar } from "@/lib/compliance";

/** Roles of the IEP team the law requires at a PPT (34 CFR 300.321(a)(1)-(5)). */
export const REQUIRED_PPT_ROLES = [
  "parent",
  "general_education_teacher",
  "special_education_teacher",
  "district_representative",
  "evaluation_interpreter",
] as const;
export type RequiredPptRole = (typeof REQUIRED_PPT_ROLES)[number];

/** The last day a meeting notice may go out: `schoolDays` school days before the meeting (D-06). */
export function meetingNoticeDue(calendar: SchoolCalendar, meetingDate: string, schoolDays: number): string | null {
  return calendar.nthSchoolDayBefore(meetingDate, schoolDays);
}

/**
 * Whether a notice sent on `sentOn` is short for a meeting on `meetingDate` (D-06): sent after the
 * day `schoolDays` school days before the meeting, or the calendar cannot count that far back.
 */
export function isShortNotice(
  calendar: SchoolCalendar,
  sentOn: string,
  meetingDate: string,
  schoolDays: number,
): boolean {
  const due = meetingNoticeDue(calendar, meetingDate, schoolDays);
  return due === null || due < sentOn;
}

/**
 * The day a proposal in a prior written notice may be implemented (D-05, RCSA 10-76d-8(a)(5)):
 * the date agreed with the parent, else the `schoolDays`th school day after the day it was sent on
 * the student's school calendar. Null when the calendar ends before that day (no school year loaded).
 */
export function pwnImplementationDate(
  calendar: SchoolCalendar,
  sentOn: string,
  agreedDate: string | null | undefined,
  schoolDays: number,
): string | null {
  if (agreedDate) return agreedDate;
  return calendar.nthSchoolDayAfter(sentOn, schoolDays);
}

export interface AttendanceRow {
  role: string;
  attended: boolean;
  excused: boolean;
  /** The excusal request carries a granted, unrevoked parent consent (C-06). */
  excusalGranted: boolean;
}

/**
 * The required PPT roles (300.321) nobody filled: a role is filled when a participant in that role
 * attended, or (for a role other than the parent) was excused with the parent's written consent
 * (300.321(e), C-06). One person may fill two roles (one participant row per role).
 */
export function missingRequiredRoles(rows: readonly AttendanceRow[]): RequiredPptRole[] {
  return REQUIRED_PPT_ROLES.filter(
    (role) =>
      !rows.some(
        (row) => row.role === role && (row.attended || (role !== "parent" && row.excused && row.excusalGranted)),
      ),
  );
}

/** The family's language for notices: the student's parent language when PlanPath has it, else English. */
export function familyLanguage(parentLanguage: string): "en" | "es" {
  return parentLanguage === "es" ? "es" : "en";
}
