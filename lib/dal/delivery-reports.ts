import "server-only";
import { and, asc, eq, gte, inArray, isNull, lte, ne, or, sql, type SQL } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import {
  acknowledgments,
  caseloads,
  implementationLogs,
  planAccommodations,
  planServices,
  planVersions,
  schools,
  sectionEnrollments,
  sections,
  sectionTeachers,
  staffAssignments,
  students,
  users,
} from "@/db/schema";
import type { SchoolCalendar } from "@/lib/compliance/school-calendar";
import type { AcknowledgmentState } from "@/lib/delivery/rules";
import type { CoverageDetail, CoverageRow, CoverageView, EvidenceReport } from "@/lib/dto/delivery";
import { can, inForce, visibleStudents } from "@/lib/policy";
import type { ImplementationStatusName } from "@/lib/validation/delivery";
import { authorize, read, recordAccess, recordListAccess, refuse } from "./core";
import { loadTimedAssignments, ownAssignments, type TimedAssignment } from "./internal/assignments";
import { currentLogEntry } from "./internal/implementation-log";
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

async function timedAssignments(viewer: Viewer) {
  await authorize(viewer, "coverage.read");
  const db = getDb();
  const { scope, teachers, providers } = scopeFor(viewer);
  const districtOnly = eq(students.districtId, viewer.districtId);
  const { settings, calendars, timed } = await loadTimedAssignments(db, viewer.districtId, viewer.today, {
    teachers: and(teachers, districtOnly)!,
    providers: and(providers, districtOnly)!,
  });
  return { db, scope, settings, calendars, timed };
}

const emptyRow = (key: string, label: string, sublabel: string | null = null): CoverageRow => ({
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

type Timed = TimedAssignment[];

/**
 * Implementation-log coverage of in-class accommodations over the last `windowDays` school days of
 * each school (days after the assignment began): for one assignment, how many accommodation-days
 * were expected and how many have an entry. Two queries for any number of assignments.
 */
async function logCoverage(
  db: Executor,
  timed: Timed,
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
  const windows = new Map(
    [...calendars].map(([schoolId, calendar]) => {
      const days = calendar
        .schoolDaysInRange(calendar.nthSchoolDayBefore(today, windowDays) ?? today, today)
        .filter((d) => d <= today);
      return [schoolId, days.slice(-windowDays)];
    }),
  );
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
  const coverageOf = (a: Timed[number]) => {
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
  return { windowFrom, coverageOf };
}

/**
 * The shared accommodation-delivery dashboard, scoped by role: district admins by school,
 * principals their school(s), case managers their caseload, teachers their own assignments.
 * Acknowledgment counts (acknowledged / overdue / escalated) and implementation-log coverage of
 * in-class accommodations over the last N school days, by teacher, section and school. Bounded:
 * a fixed number of queries whatever the number of students.
 */
export async function getCoverage(viewer: Viewer): Promise<CoverageView> {
  const { db, scope, settings, calendars, timed } = await timedAssignments(viewer);
  const { windowFrom, coverageOf } = await logCoverage(
    db,
    timed,
    calendars,
    settings.coverageWindowSchoolDays,
    viewer.today,
  );

  const byTeacher = new Map<string, CoverageRow>();
  const bySection = new Map<string, CoverageRow>();
  const bySchool = new Map<string, CoverageRow>();
  const totals = emptyRow("all", "");
  const ackCounted = new Set<string>();
  for (const a of timed) {
    const rows = [
      byTeacher.get(a.userId) ?? emptyRow(a.userId, a.userName),
      ...(a.sectionId ? [bySection.get(a.sectionId) ?? emptyRow(a.sectionId, a.sectionName ?? "", a.userName)] : []),
      bySchool.get(a.schoolId) ?? emptyRow(a.schoolId, a.schoolName),
    ];
    const firstForPerson = !ackCounted.has(`${a.userId}|${a.versionId}`);
    ackCounted.add(`${a.userId}|${a.versionId}`);
    const { expected, recorded } = coverageOf(a);
    for (const [index, row] of rows.entries()) {
      const isSection = a.sectionId !== null && index === 1;
      if (firstForPerson || isSection) {
        row.assigned += 1;
        if (a.timing.state === "acknowledged") row.acknowledged += 1;
        if (a.timing.state === "overdue" || a.timing.state === "escalated") row.overdue += 1;
        if (a.timing.state === "escalated") row.escalated += 1;
      }
      row.logExpected += expected;
      row.logRecorded += recorded;
    }
    if (firstForPerson) {
      totals.assigned += 1;
      if (a.timing.state === "acknowledged") totals.acknowledged += 1;
      if (a.timing.state === "overdue" || a.timing.state === "escalated") totals.overdue += 1;
      if (a.timing.state === "escalated") totals.escalated += 1;
    }
    totals.logExpected += expected;
    totals.logRecorded += recorded;
    byTeacher.set(a.userId, rows[0]!);
    if (a.sectionId) bySection.set(a.sectionId, rows[1]!);
    bySchool.set(a.schoolId, rows[rows.length - 1]!);
  }
  await recordListAccess(
    viewer,
    "coverage.viewed",
    { scope },
    timed.map((a) => a.studentId),
  );
  const sort = (rows: Iterable<CoverageRow>) =>
    [...rows].sort((x, y) => y.overdue - x.overdue || x.label.localeCompare(y.label));
  return {
    scope,
    title: scope,
    windowFrom,
    windowTo: viewer.today,
    byTeacher: sort(byTeacher.values()),
    bySection: sort(bySection.values()),
    bySchool: sort(bySchool.values()),
    totals,
  };
}

/**
 * The rows behind a dashboard number: each implementer assignment (student, plan, teacher,
 * section) with its acknowledgment state and its own log coverage, filtered by teacher, section, school and state, within
 * the same role scope as the dashboard. Logged as a list read of those students.
 */
export async function getCoverageDetails(viewer: Viewer, filter: CoverageFilter): Promise<CoverageDetail[]> {
  const { db, scope, settings, calendars, timed } = await timedAssignments(viewer);
  const rows = timed.filter(
    (a) =>
      (!filter.teacherId || a.userId === filter.teacherId) &&
      (!filter.sectionId || a.sectionId === filter.sectionId) &&
      (!filter.schoolId || a.schoolId === filter.schoolId) &&
      (!filter.state ||
        (filter.state === "outstanding"
          ? a.timing.state !== "acknowledged"
          : filter.state === "overdue"
            ? a.timing.state === "overdue" || a.timing.state === "escalated"
            : a.timing.state === filter.state)),
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
