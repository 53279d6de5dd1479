import { and, or, sql, type SQL } from "drizzle-orm";
import {
  caseloads,
  planServices,
  planVersions,
  guardianships,
  schools,
  sectionEnrollments,
  sectionTeachers,
  staffAssignments,
  students,
} from "@/db/schema";
import { ACTIONS, type Action, type Grant, type Relationship } from "./catalog";
import type { Role } from "./can";

/** What a scope needs to know about the viewer. `today` is the district's local date (YYYY-MM-DD). */
export interface ScopeViewer {
  userId: string;
  districtId: string;
  role: Role;
  today: string;
}

type Dated = { startsOn: unknown; endsOn: unknown };

/** A dated relationship row is in force today: it has started and has not ended. */
function current(row: Dated, today: string): SQL {
  return sql`(${row.startsOn} <= ${today}::date and (${row.endsOn} is null or ${row.endsOn} >= ${today}::date))`;
}

const FALSE = sql`false`;

export type StudentRelationship = Exclude<Relationship, "assignedImplementer" | "self">;

/**
 * SQL conditions, one per relationship, that hold when the viewer has that relationship to the
 * row of `students` in the surrounding query. Ended enrollments, caseloads, assignments and
 * guardianships grant nothing; a guardianship with a restriction order grants nothing.
 */
export function studentRelationshipConditions(viewer: ScopeViewer): Record<StudentRelationship, SQL> {
  const { userId, today } = viewer;
  const schoolRole = (role: "principal" | "coordinator_504") => sql`exists (
    select 1 from ${staffAssignments}
    where ${staffAssignments.userId} = ${userId}
      and ${staffAssignments.schoolId} = ${students.schoolId}
      and ${staffAssignments.role} = ${role}
      and ${current(staffAssignments, today)})`;
  const guardian = (decisionRightsOnly: boolean) => sql`exists (
    select 1 from ${guardianships}
    where ${guardianships.studentId} = ${students.id}
      and ${guardianships.guardianUserId} = ${userId}
      and not ${guardianships.restricted}
      ${decisionRightsOnly ? sql`and ${guardianships.hasDecisionRights}` : sql``}
      and ${current(guardianships, today)})`;
  return {
    districtAdmin: viewer.role === "district_admin" ? sql`${students.districtId} = ${viewer.districtId}` : FALSE,
    principalOf: schoolRole("principal"),
    coordinator504Of: schoolRole("coordinator_504"),
    caseManagerOf: sql`exists (
      select 1 from ${caseloads}
      where ${caseloads.studentId} = ${students.id}
        and ${caseloads.caseManagerId} = ${userId}
        and ${current(caseloads, today)})`,
    teacherOf: sql`exists (
      select 1 from ${sectionEnrollments}
      join ${sectionTeachers} on ${sectionTeachers.sectionId} = ${sectionEnrollments.sectionId}
      where ${sectionEnrollments.studentId} = ${students.id}
        and ${sectionTeachers.userId} = ${userId}
        and ${current(sectionEnrollments, today)}
        and ${current(sectionTeachers, today)})`,
    providerFor: sql`exists (
      select 1 from ${planServices}
      join ${planVersions} on ${planVersions.id} = ${planServices.versionId}
      where ${planVersions.studentId} = ${students.id}
        and ${planVersions.status} = 'active'
        and ${planServices.providerUserId} = ${userId})`,
    guardianOf: guardian(false),
    decisionMaker: guardian(true),
  };
}

function grantFacts(action: Action): Set<string> {
  const grants: readonly Grant[] = ACTIONS[action];
  return new Set(grants.map((g) => (typeof g === "string" ? g : g.fact)));
}

/**
 * The read scope for students: rows of `students` on which the viewer holds at least one
 * relationship that `student.read` (or the given action) names, always inside the viewer's district.
 * Lists and detail pages filter with it, so no id in a URL reaches a row outside it.
 */
export function visibleStudents(viewer: ScopeViewer, action: Action = "student.read"): SQL {
  const facts = grantFacts(action);
  const conditions = Object.entries(studentRelationshipConditions(viewer))
    .filter(([rel]) => facts.has(rel))
    .map(([, condition]) => condition);
  return and(sql`${students.districtId} = ${viewer.districtId}`, or(...conditions) ?? FALSE)!;
}

export type SchoolRelationship = "districtAdmin" | "principalOf" | "coordinator504Of";

/** Conditions, per relationship, that the viewer holds to the row of `schools` in the query. */
export function schoolRelationshipConditions(viewer: ScopeViewer): Record<SchoolRelationship, SQL> {
  const schoolRole = (role: "principal" | "coordinator_504") => sql`exists (
    select 1 from ${staffAssignments}
    where ${staffAssignments.userId} = ${viewer.userId}
      and ${staffAssignments.schoolId} = ${schools.id}
      and ${staffAssignments.role} = ${role}
      and ${current(staffAssignments, viewer.today)})`;
  return {
    districtAdmin: viewer.role === "district_admin" ? sql`${schools.districtId} = ${viewer.districtId}` : FALSE,
    principalOf: schoolRole("principal"),
    coordinator504Of: schoolRole("coordinator_504"),
  };
}

/** Schools the viewer may read (`school.read`): district admins see all of their district's. */
export function visibleSchools(viewer: ScopeViewer): SQL {
  const c = schoolRelationshipConditions(viewer);
  return and(
    sql`${schools.districtId} = ${viewer.districtId}`,
    or(c.districtAdmin, c.principalOf, c.coordinator504Of),
  )!;
}

/** Rows of a dated table (enrollments, teachers, caseloads) that are in force on `today`. */
export function inForce(row: Dated, today: string): SQL {
  return current(row, today);
}
