import { and, asc, eq, gte, inArray, isNull, lt, lte, ne, or, sql } from "drizzle-orm";
import type { Database, Executor } from "@/db/client";
import {
  districts,
  implementationLogs,
  planAccommodations,
  planServices,
  planVersions,
  schoolDeliverySummaries,
  schools,
  sectionEnrollments,
  sections,
  sectionTeachers,
  students,
} from "@/db/schema";
import type { SchoolCalendar } from "@/lib/compliance/school-calendar";
import type { CoverageRow } from "@/lib/dto/delivery";
import { districtTimeZone, now as clockNow, todayIn } from "@/lib/time";
import { acknowledgmentTiming, type DeliverySettings } from "@/lib/delivery/rules";
import { inForce } from "@/lib/policy";
import { loadTimedAssignments, type TimedAssignment } from "./assignments";
import { loadSchoolCalendars } from "./calendars";
import { entryCounts } from "./implementation-log";
import { selectField } from "./scope";
import { currentLogEntry } from "./implementation-log";

export const emptyCoverageRow = (key: string, label: string, sublabel: string | null = null): CoverageRow => ({
  key,
  label,
  sublabel,
  assigned: 0,
  acknowledged: 0,
  overdue: 0,
  escalated: 0,
  logExpected: 0,
  logRecorded: 0,
});

/** The last `windowDays` school days up to `today` on one school's calendar (its log-coverage window). */
export function coverageWindow(calendar: SchoolCalendar, windowDays: number, today: string): string[] {
  const days = calendar
    .schoolDaysInRange(calendar.nthSchoolDayBefore(today, windowDays) ?? today, today)
    .filter((d) => d <= today);
  return days.slice(-windowDays);
}

/** The last `windowDays` school days up to `today` on each school's calendar. */
function coverageWindows(calendars: Map<string, SchoolCalendar>, windowDays: number, today: string) {
  return new Map([...calendars].map(([schoolId, calendar]) => [schoolId, coverageWindow(calendar, windowDays, today)]));
}

/**
 * Implementation-log coverage of in-class accommodations over the last `windowDays` school days of
 * each school (days after the assignment began): for one assignment, how many accommodation-days
 * were expected and how many have an entry. Two queries for any number of assignments.
 */
export async function logCoverage(
  db: Executor,
  timed: TimedAssignment[],
  calendars: Map<string, SchoolCalendar>,
  windowDays: number,
  today: string,
) {
  const versionIds = [...new Set(timed.map((a) => a.versionId))];
  const accommodations = versionIds.length
    ? await db
        .select({ id: planAccommodations.id, versionId: planAccommodations.versionId })
        .from(planAccommodations)
        .where(and(inArray(planAccommodations.versionId, versionIds), eq(planAccommodations.classroom, true)))
    : [];
  const windows = coverageWindows(calendars, windowDays, today);
  const windowFrom = [...windows.values()].flatMap((d) => d.slice(0, 1)).sort()[0] ?? null;
  const logged =
    versionIds.length && windowFrom
      ? await db
          .selectDistinct({
            accommodationId: implementationLogs.accommodationId,
            sectionId: implementationLogs.sectionId,
            logDate: implementationLogs.logDate,
          })
          .from(implementationLogs)
          .where(
            and(
              inArray(implementationLogs.versionId, versionIds),
              gte(implementationLogs.logDate, windowFrom),
              lte(implementationLogs.logDate, today),
              ne(implementationLogs.status, "retracted"),
              currentLogEntry,
            ),
          )
      : [];
  const loggedKeys = new Set(logged.map((l) => `${l.accommodationId}|${l.sectionId ?? ""}|${l.logDate}`));
  // In-class accommodations indexed by version (a nested scan per assignment was O(n × m), issue 15).
  const byVersion = new Map<string, typeof accommodations>();
  for (const item of accommodations) {
    const list = byVersion.get(item.versionId);
    if (list) list.push(item);
    else byVersion.set(item.versionId, [item]);
  }
  const coverageOf = (a: TimedAssignment) => {
    const days = (windows.get(a.schoolId) ?? []).filter((d) => d >= a.assignedOn);
    const items = a.sectionId ? (byVersion.get(a.versionId) ?? []) : [];
    return {
      expected: items.length * days.length,
      recorded: items.reduce(
        (sum, item) => sum + days.filter((d) => loggedKeys.has(`${item.id}|${a.sectionId}|${d}`)).length,
        0,
      ),
    };
  };
  return { windowFrom, windows, coverageOf };
}

export interface CoverageAggregate {
  byTeacher: Map<string, CoverageRow>;
  bySection: Map<string, CoverageRow>;
  bySchool: Map<string, CoverageRow>;
  totals: CoverageRow;
  /** Per school, the earliest due date among its escalated acknowledgments. */
  escalatedSince: Map<string, string>;
}

/**
 * The dashboard's numbers from timed assignments: acknowledgment states count once per implementer
 * and plan version (a teacher with the student in two sections acknowledges once), except in the
 * by-section rows; log coverage counts every assignment. Every assignment of one (implementer,
 * version) belongs to the version's student, so to one school: per-school rows add up to the totals.
 */
export function aggregateCoverage(
  timed: TimedAssignment[],
  coverageOf: (a: TimedAssignment) => { expected: number; recorded: number },
): CoverageAggregate {
  const byTeacher = new Map<string, CoverageRow>();
  const bySection = new Map<string, CoverageRow>();
  const bySchool = new Map<string, CoverageRow>();
  const escalatedSince = new Map<string, string>();
  const totals = emptyCoverageRow("all", "");
  const ackCounted = new Set<string>();
  const count = (row: CoverageRow, a: TimedAssignment) => {
    row.assigned += 1;
    if (a.timing.state === "acknowledged") row.acknowledged += 1;
    if (a.timing.state === "overdue" || a.timing.state === "escalated") row.overdue += 1;
    if (a.timing.state === "escalated") row.escalated += 1;
  };
  for (const a of timed) {
    const teacher = byTeacher.get(a.userId) ?? emptyCoverageRow(a.userId, a.userName);
    const section = a.sectionId
      ? (bySection.get(a.sectionId) ?? emptyCoverageRow(a.sectionId, a.sectionName ?? "", a.userName))
      : null;
    const school = bySchool.get(a.schoolId) ?? emptyCoverageRow(a.schoolId, a.schoolName);
    const firstForPerson = !ackCounted.has(`${a.userId}|${a.versionId}`);
    ackCounted.add(`${a.userId}|${a.versionId}`);
    const { expected, recorded } = coverageOf(a);
    for (const row of [teacher, school, totals]) {
      if (firstForPerson) count(row, a);
      row.logExpected += expected;
      row.logRecorded += recorded;
    }
    if (section) {
      count(section, a);
      section.logExpected += expected;
      section.logRecorded += recorded;
      bySection.set(a.sectionId!, section);
    }
    if (firstForPerson && a.timing.state === "escalated" && a.timing.due) {
      const since = escalatedSince.get(a.schoolId);
      if (!since || a.timing.due < since) escalatedSince.set(a.schoolId, a.timing.due);
    }
    byTeacher.set(a.userId, teacher);
    bySchool.set(a.schoolId, school);
  }
  return { byTeacher, bySection, bySchool, totals, escalatedSince };
}

/**
 * The live computation behind every coverage number, for the implementer assignments matching
 * `where` (see `loadTimedAssignments`): a fixed number of queries whatever the number of students.
 * `calendarSchools` adds schools whose calendar (and so coverage window) is needed even without
 * assignments.
 */
export async function computeCoverage(
  db: Executor,
  districtId: string,
  today: string,
  where: Parameters<typeof loadTimedAssignments>[3],
  loadCalendars?: (schoolIds: string[]) => Promise<Map<string, SchoolCalendar>>,
) {
  const { settings, calendars, timed } = await loadTimedAssignments(db, districtId, today, where, loadCalendars);
  const coverage = await logCoverage(db, timed, calendars, settings.coverageWindowSchoolDays, today);
  return { settings, calendars, timed, ...coverage, ...aggregateCoverage(timed, coverage.coverageOf) };
}

/**
 * Recomputes the summary rows of the given schools of one district as of `today` and writes them
 * (one multi-row upsert). The caller passes its transaction when a mutation changed these schools,
 * so the summary commits with the change (or not at all). A recompute takes each school's summary
 * lock exclusively before reading (in school order, so two refreshes cannot deadlock): it waits for
 * every transaction that holds the lock — another recompute, or an acknowledgment or log entry
 * adding its delta under the shared lock (see {@link summaryLockShared}) — to commit, and then reads
 * their rows, so the row it writes has seen every committed change and no delta is lost. Outside a
 * transaction the lock lasts one statement, which is what the job wants (it runs each batch in its
 * own transaction).
 */
export async function refreshSchoolSummaries(
  db: Executor,
  input: { districtId: string; schoolIds: readonly string[]; today: string },
): Promise<number> {
  const schoolIds = [...new Set(input.schoolIds)].sort();
  if (!schoolIds.length) return 0;
  await db.execute(
    sql`select count(pg_advisory_xact_lock(${SUMMARY_LOCK}, hashtext(id::text))) from (select unnest(${sql`array[${sql.join(
      schoolIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    )}]`}) as id order by 1) ids`,
  );
  const inSchools = and(inArray(students.schoolId, schoolIds), eq(students.districtId, input.districtId))!;
  const { windows, bySchool, escalatedSince } = await computeCoverage(
    db,
    input.districtId,
    input.today,
    { teachers: inSchools, providers: inSchools },
    () => loadSchoolCalendars(db, schoolIds),
  );
  const refreshedAt = clockNow();
  const rows = schoolIds.map((schoolId) => {
    const row = bySchool.get(schoolId) ?? emptyCoverageRow(schoolId, "");
    return {
      schoolId,
      districtId: input.districtId,
      asOf: input.today,
      windowFrom: windows.get(schoolId)?.[0] ?? null,
      assigned: row.assigned,
      acknowledged: row.acknowledged,
      overdue: row.overdue,
      escalated: row.escalated,
      logExpected: row.logExpected,
      logRecorded: row.logRecorded,
      escalatedSince: escalatedSince.get(schoolId) ?? null,
      refreshedAt,
    };
  });
  await db
    .insert(schoolDeliverySummaries)
    .values(rows)
    .onConflictDoUpdate({
      target: schoolDeliverySummaries.schoolId,
      set: {
        districtId: sql`excluded.district_id`,
        asOf: sql`excluded.as_of`,
        windowFrom: sql`excluded.window_from`,
        assigned: sql`excluded.assigned`,
        acknowledged: sql`excluded.acknowledged`,
        overdue: sql`excluded.overdue`,
        escalated: sql`excluded.escalated`,
        logExpected: sql`excluded.log_expected`,
        logRecorded: sql`excluded.log_recorded`,
        escalatedSince: sql`excluded.escalated_since`,
        refreshedAt: sql`excluded.refreshed_at`,
      },
    });
  return rows.length;
}

/** Advisory-lock namespace of the summary refresh (any constant distinct from other advisory locks). */
const SUMMARY_LOCK = 15_001;

/**
 * Takes a school's summary lock in shared mode until the transaction ends. An acknowledgment or a
 * log entry takes it after its insert and before it reads what its delta depends on (an
 * assignment's state, whether the day was logged): writers of deltas never wait for each other here
 * (only on the summary row itself, from their `update` to their commit), while a full recompute (a
 * plan lifecycle step, a whole-class log, the job) waits for them and they wait for it — so a delta
 * is never computed from data a concurrent recompute is changing, nor added to a row that a
 * recompute then overwrites without it; the statements after it see everything committed before the
 * lock was granted. Not earlier than the insert: a lifecycle step holds its plan version `FOR
 * UPDATE` before it takes the exclusive lock, and the insert's foreign-key check waits for that row.
 */
async function lockSummaryShared(db: Executor, schoolId: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock_shared(${SUMMARY_LOCK}, hashtext(${schoolId}::uuid::text))`);
}

/** A summary row can take a delta only when it was computed for the same day (else the job recomputes it). */
function sameDayRow(schoolId: string, today: string) {
  return and(eq(schoolDeliverySummaries.schoolId, schoolId), eq(schoolDeliverySummaries.asOf, today))!;
}

/** How old a summary row may get before the job recomputes it (changes made outside the app's mutations). */
const SUMMARY_MAX_AGE_MINUTES = 60;

/**
 * A same-day row that cannot take a delta without breaking its own invariants (more acknowledged
 * and overdue than assigned, more days recorded than expected) was computed before a change made
 * outside the app's mutations (a roster load added a co-teacher): instead of failing the user's
 * action, the row is aged past the job's maximum age, so the job's next run (every 5 minutes)
 * recomputes it with this transaction's change.
 */
async function recomputeSoon(db: Executor, schoolId: string, today: string) {
  await db
    .update(schoolDeliverySummaries)
    .set({
      refreshedAt: sql`${schoolDeliverySummaries.refreshedAt} - make_interval(mins => ${SUMMARY_MAX_AGE_MINUTES + 1}::int)`,
    })
    .where(sameDayRow(schoolId, today));
}

/**
 * An acknowledgment's change to its school's summary row, as a delta instead of a recompute (issue
 * 15: the recompute cost 0.2–0.8 s at 50,000 students and serialized the school's writers). The
 * caller has inserted the acknowledgment of `versionId` by `userId`; this takes the school's shared
 * summary lock ({@link lockSummaryShared}) and then reads. The dashboard counts an (implementer, version) once, in
 * the state of its first assignment in {@link aggregateCoverage}'s order (the first section by
 * period and name, else as a provider); that state before the acknowledgment (due, overdue or
 * escalated, on the school's calendar as of `today`) is replaced by acknowledged. Nothing changes
 * when the person has no assignment to the version today. When the acknowledgment was the escalated
 * one with the school's earliest due date, the new earliest date needs the school's escalated
 * assignments: they are read under the summary row's lock, which this transaction holds since its
 * update (so concurrent acknowledgments of that school apply theirs after this commits, and see it).
 * `settings` and `calendar` (the school's) are read in the caller's transaction. A row computed
 * for another day (or missing) is left to the summary job, which recomputes it.
 */
export async function countAcknowledgment(
  db: Executor,
  input: {
    districtId: string;
    schoolId: string;
    versionId: string;
    userId: string;
    today: string;
    settings: DeliverySettings;
    calendar: SchoolCalendar;
  },
): Promise<void> {
  const { districtId, schoolId, versionId, userId, today, settings, calendar } = input;
  await lockSummaryShared(db, schoolId);
  const [assignment] = await db
    .select({
      teacherOn: selectField<
        string | null
      >(sql`(select greatest(${planVersions.effectiveOn}, ${sectionEnrollments.startsOn}, ${sectionTeachers.startsOn})::text
        from ${sectionEnrollments}
        join ${sections} on ${sections.id} = ${sectionEnrollments.sectionId}
        join ${sectionTeachers} on ${sectionTeachers.sectionId} = ${sections.id}
        where ${sectionEnrollments.studentId} = ${planVersions.studentId} and ${inForce(sectionEnrollments, today)}
          and ${sectionTeachers.userId} = ${userId} and ${inForce(sectionTeachers, today)}
        order by ${sections.period}, ${sections.name} limit 1)`),
      provides: selectField<boolean>(
        sql`exists (select 1 from ${planServices} where ${planServices.versionId} = ${planVersions.id} and ${planServices.providerUserId} = ${userId})`,
      ),
      effectiveOn: sql<string>`${planVersions.effectiveOn}::text`,
    })
    .from(planVersions)
    .where(and(eq(planVersions.id, versionId), eq(planVersions.status, "active")));
  const assignedOn = assignment?.teacherOn ?? (assignment?.provides ? assignment.effectiveOn : null);
  if (!assignedOn) return;
  const { state, due } = acknowledgmentTiming({ assignedOn, acknowledgedOn: null, today, calendar, settings });
  const overdue = state === "overdue" || state === "escalated" ? 1 : 0;
  const escalated = state === "escalated" ? 1 : 0;
  const [row] = await db
    .update(schoolDeliverySummaries)
    .set({
      acknowledged: sql`${schoolDeliverySummaries.acknowledged} + 1`,
      overdue: sql`${schoolDeliverySummaries.overdue} - ${overdue}::int`,
      escalated: sql`${schoolDeliverySummaries.escalated} - ${escalated}::int`,
      escalatedSince: sql`case when ${schoolDeliverySummaries.escalated} - ${escalated}::int = 0 then null else ${schoolDeliverySummaries.escalatedSince} end`,
    })
    .where(
      and(
        sameDayRow(schoolId, today),
        sql`${schoolDeliverySummaries.acknowledged} + 1 + ${schoolDeliverySummaries.overdue} - ${overdue}::int <= ${schoolDeliverySummaries.assigned}`,
        sql`${schoolDeliverySummaries.escalated} - ${escalated}::int between 0 and ${schoolDeliverySummaries.overdue} - ${overdue}::int`,
      ),
    )
    .returning({ escalated: schoolDeliverySummaries.escalated, since: schoolDeliverySummaries.escalatedSince });
  if (!row) return recomputeSoon(db, schoolId, today);
  if (!escalated || row.escalated === 0 || row.since !== due) return;
  const inSchool = and(eq(students.schoolId, schoolId), eq(students.districtId, districtId))!;
  const { timed } = await loadTimedAssignments(db, districtId, today, { teachers: inSchool, providers: inSchool }, () =>
    Promise.resolve(new Map([[schoolId, calendar]])),
  );
  const { escalatedSince } = aggregateCoverage(timed, () => ({ expected: 0, recorded: 0 }));
  await db
    .update(schoolDeliverySummaries)
    .set({ escalatedSince: escalatedSince.get(schoolId) ?? null })
    .where(eq(schoolDeliverySummaries.schoolId, schoolId));
}

/**
 * A new implementation-log entry's change to its school's summary row, as a delta: when the entry
 * `entryId` made its accommodation, section and day logged (no current entry before it, or only a
 * retraction), every assignment that expects that accommodation-day — each teacher of the section
 * today, for the version, from the day the assignment began — gains one recorded day. `counted`
 * says whether log coverage counts the entry at all (an in-class accommodation, in a section, on a
 * day of the school's window); the caller holds the entry's own lock (`logEntryLock`) and has
 * inserted it. Takes the school's shared summary lock ({@link lockSummaryShared}), then reads (one
 * query, lib/dal/internal/implementation-log.ts `entryCounts`). A row computed for another day (or
 * missing) is left to the summary job.
 */
export async function countLogEntry(
  db: Executor,
  input: {
    schoolId: string;
    today: string;
    counted: boolean;
    entry: { entryId: string; accommodationId: string; sectionId: string | null; date: string };
  },
): Promise<void> {
  if (!input.counted || !input.entry.sectionId) return;
  await lockSummaryShared(db, input.schoolId);
  const { loggedBefore, implementers } = await entryCounts(db, {
    ...input.entry,
    today: input.today,
    countImplementers: true,
  });
  if (loggedBefore || implementers <= 0) return;
  const [row] = await db
    .update(schoolDeliverySummaries)
    .set({ logRecorded: sql`${schoolDeliverySummaries.logRecorded} + ${implementers}::int` })
    .where(
      and(
        sameDayRow(input.schoolId, input.today),
        sql`${schoolDeliverySummaries.logRecorded} + ${implementers}::int <= ${schoolDeliverySummaries.logExpected}`,
      ),
    )
    .returning({ schoolId: schoolDeliverySummaries.schoolId });
  if (!row) await recomputeSoon(db, input.schoolId, input.today);
}

/**
 * The summary rows a student's change touches: refreshes the school of each given student (their
 * current school), in the caller's transaction. Used by acknowledgments, implementation logs and
 * plan lifecycle steps.
 */
export async function refreshSummariesOfStudents(
  db: Executor,
  input: { studentIds: readonly string[]; today: string },
): Promise<void> {
  const ids = [...new Set(input.studentIds)];
  if (!ids.length) return;
  const rows = await db
    .selectDistinct({ schoolId: students.schoolId, districtId: students.districtId })
    .from(students)
    .where(inArray(students.id, ids));
  const byDistrict = new Map<string, string[]>();
  for (const row of rows) byDistrict.set(row.districtId, [...(byDistrict.get(row.districtId) ?? []), row.schoolId]);
  for (const [districtId, schoolIds] of byDistrict) {
    await refreshSchoolSummaries(db, { districtId, schoolIds, today: input.today });
  }
}

/** Schools recomputed per transaction: bounds each transaction's work and the locks it holds. */
const BATCH = 20;

/**
 * The summary job's work (unscoped by design: derived numbers, no student data leaves
 * the database). For every district, recomputes the summary rows (school_delivery_summaries) that
 * are missing, were computed for another day than the district's local today (an acknowledgment
 * becomes overdue, the coverage window moves), or are older than `maxAgeMinutes` — which picks up
 * what changes outside the app's mutations within that time: district delivery settings, school
 * calendars, roster loads. Mutations that change the numbers refresh their school in their own
 * transaction (lib/dal/internal/coverage.ts), so this job is the safety net and the day boundary,
 * not the path that keeps the dashboard current. `today` replaces the local date (tests).
 */
export async function runSummaryRefresh(
  db: Database,
  options: { now?: Date; today?: string; districtId?: string; maxAgeMinutes?: number } = {},
): Promise<{ schools: number }> {
  const now = options.now ?? clockNow();
  const maxAge = new Date(now.getTime() - (options.maxAgeMinutes ?? SUMMARY_MAX_AGE_MINUTES) * 60_000);
  const rows = await db
    .select({ id: districts.id, settings: districts.settings })
    .from(districts)
    .where(options.districtId ? eq(districts.id, options.districtId) : undefined);
  let refreshed = 0;
  for (const district of rows) {
    const timeZone = districtTimeZone(district.settings);
    const today = options.today ?? todayIn(timeZone, now);
    const due = await db
      .select({ id: schools.id })
      .from(schools)
      .leftJoin(schoolDeliverySummaries, eq(schoolDeliverySummaries.schoolId, schools.id))
      .where(
        and(
          eq(schools.districtId, district.id),
          or(
            isNull(schoolDeliverySummaries.schoolId),
            ne(schoolDeliverySummaries.asOf, today),
            lt(schoolDeliverySummaries.refreshedAt, maxAge),
          ),
        ),
      )
      .orderBy(asc(schools.id));
    for (let i = 0; i < due.length; i += BATCH) {
      const schoolIds = due.slice(i, i + BATCH).map((s) => s.id);
      refreshed += await db.transaction((tx) =>
        refreshSchoolSummaries(tx, { districtId: district.id, schoolIds, today }),
      );
    }
  }
  return { schools: refreshed };
}

/** Refreshes every school of every district (seeds and bulk loads end with it). */
export async function refreshAllSummaries(db: Database, options: { today?: string; districtId?: string } = {}) {
  return runSummaryRefresh(db, { ...options, maxAgeMinutes: -1 });
}
