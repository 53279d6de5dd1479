import "server-only";
import { and, asc, desc, eq, inArray, ne, or, sql, type SQL } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { plans, planVersions, students } from "@/db/schema";
import type { PlanColumns } from "@/lib/dto/plans";
import { planType } from "@/db/schema/enums";
import { perRequest, shareable } from "./request-cache";

/**
 * Plan columns for dashboard rows (one query for any number of students): the active version if
 * there is one, else the newest version of the student's open plans. Callers pass only students
 * they already loaded through a scope.
 */
export async function planColumnsFor(studentIds: string[]): Promise<Map<string, PlanColumns>> {
  if (studentIds.length === 0) return new Map();
  const rows = await getDb()
    .selectDistinctOn([planVersions.studentId], {
      studentId: planVersions.studentId,
      type: planVersions.planType,
      status: planVersions.status,
      effectiveOn: planVersions.effectiveOn,
      reviewDue: planVersions.reviewDue,
    })
    .from(planVersions)
    .innerJoin(plans, eq(plans.id, planVersions.planId))
    .where(
      and(
        inArray(planVersions.studentId, studentIds),
        or(eq(planVersions.status, "active"), sql`${plans.endedAt} is null`),
        ne(planVersions.status, "superseded"),
      ),
    )
    .orderBy(planVersions.studentId, sql`(${planVersions.status} = 'active') desc`, desc(planVersions.updatedAt));
  return new Map(
    rows.map((r) => [
      r.studentId,
      {
        type: r.type,
        status: r.status,
        activeSince: r.status === "active" ? r.effectiveOn : null,
        nextReview: r.status === "active" ? r.reviewDue : null,
      },
    ]),
  );
}

/**
 * SQL (a select field over `students`): the student's plan columns as {@link planColumnsFor} picks them —
 * the active version if there is one, else the newest version of the student's open plans — read with
 * the student's row instead of by a query of their own (issue 15). Null without a plan.
 */
export function planColumnsField(): SQL<PlanColumns | null> {
  return sql<PlanColumns | null>`(select json_build_object('type', pcv.plan_type, 'status', pcv.status,
      'activeSince', case when pcv.status = 'active' then pcv.effective_on end,
      'nextReview', case when pcv.status = 'active' then pcv.review_due end)
    from ${planVersions} pcv join ${plans} pcp on pcp.id = pcv.plan_id
    where pcv.student_id = ${students.id} and (pcv.status = 'active' or pcp.ended_at is null) and pcv.status <> 'superseded'
    order by (pcv.status = 'active') desc, pcv.updated_at desc
    limit 1)`;
}

/**
 * The versions of one student's plans of the given programs in the given statuses, for a form's
 * version picker (a notice proposes one, a consent request concerns one): program, then newest
 * first. Callers pass a student they loaded through a scope and the programs the viewer leads.
 */
export async function pickableVersions<S extends "draft" | "proposed" | "final">(
  db: Executor,
  studentId: string,
  programs: readonly ("iep" | "504")[],
  statuses: readonly S[],
): Promise<{ id: string; program: "iep" | "504"; number: number; status: S }[]> {
  if (programs.length === 0) return [];
  if (shareable(db)) {
    // the request's read of the student's versions, in the query's order (plan type as the enum orders it, newest first)
    const typeOrder = planType.enumValues;
    return (await studentVersionsOf(db, studentId))
      .filter((v) => programs.includes(v.planType) && (statuses as readonly string[]).includes(v.status))
      .sort((a, b) => typeOrder.indexOf(a.planType) - typeOrder.indexOf(b.planType) || b.number - a.number)
      .map((v) => ({ id: v.id, program: v.planType, number: v.number, status: v.status as S }));
  }
  const rows = await db
    .select({
      id: planVersions.id,
      program: planVersions.planType,
      number: planVersions.number,
      status: planVersions.status,
    })
    .from(planVersions)
    .where(
      and(
        eq(planVersions.studentId, studentId),
        inArray(planVersions.planType, [...programs]),
        inArray(planVersions.status, [...statuses]),
      ),
    )
    .orderBy(asc(planVersions.planType), desc(planVersions.number));
  return rows as { id: string; program: "iep" | "504"; number: number; status: S }[];
}

/**
 * Every version of the student's plans, newest number first, in one query (a student has a handful).
 * Through the app's pool it is read once per request and shared by the sections of the student page
 * (plans and timeline, meetings, referrals, transitions); through an open transaction it is read fresh.
 * Unscoped: callers loaded the student through the viewer's scope. The rows are shared: read only.
 */
export function studentVersionsOf(db: Executor, studentId: string) {
  const load = () =>
    db
      .select({
        id: planVersions.id,
        planId: planVersions.planId,
        planType: planVersions.planType,
        number: planVersions.number,
        status: planVersions.status,
        effectiveOn: planVersions.effectiveOn,
        endedOn: planVersions.endedOn,
        reviewDue: planVersions.reviewDue,
        updatedAt: planVersions.updatedAt,
        basedOnVersionId: planVersions.basedOnVersionId,
        createdAt: planVersions.createdAt,
        proposedAt: planVersions.proposedAt,
        finalizedAt: planVersions.finalizedAt,
        activatedAt: planVersions.activatedAt,
        closedAt: planVersions.closedAt,
      })
      .from(planVersions)
      .where(eq(planVersions.studentId, studentId))
      .orderBy(desc(planVersions.number));
  return shareable(db) ? perRequest(`student-versions:${studentId}`, load) : load();
}

export type StudentVersion = Awaited<ReturnType<typeof studentVersionsOf>>[number];
