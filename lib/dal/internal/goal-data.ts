import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { goalDataPoints, planGoals, planObjectives, planVersions, users } from "@/db/schema";
import { addYears } from "@/lib/compliance/dates";
import type { DataPointView, GoalProgressView } from "@/lib/dto/progress";
import { AppError } from "@/lib/errors";
import { aimline, standingPoints, trendLine, type RecordedPoint } from "@/lib/progress/series";
import type { GoalMeasure } from "@/lib/validation/goal-measure";
import { read, type Authorized } from "../core";
import type { Viewer } from "../viewer";
import { selectField } from "./scope";

/** Statuses of a version whose goals take data: in force now, or in force over the days observed. */
export const DATA_STATUSES = ["active", "superseded", "ended"] as const;

export type PointRow = RecordedPoint & {
  goalId: string;
  objectiveId: string | null;
  method: string;
  setting: string | null;
  note: string | null;
  correctionReason: string | null;
  collectorName: string | null;
};

const pointColumns = {
  id: goalDataPoints.id,
  goalId: goalDataPoints.goalId,
  objectiveId: goalDataPoints.objectiveId,
  observedOn: goalDataPoints.observedOn,
  value: goalDataPoints.value,
  method: goalDataPoints.method,
  setting: goalDataPoints.setting,
  note: goalDataPoints.note,
  correctsId: goalDataPoints.correctsId,
  correctionReason: goalDataPoints.correctionReason,
  withdrawn: goalDataPoints.withdrawn,
  createdAt: goalDataPoints.createdAt,
  collectorName: users.name,
  goalItemId: planGoals.itemId,
  objectiveItemId: planObjectives.itemId,
};

/**
 * The data points of the given goals of one version, gathered over "the same goal" in the plan's
 * versions up to it (same plan, same stable goal item id: see `lib/dal/internal/same-goal.ts`), each
 * re-attributed to the shown version's goal row — and objective row, by the objective's item id; a
 * point on an objective the version no longer has is left out. The stored rows keep the goal they
 * were taken against. One query.
 */
export async function pointsOfSameGoals(
  db: Executor,
  version: { planId: string; number: number },
  goals: readonly { id: string; itemId: string }[],
  objectives: readonly { id: string; goalId: string; itemId: string }[],
): Promise<PointRow[]> {
  if (goals.length === 0) return [];
  const rows = await db
    .select(pointColumns)
    .from(goalDataPoints)
    .innerJoin(planGoals, eq(planGoals.id, goalDataPoints.goalId))
    .innerJoin(planVersions, eq(planVersions.id, planGoals.versionId))
    .leftJoin(planObjectives, eq(planObjectives.id, goalDataPoints.objectiveId))
    .leftJoin(users, eq(users.id, goalDataPoints.collectedBy))
    .where(
      and(
        eq(planVersions.planId, version.planId),
        sql`${planVersions.number} <= ${version.number}`,
        inArray(
          planGoals.itemId,
          goals.map((g) => g.itemId),
        ),
      ),
    )
    .orderBy(asc(goalDataPoints.observedOn), asc(goalDataPoints.createdAt));
  const goalByItem = new Map(goals.map((g) => [g.itemId, g.id]));
  const objectiveByItem = new Map(objectives.map((o) => [`${o.goalId}:${o.itemId}`, o.id]));
  return rows.flatMap(({ goalItemId, objectiveItemId, ...r }) => {
    const goalId = goalByItem.get(goalItemId)!;
    const objectiveId = objectiveItemId ? objectiveByItem.get(`${goalId}:${objectiveItemId}`) : null;
    if (objectiveId === undefined) return [];
    return [
      {
        ...r,
        goalId,
        objectiveId,
        value: r.value === null ? null : Number(r.value),
        createdAt: r.createdAt.toISOString(),
      },
    ];
  });
}

/** The version whose goal data are shown, its period from its dates. */
export type DataVersion = {
  id: string;
  planId: string;
  number: number;
  effectiveOn: string;
  endedOn: string | null;
  reviewDue: string | null;
};

export type ObjectiveRow = {
  id: string;
  goalId: string;
  itemId: string;
  position: number;
  text: string;
  measure: GoalMeasure | null;
};

/**
 * A version's goals in order, each with its objectives in order (a JSON array). One query.
 */
export async function goalsWithObjectives(db: Executor, versionId: string) {
  return db
    .select({
      id: planGoals.id,
      itemId: planGoals.itemId,
      position: planGoals.position,
      area: planGoals.area,
      text: planGoals.text,
      baseline: planGoals.baseline,
      target: planGoals.target,
      measurement: planGoals.measurement,
      measure: planGoals.measure,
      objectives: selectField<ObjectiveRow[]>(
        sql`coalesce((select json_agg(json_build_object('id', ${planObjectives.id}, 'goalId', ${planObjectives.goalId},
          'itemId', ${planObjectives.itemId}, 'position', ${planObjectives.position}, 'text', ${planObjectives.text},
          'measure', ${planObjectives.measure}) order by ${planObjectives.position})
          from ${planObjectives} where ${planObjectives.goalId} = ${planGoals.id}), '[]'::json)`,
      ),
    })
    .from(planGoals)
    .where(eq(planGoals.versionId, versionId))
    .orderBy(asc(planGoals.position));
}

export type GoalRow = Awaited<ReturnType<typeof goalsWithObjectives>>[number];
export type CollectorRow = { id: string; userId: string; itemId: string; name: string };

/**
 * The goal views of `goals` (the ones the viewer may see) of `version`: standing points over the same
 * goal in the plan's earlier versions, aimline and trend. One query (the points).
 */
export async function goalViews(
  db: Executor,
  version: DataVersion,
  goals: GoalRow[],
  who: {
    staffView: boolean;
    collectors: CollectorRow[];
    canRecord: (goal: GoalRow) => boolean;
  },
): Promise<GoalProgressView[]> {
  const objectiveRows = goals.flatMap((g) => g.objectives);
  const points = await pointsOfSameGoals(db, version, goals, objectiveRows);
  const { staffView } = who;
  const periodStart = version.effectiveOn;
  const periodEnd = periodOf(version).periodEnd;
  return goals.map((g) => {
    const standing = standingPoints(points.filter((p) => p.goalId === g.id));
    const goalLevel = standing.filter((p) => p.objectiveId === null);
    const views: DataPointView[] = standing.map((p) => ({
      id: p.id,
      observedOn: p.observedOn,
      value: p.value,
      objectiveId: p.objectiveId,
      method: staffView ? p.method : "",
      setting: staffView ? p.setting : null,
      note: staffView ? p.note : null,
      collectorName: staffView ? p.collectorName : null,
      corrected: p.corrected,
      correctionReason: staffView ? p.correctionReason : null,
    }));
    const trend = trendLine(goalLevel);
    return {
      id: g.id,
      itemId: g.itemId,
      position: g.position,
      area: g.area,
      text: g.text,
      baselineText: g.baseline,
      targetText: g.target,
      measurement: g.measurement,
      measure: g.measure,
      objectives: g.objectives.map((o) => ({ id: o.id, position: o.position, text: o.text, measure: o.measure })),
      points: views,
      aimline: g.measure ? aimline(g.measure, periodStart, periodEnd) : null,
      trend: trend ? { from: trend.from, to: trend.to } : null,
      lastObservedOn: standing.length ? standing[standing.length - 1]!.observedOn : null,
      collectors: staffView
        ? who.collectors.filter((c) => c.itemId === g.itemId).map(({ id, userId, name }) => ({ id, userId, name }))
        : [],
      canRecord: who.canRecord(g),
    };
  });
}

/** A version's data period: from its effective date to its end, else its review date, else a year on. */
export function periodOf(version: DataVersion) {
  return {
    periodStart: version.effectiveOn,
    periodEnd: version.endedOn ?? version.reviewDue ?? addYears(version.effectiveOn, 1),
  };
}

/**
 * `progress.read` of one IEP version for its document (the plan page, its print view and PDF): the
 * goals with their objectives and standing data points over the version's period (as
 * `getStudentProgress` gives them for the version), for a plan the caller has loaded through the read
 * scope — every plan reader may read progress (`progress.read` includes the `plan.read`
 * relationships), so the student is not loaded again. Logged in the record of access as
 * `getStudentProgress` logs it (`progress.viewed` on the student). Null for a version never in force.
 * Internal: the caller loaded `plan` through the read scope (`read`, `plan.read`). Three statements:
 * the access row, the goals with their objectives, the points.
 */
export async function versionGoalData(
  viewer: Viewer,
  plan: Pick<Authorized<unknown>, "relationships" | "studentId" | "may">,
  version: Omit<DataVersion, "effectiveOn"> & { status: string; effectiveOn: string | null },
): Promise<{ periodStart: string; periodEnd: string; goals: GoalProgressView[] } | null> {
  if (!plan.may("plan.read")) throw new AppError("NOT_FOUND");
  if (!(DATA_STATUSES as readonly string[]).includes(version.status) || !version.effectiveOn) return null;
  const studentId = plan.studentId!;
  await read(viewer, {
    action: "progress.read",
    load: async () => ({
      entity: { id: studentId },
      entityType: "student",
      entityId: studentId,
      studentId,
      relationships: plan.relationships,
      planType: "iep",
    }),
    event: "progress.viewed",
  });
  const db = getDb();
  const dataVersion = { ...version, effectiveOn: version.effectiveOn };
  const goals = await goalViews(db, dataVersion, await goalsWithObjectives(db, version.id), {
    staffView: viewer.role !== "parent",
    collectors: [],
    canRecord: () => false,
  });
  return { ...periodOf(dataVersion), goals };
}
