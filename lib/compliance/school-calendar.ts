import { fromDayNumber, toDayNumber, weekdayOfDayNumber, type IsoDate } from "./dates";

/** One school year: `firstDay` and `lastDay` are both inclusive. */
export interface SchoolYearRange {
  firstDay: IsoDate;
  lastDay: IsoDate;
}

/** The data a {@link SchoolCalendar} is built from (the `calendar` part of a deadline input). */
export interface SchoolCalendarInput {
  schoolYears: readonly SchoolYearRange[];
  /** Dates with no school inside a school year (holidays, snow days). */
  closures?: readonly IsoDate[];
  /** Dates that are school days whatever the rules above say (make-up days, Saturday sessions). */
  extraDays?: readonly IsoDate[];
}

/** Options for {@link SchoolCalendar.nthSchoolDayAfter}. */
export interface CountOptions {
  /**
   * School days for which this returns true are passed over and not counted (for example the days
   * a consent request was waiting for an answer). Receives the date and its day number.
   */
  skip?: (date: IsoDate, dayNumber: number) => boolean;
}

/** Index of the first element of the sorted `days` greater than `value`. */
function upperBound(days: Int32Array, value: number): number {
  let low = 0;
  let high = days.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((days[middle] ?? 0) <= value) low = middle + 1;
    else high = middle;
  }
  return low;
}

function requirePositiveCount(n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`The school-day count must be a positive integer, got ${n}`);
}

/**
 * A district's school calendar. A school day is a Monday–Friday date inside some school year's
 * `firstDay..lastDay` (inclusive) that is not in `closures`, plus any date in `extraDays` (an extra
 * day counts even on a weekend, outside every school year, or when it is also listed as a closure).
 *
 * The school days are computed once, when the calendar is built, into a sorted array; every query
 * is then a binary search. Overlapping school years are tolerated here (their days are merged);
 * `deadlineInputSchema` in engine.ts rejects them in input.
 */
export class SchoolCalendar {
  readonly #days: Int32Array;
  /** The school years the calendar was built from, earliest first. */
  readonly schoolYears: readonly SchoolYearRange[];

  /**
   * Builds the calendar.
   * @throws RangeError when a date is not a real `YYYY-MM-DD` date.
   */
  constructor(input: SchoolCalendarInput) {
    const closures = new Set((input.closures ?? []).map(toDayNumber));
    const days = new Set<number>();
    for (const { firstDay, lastDay } of input.schoolYears) {
      const last = toDayNumber(lastDay);
      for (let day = toDayNumber(firstDay); day <= last; day++) {
        const dayOfWeek = weekdayOfDayNumber(day);
        if (dayOfWeek !== 0 && dayOfWeek !== 6 && !closures.has(day)) days.add(day);
      }
    }
    for (const extra of input.extraDays ?? []) days.add(toDayNumber(extra));
    this.#days = Int32Array.from(days).sort();
    this.schoolYears = [...input.schoolYears]
      .map(({ firstDay, lastDay }) => ({ firstDay, lastDay }))
      .sort((a, b) => a.firstDay.localeCompare(b.firstDay));
  }

  /** Number of school days in the calendar. */
  get size(): number {
    return this.#days.length;
  }

  /** The first school day in the calendar, or null when it has none. */
  get firstSchoolDay(): IsoDate | null {
    const first = this.#days[0];
    return first === undefined ? null : fromDayNumber(first);
  }

  /** The last school day in the calendar, or null when it has none. */
  get lastSchoolDay(): IsoDate | null {
    const last = this.#days[this.#days.length - 1];
    return last === undefined ? null : fromDayNumber(last);
  }

  /**
   * Whether `date` is a school day.
   * @throws RangeError for an invalid date.
   */
  isSchoolDay(date: IsoDate): boolean {
    const day = toDayNumber(date);
    const index = upperBound(this.#days, day) - 1;
    return index >= 0 && this.#days[index] === day;
  }

  /**
   * The `n`th school day strictly after `date` (`date` itself never counts, whether or not it is a
   * school day; a July date therefore counts from the first school day of the next school year).
   * School days for which `options.skip` returns true are not counted.
   * Returns null when the calendar runs out of school days before reaching the `n`th.
   * @throws RangeError for an invalid date or when `n` is not a positive integer.
   */
  nthSchoolDayAfter(date: IsoDate, n: number, options: CountOptions = {}): IsoDate | null {
    requirePositiveCount(n);
    const start = upperBound(this.#days, toDayNumber(date));
    const { skip } = options;
    if (!skip) {
      const found = this.#days[start + n - 1];
      return found === undefined ? null : fromDayNumber(found);
    }
    let counted = 0;
    for (let index = start; index < this.#days.length; index++) {
      const day = this.#days[index] as number;
      const iso = fromDayNumber(day);
      if (skip(iso, day)) continue;
      counted++;
      if (counted === n) return iso;
    }
    return null;
  }

  /**
   * The `n`th school day strictly before `date`, counting back (`date` itself never counts).
   * Returns null when the calendar has fewer than `n` school days before `date`.
   * @throws RangeError for an invalid date or when `n` is not a positive integer.
   */
  nthSchoolDayBefore(date: IsoDate, n: number): IsoDate | null {
    requirePositiveCount(n);
    const firstNotBefore = upperBound(this.#days, toDayNumber(date) - 1);
    const found = this.#days[firstNotBefore - n];
    return found === undefined ? null : fromDayNumber(found);
  }

  /**
   * The last school day strictly before `date`, or null when there is none.
   * @throws RangeError for an invalid date.
   */
  lastSchoolDayBefore(date: IsoDate): IsoDate | null {
    return this.nthSchoolDayBefore(date, 1);
  }

  /**
   * Number of school days `d` with `a < d <= b` ("school days left" from `a` until a due date `b`);
   * when `b` is earlier than `a` it is negative: minus the number of school days `d` with `b < d <= a`.
   * @throws RangeError for an invalid date.
   */
  schoolDaysBetween(a: IsoDate, b: IsoDate): number {
    return upperBound(this.#days, toDayNumber(b)) - upperBound(this.#days, toDayNumber(a));
  }

  /**
   * The school days `d` with `from <= d <= to`, in order.
   * @throws RangeError for an invalid date.
   */
  schoolDaysInRange(from: IsoDate, to: IsoDate): IsoDate[] {
    const start = upperBound(this.#days, toDayNumber(from) - 1);
    const end = upperBound(this.#days, toDayNumber(to));
    return Array.from(this.#days.subarray(start, Math.max(start, end)), fromDayNumber);
  }
}

/**
 * Builds a {@link SchoolCalendar} from plain calendar data (see the class for the school-day rule).
 * Build it once and reuse it for many students of the same district.
 * @throws RangeError when a date is not a real `YYYY-MM-DD` date.
 */
export function createSchoolCalendar(input: SchoolCalendarInput): SchoolCalendar {
  return new SchoolCalendar(input);
}
