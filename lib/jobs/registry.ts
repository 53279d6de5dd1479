import { getDb } from "@/db/client";
import { unsafePurgeExpiredRevokedSessions } from "@/lib/dal/auth-events";
import { runSummaryRefresh } from "@/lib/dal/internal/coverage";
import { runDeadlineSummaryRefresh } from "@/lib/dal/internal/deadline-summaries";
import { createMailer } from "@/lib/notifications/mailer";
import { deliverOutbox } from "@/lib/notifications/outbox";
import { DEFAULT_TIME_ZONE } from "@/lib/time";
import { runDeadlineDigests } from "./deadline-digest";
import { runScheduledActivations } from "./plan-activation";

/**
 * A background job. `cron` schedules it under pg-boss (PostgreSQL, in `JOBS_TIME_ZONE`); the
 * in-process scheduler (PGlite) asks `runKey` every tick instead. When `runKey` returns a key the
 * job runs at most once per key (recorded in `job_runs`); null means "not due now". Without
 * `runKey` the job runs on every tick and must be cheap and safe to repeat.
 */
export interface JobDefinition {
  name: string;
  cron: string;
  runKey?: (now: Date, timeZone: string) => string | null;
  run: (now: Date) => Promise<Record<string, unknown>>;
}

/** The local hour (0–23) after which the daily digest goes out (`DIGEST_HOUR`, default 6). */
export function digestHour(): number {
  const hour = Number(process.env.DIGEST_HOUR ?? 6);
  return Number.isInteger(hour) && hour >= 0 && hour <= 23 ? hour : 6;
}

/** Local date, hour and weekday (0 = Sunday) of an instant in a time zone. */
export function localClock(now: Date, timeZone: string): { date: string; hour: number; weekday: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      hourCycle: "h23",
      weekday: "short",
    })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
  const weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    hour: Number(parts.hour),
    weekday: weekdays.indexOf(parts.weekday ?? ""),
  };
}

/**
 * The daily digest. Under pg-boss it is tried every 15 minutes from the digest hour to midnight on
 * weekdays, so a server that was down at the digest hour still sends it that day; `runKey` (the
 * local date) makes it run once.
 */
export const deadlineDigestJob: JobDefinition = {
  name: "deadline-digest",
  cron: `*/15 ${digestHour()}-23 * * 1-5`,
  runKey(now, timeZone) {
    const clock = localClock(now, timeZone);
    return clock.weekday >= 1 && clock.weekday <= 5 && clock.hour >= digestHour() ? clock.date : null;
  },
  run: (now) => runDeadlineDigests({ now }),
};

export const outboxDeliveryJob: JobDefinition = {
  name: "outbox-delivery",
  cron: "*/5 * * * *",
  run: async () => deliverOutbox(getDb(), createMailer()),
};

/**
 * Scheduled plan activation: once per local day (tried every 30 minutes, so a server that was down
 * at midnight still runs it), puts in force the final versions whose effective date has come.
 */
export const planActivationJob: JobDefinition = {
  name: "plan-activation",
  cron: "*/30 * * * *",
  runKey: (now, timeZone) => localClock(now, timeZone).date,
  run: (now) => runScheduledActivations({ now }),
};

/**
 * Revoked-session purge: once per local day (tried every hour), drops the signed-out sessions whose
 * cookie has expired, so `revoked_sessions` does not grow without end.
 */
export const revokedSessionPurgeJob: JobDefinition = {
  name: "revoked-session-purge",
  cron: "7 * * * *",
  runKey: (now, timeZone) => localClock(now, timeZone).date,
  run: async (now) => ({ purged: await unsafePurgeExpiredRevokedSessions(now) }),
};

/**
 * Accommodation-delivery summaries (issue 15): every 5 minutes, recomputes the school rows that were
 * computed for an earlier day (so an acknowledgment that became overdue overnight shows as overdue
 * on the first run of the day) or more than an hour ago (settings, calendar and roster changes made
 * outside the app's mutations). Cheap when nothing is due, and safe to repeat: no run key.
 */
export const deliverySummaryJob: JobDefinition = {
  name: "delivery-summary-refresh",
  cron: "*/5 * * * *",
  run: async (now) => runSummaryRefresh(getDb(), { now }),
};

/**
 * Deadline summaries (issue 15): every 5 minutes, recomputes the per-school counts of past-due deadlines
 * that were computed for an earlier day (a deadline becomes overdue, an overdue one escalates, counted
 * on the first run of the day; until then the district admin's pages count live), for another
 * escalation threshold, or more than an hour ago (a roster load moving students between schools).
 * Mutations refresh their schools' rows in their own transaction. Safe to repeat: no run key.
 */
export const deadlineSummaryJob: JobDefinition = {
  name: "deadline-summary-refresh",
  cron: "*/5 * * * *",
  run: async (now) => runDeadlineSummaryRefresh(getDb(), { now }),
};

/**
 * Every background job. Issue 5 adds acknowledgment reminders here (its messages go through the
 * same outbox and mailer).
 */
export const JOBS: JobDefinition[] = [
  deadlineDigestJob,
  outboxDeliveryJob,
  planActivationJob,
  revokedSessionPurgeJob,
  deliverySummaryJob,
  deadlineSummaryJob,
];

/** The time zone schedules are read in (`JOBS_TIME_ZONE`, default America/New_York). */
export function jobsTimeZone(): string {
  return process.env.JOBS_TIME_ZONE ?? DEFAULT_TIME_ZONE;
}
