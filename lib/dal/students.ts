import "server-only";
import { and, asc, desc, eq, inArray, isNotNull, ne, or, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import {
  auditEvents,
  auditEventStudents,
  caseloads,
  guardianships,
  schools,
  sectionEnrollments,
  sections,
  sectionTeachers,
  students,
  users,
} from "@/db/schema";
import type { AccessLogEntry, CaseloadRow, ChildSummary, SchoolContact, StudentRecord } from "@/lib/dto/students";
import type { PlanColumns } from "@/lib/dto/plans";
import { can, inForce, visibleStudents } from "@/lib/policy";
import { isUuid } from "@/lib/validation/ids";
import { read, recordListAccess, type Loader } from "./core";
import { planColumnsField } from "./internal/plan-columns";
import { perRequest, shareable } from "./internal/request-cache";
import { studentScopedLoader } from "./internal/student-target";
import { scopeOf, selectField } from "./internal/scope";
import type { Viewer } from "./viewer";

const studentColumns = {
  id: students.id,
  firstName: students.firstName,
  lastName: students.lastName,
  grade: students.grade,
  sasid: students.sasid,
  birthDate: students.birthDate,
  homeLanguage: students.homeLanguage,
  parentLanguage: students.parentLanguage,
  schoolId: students.schoolId,
  schoolName: schools.name,
};

type StudentEntity = {
  id: string;
  firstName: string;
  lastName: string;
  grade: string;
  sasid: string;
  birthDate: string;
  homeLanguage: string;
  parentLanguage: string;
  schoolId: string;
  schoolName: string;
};

/**
 * Loader for one student through the `student.read` scope, with every relationship the viewer
 * holds to them. Malformed ids and students outside the scope both load as null (→ 404).
 */
export function studentTarget(studentId: string): Loader<StudentEntity> {
  const load = studentScopedLoader({
    entityType: "student",
    id: studentId,
    query: (db, scope) =>
      db
        .select({ ...studentColumns, ...scope.relationships })
        .from(students)
        .innerJoin(schools, eq(schools.id, students.schoolId))
        .where(and(eq(students.id, studentId), scope.visible))
        .limit(1),
    target: ({ entity }) => ({ entity, entityId: entity.id, studentId: entity.id }),
  });
  // The sections of the student page each load the student through the viewer's scope: once per
  // request (the key names everything the relationships depend on), fresh inside a transaction.
  const shared: typeof load = (db, viewer) =>
    shareable(db)
      ? perRequest(`student:${viewer.districtId}:${viewer.userId}:${viewer.role}:${viewer.today}:${studentId}`, () =>
          load(db, viewer),
        )
      : load(db, viewer);
  return Object.assign(shared, { requested: load.requested });
}

/**
 * `student.read`: the student page for any viewer with a relationship. Logs the read (record of
 * access). Identifiers (SASID, birth date, languages), guardians and the full schedule come only
 * with `student.identifiers.read`, `student.guardians.read` and `student.sections.read`; teachers
 * and providers get the need-to-know subset (their own sections).
 * Throws NOT_FOUND outside the scope.
 */
export async function getStudentRecord(viewer: Viewer, studentId: string): Promise<StudentRecord> {
  const target = await read(viewer, {
    action: "student.read",
    load: studentTarget(studentId),
    event: "student.viewed",
  });
  const s = target.entity;
  const rels = target.relationships;
  const identifiers = target.may("student.identifiers.read");
  const guardians = target.may("student.guardians.read");
  const allSections = target.may("student.sections.read");
  const db = getDb();

  // One statement: the case managers, the guardians (when the viewer may read them) and the sections
  // (with their teachers) in force today, each as a JSON array.
  const [people] = await db
    .select({
      managers: selectField<{ name: string }[]>(
        sql`coalesce((select json_agg(json_build_object('name', ${users.name}) order by ${users.name})
          from ${caseloads} inner join ${users} on ${users.id} = ${caseloads.caseManagerId}
          where ${caseloads.studentId} = ${students.id} and ${inForce(caseloads, viewer.today)}), '[]'::json)`,
      ),
      guardians: selectField<StudentRecord["guardians"]>(
        guardians
          ? sql`coalesce((select json_agg(json_build_object('id', ${guardianships.id}, 'name', ${users.name},
              'relation', ${guardianships.relation}, 'restricted', ${guardianships.restricted}) order by ${users.name})
              from ${guardianships} inner join ${users} on ${users.id} = ${guardianships.guardianUserId}
              where ${guardianships.studentId} = ${students.id} and ${inForce(guardianships, viewer.today)}), '[]'::json)`
          : sql`'[]'::json`,
      ),
      sections: selectField<
        { id: string; name: string; period: string; teacherName: string | null; teacherId: string | null }[]
      >(
        sql`coalesce((select json_agg(json_build_object('id', ${sections.id}, 'name', ${sections.name},
          'period', ${sections.period}, 'teacherName', ${users.name}, 'teacherId', ${users.id})
          order by ${sections.period}, ${sections.name})
          from ${sectionEnrollments} inner join ${sections} on ${sections.id} = ${sectionEnrollments.sectionId}
          left join ${sectionTeachers} on ${sectionTeachers.sectionId} = ${sections.id} and ${inForce(sectionTeachers, viewer.today)}
          left join ${users} on ${users.id} = ${sectionTeachers.userId}
          where ${sectionEnrollments.studentId} = ${students.id} and ${inForce(sectionEnrollments, viewer.today)}), '[]'::json)`,
      ),
    })
    .from(students)
    .where(eq(students.id, s.id));
  const managers = people?.managers ?? [];
  const guardianRows = people?.guardians ?? [];
  const sectionRows = people?.sections ?? [];

  const sectionMap = new Map<string, StudentRecord["sections"][number] & { teacherIds: string[] }>();
  for (const row of sectionRows) {
    const entry = sectionMap.get(row.id) ?? {
      id: row.id,
      name: row.name,
      period: row.period,
      teacherNames: [],
      teacherIds: [],
    };
    if (row.teacherName && row.teacherId) {
      entry.teacherNames.push(row.teacherName);
      entry.teacherIds.push(row.teacherId);
    }
    sectionMap.set(row.id, entry);
  }
  const visibleSections = [...sectionMap.values()]
    .filter((sec) => allSections || sec.teacherIds.includes(viewer.userId))
    .map(({ teacherIds: _ignored, ...sec }) => sec);

  return {
    id: s.id,
    firstName: s.firstName,
    lastName: s.lastName,
    grade: s.grade,
    schoolName: s.schoolName,
    sasid: identifiers ? s.sasid : null,
    birthDate: identifiers ? s.birthDate : null,
    homeLanguage: identifiers ? s.homeLanguage : null,
    parentLanguage: identifiers ? s.parentLanguage : null,
    relationships: [...rels].sort(),
    caseManagers: managers.map((m) => m.name),
    guardians: guardianRows,
    sections: visibleSections,
    canReadAccessLog: target.may("accessLog.read"),
    canReadEvidence: (["iep", "504"] as const).some((planType) =>
      can({ role: viewer.role }, "implementation.read", { relationships: rels, planType }),
    ),
    canManageGuardianships: target.may("guardianship.manage"),
    canReadServices: can({ role: viewer.role }, "service.read", {
      relationships: rels.has("providerFor") ? new Set([...rels, "assignedImplementer" as const]) : rels,
      planType: "iep",
    }),
    canReadProgress: target.may("progress.read"),
  };
}

/** The case manager's own caseload (`caseload.read` on self): students whose caseload row is in force. */
export async function listCaseload(viewer: Viewer): Promise<CaseloadRow[]> {
  if (!can({ role: viewer.role }, "caseload.read", { relationships: new Set(["self"]) })) return [];
  const scope = scopeOf(viewer);
  const rows = await getDb()
    .select({
      id: students.id,
      firstName: students.firstName,
      lastName: students.lastName,
      grade: students.grade,
      sasid: students.sasid,
      birthDate: students.birthDate,
      schoolName: schools.name,
      plan: selectField<PlanColumns | null>(planColumnsField()),
    })
    .from(caseloads)
    .innerJoin(students, eq(students.id, caseloads.studentId))
    .innerJoin(schools, eq(schools.id, students.schoolId))
    .where(and(eq(caseloads.caseManagerId, viewer.userId), inForce(caseloads, viewer.today), visibleStudents(scope)))
    .orderBy(asc(students.lastName), asc(students.firstName));
  await recordListAccess(
    viewer,
    "students.listed",
    { list: "caseload" },
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    plan: r.plan,
    id: r.id,
    name: `${r.lastName}, ${r.firstName}`,
    grade: r.grade,
    schoolName: r.schoolName,
    sasid: r.sasid,
    birthDate: r.birthDate,
  }));
}

/**
 * A guardian's children. Children under a restriction order appear only as a restricted entry
 * (no id, no name, no grade) with the school office to contact.
 */
export async function listMyChildren(viewer: Viewer): Promise<ChildSummary[]> {
  const scope = scopeOf(viewer);
  const rows = await getDb()
    .select({
      id: students.id,
      firstName: students.firstName,
      lastName: students.lastName,
      grade: students.grade,
      schoolName: schools.name,
      schoolPhone: schools.phone,
      restricted: guardianships.restricted,
      visible: selectField<boolean>(sql`(${visibleStudents(scope)})`),
    })
    .from(guardianships)
    .innerJoin(students, eq(students.id, guardianships.studentId))
    .innerJoin(schools, eq(schools.id, students.schoolId))
    .where(and(eq(guardianships.guardianUserId, viewer.userId), inForce(guardianships, viewer.today)))
    .orderBy(asc(students.firstName));
  const visible = rows.filter((r) => r.visible === true && !r.restricted);
  await recordListAccess(
    viewer,
    "students.listed",
    { list: "children" },
    visible.map((r) => r.id),
  );
  return rows.map((r) =>
    r.visible === true && !r.restricted
      ? {
          id: r.id,
          name: `${r.firstName} ${r.lastName}`,
          grade: r.grade,
          schoolName: r.schoolName,
          restricted: false,
          contact: null,
        }
      : {
          id: null,
          name: null,
          grade: null,
          schoolName: null,
          restricted: true,
          contact: { schoolName: r.schoolName, phone: r.schoolPhone },
        },
  );
}

/**
 * The school office to contact when the viewer holds a restricted guardianship of this student
 * (the page then says "access restricted, contact the school" instead of a bare 404); null for
 * anyone else, so it reveals nothing to them.
 */
export async function getRestrictedGuardianshipContact(
  viewer: Viewer,
  studentId: string,
): Promise<SchoolContact | null> {
  if (!isUuid(studentId)) return null;
  const [row] = await getDb()
    .select({ schoolName: schools.name, phone: schools.phone })
    .from(guardianships)
    .innerJoin(students, eq(students.id, guardianships.studentId))
    .innerJoin(schools, eq(schools.id, students.schoolId))
    .where(
      and(
        eq(guardianships.studentId, studentId),
        eq(guardianships.guardianUserId, viewer.userId),
        eq(guardianships.restricted, true),
        inForce(guardianships, viewer.today),
      ),
    )
    .limit(1);
  return row ?? null;
}

/**
 * `accessLog.read`: the student's record of access, newest first: events about the student and
 * list reads that showed them. District admins see every event (including denied attempts); guardians see staff reads and changes, not other families'
 * or their own activity.
 */
export async function listStudentAccessLog(viewer: Viewer, studentId: string, limit = 200): Promise<AccessLogEntry[]> {
  const target = await read(viewer, { action: "accessLog.read", load: studentTarget(studentId) });
  const guardianView = !target.relationships.has("districtAdmin");
  const rows = await getDb()
    .select({
      id: auditEvents.id,
      occurredAt: auditEvents.occurredAt,
      actorName: users.name,
      actorRole: auditEvents.actorRole,
      action: auditEvents.action,
      outcome: auditEvents.outcome,
    })
    .from(auditEvents)
    // A probe from another district's user is listed without that user's name: a district's
    // record of access never discloses who works elsewhere.
    .leftJoin(users, and(eq(users.id, auditEvents.actorUserId), eq(users.districtId, viewer.districtId)))
    .where(
      and(
        or(
          eq(auditEvents.studentId, target.entity.id),
          inArray(
            auditEvents.id,
            getDb()
              .select({ id: auditEventStudents.eventId })
              .from(auditEventStudents)
              .where(eq(auditEventStudents.studentId, target.entity.id)),
          ),
        ),
        guardianView
          ? and(
              isNotNull(auditEvents.actorRole),
              ne(auditEvents.actorRole, "parent"),
              eq(auditEvents.outcome, "success"),
            )
          : undefined,
      ),
    )
    .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.id))
    .limit(limit);
  return rows.map((r) => ({ ...r, occurredAt: r.occurredAt.toISOString() }));
}
