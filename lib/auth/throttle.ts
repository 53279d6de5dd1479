import { and, gt, inArray, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { loginAttempts } from "@/db/schema";

function intSetting(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

/**
 * Sign-in throttling settings. An account locks after 5 failures within the window; an IP address
 * after 20 by default, because a whole school building often shares one public address.
 */
export function throttleSettings() {
  return {
    accountMaxFailures: intSetting("SIGNIN_MAX_FAILURES_PER_ACCOUNT", 5),
    ipMaxFailures: intSetting("SIGNIN_MAX_FAILURES_PER_IP", 20),
    windowMinutes: intSetting("SIGNIN_FAILURE_WINDOW_MINUTES", 15),
    lockMinutes: intSetting("SIGNIN_LOCK_MINUTES", 15),
  };
}

export const emailKey = (email: string) => `email:${email.trim().toLowerCase()}`;
export const ipKey = (ip: string) => `ip:${ip}`;

/** The latest lock still in force for any of the keys, or null. */
export async function activeLock(db: Executor, keys: string[]): Promise<Date | null> {
  const rows = await db
    .select({ lockedUntil: loginAttempts.lockedUntil })
    .from(loginAttempts)
    .where(and(inArray(loginAttempts.key, keys), gt(loginAttempts.lockedUntil, sql`now()`)));
  const times = rows.map((r) => r.lockedUntil!.getTime());
  return times.length ? new Date(Math.max(...times)) : null;
}

/**
 * Counts one failure against `key` atomically (one upsert). The count restarts when the window
 * has passed or a previous lock has expired; reaching `max` locks the key for the lock period.
 * Returns the lock end when this failure locked it.
 */
export async function recordFailure(db: Executor, key: string, max: number): Promise<Date | null> {
  const { windowMinutes, lockMinutes } = throttleSettings();
  const restart = sql`(${loginAttempts.windowStartedAt} < now() - make_interval(mins => ${windowMinutes})
    or (${loginAttempts.lockedUntil} is not null and ${loginAttempts.lockedUntil} <= now()))`;
  const nextFailures = sql`(case when ${restart} then 1 else ${loginAttempts.failures} + 1 end)`;
  const [row] = await db
    .insert(loginAttempts)
    .values({
      key,
      failures: 1,
      lockedUntil: max <= 1 ? sql`now() + make_interval(mins => ${lockMinutes})` : null,
    })
    .onConflictDoUpdate({
      target: loginAttempts.key,
      set: {
        failures: nextFailures,
        windowStartedAt: sql`case when ${restart} then now() else ${loginAttempts.windowStartedAt} end`,
        lockedUntil: sql`case when ${nextFailures} >= ${max} then now() + make_interval(mins => ${lockMinutes}) else null end`,
        lastAttemptAt: sql`now()`,
      },
    })
    .returning({ lockedUntil: loginAttempts.lockedUntil });
  return row?.lockedUntil ?? null;
}

/** Clears the failure count of a key (after a successful sign-in to that account). */
export async function clearFailures(db: Executor, key: string): Promise<void> {
  await db.delete(loginAttempts).where(inArray(loginAttempts.key, [key]));
}
