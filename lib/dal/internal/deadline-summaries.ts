import { and, asc, eq, inArray, isNull, lt, lte, ne, or, sql } from "drizzle-orm";
import type { Database, Executor } from "@/db/client";
import {
  caseEvents,
  deadlines,
  districts,
  schoolDeadlineSummaries,
  schoolDeliverySummaries,
  schools,
  students,
  type InitialEvaluationTally,
} from "@/db/schema";
import { addDays } from "@/lib/compliance/dates";
import { INITIAL_EVALUATION_RULE } from "@/lib/deadlines/programs";
import { parseDeadlineSettings } from "@/lib/deadlines/settings";
import { timingOf } from "@/lib/deadlines/timing";
import { districtTimeZone, now as clockNow, todayIn } from "@/lib/time";
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
  const timeZone = districtTimeZone(district.settings);
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
  const [reviews, initial] = await Promise.all([
    reviewCounts(db, input.districtId, schoolIds, today),
    initialCounts(db, input.districtId, schoolIds, today),
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
        ...reviews.get(schoolId),
        initialEvaluations: initial.get(schoolId) ?? {},
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
        annualOverdue: sql`excluded.annual_overdue`,
        annualDue30: sql`excluded.annual_due30`,
        annualDue90: sql`excluded.annual_due90`,
        triennialOverdue: sql`excluded.triennial_overdue`,
        triennialDue30: sql`excluded.triennial_due30`,
        triennialDue90: sql`excluded.triennial_due90`,
        initialEvaluations: sql`excluded.initial_evaluations`,
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

/** How far ahead the compliance report counts reviews due (D-08, D-09), and its near window. */
export const REVIEW_HORIZON_DAYS = 90;
export const REVIEW_SOON_DAYS = 30;

type ReviewCounts = Pick<
  typeof schoolDeadlineSummaries.$inferInsert,
  "annualOverdue" | "annualDue30" | "annualDue90" | "triennialOverdue" | "triennialDue30" | "triennialDue90"
>;

/** Per school: open annual reviews (D-08) and reevaluations (D-09) overdue, due within 30 days, within 31–90 days. */
async function reviewCounts(
  db: Executor,
  districtId: string,
  schoolIds: string[],
  today: string,
): Promise<Map<string, ReviewCounts>> {
  const in30 = addDays(today, REVIEW_SOON_DAYS);
  const rows = await db
    .select({
      schoolId: students.schoolId,
      ruleId: deadlines.ruleId,
      overdue: sql<number>`count(*) filter (where ${deadlines.due} < ${today}::date)`.mapWith(Number),
      due30:
        sql<number>`count(*) filter (where ${deadlines.due} >= ${today}::date and ${deadlines.due} <= ${in30}::date)`.mapWith(
          Number,
        ),
      due90: sql<number>`count(*) filter (where ${deadlines.due} > ${in30}::date)`.mapWith(Number),
    })
    .from(deadlines)
    .innerJoin(students, eq(students.id, deadlines.studentId))
    .where(
      and(
        inArray(students.schoolId, schoolIds),
        eq(deadlines.districtId, districtId),
        inArray(deadlines.ruleId, ["D-08", "D-09"]),
        eq(deadlines.status, "open"),
        isNull(deadlines.completedOn),
        lte(deadlines.due, addDays(today, REVIEW_HORIZON_DAYS)),
      ),
    )
    .groupBy(students.schoolId, deadlines.ruleId);
  const counts = new Map<string, ReviewCounts>();
  for (const row of rows) {
    const entry = counts.get(row.schoolId) ?? {};
    if (row.ruleId === "D-08")
      Object.assign(entry, { annualOverdue: row.overdue, annualDue30: row.due30, annualDue90: row.due90 });
    else Object.assign(entry, { triennialOverdue: row.overdue, triennialDue30: row.due30, triennialDue90: row.due90 });
    counts.set(row.schoolId, entry);
  }
  return counts;
}

/**
 * Per school and school year of the referral (July 1 – June 30, `schoolYearOf`): the initial
 * evaluations (D-01) by outcome as of `today`, and the recorded delay reasons of the late and overdue ones.
 */
async function initialCounts(
  db: Executor,
  districtId: string,
  schoolIds: string[],
  today: string,
): Promise<Map<string, Record<string, InitialEvaluationTally>>> {
  const overdue = sql<boolean>`coalesce(${deadlines.status} = 'open' and ${deadlines.due} < ${today}::date, false)`;
  const schoolYear = sql<number>`(extract(year from ${caseEvents.date}) - case when extract(month from ${caseEvents.date}) < 7 then 1 else 0 end)::int`;
  const rows = await db
    .select({
      schoolId: students.schoolId,
      schoolYear: schoolYear.mapWith(Number),
      status: deadlines.status,
      overdue,
      delayReason: deadlines.delayReason,
      count: sql<number>`count(*)`.mapWith(Number),
    })
    .from(deadlines)
    .innerJoin(students, eq(students.id, deadlines.studentId))
    .innerJoin(caseEvents, eq(caseEvents.id, deadlines.triggerEventId))
    .where(
      and(
        inArray(students.schoolId, schoolIds),
        eq(deadlines.districtId, districtId),
        eq(deadlines.ruleId, INITIAL_EVALUATION_RULE),
      ),
    )
    // By position: the year and overdue expressions carry parameters, which GROUP BY cannot match by text.
    .groupBy(sql`1, 2, 3, 4, 5`);
  const bySchool = new Map<string, Record<string, InitialEvaluationTally>>();
  for (const row of rows) {
    const years = bySchool.get(row.schoolId) ?? {};
    const tally = (years[row.schoolYear] ??= {
      met: 0,
      late: 0,
      overdue: 0,
      open: 0,
      paused: 0,
      stopped: 0,
      reasons: {},
    });
    const outcome = row.overdue ? "overdue" : row.status;
    tally[outcome] += row.count;
    if (outcome === "late" || outcome === "overdue") {
      const reason = row.delayReason ?? "";
      tally.reasons[reason] = (tally.reasons[reason] ?? 0) + row.count;
    }
    bySchool.set(row.schoolId, years);
  }
  return bySchool;
}

/** The district's totals of past-due open deadlines, or null when a school's row is missing or stale. */
export interface DistrictDeadlineTotals {
  overdue: number;
  escalated: number;
  students: number;
  oldestDue: string | null;
  /** Schools with escalated acknowledgments (their delivery summary rows): one work item each for a district admin. */
  escalatedSchools: number;
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
      escalatedSchools: sql<number>`(select count(*) from ${schoolDeliverySummaries}
        where ${schoolDeliverySummaries.districtId} = ${input.districtId} and ${schoolDeliverySummaries.escalated} > 0)`.mapWith(
        Number,
      ),
    })
    .from(schools)
    .leftJoin(schoolDeadlineSummaries, eq(schoolDeadlineSummaries.schoolId, schools.id))
    .where(eq(schools.districtId, input.districtId));
  if (!row || row.stale > 0) return null;
  return {
    overdue: row.overdue,
    escalated: row.escalated,
    students: row.students,
    oldestDue: row.oldestDue,
    escalatedSchools: row.escalatedSchools,
  };
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

/** The compliance report's counts of one school year from the summary rows (see {@link readComplianceSummary}). */
export interface ComplianceSummary {
  refreshedAt: Date;
  initial: Omit<InitialEvaluationTally, "reasons">;
  reasons: { reason: string | null; count: number }[];
  reviews: { schoolId: string; ruleId: "D-08" | "D-09"; overdue: number; due30: number; due90: number }[];
  schools: { id: string; name: string }[];
  /**
   * The first schools by name whose late and overdue initial evaluations of the year add up to at least
   * `lateLimit`: the first `lateLimit` of the district's, in the report's order (school name first), are theirs.
   */
  lateSchoolIds: string[];
}

/**
 * The compliance report's counts for `schoolYear` as of `today` from one read of the district's
 * summary rows (one per school, ordered by name), or null when a school's row is missing or not of
 * `today` (the report then counts live).
 */
export async function readComplianceSummary(
  db: Executor,
  districtId: string,
  today: string,
  schoolYear: number,
  lateLimit: number,
): Promise<ComplianceSummary | null> {
  const rows = await db
    .select({
      id: schools.id,
      name: schools.name,
      asOf: schoolDeadlineSummaries.asOf,
      refreshedAt: schoolDeadlineSummaries.refreshedAt,
      annualOverdue: schoolDeadlineSummaries.annualOverdue,
      annualDue30: schoolDeadlineSummaries.annualDue30,
      annualDue90: schoolDeadlineSummaries.annualDue90,
      triennialOverdue: schoolDeadlineSummaries.triennialOverdue,
      triennialDue30: schoolDeadlineSummaries.triennialDue30,
      triennialDue90: schoolDeadlineSummaries.triennialDue90,
      year: sql<InitialEvaluationTally | null>`${schoolDeadlineSummaries.initialEvaluations} -> ${String(schoolYear)}::text`,
    })
    .from(schools)
    .leftJoin(schoolDeadlineSummaries, eq(schoolDeadlineSummaries.schoolId, schools.id))
    .where(eq(schools.districtId, districtId))
    .orderBy(asc(schools.name), asc(schools.id));
  if (rows.some((r) => r.asOf !== today)) return null;
  const initial = { met: 0, late: 0, overdue: 0, open: 0, paused: 0, stopped: 0 };
  const reasons = new Map<string, number>();
  const reviews: ComplianceSummary["reviews"] = [];
  const lateSchoolIds: string[] = [];
  let lateListed = 0;
  let lastListedName: string | null = null;
  let refreshedAt: Date | null = null;
  for (const row of rows) {
    if (refreshedAt === null || row.refreshedAt! < refreshedAt) refreshedAt = row.refreshedAt;
    if (row.year) {
      for (const key of Object.keys(initial) as (keyof typeof initial)[]) initial[key] += row.year[key];
      for (const [reason, n] of Object.entries(row.year.reasons)) reasons.set(reason, (reasons.get(reason) ?? 0) + n);
      const late = row.year.late + row.year.overdue;
      // Schools of the same name sort together in the report: take them all or none.
      if (late > 0 && (lateListed < lateLimit || row.name === lastListedName)) {
        lateSchoolIds.push(row.id);
        lateListed += late;
        lastListedName = row.name;
      }
    }
    reviews.push(
      {
        schoolId: row.id,
        ruleId: "D-08",
        overdue: row.annualOverdue!,
        due30: row.annualDue30!,
        due90: row.annualDue90!,
      },
      {
        schoolId: row.id,
        ruleId: "D-09",
        overdue: row.triennialOverdue!,
        due30: row.triennialDue30!,
        due90: row.triennialDue90!,
      },
    );
  }
  if (refreshedAt === null) return null;
  return {
    refreshedAt,
    initial,
    reasons: [...reasons].map(([reason, count]) => ({ reason: reason === "" ? null : reason, count })),
    reviews,
    schools: rows.map((r) => ({ id: r.id, name: r.name })),
    lateSchoolIds,
  };
}
