import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { caseloads, guardianships, staffAssignments, students, users } from "@/db/schema";
import { parseDeadlineSettings } from "@/lib/deadlines/settings";
import type { MeetingProgram, TeamMember } from "@/lib/dto/meetings";
import { inForce } from "@/lib/policy";
import { isUuid } from "@/lib/validation/ids";
import { loaderFor, type Loader } from "../core";
import { studentTarget } from "../students";
import { loadSchoolCalendars } from "./calendars";
import { selectField } from "./scope";
import { districtSettingsOf } from "./settings";

export type StudentEntity =
  Awaited<ReturnType<ReturnType<typeof studentTarget>>> extends infer T
    ? T extends { entity: infer E }
      ? E
      : never
    : never;

/** A student's display name (first and last). */
export function studentName(s: { firstName: string; lastName: string }) {
  return `${s.firstName} ${s.lastName}`;
}

/** A loader whose target is decided for one program (the plan type the policy checks). */
export function forProgram<E>(load: Loader<E>, planType: MeetingProgram): Loader<E> {
  const decided: Loader<E> = async (db, viewer) => {
    const target = await load(db, viewer);
    return target && { ...target, planType };
  };
  return Object.assign(decided, { requested: load.requested });
}

/** The district's deadline settings (D-05, D-06 school days; shorter notice by agreement). */
export async function districtSettings(db: Executor, districtId: string) {
  return parseDeadlineSettings(await districtSettingsOf(db, districtId));
}

/** The school calendar of one school (school days for D-05 and D-06). */
export async function calendarOf(db: Executor, schoolId: string) {
  return (await loadSchoolCalendars(db, [schoolId])).get(schoolId)!;
}

/**
 * The people who may be invited: staff currently assigned to the student's school or managing
 * their case, and guardians who receive notices (no restricted guardianship), with a suggested role.
 */
export async function teamOf(db: Executor, student: StudentEntity, today: string): Promise<TeamMember[]> {
  // One statement: the three lists as JSON arrays of the student's row.
  const [lists] = await db
    .select({
      staff: selectField<{ userId: string; name: string; role: string }[]>(
        sql`coalesce((select json_agg(json_build_object('userId', ${users.id}, 'name', ${users.name}, 'role', ${staffAssignments.role})
          order by ${users.name})
          from ${staffAssignments} inner join ${users} on ${users.id} = ${staffAssignments.userId}
          where ${staffAssignments.schoolId} = ${students.schoolId} and ${inForce(staffAssignments, today)}
            and ${users.isActive}), '[]'::json)`,
      ),
      managers: selectField<{ userId: string; name: string }[]>(
        sql`coalesce((select json_agg(json_build_object('userId', ${users.id}, 'name', ${users.name}))
          from ${caseloads} inner join ${users} on ${users.id} = ${caseloads.caseManagerId}
          where ${caseloads.studentId} = ${students.id} and ${inForce(caseloads, today)} and ${users.isActive}), '[]'::json)`,
      ),
      guardians: selectField<{ id: string; name: string }[]>(
        sql`coalesce((select json_agg(json_build_object('id', ${guardianships.id}, 'name', ${users.name}) order by ${users.name})
          from ${guardianships} inner join ${users} on ${users.id} = ${guardianships.guardianUserId}
          where ${guardianships.studentId} = ${students.id} and ${inForce(guardianships, today)}
            and ${guardianships.receivesNotices} and not ${guardianships.restricted}), '[]'::json)`,
      ),
    })
    .from(students)
    .where(eq(students.id, student.id));
  const { staff = [], managers = [], guardians = [] } = lists ?? {};
  const suggested: Record<string, string> = {
    principal: "district_representative",
    coordinator_504: "coordinator_504",
    case_manager: "special_education_teacher",
    teacher: "general_education_teacher",
    provider: "related_service_provider",
  };
  const members = new Map<string, TeamMember>();
  for (const m of managers) {
    members.set(m.userId, {
      key: `user:${m.userId}`,
      name: m.name,
      kind: "staff",
      userId: m.userId,
      guardianshipId: null,
      suggestedRole: "special_education_teacher",
    });
  }
  for (const s of staff) {
    if (members.has(s.userId)) continue;
    members.set(s.userId, {
      key: `user:${s.userId}`,
      name: s.name,
      kind: "staff",
      userId: s.userId,
      guardianshipId: null,
      suggestedRole: suggested[s.role] ?? "other",
    });
  }
  return [
    ...guardians.map((g) => ({
      key: `guardian:${g.id}`,
      name: g.name,
      kind: "guardian" as const,
      userId: null,
      guardianshipId: g.id,
      suggestedRole: "parent",
    })),
    ...members.values(),
  ];
}

/**
 * Loader for one record of a student the viewer can see (a meeting, a notice): the student through
 * its read scope, then the record of that student by id, as `entity[key]`; the record's program is
 * the plan type the policy decides on. Anything else is null (a 404, recorded as a miss against
 * `entityType`).
 */
export function studentRecordTarget<K extends string, R extends { id: string; program: MeetingProgram }>(
  entityType: string,
  key: K,
  ids: { studentId: string; recordId: string },
  fetch: (db: Executor, studentId: string, recordId: string) => Promise<R | undefined>,
): Loader<{ student: StudentEntity } & Record<K, R>> {
  return loaderFor(entityType, ids.recordId, async (db, viewer) => {
    if (!isUuid(ids.recordId)) return null;
    const student = await studentTarget(ids.studentId)(db, viewer);
    if (!student) return null;
    const record = await fetch(db, student.entity.id, ids.recordId);
    if (!record) return null;
    return {
      entity: { student: student.entity, [key]: record } as { student: StudentEntity } & Record<K, R>,
      entityType,
      entityId: record.id,
      studentId: student.entity.id,
      relationships: student.relationships,
      planType: record.program,
    };
  });
}
