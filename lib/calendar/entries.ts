/** What a calendar file says, before it is checked against the school's calendar. */
export type CalendarEntry =
  | { kind: "year"; line: number; label: string; firstDay: string; lastDay: string }
  | { kind: "closure"; line: number; firstDate: string; lastDate: string; reason: string }
  | { kind: "extra_day"; line: number; date: string; reason: string }
  | { kind: "report_card"; line: number; date: string; label: string };

/** A problem in a calendar file: its line (null for the whole file) and a message code with values. */
export interface CalendarProblem {
  line: number | null;
  code: string;
  values?: Record<string, string | number>;
}

/** A parsed calendar file: its entries, its problems, and how many entries were not about school days. */
export interface ParsedCalendarFile {
  entries: CalendarEntry[];
  problems: CalendarProblem[];
  /** Timed or weekend-only iCal events: not closures, skipped and counted. */
  ignored: number;
}
