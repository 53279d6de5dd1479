import { and, asc, desc, eq, inArray, isNotNull, sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db/client";
import {
  acknowledgments,
  planAccommodations,
  planServices,
  planVersions,
  schools,
  sectionEnrollments,
  sections,
  sectionTeachers,
  students,
  users,
} from "@/db/schema";
import type { SchoolCalendar } from "@/lib/compliance/school-calendar";
import { acknowledgmentTiming, parseDeliverySettings, type DeliverySettings } from "@/lib/delivery/rules";
import { inForce } from "@/lib/policy";
import type { Viewer } from "../viewer";
import { loadSchoolCalendars } from "./calendars";
import { districtSettingsOf } from "./settings";
/** One implementer's assignment to one active plan version (through one section, or as a provider). */
export interface Assignment {
  versionId: string;
  planId: string;
  planType: "iep" | "504";
  versionNumber: number;
  effectiveOn: string;
  studentId: string;
  studentFirstName: string;
  studentLastName: string;
  grade: string;
  schoolId: string;
  schoolName: string;
  sectionId: string | null;
  sectionName: string | null;
  period: string | null;
  userId: string;
  userName: string;
  assignedOn: string;
}

/**
 * Implementer assignments derived from the schedule, never copied: the teachers of every section a
 * student with an active plan is enrolled in today (from the later of the version's effective date,
 * the enrollment and the teaching assignment), plus the providers named in the active version's
 * services. A schedule change therefore moves the assignment the same day. One statement (the two
 * halves as a `union all`, issue 15: statements per render); a null filter skips that half (callers
 * always scope both halves). Teachers come first, by period, section and student name; then providers,
 * by version and provider.
 */
export async function loadAssignments(
  db: Executor,
  today: string,
  where: { teachers: SQL | null; providers: SQL | null },
): Promise<Assignment[]> {
  const common = {
    versionId: planVersions.id,
    planId: planVersions.planId,
    planType: planVersions.planType,
    versionNumber: planVersions.number,
    effectiveOn: sql<string>`${planVersions.effectiveOn}::text`,
    studentId: students.id,
    studentFirstName: students.firstName,
    studentLastName: students.lastName,
    grade: students.grade,
    schoolId: students.schoolId,
    schoolName: schools.name,
  };
  // The order of each half as columns of the union (the other half's are null), so that one outer
  // `order by` keeps both halves' orders.
  const noText = sql<string | null>`null::text`;
  const noId = sql<string | null>`null::uuid`;
  const teachers = (where: SQL) =>
    db
      .select({
        ...common,
        sectionId: sections.id,
        sectionName: sections.name,
        period: sections.period,
        userId: users.id,
        userName: users.name,
        assignedOn: sql<string>`greatest(${planVersions.effectiveOn}, ${sectionEnrollments.startsOn}, ${sectionTeachers.startsOn})::text`,
        sortHalf: sql<number>`0`.as("sort_half"),
        sortPeriod: sql<string | null>`${sections.period}`.as("sort_period"),
        sortSection: sql<string | null>`${sections.name}`.as("sort_section"),
        sortLastName: sql<string | null>`${students.lastName}`.as("sort_last_name"),
        sortFirstName: sql<string | null>`${students.firstName}`.as("sort_first_name"),
        sortVersion: noId.as("sort_version"),
        sortUser: noId.as("sort_user"),
      })
      .from(planVersions)
      .innerJoin(students, eq(students.id, planVersions.studentId))
      .innerJoin(schools, eq(schools.id, students.schoolId))
      .innerJoin(
        sectionEnrollments,
        and(eq(sectionEnrollments.studentId, students.id), inForce(sectionEnrollments, today)),
      )
      .innerJoin(sections, eq(sections.id, sectionEnrollments.sectionId))
      .innerJoin(sectionTeachers, and(eq(sectionTeachers.sectionId, sections.id), inForce(sectionTeachers, today)))
      .innerJoin(users, eq(users.id, sectionTeachers.userId))
      .where(and(eq(planVersions.status, "active"), where));
  const providers = (where: SQL) =>
    db
      .selectDistinctOn([planVersions.id, users.id], {
        ...common,
        sectionId: sql<string | null>`null`,
        sectionName: sql<string | null>`null`,
        period: sql<string | null>`null`,
        userId: users.id,
        userName: users.name,
        assignedOn: sql<string>`${planVersions.effectiveOn}::text`,
        sortHalf: sql<number>`1`.as("sort_half"),
        sortPeriod: noText.as("sort_period"),
        sortSection: noText.as("sort_section"),
        sortLastName: noText.as("sort_last_name"),
        sortFirstName: noText.as("sort_first_name"),
        sortVersion: sql<string | null>`${planVersions.id}`.as("sort_version"),
        sortUser: sql<string | null>`${users.id}`.as("sort_user"),
      })
      .from(planServices)
      .innerJoin(planVersions, eq(planVersions.id, planServices.versionId))
      .innerJoin(students, eq(students.id, planVersions.studentId))
      .innerJoin(schools, eq(schools.id, students.schoolId))
      .innerJoin(users, eq(users.id, planServices.providerUserId))
      .where(and(eq(planVersions.status, "active"), isNotNull(planServices.providerUserId), where));
  const order = [
    "sort_half",
    "sort_period",
    "sort_section",
    "sort_last_name",
    "sort_first_name",
    "sort_version",
    "sort_user",
  ].map((name) => sql`${sql.identifier(name)}`);
  const rows =
    where.teachers && where.providers
      ? await providers(where.providers)
          .unionAll(teachers(where.teachers))
          .orderBy(...order)
      : where.teachers
        ? await teachers(where.teachers).orderBy(...order)
        : where.providers
          ? await providers(where.providers).orderBy(planVersions.id, users.id)
          : [];
  return rows.map(
    ({
      sortHalf: _half,
      sortPeriod: _period,
      sortSection: _section,
      sortLastName: _lastName,
      sortFirstName: _firstName,
      sortVersion: _version,
      sortUser: _user,
      ...row
    }) => row as Assignment,
  );
}

/** The delivery settings of the viewer's district. */
export async function deliverySettingsFor(db: Executor, districtId: string): Promise<DeliverySettings> {
  return parseDeliverySettings(await districtSettingsOf(db, districtId));
}

export type AccommodationRow = {
  id: string;
  versionId: string;
  itemId: string;
  kind: string;
  text: string;
  teacherAction: string;
  classroom: boolean;
  testing: boolean;
  position: number;
};

/** The accommodations of the given plan versions, in plan order, grouped by version (one query). */
export async function accommodationsOf(db: Executor, versionIds: string[]): Promise<Map<string, AccommodationRow[]>> {
  const map = new Map<string, AccommodationRow[]>();
  if (!versionIds.length) return map;
  const rows = await db
    .select({
      id: planAccommodations.id,
      versionId: planAccommodations.versionId,
      itemId: planAccommodations.itemId,
      kind: planAccommodations.kind,
      text: planAccommodations.text,
      teacherAction: planAccommodations.teacherAction,
      classroom: planAccommodations.classroom,
      testing: planAccommodations.testing,
      position: planAccommodations.position,
    })
    .from(planAccommodations)
    .where(inArray(planAccommodations.versionId, [...new Set(versionIds)]))
    .orderBy(asc(planAccommodations.position));
  for (const row of rows) {
    const list = map.get(row.versionId);
    if (list) list.push(row);
    else map.set(row.versionId, [row]);
  }
  return map;
}

/**
 * The acknowledgments a set of people gave for every version of the given plans, newest version
 * first: the current version's acknowledgment, or the last one given, for "what changed since".
 */
async function acknowledgmentsFor(db: Executor, userIds: string[], planIds: string[]) {
  if (!userIds.length || !planIds.length) return [];
  return db
    .select({
      userId: acknowledgments.userId,
      versionId: acknowledgments.versionId,
      planId: planVersions.planId,
      number: planVersions.number,
      acknowledgedAt: acknowledgments.acknowledgedAt,
    })
    .from(acknowledgments)
    .innerJoin(planVersions, eq(planVersions.id, acknowledgments.versionId))
    .where(
      and(inArray(acknowledgments.userId, [...new Set(userIds)]), inArray(planVersions.planId, [...new Set(planIds)])),
    )
    .orderBy(desc(planVersions.number));
}

export type AcknowledgmentRecord = Awaited<ReturnType<typeof acknowledgmentsFor>>[number];

/** Assignments with their acknowledgment timing, computed with each school's calendar (two queries). */
async function withTiming(
  db: Executor,
  assignments: Assignment[],
  today: string,
  settings: DeliverySettings,
  calendars: Map<string, SchoolCalendar>,
) {
  const acks = await acknowledgmentsFor(
    db,
    assignments.map((a) => a.userId),
    assignments.map((a) => a.planId),
  );
  // One pass to index acknowledgments by (user, plan): a nested scan is O(assignments × acks),
  // which took seconds at district scale (issue 15).
  const byUserPlan = new Map<string, AcknowledgmentRecord[]>();
  for (const ack of acks) {
    const key = `${ack.userId}|${ack.planId}`;
    const list = byUserPlan.get(key);
    if (list) list.push(ack);
    else byUserPlan.set(key, [ack]);
  }
  return assignments.map((assignment) => {
    const mine = byUserPlan.get(`${assignment.userId}|${assignment.planId}`) ?? [];
    const current = mine.find((a) => a.versionId === assignment.versionId) ?? null;
    const previous = mine.find((a) => a.number < assignment.versionNumber) ?? null;
    const timing = acknowledgmentTiming({
      assignedOn: assignment.assignedOn,
      acknowledgedOn: current ? current.acknowledgedAt.toISOString().slice(0, 10) : null,
      today,
      calendar: calendars.get(assignment.schoolId)!,
      settings,
    });
    return { ...assignment, timing, acknowledgedAt: current?.acknowledgedAt ?? null, previous };
  });
}

export type TimedAssignment = Awaited<ReturnType<typeof withTiming>>[number];

/**
 * Implementer assignments matching `where` (see {@link loadAssignments}) with their acknowledgment
 * timing on each school's calendar. `loadCalendars` lets a caller share a calendar cache.
 */
export async function loadTimedAssignments(
  db: Executor,
  districtId: string,
  today: string,
  where: { teachers: SQL | null; providers: SQL | null },
  loadCalendars: (schoolIds: string[]) => Promise<Map<string, SchoolCalendar>> = (ids) => loadSchoolCalendars(db, ids),
) {
  const assignments = await loadAssignments(db, today, where);
  const settings = await deliverySettingsFor(db, districtId);
  const calendars = await loadCalendars([...new Set(assignments.map((a) => a.schoolId))]);
  const timed = await withTiming(db, assignments, today, settings, calendars);
  return { settings, calendars, timed };
}

/** The filter for the viewer's own assignments: sections they teach and services they provide, in their district. */
export function ownAssignments(viewer: Viewer): { teachers: SQL; providers: SQL } {
  return {
    teachers: and(eq(sectionTeachers.userId, viewer.userId), eq(students.districtId, viewer.districtId))!,
    providers: and(eq(planServices.providerUserId, viewer.userId), eq(students.districtId, viewer.districtId))!,
  };
}
