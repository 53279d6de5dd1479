import { addDays, calendarDaysBetween, weekday } from "@/lib/compliance";
import type { CalendarEntry, CalendarProblem, ParsedCalendarFile } from "./entries";

/** The school's calendar as stored, for checking a file against it. */
export interface ExistingCalendar {
  years: { id: string; label: string; firstDay: string; lastDay: string }[];
  days: { date: string; kind: "closure" | "extra_day" }[];
  /** The report-card dates already stored (absent: none). */
  reportCards?: { date: string }[];
}

/** Where a planned day goes: an existing school year (by id) or one the same file adds (by label). */
export type YearRef = { id: string } | { label: string };

export interface CalendarImportPlan {
  years: { label: string; firstDay: string; lastDay: string }[];
  days: { year: YearRef; date: string; kind: "closure" | "extra_day"; reason: string }[];
  /** Report-card dates, written by the same writer as the calendar page's form. */
  reportCards: { year: YearRef; date: string; label: string }[];
  ignored: number;
}

/** The longest school year and the longest closure range a file may contain. */
export const LIMITS = { yearDays: 366, closureRangeDays: 31, problems: 50 } as const;

const isWeekend = (date: string) => weekday(date) === 0 || weekday(date) === 6;

function datesOf(entry: Extract<CalendarEntry, { kind: "closure" }>): string[] {
  const dates: string[] = [];
  for (let d = entry.firstDate; d <= entry.lastDate; d = addDays(d, 1)) if (!isWeekend(d)) dates.push(d);
  return dates;
}

/**
 * Checks a parsed calendar file against the school's stored calendar and turns it into rows to
 * insert — or into the list of every problem found, so that nothing is imported when anything is
 * wrong: school years out of order, longer than a year, overlapping each other or the stored ones,
 * or reusing a label; closures and make-up days outside every school year, closures on a weekend,
 * and dates given twice in the file or already in the calendar; report-card dates outside every
 * school year, on a day without school (a weekend that is no make-up day, or a closure stored or in
 * the file), given twice or already stored. At most 50 problems are listed.
 */
export function planCalendarImport(
  file: ParsedCalendarFile,
  existing: ExistingCalendar,
): { plan: CalendarImportPlan } | { problems: CalendarProblem[] } {
  const problems: CalendarProblem[] = [...file.problems];
  const years = file.entries.filter((e): e is Extract<CalendarEntry, { kind: "year" }> => e.kind === "year");
  const accepted: { label: string; firstDay: string; lastDay: string; line: number }[] = [];

  for (const year of years) {
    const { line, label, firstDay, lastDay } = year;
    if (firstDay > lastDay) {
      problems.push({ line, code: "yearOrder", values: { label } });
      continue;
    }
    if (calendarDaysBetween(firstDay, lastDay) + 1 > LIMITS.yearDays) {
      problems.push({ line, code: "yearTooLong", values: { label, max: LIMITS.yearDays } });
      continue;
    }
    const stored = existing.years.find((y) => firstDay <= y.lastDay && y.firstDay <= lastDay);
    const inFile = accepted.find((y) => firstDay <= y.lastDay && y.firstDay <= lastDay);
    if (stored) problems.push({ line, code: "yearOverlapsStored", values: { label, other: stored.label } });
    else if (inFile) problems.push({ line, code: "yearOverlapsFile", values: { label, otherLine: inFile.line } });
    else if (existing.years.some((y) => y.label === label) || accepted.some((y) => y.label === label)) {
      problems.push({ line, code: "yearLabelTaken", values: { label } });
    } else accepted.push({ line, label, firstDay, lastDay });
  }

  const yearOf = (date: string): YearRef | null => {
    const stored = existing.years.find((y) => y.firstDay <= date && date <= y.lastDay);
    if (stored) return { id: stored.id };
    const added = accepted.find((y) => y.firstDay <= date && date <= y.lastDay);
    return added ? { label: added.label } : null;
  };
  const storedDates = new Set(existing.days.map((d) => d.date));
  const fileDates = new Map<string, number>();
  const days: CalendarImportPlan["days"] = [];

  for (const entry of file.entries) {
    if (entry.kind === "year" || entry.kind === "report_card") continue;
    const { line } = entry;
    let dates: string[];
    if (entry.kind === "closure") {
      if (entry.lastDate < entry.firstDate) {
        problems.push({ line, code: "rangeOrder", values: { summary: entry.reason } });
        continue;
      }
      if (calendarDaysBetween(entry.firstDate, entry.lastDate) + 1 > LIMITS.closureRangeDays) {
        problems.push({ line, code: "rangeTooLong", values: { max: LIMITS.closureRangeDays } });
        continue;
      }
      dates = datesOf(entry);
      if (dates.length === 0) {
        problems.push({ line, code: "weekendClosure", values: { date: entry.firstDate } });
        continue;
      }
    } else dates = [entry.date];
    for (const date of dates) {
      const year = yearOf(date);
      const seenOn = fileDates.get(date);
      if (!year) problems.push({ line, code: "outsideYear", values: { date } });
      else if (seenOn !== undefined)
        problems.push({ line, code: "duplicateInFile", values: { date, otherLine: seenOn } });
      else if (storedDates.has(date)) problems.push({ line, code: "alreadyInCalendar", values: { date } });
      else {
        fileDates.set(date, line);
        days.push({ year, date, kind: entry.kind, reason: entry.reason });
      }
    }
  }

  const storedKinds = new Map(existing.days.map((d) => [d.date, d.kind]));
  const storedReportCards = new Set((existing.reportCards ?? []).map((r) => r.date));
  const reportCardLines = new Map<string, number>();
  const reportCards: CalendarImportPlan["reportCards"] = [];
  for (const entry of file.entries) {
    if (entry.kind !== "report_card") continue;
    const { line, date } = entry;
    const kind = days.find((d) => d.date === date)?.kind ?? storedKinds.get(date);
    const year = yearOf(date);
    const seenOn = reportCardLines.get(date);
    if (!year) problems.push({ line, code: "outsideYear", values: { date } });
    else if (kind === "closure" || (isWeekend(date) && kind !== "extra_day"))
      problems.push({ line, code: "reportCardNotSchoolDay", values: { date } });
    else if (seenOn !== undefined)
      problems.push({ line, code: "duplicateInFile", values: { date, otherLine: seenOn } });
    else if (storedReportCards.has(date)) problems.push({ line, code: "alreadyInCalendar", values: { date } });
    else {
      reportCardLines.set(date, line);
      reportCards.push({ year, date, label: entry.label });
    }
  }

  if (problems.length === 0 && accepted.length === 0 && days.length === 0 && reportCards.length === 0)
    problems.push({ line: null, code: "empty" });
  if (problems.length > 0) {
    problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    if (problems.length <= LIMITS.problems) return { problems };
    return {
      problems: [
        ...problems.slice(0, LIMITS.problems),
        { line: null, code: "moreProblems", values: { count: problems.length - LIMITS.problems } },
      ],
    };
  }
  return {
    plan: {
      years: accepted.map(({ label, firstDay, lastDay }) => ({ label, firstDay, lastDay })),
      days,
      reportCards,
      ignored: file.ignored,
    },
  };
}
