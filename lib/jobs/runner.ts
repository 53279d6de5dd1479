import { and, eq } from "drizzle-orm";
import type PgBossType from "pg-boss";
import { getDb, getDriver } from "@/db/client";
import { describeUnexpected } from "@/db/query-errors";
import { jobRuns } from "@/db/schema";
import { JOBS, jobsTimeZone, type JobDefinition } from "./registry";
import { now as clockNow } from "@/lib/time";

/**
 * Runs one job now if it is due: a job with a run key runs once per key (the `job_runs` row is
 * claimed first, so a second server or a restart skips it); a failed run gives its key back so
 * the next tick retries. Returns what happened.
 */
export async function runJob(
  job: JobDefinition,
  now: Date,
  timeZone = jobsTimeZone(),
): Promise<"ran" | "skipped" | "failed"> {
  const db = getDb();
  const key = job.runKey?.(now, timeZone);
  if (key === null) return "skipped";
  if (key !== undefined) {
    const claimed = await db
      .insert(jobRuns)
      .values({ name: job.name, runKey: key })
      .onConflictDoNothing()
      .returning({ name: jobRuns.name });
    if (claimed.length === 0) return "skipped";
  }
  try {
    const details = await job.run(now);
    if (key !== undefined) {
      await db
        .update(jobRuns)
        .set({ finishedAt: clockNow(), outcome: "done", details })
        .where(and(eq(jobRuns.name, job.name), eq(jobRuns.runKey, key)));
    }
    return "ran";
  } catch (error) {
    console.error(`[jobs] ${job.name} failed: ${describeUnexpected(error)}`);
    if (key !== undefined) await db.delete(jobRuns).where(and(eq(jobRuns.name, job.name), eq(jobRuns.runKey, key)));
    return "failed";
  }
}

interface Running {
  stop: () => Promise<void>;
}

const globalJobs = globalThis as unknown as { __planpathJobs?: Running };

/** In-process scheduler (PGlite is single-process): every minute, run each job that is due, one at a time. */
function startInProcess(jobs: JobDefinition[], intervalMs = 60_000): Running {
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      for (const job of jobs) await runJob(job, clockNow());
    } finally {
      busy = false;
    }
  };
  const first = setTimeout(() => void tick(), 10_000);
  const timer = setInterval(() => void tick(), intervalMs);
  first.unref();
  timer.unref();
  return {
    stop: async () => {
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}

/** pg-boss on PostgreSQL: one queue per job, scheduled by cron, worked by this server. */
export async function startPgBoss(
  jobs: JobDefinition[],
  connectionString: string,
): Promise<Running & { boss: PgBossType }> {
  const { default: PgBoss } = await import("pg-boss");
  const boss = new PgBoss({ connectionString, schema: "pgboss", max: 2, application_name: "planpath-jobs" });
  boss.on("error", (error: Error) => console.error("[jobs] pg-boss:", error.message));
  await boss.start();
  const timeZone = jobsTimeZone();
  for (const job of jobs) {
    await boss.createQueue(job.name);
    await boss.schedule(job.name, job.cron, {}, { tz: timeZone });
    await boss.work(job.name, async () => {
      const outcome = await runJob(job, clockNow(), timeZone);
      if (outcome === "failed") throw new Error(`${job.name} failed`);
    });
  }
  return { boss, stop: () => boss.stop({ graceful: true, wait: true }) };
}

/**
 * Starts the background jobs once per process (called from instrumentation.ts): pg-boss when the
 * app runs on PostgreSQL, the in-process scheduler on PGlite. `JOBS=off` disables both.
 */
export async function startJobs(): Promise<void> {
  if (process.env.JOBS === "off" || globalJobs.__planpathJobs) return;
  globalJobs.__planpathJobs = { stop: async () => {} };
  try {
    globalJobs.__planpathJobs =
      getDriver() === "postgres" ? await startPgBoss(JOBS, process.env.DATABASE_URL!) : startInProcess(JOBS);
    console.log(
      `[jobs] started (${getDriver() === "postgres" ? "pg-boss" : "in-process"}): ${JOBS.map((j) => j.name).join(", ")}`,
    );
  } catch (error) {
    globalJobs.__planpathJobs = undefined;
    console.error("[jobs] could not start:", error instanceof Error ? error.message : error);
  }
}

/** Stops the background jobs of this process (tests, shutdown). */
export async function stopJobs(): Promise<void> {
  const running = globalJobs.__planpathJobs;
  globalJobs.__planpathJobs = undefined;
  await running?.stop();
}
