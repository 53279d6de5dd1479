export const DEFAULT_TIME_ZONE = "America/New_York";

/** A district's time zone from its settings document (`timeZone`), or the default. */
export function districtTimeZone(settings: Record<string, unknown>): string {
  return typeof settings.timeZone === "string" ? settings.timeZone : DEFAULT_TIME_ZONE;
}

function fixedStart(): number | null {
  const value = process.env.PLANPATH_NOW;
  if (!value) return null;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new Error("PLANPATH_NOW must be an ISO 8601 date-time, e.g. 2026-11-30T15:00:00Z");
  return ms;
}

/**
 * The one place PlanPath reads the clock. With `PLANPATH_NOW` (an ISO date-time) the clock starts
 * at that instant when the process starts and runs on from there: tests, the CI date matrix and the
 * end-to-end suite fix "today" this way, so they pass on any real date.
 */
export function now(): Date {
  const start = fixedStart();
  return new Date(start === null ? Date.now() : start + Math.floor(performance.now()));
}

/** Today's date (YYYY-MM-DD) in the given IANA time zone: relationships and deadlines are dated locally. */
export function todayIn(timeZone: string = DEFAULT_TIME_ZONE, at: Date = now()): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(at);
}
