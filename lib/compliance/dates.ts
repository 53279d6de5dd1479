/**
 * Plain calendar-date arithmetic on `YYYY-MM-DD` strings.
 *
 * No time zones are involved anywhere: a date is converted to an integer day number (days since
 * 1970-01-01 in the proleptic Gregorian calendar, the same number `Date.UTC(...) / 86_400_000`
 * gives) and back. Years 0001–9999 are supported.
 */

/** A calendar date written as `YYYY-MM-DD`. */
export type IsoDate = string;

/** The parts of a calendar date; `month` is 1–12 and `day` is 1–31. */
export interface DateParts {
  year: number;
  month: number;
  day: number;
}

const ISO_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `year` is a Gregorian leap year. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in `month` (1–12) of `year`; February has 29 days in leap years. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Parses a `YYYY-MM-DD` string into its parts.
 * Returns null for anything that is not exactly that shape or is not a real date
 * (`2026-02-30`, `2025-02-29`, `2026-13-01`, year `0000`, surrounding spaces, a time part).
 */
export function parseIsoDate(value: string): DateParts | null {
  const match = ISO_DATE_PATTERN.exec(value);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** Whether `value` is a string holding a real `YYYY-MM-DD` date (see {@link parseIsoDate}). */
export function isValidIsoDate(value: unknown): value is IsoDate {
  return typeof value === "string" && parseIsoDate(value) !== null;
}

function requireParts(value: IsoDate): DateParts {
  const parts = parseIsoDate(value);
  if (!parts) throw new RangeError(`Invalid date "${value}": expected a real date in YYYY-MM-DD format`);
  return parts;
}

/** Day number (days since 1970-01-01) of a date given by its parts; the parts must form a real date. */
export function dayNumberFromParts({ year, month, day }: DateParts): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** The date parts of a day number (days since 1970-01-01); inverse of {@link dayNumberFromParts}. */
export function partsFromDayNumber(dayNumber: number): DateParts {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

/**
 * Day number (days since 1970-01-01) of a `YYYY-MM-DD` date.
 * @throws RangeError when `date` is not a real `YYYY-MM-DD` date.
 */
export function toDayNumber(date: IsoDate): number {
  return dayNumberFromParts(requireParts(date));
}

/**
 * The `YYYY-MM-DD` date of a day number (days since 1970-01-01).
 * @throws RangeError when the day number is not an integer or falls outside years 0001–9999.
 */
export function fromDayNumber(dayNumber: number): IsoDate {
  if (!Number.isInteger(dayNumber)) throw new RangeError(`Day number must be an integer, got ${dayNumber}`);
  return formatIsoDate(partsFromDayNumber(dayNumber));
}

/**
 * Formats date parts as `YYYY-MM-DD`.
 * @throws RangeError when the parts do not form a real date in years 0001–9999.
 */
export function formatIsoDate({ year, month, day }: DateParts): IsoDate {
  const text = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  if (year > 9999 || !parseIsoDate(text)) {
    throw new RangeError(`Date ${year}-${month}-${day} is outside the supported range 0001-01-01..9999-12-31`);
  }
  return text;
}

/**
 * Adds `days` calendar days (negative to go back) to a date.
 * @throws RangeError for an invalid date, a non-integer `days`, or a result outside years 0001–9999.
 */
export function addDays(date: IsoDate, days: number): IsoDate {
  if (!Number.isInteger(days)) throw new RangeError(`Days must be an integer, got ${days}`);
  return fromDayNumber(toDayNumber(date) + days);
}

/**
 * Adds `months` calendar months (negative to go back), keeping the day of the month and clamping it
 * to the last day of the target month: 2026-01-31 + 1 month = 2026-02-28, 2028-01-31 + 1 = 2028-02-29,
 * 2026-03-31 - 1 = 2026-02-28.
 * @throws RangeError for an invalid date, a non-integer `months`, or a result outside years 0001–9999.
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  if (!Number.isInteger(months)) throw new RangeError(`Months must be an integer, got ${months}`);
  const { year, month, day } = requireParts(date);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  return formatIsoDate({
    year: targetYear,
    month: targetMonth,
    day: Math.min(day, daysInMonth(targetYear, targetMonth)),
  });
}

/**
 * Adds `years` calendar years (negative to go back) with end-of-month clamping: 29 February becomes
 * 28 February in a non-leap target year (2024-02-29 + 1 year = 2025-02-28; + 4 years = 2028-02-29).
 * @throws RangeError for an invalid date, a non-integer `years`, or a result outside years 0001–9999.
 */
export function addYears(date: IsoDate, years: number): IsoDate {
  if (!Number.isInteger(years)) throw new RangeError(`Years must be an integer, got ${years}`);
  return addMonths(date, years * 12);
}

/**
 * Day of the week of a date: 0 = Sunday, 1 = Monday, … 6 = Saturday (like `Date#getUTCDay`).
 * @throws RangeError for an invalid date.
 */
export function weekday(date: IsoDate): number {
  return weekdayOfDayNumber(toDayNumber(date));
}

/** Day of the week of a day number: 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOfDayNumber(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

/**
 * Compares two dates: negative when `a` is earlier, 0 when equal, positive when `a` is later
 * (usable as an `Array#sort` comparator).
 * @throws RangeError for an invalid date.
 */
export function compareDates(a: IsoDate, b: IsoDate): number {
  return Math.sign(toDayNumber(a) - toDayNumber(b));
}

/**
 * Number of calendar days from `a` to `b` (negative when `b` is earlier).
 * @throws RangeError for an invalid date.
 */
export function calendarDaysBetween(a: IsoDate, b: IsoDate): number {
  return toDayNumber(b) - toDayNumber(a);
}
