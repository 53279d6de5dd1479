import { and, asc, eq, inArray, isNotNull, sql, type SQL } from "drizzle-orm";
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
import { selectField } from "./scope";
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
): Promise<(Assignment & { acknowledgments: AcknowledgmentRecord[] })[]> {
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
  // Each assignment's acknowledgments of every version of its plan by its implementer, newest version
  // first (the current version's, or the last one given, for "what changed since"), read with it through
  // `plan_versions (plan_id, ...)` and `acknowledgments (version_id, user_id)` instead of a query of their own.
  const acknowledgmentsField = selectField<{ versionId: string; number: number; acknowledgedAt: string }[]>(
    sql`coalesce((select json_agg(json_build_object('versionId', av.id, 'number', av.number,
        'acknowledgedAt', a.acknowledged_at) order by av.number desc)
      from ${planVersions} av join ${acknowledgments} a on a.version_id = av.id and a.user_id = ${users.id}
      where av.plan_id = ${planVersions.planId}), '[]'::json)`,
  );
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
        acknowledgments: acknowledgmentsField,
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
        acknowledgments: acknowledgmentsField,
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
      acknowledgments: acks,
      ...row
    }) => ({
      ...(row as Assignment),
      acknowledgments: acks.map((a) => ({
        userId: row.userId,
        versionId: a.versionId,
        planId: row.planId,
        number: a.number,
        acknowledgedAt: new Date(a.acknowledgedAt),
      })),
    }),
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

/** The columns of an {@link AccommodationRow} as selected from `plan_accommodations`. */
export const accommodationColumns = {
  id: planAccommodations.id,
  versionId: planAccommodations.versionId,
  itemId: planAccommodations.itemId,
  kind: planAccommodations.kind,
  text: planAccommodations.text,
  teacherAction: planAccommodations.teacherAction,
  classroom: planAccommodations.classroom,
  testing: planAccommodations.testing,
  position: planAccommodations.position,
};

/** The accommodations of the given plan versions, in plan order, grouped by version (one query). */
export async function accommodationsOf(db: Executor, versionIds: string[]): Promise<Map<string, AccommodationRow[]>> {
  const map = new Map<string, AccommodationRow[]>();
  if (!versionIds.length) return map;
  const rows = await db
    .select(accommodationColumns)
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

/** An acknowledgment an implementer gave for one version of a plan. */
export interface AcknowledgmentRecord {
  userId: string;
  versionId: string;
  planId: string;
  number: number;
  acknowledgedAt: Date;
}

/** Assignments with their acknowledgment timing, computed with each school's calendar. */
function withTiming(
  assignments: Awaited<ReturnType<typeof loadAssignments>>,
  today: string,
  settings: DeliverySettings,
  calendars: Map<string, SchoolCalendar>,
) {
  return assignments.map(({ acknowledgments: mine, ...assignment }) => {
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
  const timed = withTiming(assignments, today, settings, calendars);
  return { settings, calendars, timed };
}

/** The filter for the viewer's own assignments: sections they teach and services they provide, in their district. */
export function ownAssignments(viewer: Viewer): { teachers: SQL; providers: SQL } {
  return {
    teachers: and(eq(sectionTeachers.userId, viewer.userId), eq(students.districtId, viewer.districtId))!,
    providers: and(eq(planServices.providerUserId, viewer.userId), eq(students.districtId, viewer.districtId))!,
  };
}
