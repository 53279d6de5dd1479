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

/** An IEP's written reporting schedule (plan content `progressReporting`, see reportingScheduleSchema). */
export interface IepScheduleInput {
  kind: "" | "report_cards" | "weeks" | "dates";
  everyWeeks: string;
  dates: readonly { date: string }[];
}

/** One IEP version that is or was in force, with the schedule its content writes. */
export interface IepVersionSchedule {
  planId: string;
  effectiveOn: IsoDate;
  /** The last day in force; null while it is in force. */
  endedOn: IsoDate | null;
  /** The plan's year ends here (the annual review's due date): "every N weeks" stops at it. */
  planEnd: IsoDate;
  schedule: IepScheduleInput | null | undefined;
}

const MAX_WEEKLY_DATES = 60;

/**
 * The progress-report due dates one IEP version writes, each a day it is in force (D-13 with the
 * district setting "iep_schedule"): "weeks" — every N weeks counted from the day it took effect,
 * until the plan's year ends; "dates" — the dates written; "report_cards" or no schedule written — the
 * school's report-card dates (at least as often as report cards, 300.320(a)(3)(ii)). Pure.
 */
export function versionDueDates(version: IepVersionSchedule, reportCardDates: readonly IsoDate[]): IsoDate[] {
  const inForce = (d: IsoDate) => d >= version.effectiveOn && (version.endedOn === null || d <= version.endedOn);
  const schedule = version.schedule;
  const weeks = Number(schedule?.everyWeeks);
  if (schedule?.kind === "weeks" && Number.isInteger(weeks) && weeks >= 1) {
    const out: IsoDate[] = [];
    for (let k = 1; k <= MAX_WEEKLY_DATES; k++) {
      const date = addDays(version.effectiveOn, 7 * weeks * k);
      if (date > version.planEnd || !inForce(date)) break;
      out.push(date);
    }
    return out;
  }
  if (schedule?.kind === "dates")
    return [...new Set(schedule.dates.map((d) => d.date).filter((d) => d !== "" && inForce(d)))].sort();
  return [...new Set(reportCardDates)].filter(inForce).sort();
}

/**
 * The reporting periods of a student's IEPs that overlap `range` (inclusive), in order, when each IEP
 * writes its own schedule (D-13, district setting "iep_schedule"; legal-review PM-2). Per plan (an
 * amendment or annual review continues the plan; a new IEP after an exit is another plan), each
 * version contributes the due dates it writes for its days in force; a period ends on a due date and
 * starts the day after the plan's previous one — the plan's first day in force for its first. Pure.
 */
export function iepReportingPeriods(
  versions: readonly IepVersionSchedule[],
  reportCardDates: readonly IsoDate[],
  range: { from: IsoDate; to: IsoDate },
): ReportingPeriod[] {
  const byPlan = new Map<string, IepVersionSchedule[]>();
  for (const version of versions) byPlan.set(version.planId, [...(byPlan.get(version.planId) ?? []), version]);
  const out: ReportingPeriod[] = [];
  for (const planVersions of byPlan.values()) {
    const sorted = [...planVersions].sort((a, b) => a.effectiveOn.localeCompare(b.effectiveOn));
    const dates = [...new Set(sorted.flatMap((v) => versionDueDates(v, reportCardDates)))].sort();
    let start = sorted[0]!.effectiveOn;
    for (const date of dates) {
      if (date >= range.from && start <= range.to) out.push({ start, end: date, reportCardDate: date });
      start = addDays(date, 1);
    }
  }
  return out.sort((a, b) => a.reportCardDate.localeCompare(b.reportCardDate) || a.start.localeCompare(b.start));
}
