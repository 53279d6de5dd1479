import { addDays, type IsoDate } from "@/lib/compliance/dates";

/** A progress-reporting period: from the day after the previous report-card date to this one. */
export interface ReportingPeriod {
  start: IsoDate;
  end: IsoDate;
  /** The report-card date the period ends on (progress reports are due on it, D-13). */
  reportCardDate: IsoDate;
}

/** A school year with its report-card dates (any order). */
export interface ReportCardYear {
  firstDay: IsoDate;
  lastDay: IsoDate;
  reportCardDates: readonly IsoDate[];
}

/**
 * The reporting periods of a school's years that overlap `range` (inclusive), in order (PM-2,
 * D-13): each ends on a report-card date and starts the day after the previous report-card date of
 * the same school year — the year's first day for its first period. Dates outside their year and
 * repeated dates are ignored. Pure.
 */
export function reportingPeriods(
  years: readonly ReportCardYear[],
  range: { from: IsoDate; to: IsoDate },
): ReportingPeriod[] {
  const out: ReportingPeriod[] = [];
  for (const year of [...years].sort((a, b) => a.firstDay.localeCompare(b.firstDay))) {
    const dates = [...new Set(year.reportCardDates)].filter((d) => d >= year.firstDay && d <= year.lastDay).sort();
    let start = year.firstDay;
    for (const date of dates) {
      if (date >= range.from && start <= range.to) out.push({ start, end: date, reportCardDate: date });
      start = addDays(date, 1);
    }
  }
  return out;
}
