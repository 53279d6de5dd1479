import "server-only";
import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { caseloads, schools, sections, staffAssignments, students, users } from "@/db/schema";
import type { SchoolOverview, SchoolSummary } from "@/lib/dto/schools";
import { AppError, fieldError } from "@/lib/errors";
import { can, inForce, schoolRelationshipConditions, visibleSchools } from "@/lib/policy";
import { isUuid, uuidSchema } from "@/lib/validation/ids";
import { z } from "zod";
import { loaderFor, mutate, read, recordListAccess, type Loader } from "./core";
import { decodeCursor, encodeCursor } from "./internal/cursor";
import { planColumnsFor } from "./internal/plan-columns";
import { relationshipFields, scopeOf, selectField, splitRelationships } from "./internal/scope";
import type { Viewer } from "./viewer";

export const SCHOOL_PAGE_SIZE = 50;

type SchoolEntity = { id: string; name: string; level: string; districtId: string };

/** Loader for one school through the `school.read` scope (admin of its district, its principal or 504 coordinator). */
export function schoolTarget(schoolId: string): Loader<SchoolEntity> {
  return loaderFor("school", schoolId, async (db, viewer) => {
    if (!isUuid(schoolId)) return null;
    const scope = scopeOf(viewer);
    const [row] = await db
      .select({
        id: schools.id,
        name: schools.name,
        level: schools.level,
        districtId: schools.districtId,
        ...relationshipFields(schoolRelationshipConditions(scope)),
      })
      .from(schools)
      .where(and(eq(schools.id, schoolId), visibleSchools(scope)))
      .limit(1);
    if (!row) return null;
    const { entity, relationships } = splitRelationships(row);
    return { entity, entityType: "school", entityId: entity.id, relationships };
  });
}

/** Schools per page of the dashboard's school list (a district admin's district may have a thousand). */
export const SCHOOL_LIST_PAGE_SIZE = 25;

const schoolCursorSchema = z.tuple([z.string().max(500), uuidSchema]);

/**
 * Schools the viewer may read, with student, section and current-staff counts, one keyset page at a
 * time by name then id (`after`: the cursor of the previous page's `next`, null for the first page;
 * a malformed cursor is NOT_FOUND), in one query: the counts are computed for the page's schools only.
 * District admins get the schools of their district; principals and 504 coordinators their own.
 */
export async function listSchools(
  viewer: Viewer,
  after: string | null = null,
  pageSize: number = SCHOOL_LIST_PAGE_SIZE,
): Promise<{ schools: SchoolSummary[]; next: string | null }> {
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 200) throw new AppError("VALIDATION");
  const cursor = after === null ? null : decodeCursor(after, schoolCursorSchema);
  const scope = scopeOf(viewer);
  const rows = await getDb()
    .select({
      id: schools.id,
      name: schools.name,
      level: schools.level,
      studentCount: selectField<number>(
        sql`(select count(*)::int from ${students} where ${students.schoolId} = ${schools.id})`,
      ),
      sectionCount: selectField<number>(
        sql`(select count(*)::int from ${sections} where ${sections.schoolId} = ${schools.id})`,
      ),
      staffCount:
        selectField<number>(sql`(select count(distinct ${staffAssignments.userId})::int from ${staffAssignments}
        where ${staffAssignments.schoolId} = ${schools.id} and ${inForce(staffAssignments, viewer.today)})`),
    })
    .from(schools)
    .where(
      and(
        visibleSchools(scope),
        cursor ? sql`(${schools.name}, ${schools.id}) > (${cursor[0]}::text, ${cursor[1]}::uuid)` : undefined,
      ),
    )
    .orderBy(asc(schools.name), asc(schools.id))
    .limit(pageSize + 1);
  const page = rows.slice(0, pageSize);
  const last = page.at(-1);
  return { schools: page, next: rows.length > pageSize && last ? encodeCursor([last.name, last.id]) : null };
}

/**
 * `school.read`: one school's overview — counts by grade, how many students are on a caseload,
 * a page of students, the current 504 coordinators, and whether the viewer may designate one.
 */
export async function getSchoolOverview(viewer: Viewer, schoolId: string, page = 1): Promise<SchoolOverview> {
  const target = await read(viewer, { action: "school.read", load: schoolTarget(schoolId) });
  const school = target.entity;
  const db = getDb();
  const [gradeRows, caseloadRow, coordinatorRows, staffRows] = await Promise.all([
    db
      .select({ grade: students.grade, count: count() })
      .from(students)
      .where(eq(students.schoolId, school.id))
      .groupBy(students.grade),
    db
      .select({ count: sql<number>`count(distinct ${caseloads.studentId})::int` })
      .from(caseloads)
      .innerJoin(students, eq(students.id, caseloads.studentId))
      .where(and(eq(students.schoolId, school.id), inForce(caseloads, viewer.today))),
    db
      .select({ userId: users.id, name: users.name })
      .from(staffAssignments)
      .innerJoin(users, eq(users.id, staffAssignments.userId))
      .where(
        and(
          eq(staffAssignments.schoolId, school.id),
          eq(staffAssignments.role, "coordinator_504"),
          inForce(staffAssignments, viewer.today),
        ),
      )
      .orderBy(asc(users.name)),
    db
      .selectDistinctOn([users.id], { userId: users.id, name: users.name, role: users.role })
      .from(staffAssignments)
      .innerJoin(users, eq(users.id, staffAssignments.userId))
      .where(
        and(
          eq(staffAssignments.schoolId, school.id),
          inForce(staffAssignments, viewer.today),
          eq(users.isActive, true),
          inArray(users.role, ["case_manager", "teacher", "provider", "principal"]),
        ),
      )
      .orderBy(users.id),
  ]);
  const studentCount = gradeRows.reduce((sum, r) => sum + r.count, 0);
  const pageCount = Math.max(1, Math.ceil(studentCount / SCHOOL_PAGE_SIZE));
  const safePage = Math.min(Math.max(1, Math.trunc(page) || 1), pageCount);
  const studentRows = await db
    .select({ id: students.id, firstName: students.firstName, lastName: students.lastName, grade: students.grade })
    .from(students)
    .where(eq(students.schoolId, school.id))
    .orderBy(asc(students.lastName), asc(students.firstName), asc(students.id))
    .limit(SCHOOL_PAGE_SIZE)
    .offset((safePage - 1) * SCHOOL_PAGE_SIZE);
  await recordListAccess(
    viewer,
    "students.listed",
    { list: "school", schoolId: school.id },
    studentRows.map((r) => r.id),
  );
  const columns = await planColumnsFor(studentRows.map((r) => r.id));
  const gradeOrder = (g: string) => (g === "PK" ? -2 : g === "K" ? -1 : Number(g));
  return {
    id: school.id,
    name: school.name,
    level: school.level,
    studentCount,
    gradeCounts: gradeRows
      .map((r) => ({ grade: r.grade, count: r.count }))
      .sort((a, b) => gradeOrder(a.grade) - gradeOrder(b.grade)),
    onCaseloadCount: caseloadRow[0]?.count ?? 0,
    students: studentRows.map((r) => ({
      id: r.id,
      name: `${r.lastName}, ${r.firstName}`,
      grade: r.grade,
      plan: columns.get(r.id) ?? null,
    })),
    page: safePage,
    pageCount,
    coordinators: coordinatorRows,
    staffOptions: staffRows
      .filter((s) => !coordinatorRows.some((c) => c.userId === s.userId))
      .sort((a, b) => a.name.localeCompare(b.name)),
    canDesignateCoordinator: can({ role: viewer.role }, "coordinator504.designate", {
      relationships: target.relationships,
    }),
  };
}

async function assertStaffAtSchool(tx: Executor, viewer: Viewer, schoolId: string, userId: string): Promise<void> {
  const [row] = await tx
    .select({ id: users.id })
    .from(users)
    .innerJoin(staffAssignments, eq(staffAssignments.userId, users.id))
    .where(
      and(
        eq(users.id, userId),
        eq(users.districtId, viewer.districtId),
        eq(users.isActive, true),
        eq(staffAssignments.schoolId, schoolId),
        inForce(staffAssignments, viewer.today),
      ),
    )
    .limit(1);
  if (!row) {
    throw fieldError("userId", "errors.coordinatorNotStaff");
  }
}

/**
 * `coordinator504.designate`: the school's principal (or a district admin) designates a current,
 * active staff member of that school as its 504 coordinator, from today.
 */
export async function designate504Coordinator(
  viewer: Viewer,
  input: { schoolId: string; userId: string },
): Promise<void> {
  await mutate(
    viewer,
    { action: "coordinator504.designate", event: "coordinator504.designated", load: schoolTarget(input.schoolId) },
    async ({ tx, target, details }) => {
      await assertStaffAtSchool(tx, viewer, target.entity.id, input.userId);
      const [existing] = await tx
        .select({ id: staffAssignments.id })
        .from(staffAssignments)
        .where(
          and(
            eq(staffAssignments.schoolId, target.entity.id),
            eq(staffAssignments.userId, input.userId),
            eq(staffAssignments.role, "coordinator_504"),
            inForce(staffAssignments, viewer.today),
          ),
        )
        .limit(1);
      if (existing) throw new AppError("CONFLICT", "errors.alreadyCoordinator");
      await tx.insert(staffAssignments).values({
        userId: input.userId,
        schoolId: target.entity.id,
        role: "coordinator_504",
        startsOn: viewer.today,
      });
      details.userId = input.userId;
    },
  );
}

/**
 * `coordinator504.designate`: ends a 504 coordinator designation; access ends the same day
 * (a designation made today is removed outright).
 */
export async function remove504Coordinator(viewer: Viewer, input: { schoolId: string; userId: string }): Promise<void> {
  await mutate(
    viewer,
    { action: "coordinator504.designate", event: "coordinator504.removed", load: schoolTarget(input.schoolId) },
    async ({ tx, target, details }) => {
      const rows = await tx
        .select({ id: staffAssignments.id, startsOn: staffAssignments.startsOn })
        .from(staffAssignments)
        .where(
          and(
            eq(staffAssignments.schoolId, target.entity.id),
            eq(staffAssignments.userId, input.userId),
            eq(staffAssignments.role, "coordinator_504"),
            inForce(staffAssignments, viewer.today),
          ),
        );
      if (rows.length === 0) throw new AppError("NOT_FOUND");
      for (const row of rows) {
        if (row.startsOn >= viewer.today) {
          await tx.delete(staffAssignments).where(eq(staffAssignments.id, row.id));
        } else {
          await tx
            .update(staffAssignments)
            .set({ endsOn: sql`${viewer.today}::date - 1` })
            .where(eq(staffAssignments.id, row.id));
        }
      }
      details.userId = input.userId;
    },
  );
}
