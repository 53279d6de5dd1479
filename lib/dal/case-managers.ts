import "server-only";
import { and, asc, eq, gte, isNull, lte, or, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { caseloads, staffAssignments, users } from "@/db/schema";
import type { CaseManagerAssignment } from "@/lib/dto/referrals";
import { AppError, fieldError } from "@/lib/errors";
import { can } from "@/lib/policy";
import type { AssignCaseManagerInput } from "@/lib/validation/referrals";
import { mutate, read } from "./core";
import { studentTarget } from "./students";
import type { Viewer } from "./viewer";

/** The student's case managers in force today (the caseload rows `caseManagerOf` reads). */
async function currentCaseManagers(db: Executor, studentId: string, today: string) {
  return db
    .select({ id: caseloads.caseManagerId })
    .from(caseloads)
    .where(
      and(
        eq(caseloads.studentId, studentId),
        lte(caseloads.startsOn, today),
        or(isNull(caseloads.endsOn), gte(caseloads.endsOn, today)),
      ),
    )
    .limit(5);
}

/** Active case managers of the district assigned to the school today (by name; at most 100). */
async function schoolCaseManagers(db: Executor, districtId: string, schoolId: string, today: string) {
  return db
    .selectDistinct({ id: users.id, name: users.name })
    .from(staffAssignments)
    .innerJoin(users, eq(users.id, staffAssignments.userId))
    .where(
      and(
        eq(staffAssignments.schoolId, schoolId),
        eq(staffAssignments.role, "case_manager"),
        lte(staffAssignments.startsOn, today),
        or(isNull(staffAssignments.endsOn), gte(staffAssignments.endsOn, today)),
        eq(users.districtId, districtId),
        eq(users.role, "case_manager"),
        eq(users.isActive, true),
      ),
    )
    .orderBy(asc(users.name), asc(users.id))
    .limit(100);
}

/**
 * The "assign a case manager" form of a student page or transition page: for a viewer who may assign
 * (`caseManager.assign`: the principal of the student's school, a district admin) while the student has no
 * case manager in force, the school's active case managers to choose from. Null otherwise (no form). Two
 * queries; the read itself is the page's (no audit row of its own).
 */
export async function getCaseManagerAssignment(
  viewer: Viewer,
  studentId: string,
): Promise<CaseManagerAssignment | null> {
  const target = await read(viewer, { action: "student.read", load: studentTarget(studentId) });
  if (!can({ role: viewer.role }, "caseManager.assign", { relationships: target.relationships })) return null;
  const db = getDb();
  const student = target.entity;
  if ((await currentCaseManagers(db, student.id, viewer.today)).length > 0) return null;
  const options = await schoolCaseManagers(db, viewer.districtId, student.schoolId, viewer.today);
  return { studentId: student.id, options };
}

/**
 * `caseManager.assign` (the principal of the student's school, a district admin): puts a student who has no
 * case manager in force on the caseload of one of the school's active case managers, from today — the
 * `caseloads` row that caseloads, the `caseManagerOf` relationship, the work queue and the transition page
 * read (one source of truth). Refused: a student who already has a case manager (CONFLICT), a user who is
 * not an active case manager assigned to the student's school today (field error on `caseManagerId`).
 * NOT_FOUND outside the scope; FORBIDDEN (audited) for anyone else who sees the student.
 */
export async function assignCaseManager(viewer: Viewer, input: AssignCaseManagerInput): Promise<void> {
  await mutate(
    viewer,
    { action: "caseManager.assign", event: "caseManager.assigned", load: studentTarget(input.studentId) },
    async ({ tx, target, details }) => {
      const student = target.entity;
      await tx.execute(sql`select id from students where id = ${student.id} for update`);
      if ((await currentCaseManagers(tx, student.id, viewer.today)).length > 0)
        throw new AppError("CONFLICT", "errors.caseManager.alreadyAssigned");
      const candidates = await schoolCaseManagers(tx, viewer.districtId, student.schoolId, viewer.today);
      if (!candidates.some((c) => c.id === input.caseManagerId))
        throw fieldError("caseManagerId", "errors.caseManager.notAtSchool");
      await tx
        .insert(caseloads)
        .values({ caseManagerId: input.caseManagerId, studentId: student.id, startsOn: viewer.today });
      Object.assign(details, { caseManagerId: input.caseManagerId });
    },
  );
}
