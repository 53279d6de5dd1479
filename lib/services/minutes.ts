import { addDays, fromDayNumber, toDayNumber, weekday, type IsoDate } from "@/lib/compliance/dates";
import type { SchoolCalendar } from "@/lib/compliance/school-calendar";

/** How often a service's minutes are due (the IEP's service grid: per day, week or month). */
export type ServiceFrequency = "day" | "week" | "month";

/** A service's requirement as the IEP writes it: `minutes` per `frequency`. */
export interface ServiceRequirement {
  minutes: number;
  frequency: ServiceFrequency;
}

export type SessionStatus = "delivered" | "student_absent" | "provider_absent" | "school_closed";

/**
 * How each session status counts against the requirement (rule SM-2, documented in the README):
 * - `delivered`: delivered minutes (a make-up is credited to the period of the session it makes up);
 * - `student_absent`: the school offered the session — not owed (excused);
 * - `provider_absent`: the district missed it — owed until a make-up offsets it;
 * - `school_closed`: counts nowhere — closures are already outside the requirement (SM-1).
 */
export const SESSION_STATUS_EFFECT = {
  delivered: "delivered",
  student_absent: "excused",
  provider_absent: "owed",
  school_closed: "none",
} as const satisfies Record<SessionStatus, "delivered" | "excused" | "owed" | "none">;

/**
 * Rule SM-1, the requirement on the school calendar: minutes are owed on school days only. A
 * daily service owes its minutes on every school day; a weekly (monthly) service owes its minutes
 * in each Monday–Sunday week (calendar month), pro-rated by the share of that week's (month's)
 * weekdays that are school days inside the plan's period — a week with a one-day closure owes 4/5,
 * a vacation week nothing, the week a plan starts on a Wednesday 3/5. The share is capped at 1
 * (a Saturday make-up day adds no minutes). Services are written for the school week; IDEA owes
 * them when the school is in session (34 CFR 300.320(a)(7); compliance.md D-04 and legal-review
 * AD1/AD-R1 ask for required vs delivered per period).
 */
export const REQUIREMENT_RULE = {
  id: "SM-1",
  unitOf: { day: "day", week: "week", month: "month" },
  capShare: 1,
} as const;

/** A period of the report: a Monday–Sunday week or a calendar month, both bounds inclusive. */
export interface Period {
  start: IsoDate;
  end: IsoDate;
}

/** The Monday of the week of `date`. */
export function weekStart(date: IsoDate): IsoDate {
  return addDays(date, -((weekday(date) + 6) % 7));
}

function monthStart(date: IsoDate): IsoDate {
  return `${date.slice(0, 8)}01`;
}

function monthEnd(date: IsoDate): IsoDate {
  const [y, m] = [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
  return addDays(next, -1);
}

/** The unit period (week or month) containing `date`. */
export function periodOf(kind: "week" | "month", date: IsoDate): Period {
  if (kind === "week") {
    const start = weekStart(date);
    return { start, end: addDays(start, 6) };
  }
  return { start: monthStart(date), end: monthEnd(date) };
}

/** The weeks or months that overlap `from..to`, in order. */
export function periodsBetween(kind: "week" | "month", from: IsoDate, to: IsoDate): Period[] {
  const out: Period[] = [];
  if (from > to) return out;
  let period = periodOf(kind, from);
  while (period.start <= to) {
    out.push(period);
    period = periodOf(kind, addDays(period.end, 1));
  }
  return out;
}

function weekdaysIn(period: Period): number {
  let count = 0;
  for (let d = toDayNumber(period.start); d <= toDayNumber(period.end); d++) {
    const w = weekday(fromDayNumber(d));
    if (w >= 1 && w <= 5) count++;
  }
  return count;
}

const maxDate = (a: IsoDate, b: IsoDate) => (a > b ? a : b);
const minDate = (a: IsoDate, b: IsoDate) => (a < b ? a : b);

/**
 * Minutes required (SM-1) in `range`, counting only school days inside `within` (the service's time
 * in force). Unrounded: callers round once per figure they show.
 */
export function exactRequiredMinutes(
  requirement: ServiceRequirement,
  calendar: SchoolCalendar,
  range: Period,
  within: Period,
): number {
  const from = maxDate(range.start, within.start);
  const to = minDate(range.end, within.end);
  if (from > to || requirement.minutes <= 0) return 0;
  if (requirement.frequency === "day") return requirement.minutes * calendar.schoolDaysInRange(from, to).length;
  let total = 0;
  for (const unit of periodsBetween(requirement.frequency, from, to)) {
    const days = calendar.schoolDaysInRange(maxDate(unit.start, from), minDate(unit.end, to)).length;
    if (days === 0) continue;
    total += requirement.minutes * Math.min(REQUIREMENT_RULE.capShare, days / weekdaysIn(unit));
  }
  return total;
}

/** {@link exactRequiredMinutes}, rounded to whole minutes. */
export function requiredMinutes(
  requirement: ServiceRequirement,
  calendar: SchoolCalendar,
  range: Period,
  within: Period,
): number {
  return Math.round(exactRequiredMinutes(requirement, calendar, range, within));
}

/** A logged session as the arithmetic sees it (the current entry only: corrections already applied). */
export interface SessionFact {
  id: string;
  date: IsoDate;
  minutes: number;
  status: SessionStatus;
  makeUpForId: string | null;
}

/** Required vs delivered minutes of one period. */
export interface MinutesLine extends Period {
  required: number;
  delivered: number;
  /** Minutes of sessions the student missed (offered, not owed). */
  excused: number;
  /** Minutes the provider missed that no make-up has offset yet. */
  owed: number;
  /** Make-up minutes credited to this period. */
  madeUp: number;
  /** `required − delivered − excused`, never below zero. */
  shortfall: number;
}

/**
 * Required vs delivered minutes of one service by week or month over `within` (SM-1, SM-2): make-ups
 * are credited to the period of the session they make up (so they offset what that period owes);
 * the last line is the total. Pure.
 */
export function minutesByPeriod(
  requirement: ServiceRequirement,
  calendar: SchoolCalendar,
  sessions: readonly SessionFact[],
  kind: "week" | "month",
  within: Period,
): { periods: MinutesLine[]; total: MinutesLine } {
  const byId = new Map(sessions.map((s) => [s.id, s]));
  const periods = periodsBetween(kind, within.start, within.end);
  const lines = periods.map((p) => ({
    ...p,
    exactRequired: exactRequiredMinutes(requirement, calendar, p, within),
    delivered: 0,
    excused: 0,
    missed: 0,
    madeUp: 0,
  }));
  const lineOf = (date: IsoDate) => lines.find((l) => l.start <= date && date <= l.end);
  for (const s of sessions) {
    if (s.date < within.start || s.date > within.end) continue;
    const effect = SESSION_STATUS_EFFECT[s.status];
    if (effect === "delivered") {
      const missed = s.makeUpForId ? byId.get(s.makeUpForId) : undefined;
      const credited = missed && missed.date >= within.start ? lineOf(missed.date) : undefined;
      const line = credited ?? lineOf(s.date);
      if (!line) continue;
      line.delivered += s.minutes;
      if (missed) line.madeUp += s.minutes;
    } else if (effect === "excused") {
      const line = lineOf(s.date);
      if (line) line.excused += s.minutes;
    } else if (effect === "owed") {
      const line = lineOf(s.date);
      if (line) line.missed += s.minutes;
    }
  }
  const finish = (
    l: Period & { exactRequired: number; delivered: number; excused: number; missed: number; madeUp: number },
  ): MinutesLine => {
    const required = Math.round(l.exactRequired);
    return {
      start: l.start,
      end: l.end,
      required,
      delivered: l.delivered,
      excused: l.excused,
      owed: Math.max(0, l.missed - l.madeUp),
      madeUp: l.madeUp,
      shortfall: Math.max(0, required - l.delivered - l.excused),
    };
  };
  const sum = lines.reduce(
    (acc, l) => ({
      ...acc,
      exactRequired: acc.exactRequired + l.exactRequired,
      delivered: acc.delivered + l.delivered,
      excused: acc.excused + l.excused,
      missed: acc.missed + l.missed,
      madeUp: acc.madeUp + l.madeUp,
    }),
    { ...within, exactRequired: 0, delivered: 0, excused: 0, missed: 0, madeUp: 0 },
  );
  return { periods: lines.map(finish), total: finish(sum) };
}

/**
 * The last day whose requirement is complete for the work queue: the Sunday before `today` for a
 * daily or weekly service (a week in progress is not yet short), the last day of the previous
 * month for a monthly one.
 */
export function completedThrough(frequency: ServiceFrequency, today: IsoDate): IsoDate {
  if (frequency === "month") return addDays(monthStart(today), -1);
  return addDays(weekStart(today), -1);
}

/**
 * Rule SM-3, the shortfall alert: the service is short when the shortfall to date is at least
 * `percent` % of the minutes required to date (district setting `services.shortfallPercent`, [S]).
 */
export function isShort(total: Pick<MinutesLine, "required" | "shortfall">, percent: number): boolean {
  return total.required > 0 && total.shortfall > 0 && total.shortfall * 100 >= percent * total.required;
}
