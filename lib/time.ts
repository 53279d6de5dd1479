export const DEFAULT_TIME_ZONE = "America/New_York";

/** Today's date (YYYY-MM-DD) in the given IANA time zone: relationships and deadlines are dated locally. */
export function todayIn(timeZone: string = DEFAULT_TIME_ZONE, now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(now);
}
