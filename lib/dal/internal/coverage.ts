import { and, asc, eq, gte, inArray, isNull, lt, lte, ne, or, sql } from "drizzle-orm";
import type { Database, Executor } from "@/db/client";
import {
  districts,
  implementationLogs,
  planAccommodations,
  schoolDeliverySummaries,
  schools,
  students,
} from "@/db/schema";
import type { SchoolCalendar } from "@/lib/compliance/school-calendar";
import type { CoverageRow } from "@/lib/dto/delivery";
import { DEFAULT_TIME_ZONE, now as clockNow, todayIn } from "@/lib/time";
import { loadTimedAssignments, type TimedAssignment } from "./assignments";
import { loadSchoolCalendars } from "./calendars";
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

/** The last `windowDays` school days up to `today` on each school's calendar. */
function coverageWindows(calendars: Map<string, SchoolCalendar>, windowDays: number, today: string) {
  return new Map(
    [...calendars].map(([schoolId, calendar]) => {
      const days = calendar
        .schoolDaysInRange(calendar.nthSchoolDayBefore(today, windowDays) ?? today, today)
        .filter((d) => d <= today);
      return [schoolId, days.slice(-windowDays)];
    }),
  );
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
 * so the summary commits with the change (or not at all). Concurrent refreshes of one school are
 * serialized by a transaction-scoped advisory lock taken first (in school order, so two refreshes
 * cannot deadlock): the second waits for the first to commit and then reads its rows, so the last
 * writer has seen every committed change. Outside a transaction the lock lasts one statement,
 * which is what the job wants (it runs each batch in its own transaction).
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
  const maxAge = new Date(now.getTime() - (options.maxAgeMinutes ?? 60) * 60_000);
  const rows = await db
    .select({ id: districts.id, settings: districts.settings })
    .from(districts)
    .where(options.districtId ? eq(districts.id, options.districtId) : undefined);
  let refreshed = 0;
  for (const district of rows) {
    const timeZone = typeof district.settings.timeZone === "string" ? district.settings.timeZone : DEFAULT_TIME_ZONE;
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
