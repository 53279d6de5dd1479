/**
 * A realistic Connecticut public-school calendar for a given school year, built from the usual
 * rules (start the last week of August, 180 instructional days, state and federal holidays,
 * winter and April breaks). Used by the demo seed so the demo works whenever it is run.
 */

export interface SeedSchoolYear {
  label: string;
  firstDay: string;
  lastDay: string;
  closures: { date: string; reason: string }[];
  /** Quarterly report-card dates: the last day of each 45-school-day marking period (the last is the year's last day). */
  reportCardDates: { date: string; label: string }[];
}

const DAY = 86_400_000;

function utc(year: number, month: number, day: number): Date {
  return new Date(Date.UTC(year, month - 1, day));
}

export function iso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY);
}

/** The n-th given weekday (0 = Sunday) of a month; n = -1 for the last one. */
function nthWeekday(year: number, month: number, weekday: number, n: number): Date {
  if (n > 0) {
    const first = utc(year, month, 1);
    const offset = (weekday - first.getUTCDay() + 7) % 7;
    return addDays(first, offset + (n - 1) * 7);
  }
  const last = utc(year, month + 1, 0);
  const offset = (last.getUTCDay() - weekday + 7) % 7;
  return addDays(last, -offset);
}

/** Western Easter Sunday (anonymous Gregorian algorithm). */
function easter(year: number): Date {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return utc(year, month, day);
}

const isWeekday = (d: Date) => d.getUTCDay() >= 1 && d.getUTCDay() <= 5;

function weekdaysBetween(from: Date, to: Date): Date[] {
  const days: Date[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) if (isWeekday(d)) days.push(d);
  return days;
}

/** The school year that starts in August of `startYear`. */
export function connecticutSchoolYear(startYear: number, instructionalDays = 180): SeedSchoolYear {
  const next = startYear + 1;
  const laborDay = nthWeekday(startYear, 9, 1, 1);
  const firstDay = addDays(laborDay, -12);
  const thanksgiving = nthWeekday(startYear, 11, 4, 4);
  const aprilBreak = nthWeekday(next, 4, 1, 2);
  const named: { date: Date; reason: string }[] = [
    { date: laborDay, reason: "Labor Day" },
    { date: nthWeekday(startYear, 10, 1, 2), reason: "Indigenous Peoples' Day / Columbus Day" },
    { date: nthWeekday(startYear, 11, 2, 1), reason: "Election Day (professional development)" },
    { date: utc(startYear, 11, 11), reason: "Veterans Day" },
    { date: addDays(thanksgiving, -1), reason: "Thanksgiving recess" },
    { date: thanksgiving, reason: "Thanksgiving" },
    { date: addDays(thanksgiving, 1), reason: "Thanksgiving recess" },
    ...weekdaysBetween(utc(startYear, 12, 24), utc(next, 1, 1)).map((date) => ({ date, reason: "Winter recess" })),
    { date: nthWeekday(next, 1, 1, 3), reason: "Martin Luther King Jr. Day" },
    { date: addDays(nthWeekday(next, 2, 1, 3), -3), reason: "Lincoln's Birthday" },
    { date: nthWeekday(next, 2, 1, 3), reason: "Presidents' Day" },
    { date: addDays(easter(next), -2), reason: "Good Friday" },
    ...weekdaysBetween(aprilBreak, addDays(aprilBreak, 4)).map((date) => ({ date, reason: "April recess" })),
    { date: nthWeekday(next, 5, 1, -1), reason: "Memorial Day" },
  ];
  const closures = new Map<string, string>();
  for (const { date, reason } of named)
    if (isWeekday(date) && !closures.has(iso(date))) closures.set(iso(date), reason);

  let counted = 0;
  let day = firstDay;
  const quarter = Math.floor(instructionalDays / 4);
  const reportCardDates: { date: string; label: string }[] = [];
  for (;;) {
    if (isWeekday(day) && !closures.has(iso(day))) {
      counted++;
      if (counted % quarter === 0 && reportCardDates.length < 4)
        reportCardDates.push({ date: iso(day), label: `Quarter ${reportCardDates.length + 1} report cards` });
    }
    if (counted === instructionalDays) break;
    day = addDays(day, 1);
  }
  return {
    label: `${startYear}-${next}`,
    firstDay: iso(firstDay),
    lastDay: iso(day),
    closures: [...closures]
      .filter(([date]) => date >= iso(firstDay) && date <= iso(day))
      .map(([date, reason]) => ({ date, reason }))
      .sort((a, b) => a.date.localeCompare(b.date)),
    reportCardDates,
  };
}

/** The school year in force on `today` (July 1 starts a new one: CGS 10-259). */
export function schoolYearStartFor(today: string): number {
  const [year, month] = today.split("-").map(Number) as [number, number];
  return month >= 7 ? year : year - 1;
}
