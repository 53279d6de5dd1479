import { and, asc, eq, inArray, isNull, lt, ne, or, sql } from "drizzle-orm";
import type { Database, Executor } from "@/db/client";
import { deadlines, districts, schoolDeadlineSummaries, schools, students } from "@/db/schema";
import { parseDeadlineSettings } from "@/lib/deadlines/settings";
import { timingOf } from "@/lib/deadlines/timing";
import { DEFAULT_TIME_ZONE, now as clockNow, todayIn } from "@/lib/time";
import { loadSchoolCalendars } from "./calendars";

/**
 * Per-school counts of the open deadlines past due (`school_deadline_summaries`, issue 15): the
 * district admin's deadline items are every such deadline of the district, so their dashboard counts
 * and the totals of their work-queue page read one row per school instead of every overdue deadline
 * (at 500,000 students, hundreds of thousands). The same definition as the queue's `district` route
 * and its timing (lib/dal/work-queue.ts, lib/deadlines/timing.ts): status open, not completed, due
 * before the district's local today; escalated when overdue by at least the district's threshold in
 * the school's school days.
 */

/** The district's local date and escalation threshold, as the queue reads them. */
async function districtClock(db: Executor, districtId: string, now: Date) {
  const [district] = await db
    .select({ settings: districts.settings })
    .from(districts)
    .where(eq(districts.id, districtId));
  if (!district) return null;
  const timeZone = typeof district.settings.timeZone === "string" ? district.settings.timeZone : DEFAULT_TIME_ZONE;
  return {
    today: todayIn(timeZone, now),
    workQueue: parseDeadlineSettings(district.settings).workQueue,
  };
}

/**
 * Recomputes the summary rows of these schools of one district as of the district's local today (or
 * `today`) and upserts them: two queries and the calendars of these schools. Run it in the
 * transaction that changed their deadlines (the deadline store does), so the counts commit with the
 * change. Concurrent writers of one district's deadlines are already serialized by the store's
 * district lock; the job takes the same lock.
 */
export async function refreshSchoolDeadlineSummaries(
  db: Executor,
  input: { districtId: string; schoolIds: readonly string[]; today?: string; now?: Date },
): Promise<number> {
  const schoolIds = [...new Set(input.schoolIds)].sort();
  if (!schoolIds.length) return 0;
  const now = input.now ?? clockNow();
  const clock = await districtClock(db, input.districtId, now);
  if (!clock) return 0;
  const today = input.today ?? clock.today;
  // One row per (school, due date) for the timing, and one per school for its distinct students
  // (a student is at one school, so the schools' counts add up to the district's).
  const [groups, calendars] = await Promise.all([
    db
      .select({
        schoolId: students.schoolId,
        due: deadlines.due,
        count: sql<number>`count(*)`.mapWith(Number),
        students: sql<number>`count(distinct ${deadlines.studentId})`.mapWith(Number),
        perSchool: sql<number>`grouping(${deadlines.due})`.mapWith(Number),
      })
      .from(deadlines)
      .innerJoin(students, eq(students.id, deadlines.studentId))
      .where(
        and(
          inArray(students.schoolId, schoolIds),
          eq(deadlines.districtId, input.districtId),
          eq(deadlines.status, "open"),
          isNull(deadlines.completedOn),
          lt(deadlines.due, today),
        ),
      )
      .groupBy(sql`grouping sets ((${students.schoolId}, ${deadlines.due}), (${students.schoolId}))`),
    loadSchoolCalendars(db, schoolIds),
  ]);
  const refreshedAt = now;
  const rows = new Map(
    schoolIds.map((schoolId) => [
      schoolId,
      {
        schoolId,
        districtId: input.districtId,
        asOf: today,
        escalateAfterSchoolDays: clock.workQueue.escalateAfterSchoolDays,
        overdue: 0,
        escalated: 0,
        students: 0,
        oldestDue: null as string | null,
        refreshedAt,
      },
    ]),
  );
  for (const group of groups) {
    const row = rows.get(group.schoolId)!;
    if (group.perSchool === 1) {
      row.students = group.students;
      continue;
    }
    const due = group.due!;
    row.overdue += group.count;
    if (row.oldestDue === null || due < row.oldestDue) row.oldestDue = due;
    const calendar = calendars.get(group.schoolId);
    if (calendar && timingOf(calendar, today, due, clock.workQueue).escalated) row.escalated += group.count;
  }
  const values = [...rows.values()];
  await db
    .insert(schoolDeadlineSummaries)
    .values(values)
    .onConflictDoUpdate({
      target: schoolDeadlineSummaries.schoolId,
      set: {
        districtId: sql`excluded.district_id`,
        asOf: sql`excluded.as_of`,
        escalateAfterSchoolDays: sql`excluded.escalate_after_school_days`,
        overdue: sql`excluded.overdue`,
        escalated: sql`excluded.escalated`,
        students: sql`excluded.students`,
        oldestDue: sql`excluded.oldest_due`,
        refreshedAt: sql`excluded.refreshed_at`,
      },
    });
  return values.length;
}

/**
 * The summary rows of these students' schools, after a change to their deadlines that did not go
 * through the deadline store's refresh (a deadline completed by hand): takes the store's district lock
 * first, in the caller's transaction.
 */
export async function refreshDeadlineSummariesOfStudents(
  db: Executor,
  input: { districtId: string; studentIds: readonly string[] },
): Promise<void> {
  if (!input.studentIds.length) return;
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`deadlines:${input.districtId}`}))`);
  const rows = await db
    .selectDistinct({ schoolId: students.schoolId })
    .from(students)
    .where(and(inArray(students.id, [...input.studentIds]), eq(students.districtId, input.districtId)));
  await refreshSchoolDeadlineSummaries(db, { districtId: input.districtId, schoolIds: rows.map((r) => r.schoolId) });
}

/** The district's totals of past-due open deadlines, or null when a school's row is missing or stale. */
export interface DistrictDeadlineTotals {
  overdue: number;
  escalated: number;
  students: number;
  oldestDue: string | null;
}

/**
 * The district's past-due deadline totals as of `today` from the summary rows, in one query over one
 * row per school — or null when any school of the district has no row, a row of another date or of
 * another escalation threshold (before the job's first run of a day, right after the threshold
 * changed): the caller then counts live, so the numbers shown are never yesterday's.
 */
export async function readDistrictDeadlineTotals(
  db: Executor,
  input: { districtId: string; today: string; escalateAfterSchoolDays: number },
): Promise<DistrictDeadlineTotals | null> {
  const current = and(
    eq(schoolDeadlineSummaries.asOf, input.today),
    eq(schoolDeadlineSummaries.escalateAfterSchoolDays, input.escalateAfterSchoolDays),
  );
  const [row] = await db
    .select({
      stale: sql<number>`count(*) filter (where not coalesce(${current}, false))`.mapWith(Number),
      overdue: sql<number>`coalesce(sum(${schoolDeadlineSummaries.overdue}), 0)`.mapWith(Number),
      escalated: sql<number>`coalesce(sum(${schoolDeadlineSummaries.escalated}), 0)`.mapWith(Number),
      students: sql<number>`coalesce(sum(${schoolDeadlineSummaries.students}), 0)`.mapWith(Number),
      oldestDue: sql<string | null>`min(${schoolDeadlineSummaries.oldestDue})::text`,
    })
    .from(schools)
    .leftJoin(schoolDeadlineSummaries, eq(schoolDeadlineSummaries.schoolId, schools.id))
    .where(eq(schools.districtId, input.districtId));
  if (!row || row.stale > 0) return null;
  return { overdue: row.overdue, escalated: row.escalated, students: row.students, oldestDue: row.oldestDue };
}

/** Schools recomputed per transaction by the job: bounds each transaction's work and the time it holds the lock. */
const BATCH = 50;

/**
 * The job's work (unscoped by design: derived numbers, no student data leaves the database): for every
 * district, recomputes the rows that are missing, of another date than the district's local today (a
 * deadline becomes overdue, an overdue one escalates), of another escalation threshold, or older than
 * `maxAgeMinutes` — which picks up what changes outside the deadline store: a student moved to another
 * school by a roster load. Each batch runs in its own transaction under the deadline store's district
 * lock, so it never interleaves with a mutation's refresh. `today` replaces the local date (tests).
 */
export async function runDeadlineSummaryRefresh(
  db: Database,
  options: { now?: Date; today?: string; districtId?: string; maxAgeMinutes?: number } = {},
): Promise<{ schools: number }> {
  const now = options.now ?? clockNow();
  const maxAge = new Date(now.getTime() - (options.maxAgeMinutes ?? 60) * 60_000);
  const rows = await db
    .select({ id: districts.id })
    .from(districts)
    .where(options.districtId ? eq(districts.id, options.districtId) : undefined);
  let refreshed = 0;
  for (const district of rows) {
    const clock = await districtClock(db, district.id, now);
    if (!clock) continue;
    const today = options.today ?? clock.today;
    const due = await db
      .select({ id: schools.id })
      .from(schools)
      .leftJoin(schoolDeadlineSummaries, eq(schoolDeadlineSummaries.schoolId, schools.id))
      .where(
        and(
          eq(schools.districtId, district.id),
          or(
            isNull(schoolDeadlineSummaries.schoolId),
            ne(schoolDeadlineSummaries.asOf, today),
            ne(schoolDeadlineSummaries.escalateAfterSchoolDays, clock.workQueue.escalateAfterSchoolDays),
            lt(schoolDeadlineSummaries.refreshedAt, maxAge),
          ),
        ),
      )
      .orderBy(asc(schools.id));
    for (let i = 0; i < due.length; i += BATCH) {
      const schoolIds = due.slice(i, i + BATCH).map((s) => s.id);
      refreshed += await db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`deadlines:${district.id}`}))`);
        return refreshSchoolDeadlineSummaries(tx, { districtId: district.id, schoolIds, today, now });
      });
    }
  }
  return { schools: refreshed };
}

/** Refreshes every school of every district (or of one): seeds and bulk loads end with it. */
export function refreshAllDeadlineSummaries(db: Database, options: { today?: string; districtId?: string } = {}) {
  return runDeadlineSummaryRefresh(db, { ...options, maxAgeMinutes: -1 });
}
