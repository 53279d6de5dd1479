import type { SchoolCalendar } from "@/lib/compliance";

/** Where an open deadline stands on `today`, counted in the school's school days. */
export interface Timing {
  /** School days d with today < d <= due; 0 when due today; negative when overdue. */
  schoolDaysLeft: number;
  overdue: boolean;
  /** Overdue by at least the district's escalation threshold (in school days). */
  escalated: boolean;
  /** Due within the digest window: 0 <= schoolDaysLeft <= window. */
  dueSoon: boolean;
  /** Due after the calendar's last school day: `schoolDaysLeft` only counts the days the calendar has. */
  beyondCalendar: boolean;
}

/**
 * The timing of an open deadline due on `due`, seen on `today` (the district's local date).
 * A deadline due before today is overdue even when no school day has passed since (a Saturday
 * after a Friday due date): it escalates only after `escalateAfterSchoolDays` school days.
 */
export function timingOf(
  calendar: SchoolCalendar,
  today: string,
  due: string,
  settings: { escalateAfterSchoolDays: number; digestWindowSchoolDays: number },
): Timing {
  const schoolDaysLeft = calendar.schoolDaysBetween(today, due);
  const overdue = due < today;
  const last = calendar.lastSchoolDay;
  return {
    schoolDaysLeft,
    overdue,
    escalated: overdue && -schoolDaysLeft >= settings.escalateAfterSchoolDays,
    dueSoon: !overdue && schoolDaysLeft <= settings.digestWindowSchoolDays,
    beyondCalendar: last === null || due > last,
  };
}
