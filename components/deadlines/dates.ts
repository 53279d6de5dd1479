/** A `YYYY-MM-DD` date as a Date at noon UTC, so formatting it in UTC never shifts the day. */
export function isoDateValue(date: string): Date {
  return new Date(`${date}T12:00:00Z`);
}

/** Formatting options for a calendar date (no time, no time-zone shift). */
export const DATE_FORMAT = { dateStyle: "medium", timeZone: "UTC" } as const;
