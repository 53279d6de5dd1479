import "server-only";
import { and, asc, desc, eq, gte, inArray, isNull, lte, or, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import {
  acknowledgments,
  caseloads,
  implementationLogs,
  planAccommodations,
  planServices,
  planVersions,
  schoolDeliverySummaries,
  schools,
  sectionEnrollments,
  sections,
  sectionTeachers,
  staffAssignments,
  students,
  users,
} from "@/db/schema";
import type { AcknowledgmentState } from "@/lib/delivery/rules";
import type {
  CoverageDetail,
  CoverageRow,
  CoverageSummaryView,
  CoverageView,
  EvidenceReport,
} from "@/lib/dto/delivery";
import { AppError } from "@/lib/errors";
import { can, inForce, visibleSchools, visibleStudents } from "@/lib/policy";
import { isUuid } from "@/lib/validation/ids";
import type { ImplementationStatusName } from "@/lib/validation/delivery";
import { authorize, read, recordAccess, recordListAccess, refuse } from "./core";
import { loadTimedAssignments, ownAssignments } from "./internal/assignments";
import { computeCoverage, emptyCoverageRow, logCoverage, refreshSchoolSummaries } from "./internal/coverage";
import { scopeOf } from "./internal/scope";
import { studentTarget } from "./students";
import type { Viewer } from "./viewer";

export type CoverageScope = CoverageView["scope"];

export interface CoverageFilter {
  teacherId?: string;
  sectionId?: string;
  schoolId?: string;
  state?: AcknowledgmentState | "outstanding";
}

/** Which students a viewer's dashboard covers: the whole district, their school(s), their caseload, or their own assignments. */
function scopeFor(viewer: Viewer): { scope: CoverageScope; teachers: SQL; providers: SQL } {
  const visible = visibleStudents(scopeOf(viewer), "implementation.read");
  if (viewer.role === "district_admin") return { scope: "district", teachers: visible, providers: visible };
  const leads = viewer.schoolRoles
    .filter((r) => r.role === "principal" || r.role === "coordinator_504")
    .map((r) => r.schoolId);
  if (viewer.role === "principal" && leads.length) {
    const atSchool = and(visible, inArray(students.schoolId, leads))!;
    return { scope: "school", teachers: atSchool, providers: atSchool };
  }
  if (viewer.role === "case_manager") {
    const onCaseload = and(
      visible,
      sql`exists (select 1 from ${caseloads} where ${caseloads.studentId} = ${students.id} and ${caseloads.caseManagerId} = ${viewer.userId} and ${inForce(caseloads, viewer.today)})`,
    )!;
    return { scope: "caseload", teachers: onCaseload, providers: onCaseload };
  }
  return { scope: "teacher", ...ownAssignments(viewer) };
}

/** Coverage page size at the district's first level: schools per page (~1,000 at state scale). */
export const COVERAGE_SCHOOL_PAGE_SIZE = 25;

/**
 * The role scope narrowed by a details filter, pushed into SQL so a drill-down reads one school, one
 * teacher or one section — never the whole district to keep a few rows.
 */
function filtered(viewer: Viewer, filter: CoverageFilter) {
  const { scope, teachers, providers } = scopeFor(viewer);
  const common = and(
    eq(students.districtId, viewer.districtId),
    filter.schoolId ? eq(students.schoolId, filter.schoolId) : undefined,
  )!;
  return {
    scope,
    where: {
      teachers: and(
        teachers,
        common,
        filter.teacherId ? eq(sectionTeachers.userId, filter.teacherId) : undefined,
        filter.sectionId ? eq(sections.id, filter.sectionId) : undefined,
      )!,
      // A provider assignment has no section: a section filter leaves none.
      providers: filter.sectionId
        ? null
        : and(providers, common, filter.teacherId ? eq(planServices.providerUserId, filter.teacherId) : undefined)!,
    },
  };
}

/** One school of the viewer's district, or NOT_FOUND (the district admin's drill-down). */
async function schoolOfDistrict(viewer: Viewer, schoolId: string) {
  if (!isUuid(schoolId)) throw new AppError("NOT_FOUND");
  const [school] = await getDb()
    .select({ id: schools.id, name: schools.name })
    .from(schools)
    .where(and(eq(schools.id, schoolId), eq(schools.districtId, viewer.districtId)));
  if (!school) throw new AppError("NOT_FOUND");
  return school;
}

const sortRows = (rows: Iterable<CoverageRow>) =>
  [...rows].sort((x, y) => y.overdue - x.overdue || x.label.localeCompare(y.label));

/**
 * The shared accommodation-delivery dashboard, scoped by role: district admins by school,
 * principals their school(s), case managers their caseload, teachers their own assignments.
 * Acknowledgment counts (acknowledged / overdue / escalated) and implementation-log coverage of
 * in-class accommodations over the last N school days, by teacher, section and school.
 *
 * A district admin's first level reads the per-school summary rows (one query, a page of schools:
 * {@link getDistrictCoverage}); `schoolId` drills into one school, computed live for it. Every other
 * scope is computed live — bounded by the school, caseload or teacher — in a fixed number of queries.
 */
export async function getCoverage(
  viewer: Viewer,
  options: { schoolId?: string; page?: number } = {},
): Promise<CoverageView> {
  await authorize(viewer, "coverage.read");
  if (viewer.role === "district_admin" && !options.schoolId) return getDistrictCoverage(viewer, options.page ?? 1);
  // Only a district admin drills into a school here; a principal's scope already is their school.
  if (options.schoolId && viewer.role !== "district_admin") throw new AppError("NOT_FOUND");
  const school = options.schoolId ? await schoolOfDistrict(viewer, options.schoolId) : null;
  const { scope, where } = filtered(viewer, { schoolId: school?.id });
  const coverage = await computeCoverage(getDb(), viewer.districtId, viewer.today, where);
  await recordListAccess(
    viewer,
    "coverage.viewed",
    school ? { scope, schoolId: school.id } : { scope },
    coverage.timed.map((a) => a.studentId),
  );
  return {
    scope: school ? "school" : scope,
    title: scope,
    windowFrom: coverage.windowFrom,
    windowTo: viewer.today,
    byTeacher: sortRows(coverage.byTeacher.values()),
    bySection: sortRows(coverage.bySection.values()),
    bySchool: sortRows(coverage.bySchool.values()),
    totals: coverage.totals,
    asOf: null,
    school,
    page: 1,
    pageCount: 1,
  };
}

/** Window total over every school the query selects, read in the same statement as the page. */
const overAll = (column: AnyColumn) => sql<number>`(coalesce(sum(${column}) over (), 0))::int`;

const sumOf = (column: AnyColumn) => sql<number>`(coalesce(sum(${column}), 0))::int`;

/**
 * The district's first level from the summary: one page of schools (most overdue first) with the
 * district totals and the oldest refresh time, in one statement whatever the district's size. A
 * school with no summary row yet (just created) is computed once here and the page read again.
 * Counts only — no student is listed, so no list read is logged.
 */
async function getDistrictCoverage(viewer: Viewer, page: number): Promise<CoverageView> {
  const db = getDb();
  const load = (pageIndex: number) =>
    db
      .select({
        schoolId: schools.id,
        name: schools.name,
        assigned: schoolDeliverySummaries.assigned,
        acknowledged: schoolDeliverySummaries.acknowledged,
        overdue: schoolDeliverySummaries.overdue,
        escalated: schoolDeliverySummaries.escalated,
        logExpected: schoolDeliverySummaries.logExpected,
        logRecorded: schoolDeliverySummaries.logRecorded,
        schools: sql<number>`count(*) over ()`.mapWith(Number),
        missing: sql<number>`count(*) filter (where ${schoolDeliverySummaries.schoolId} is null) over ()`.mapWith(
          Number,
        ),
        asOf: sql<Date | null>`min(${schoolDeliverySummaries.refreshedAt}) over ()`.mapWith(
          schoolDeliverySummaries.refreshedAt,
        ),
        windowFrom: sql<string | null>`(min(${schoolDeliverySummaries.windowFrom}) over ())::text`,
        totalAssigned: overAll(schoolDeliverySummaries.assigned),
        totalAcknowledged: overAll(schoolDeliverySummaries.acknowledged),
        totalOverdue: overAll(schoolDeliverySummaries.overdue),
        totalEscalated: overAll(schoolDeliverySummaries.escalated),
        totalLogExpected: overAll(schoolDeliverySummaries.logExpected),
        totalLogRecorded: overAll(schoolDeliverySummaries.logRecorded),
      })
      .from(schools)
      .leftJoin(schoolDeliverySummaries, eq(schoolDeliverySummaries.schoolId, schools.id))
      .where(eq(schools.districtId, viewer.districtId))
      .orderBy(desc(sql`coalesce(${schoolDeliverySummaries.overdue}, 0)`), asc(schools.name), asc(schools.id))
      .limit(COVERAGE_SCHOOL_PAGE_SIZE)
      .offset((pageIndex - 1) * COVERAGE_SCHOOL_PAGE_SIZE);
  const safePage = Math.max(1, Math.trunc(page) || 1);
  let rows = await load(safePage);
  if (rows[0] && rows[0].missing > 0) {
    await db.transaction((tx) => refreshMissingSummaries(tx, viewer.districtId, viewer.today));
    rows = await load(safePage);
  }
  const first = rows[0];
  const totals: CoverageRow = {
    ...emptyCoverageRow("all", ""),
    ...(first && {
      assigned: first.totalAssigned,
      acknowledged: first.totalAcknowledged,
      overdue: first.totalOverdue,
      escalated: first.totalEscalated,
      logExpected: first.totalLogExpected,
      logRecorded: first.totalLogRecorded,
    }),
  };
  const count = first?.schools ?? 0;
  return {
    scope: "district",
    title: "district",
    windowFrom: first?.windowFrom ?? null,
    windowTo: viewer.today,
    byTeacher: [],
    bySection: [],
    bySchool: rows.map((r) => ({
      ...emptyCoverageRow(r.schoolId, r.name),
      assigned: r.assigned ?? 0,
      acknowledged: r.acknowledged ?? 0,
      overdue: r.overdue ?? 0,
      escalated: r.escalated ?? 0,
      logExpected: r.logExpected ?? 0,
      logRecorded: r.logRecorded ?? 0,
    })),
    totals,
    asOf: first?.asOf?.toISOString() ?? null,
    school: null,
    page: safePage,
    pageCount: Math.max(1, Math.ceil(count / COVERAGE_SCHOOL_PAGE_SIZE)),
  };
}

/** Computes the summary of the district's schools that have none yet (a school created since the last job). */
async function refreshMissingSummaries(db: Executor, districtId: string, today: string) {
  const missing = await db
    .select({ id: schools.id })
    .from(schools)
    .leftJoin(schoolDeliverySummaries, eq(schoolDeliverySummaries.schoolId, schools.id))
    .where(and(eq(schools.districtId, districtId), isNull(schoolDeliverySummaries.schoolId)));
  await refreshSchoolSummaries(db, { districtId, schoolIds: missing.map((s) => s.id), today });
}

/**
 * `coverage.read`: a lead's dashboard line from the summary — the district admin's whole district,
 * a principal's or 504 coordinator's school(s): one query over at most one row per school. Other
 * roles (and a principal who leads no school) get their live scope.
 */
export async function getCoverageSummary(viewer: Viewer): Promise<CoverageSummaryView> {
  await authorize(viewer, "coverage.read");
  const { scope } = scopeFor(viewer);
  if (scope !== "district" && scope !== "school") {
    const live = await getCoverage(viewer);
    return { totals: live.totals, asOf: null };
  }
  const db = getDb();
  const load = () =>
    db
      .select({
        assigned: sumOf(schoolDeliverySummaries.assigned),
        acknowledged: sumOf(schoolDeliverySummaries.acknowledged),
        overdue: sumOf(schoolDeliverySummaries.overdue),
        escalated: sumOf(schoolDeliverySummaries.escalated),
        logExpected: sumOf(schoolDeliverySummaries.logExpected),
        logRecorded: sumOf(schoolDeliverySummaries.logRecorded),
        schools: sql<number>`count(*)::int`,
        summarized: sql<number>`count(${schoolDeliverySummaries.schoolId})::int`,
        asOf: sql<Date | null>`min(${schoolDeliverySummaries.refreshedAt})`.mapWith(
          schoolDeliverySummaries.refreshedAt,
        ),
      })
      .from(schools)
      .leftJoin(schoolDeliverySummaries, eq(schoolDeliverySummaries.schoolId, schools.id))
      .where(visibleSchools(scopeOf(viewer)));
  let [row] = await load();
  if (row && row.summarized < row.schools) {
    await db.transaction((tx) => refreshMissingSummaries(tx, viewer.districtId, viewer.today));
    [row] = await load();
  }
  const { schools: _count, summarized: _summarized, asOf, ...counts } = row!;
  return { totals: { ...emptyCoverageRow("all", ""), ...counts }, asOf: asOf ? asOf.toISOString() : null };
}

/**
 * The rows behind a dashboard number: each implementer assignment (student, plan, teacher,
 * section) with its acknowledgment state and its own log coverage, filtered by teacher, section, school and state, within
 * the same role scope as the dashboard. The filters narrow the SQL, so a school's or a teacher's
 * rows never read the rest of the district. Logged as a list read of those students.
 */
export async function getCoverageDetails(viewer: Viewer, filter: CoverageFilter): Promise<CoverageDetail[]> {
  await authorize(viewer, "coverage.read");
  const db = getDb();
  const { scope, where } = filtered(viewer, filter);
  const { settings, calendars, timed } = await loadTimedAssignments(db, viewer.districtId, viewer.today, where);
  const rows = timed.filter(
    (a) =>
      !filter.state ||
      (filter.state === "outstanding"
        ? a.timing.state !== "acknowledged"
        : filter.state === "overdue"
          ? a.timing.state === "overdue" || a.timing.state === "escalated"
          : a.timing.state === filter.state),
  );
  const { coverageOf } = await logCoverage(db, rows, calendars, settings.coverageWindowSchoolDays, viewer.today);
  await recordListAccess(
    viewer,
    "coverage.viewed",
    { scope, view: "details" },
    rows.map((a) => a.studentId),
  );
  return rows.map((a) => ({
    ...coverageOfDetail(coverageOf(a)),
    canOpenEvidence: scope !== "teacher",
    studentId: a.studentId,
    studentName: `${a.studentLastName}, ${a.studentFirstName}`,
    planType: a.planType,
    versionNumber: a.versionNumber,
    teacherName: a.userName,
    sectionName: a.sectionName,
    assignedOn: a.assignedOn,
    state: a.timing.state,
    due: a.timing.due,
    acknowledgedAt: a.acknowledgedAt?.toISOString() ?? null,
  }));
}

const coverageOfDetail = ({ expected, recorded }: { expected: number; recorded: number }) => ({
  logExpected: expected,
  logRecorded: recorded,
});

const STATUSES: ImplementationStatusName[] = ["provided", "not_needed", "declined", "not_provided"];

/**
 * `implementation.read`: the evidence report for one student and a date range — every
 * accommodation of every plan version in force during the range, who was responsible (teachers of
 * record and providers, with the dates they were responsible and when they acknowledged), and the
 * implementation log including corrections. For OCR complaint responses and PPT/504 meetings.
 * Logged as an access (or export) event.
 */
export async function getEvidenceReport(
  viewer: Viewer,
  studentId: string,
  range: { from: string; to: string },
  event: "evidence.viewed" | "evidence.exported" = "evidence.viewed",
): Promise<EvidenceReport> {
  const target = await read(viewer, { action: "student.read", load: studentTarget(studentId) });
  const db = getDb();
  const versions = await db
    .select({
      id: planVersions.id,
      planType: planVersions.planType,
      number: planVersions.number,
      effectiveOn: planVersions.effectiveOn,
      endedOn: planVersions.endedOn,
    })
    .from(planVersions)
    .where(
      and(
        eq(planVersions.studentId, target.entity.id),
        inArray(planVersions.status, ["active", "superseded", "ended"]),
        lte(planVersions.effectiveOn, range.to),
        or(isNull(planVersions.endedOn), gte(planVersions.endedOn, range.from)),
      ),
    )
    .orderBy(asc(planVersions.effectiveOn));
  const allowedVersions = versions.filter((v) =>
    can({ role: viewer.role }, "implementation.read", { relationships: target.relationships, planType: v.planType }),
  );
  const anyAllowed = ["iep", "504"].some((planType) =>
    can({ role: viewer.role }, "implementation.read", {
      relationships: target.relationships,
      planType: planType as "iep" | "504",
    }),
  );
  if (!anyAllowed) await refuse(viewer, "implementation.read", target, event);
  await recordAccess(viewer, target, event, { report: "evidence", from: range.from, to: range.to });
  const versionIds = allowedVersions.map((v) => v.id);
  const [school] = await db.select({ name: schools.name }).from(schools).where(eq(schools.id, target.entity.schoolId));
  const empty: EvidenceReport = {
    student: {
      id: target.entity.id,
      name: `${target.entity.firstName} ${target.entity.lastName}`,
      grade: target.entity.grade,
      schoolName: school?.name ?? "",
    },
    from: range.from,
    to: range.to,
    accommodations: [],
    showNotes: true,
  };
  if (!versionIds.length) return empty;

  const [items, teacherRows, providerRows, acks, entries] = await Promise.all([
    db
      .select()
      .from(planAccommodations)
      .where(inArray(planAccommodations.versionId, versionIds))
      .orderBy(asc(planAccommodations.position)),
    db
      .select({
        userId: users.id,
        name: users.name,
        section: sections.name,
        from: sql<string>`greatest(${sectionEnrollments.startsOn}, ${sectionTeachers.startsOn})::text`,
        to: sql<string | null>`least(${sectionEnrollments.endsOn}, ${sectionTeachers.endsOn})::text`,
      })
      .from(sectionEnrollments)
      .innerJoin(sections, eq(sections.id, sectionEnrollments.sectionId))
      .innerJoin(sectionTeachers, eq(sectionTeachers.sectionId, sections.id))
      .innerJoin(users, eq(users.id, sectionTeachers.userId))
      .where(
        and(
          eq(sectionEnrollments.studentId, target.entity.id),
          lte(sectionEnrollments.startsOn, range.to),
          lte(sectionTeachers.startsOn, range.to),
          or(isNull(sectionEnrollments.endsOn), gte(sectionEnrollments.endsOn, range.from)),
          or(isNull(sectionTeachers.endsOn), gte(sectionTeachers.endsOn, range.from)),
        ),
      )
      .orderBy(asc(users.name)),
    db
      .selectDistinct({ versionId: planServices.versionId, userId: users.id, name: users.name })
      .from(planServices)
      .innerJoin(users, eq(users.id, planServices.providerUserId))
      .where(inArray(planServices.versionId, versionIds)),
    db
      .select({
        versionId: acknowledgments.versionId,
        userId: acknowledgments.userId,
        at: acknowledgments.acknowledgedAt,
      })
      .from(acknowledgments)
      .where(inArray(acknowledgments.versionId, versionIds)),
    db
      .select({
        id: implementationLogs.id,
        accommodationId: implementationLogs.accommodationId,
        date: implementationLogs.logDate,
        section: sections.name,
        status: implementationLogs.status,
        reason: implementationLogs.reason,
        note: implementationLogs.note,
        loggedBy: users.name,
        loggedAt: implementationLogs.createdAt,
        replacesId: implementationLogs.replacesId,
      })
      .from(implementationLogs)
      .leftJoin(sections, eq(sections.id, implementationLogs.sectionId))
      .innerJoin(users, eq(users.id, implementationLogs.loggedBy))
      .where(
        and(
          inArray(implementationLogs.versionId, versionIds),
          gte(implementationLogs.logDate, range.from),
          lte(implementationLogs.logDate, range.to),
        ),
      )
      .orderBy(asc(implementationLogs.logDate), asc(implementationLogs.createdAt)),
  ]);
  const replaced = new Set(entries.flatMap((e) => (e.replacesId ? [e.replacesId] : [])));
  const role = await staffRoles(
    teacherRows.map((t) => t.userId).concat(providerRows.map((p) => p.userId)),
    target.entity.schoolId,
    viewer.today,
  );
  return {
    ...empty,
    accommodations: items.map((item) => {
      const version = allowedVersions.find((v) => v.id === item.versionId)!;
      const start = version.effectiveOn ?? range.from;
      const end = version.endedOn;
      const ackOf = (userId: string) =>
        acks.find((a) => a.versionId === item.versionId && a.userId === userId)?.at.toISOString() ?? null;
      const responsible = [
        ...teacherRows
          .filter((t) => (t.to === null || t.to >= start) && (end === null || t.from <= end))
          .map((t) => ({
            name: t.name,
            role: role.get(t.userId) ?? "teacher",
            section: t.section,
            from: t.from > start ? t.from : start,
            to: end && (t.to === null || t.to > end) ? end : t.to,
            acknowledgedAt: ackOf(t.userId),
          })),
        ...providerRows
          .filter((p) => p.versionId === item.versionId)
          .map((p) => ({
            name: p.name,
            role: role.get(p.userId) ?? "provider",
            section: null,
            from: start,
            to: end,
            acknowledgedAt: ackOf(p.userId),
          })),
      ];
      const mine = entries.filter((e) => e.accommodationId === item.id);
      const counts = Object.fromEntries(
        STATUSES.map((s) => [s, mine.filter((e) => e.status === s && !replaced.has(e.id)).length]),
      ) as Record<ImplementationStatusName, number>;
      return {
        id: item.id,
        planType: version.planType,
        versionNumber: version.number,
        effectiveOn: version.effectiveOn,
        endedOn: version.endedOn,
        text: item.text,
        teacherAction: item.teacherAction,
        classroom: item.classroom,
        testing: item.testing,
        responsible,
        entries: mine.map((e) => ({
          date: e.date,
          section: e.section,
          status: e.status,
          reason: e.reason,
          note: e.note,
          loggedBy: e.loggedBy,
          loggedAt: e.loggedAt.toISOString(),
          replaced: replaced.has(e.id),
        })),
        counts,
      };
    }),
  };
}

async function staffRoles(userIds: string[], schoolId: string, today: string): Promise<Map<string, string>> {
  if (!userIds.length) return new Map();
  const rows = await getDb()
    .select({ userId: staffAssignments.userId, role: staffAssignments.role })
    .from(staffAssignments)
    .where(
      and(
        inArray(staffAssignments.userId, [...new Set(userIds)]),
        eq(staffAssignments.schoolId, schoolId),
        inForce(staffAssignments, today),
      ),
    );
  return new Map(rows.map((r) => [r.userId, r.role]));
}
