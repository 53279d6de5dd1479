import "server-only";
import { and, eq, sql, type SQL } from "drizzle-orm";
import { caseloads, staffAssignments, students } from "@/db/schema";
import { inForce } from "@/lib/policy";
import type { Viewer } from "../viewer";

type SchoolRole = "principal" | "coordinator_504" | "case_manager";

/** Join condition of `caseloads` to `students`: the student is on this case manager's caseload on `today`. */
export function onCaseloadOf(userId: string, today: string): SQL {
  return and(eq(caseloads.studentId, students.id), eq(caseloads.caseManagerId, userId), inForce(caseloads, today))!;
}

/**
 * Whether the viewer can have a caseload: caseloads are assigned to case managers only
 * (lib/dal/case-managers.ts offers active case managers, and roles are not changed in the app), so
 * for anyone else a read driven by the caseload finds nothing and is not sent (issue 15).
 */
export function holdsCaseload(viewer: Pick<Viewer, "role">): boolean {
  return viewer.role === "case_manager";
}

/** Whether the viewer holds one of `roles` at some school today (their staff assignments, loaded with them). */
export function holdsSchoolRole(viewer: Pick<Viewer, "schoolRoles">, roles: readonly SchoolRole[]): boolean {
  return viewer.schoolRoles.some((r) => (roles as readonly string[]).includes(r.role));
}

/**
 * SQL (a subquery of student ids) for the students a staff member works with on `today`: their current
 * caseload (with `caseload`) and every student of the schools where they currently hold one of
 * `schoolRoles`. Work-queue providers start from it, through the indexes on `caseloads (case_manager_id)`,
 * `staff_assignments (user_id, role)` and `students (school_id, ...)`, so that they read what one person
 * sees instead of filtering every row of the district (issue 15). It is a superset that narrows nothing by
 * itself: each provider keeps its exact relationship conditions.
 */
export function ownStudentIds(
  userId: string,
  today: string,
  { caseload, schoolRoles }: { caseload: boolean; schoolRoles: readonly SchoolRole[] },
): SQL {
  const parts: SQL[] = [];
  if (caseload)
    parts.push(sql`select ${caseloads.studentId} from ${caseloads}
      where ${caseloads.caseManagerId} = ${userId} and ${inForce(caseloads, today)}`);
  if (schoolRoles.length > 0)
    parts.push(sql`select ${students.id} from ${students}
      join ${staffAssignments} on ${staffAssignments.schoolId} = ${students.schoolId}
      where ${staffAssignments.userId} = ${userId}
        and ${staffAssignments.role} in (${sql.join(
          schoolRoles.map((r) => sql`${r}`),
          sql`, `,
        )})
        and ${inForce(staffAssignments, today)}`);
  return parts.length > 0 ? sql.join(parts, sql` union `) : sql`select null::uuid where false`;
}
