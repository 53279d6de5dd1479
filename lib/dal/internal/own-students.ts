import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { caseloads, staffAssignments, students } from "@/db/schema";
import { inForce } from "@/lib/policy";

type SchoolRole = "principal" | "coordinator_504" | "case_manager";

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
