import "server-only";
import { and, desc, eq, inArray, ne, or, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { plans, planVersions } from "@/db/schema";
import type { PlanColumns } from "@/lib/dto/plans";

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
