import "server-only";
import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import {
  caseloads,
  goalCollectors,
  goalDataPoints,
  planGoals,
  planObjectives,
  plans,
  planServices,
  planVersions,
  sectionEnrollments,
  sectionTeachers,
  students,
  users,
} from "@/db/schema";
import type { SchoolCalendar } from "@/lib/compliance/school-calendar";
import type { MyGoalRow, StudentProgressView } from "@/lib/dto/progress";
import { AppError, fieldError } from "@/lib/errors";
import { inForce, visibleStudents, type Relationship } from "@/lib/policy";
import { pointsInPeriod } from "@/lib/progress/series";
import { parseProgressSettings, type ProgressSettings } from "@/lib/progress/settings";
import { now as clockNow } from "@/lib/time";
import { parseValue, valueIssue, type GoalMeasure } from "@/lib/validation/goal-measure";
import type { CorrectGoalDataInput, RecordGoalDataInput, RecordSessionInput } from "@/lib/validation/progress";
import { authorize, mutate, read, recordListAccess, type Loader } from "./core";
import { DATA_STATUSES, goalsWithObjectives, goalViews, periodOf, pointsOfSameGoals } from "./internal/goal-data";
import { loadSchoolCalendars } from "./internal/calendars";
import { scopeOf, selectField } from "./internal/scope";
import { lastObservedOnSameGoal } from "./internal/same-goal";
import { studentScopedLoader } from "./internal/student-target";
import type { Viewer } from "./viewer";
import { districtSettingsOf } from "./internal/settings";

const QUALITATIVE: GoalMeasure = {
  unit: "qualitative",
  direction: "increase",
  baseline: null,
  baselineDate: null,
  target: null,
  levels: [],
};

type GoalEntity = {
  id: string;
  itemId: string;
  planId: string;
  versionId: string;
  status: string;
  effectiveOn: string | null;
  endedOn: string | null;
  studentId: string;
  schoolId: string;
  measure: GoalMeasure | null;
  versionNumber: number;
};

/** The viewer is an open collector of the goal named by the surrounding query's `plan_goals` row. */
function collectsGoal(viewer: Viewer): SQL<boolean> {
  return sql<boolean>`exists (
    select 1 from ${goalCollectors}
    where ${goalCollectors.planId} = ${planVersions.planId}
      and ${goalCollectors.goalItemId} = ${planGoals.itemId}
      and ${goalCollectors.userId} = ${viewer.userId}
      and ${goalCollectors.endedAt} is null)`;
}

const goalColumns = {
  id: planGoals.id,
  itemId: planGoals.itemId,
  planId: planVersions.planId,
  versionId: planVersions.id,
  status: planVersions.status,
  effectiveOn: planVersions.effectiveOn,
  endedOn: planVersions.endedOn,
  studentId: students.id,
  schoolId: students.schoolId,
  measure: planGoals.measure,
  versionNumber: planVersions.number,
  planType: planVersions.planType,
};

const pointTargetColumns = {
  pointId: goalDataPoints.id,
  objectiveId: goalDataPoints.objectiveId,
  observedOn: goalDataPoints.observedOn,
  method: goalDataPoints.method,
  setting: goalDataPoints.setting,
};

/**
 * The one loader of what hangs off a goal: the goal itself (`plan_goal`) or one recorded point on it
 * (`goal_data_point`, with the point's columns) — the goal's version and student, the student's
 * relationships, plus `assignedImplementer` when the viewer is an open collector of the goal.
 */
function goalScopedTarget(spec: { kind: "goal"; id: string; recordMiss?: boolean }): Loader<GoalEntity>;
function goalScopedTarget(spec: { kind: "point"; id: string }): Loader<PointEntity>;
function goalScopedTarget(spec: {
  kind: "goal" | "point";
  id: string;
  recordMiss?: boolean;
}): Loader<GoalEntity | PointEntity> {
  const point = spec.kind === "point";
  return studentScopedLoader({
    entityType: point ? "goal_data_point" : "plan_goal",
    id: spec.id,
    recordMiss: spec.recordMiss,
    query: (db, scope, viewer) => {
      const query = db
        .select({
          ...goalColumns,
          ...(point ? pointTargetColumns : {}),
          collects: collectsGoal(viewer),
          ...scope.relationships,
        })
        .from(planGoals)
        .innerJoin(planVersions, eq(planVersions.id, planGoals.versionId))
        .innerJoin(students, eq(students.id, planVersions.studentId))
        .$dynamic();
      return (
        point
          ? query
              .innerJoin(goalDataPoints, eq(goalDataPoints.goalId, planGoals.id))
              .where(and(eq(goalDataPoints.id, spec.id), scope.visible))
          : query.where(and(eq(planGoals.id, spec.id), scope.visible))
      ).limit(1);
    },
    target: ({ entity, relationships }) => {
      const { collects, planType, ...rest } = entity;
      const held = new Set<Relationship>(relationships);
      if (collects) held.add("assignedImplementer");
      const loaded = rest as GoalEntity & Partial<Pick<PointEntity, "pointId">>;
      return {
        entity: loaded,
        entityId: point ? loaded.pointId! : loaded.id,
        studentId: loaded.studentId,
        relationships: held,
        planType,
      };
    },
  });
}

/** A goal's target (see `goalScopedTarget`). */
function goalTarget(goalId: string, recordMiss = true): Loader<GoalEntity> {
  return goalScopedTarget({ kind: "goal", id: goalId, recordMiss });
}

/**
 * Several goals as one target (a group session): every goal must be visible (else NOT_FOUND), and
 * the viewer holds a relationship only when it holds it to every goal — so `progress.data.create`
 * is granted only when the viewer may record on each of them.
 */
function goalsTarget(goalIds: string[]): Loader<GoalEntity[]> {
  return async (db, viewer) => {
    const ids = [...new Set(goalIds)];
    const loaded = await Promise.all(ids.map((id) => goalTarget(id, false)(db, viewer)));
    if (loaded.some((t) => t === null)) return null;
    const targets = loaded as NonNullable<(typeof loaded)[number]>[];
    const common = new Set<Relationship>(
      [...targets[0]!.relationships].filter((r) => targets.every((t) => t.relationships.has(r))),
    );
    return {
      entity: targets.map((t) => t.entity),
      entityType: "plan_goal",
      entityId: targets[0]!.entity.id,
      relationships: common,
      planType: "iep",
      studentId: null,
    };
  };
}

async function districtProgressSettings(db: Executor, districtId: string): Promise<ProgressSettings> {
  return parseProgressSettings(await districtSettingsOf(db, districtId));
}

interface PointChecks {
  today: string;
  settings: ProgressSettings;
  calendar: SchoolCalendar | undefined;
}

/** Refuses a day observed in the future, outside the version's time in force, or late without a reason. */
function checkDate(
  goal: GoalEntity,
  observedOn: string,
  lateReason: string,
  checks: PointChecks,
  field = "observedOn",
) {
  if (observedOn > checks.today) throw fieldError(field, "progress.errors.future");
  if (!(DATA_STATUSES as readonly string[]).includes(goal.status) || !goal.effectiveOn)
    throw new AppError("CONFLICT", "progress.errors.notInForce");
  if (observedOn < goal.effectiveOn || (goal.endedOn && observedOn > goal.endedOn))
    throw fieldError(field, "progress.errors.outsidePlan");
  const late = checks.calendar
    ? checks.calendar.schoolDaysBetween(observedOn, checks.today)
    : Math.round((Date.parse(checks.today) - Date.parse(observedOn)) / 86_400_000);
  if (late > checks.settings.backdateReasonSchoolDays && lateReason === "")
    throw fieldError("lateReason", "progress.errors.lateReasonRequired");
}

/** The measure a point is recorded on (the objective's own, else the goal's; none → narrative), and its value. */
async function checkValue(
  db: Executor,
  goal: GoalEntity,
  entry: { objectiveId: string; value: string; note: string },
  path: string,
): Promise<number | null> {
  let measure = goal.measure ?? QUALITATIVE;
  if (entry.objectiveId) {
    const [objective] = await db
      .select({ measure: planObjectives.measure })
      .from(planObjectives)
      .where(and(eq(planObjectives.id, entry.objectiveId), eq(planObjectives.goalId, goal.id)))
      .limit(1);
    if (!objective) throw fieldError(`${path}objectiveId`, "progress.errors.objective");
    measure = objective.measure ?? measure;
  }
  const value = parseValue(entry.value);
  if (value === undefined) throw fieldError(`${path}value`, "validation.decimal");
  const issue = valueIssue(measure, value);
  if (issue) throw fieldError(`${path}value`, `progress.value.${issue}`);
  if (measure.unit === "qualitative" && entry.note === "")
    throw fieldError(`${path}note`, "progress.errors.noteRequired");
  return value;
}

async function pointChecks(db: Executor, viewer: Viewer, schoolId: string): Promise<PointChecks> {
  const [settings, calendars] = await Promise.all([
    districtProgressSettings(db, viewer.districtId),
    loadSchoolCalendars(db, [schoolId]),
  ]);
  return { today: viewer.today, settings, calendar: calendars.get(schoolId) };
}

/**
 * `progress.data.create`: one data point on a goal (or one of its objectives) of a finalized IEP
 * version, by the case manager or a collector named for that goal. The value is checked against the
 * measure (range, whole numbers, rubric levels; narrative only for a qualitative goal, which needs
 * the note); the day observed must be within the version's time in force and not after today; a
 * point entered more than the district's number of school days late needs a reason.
 */
export async function recordGoalData(viewer: Viewer, input: RecordGoalDataInput): Promise<{ id: string }> {
  return mutate(
    viewer,
    { action: "progress.data.create", event: "progress.data_recorded", load: goalTarget(input.goalId) },
    async ({ tx, target, details }) => {
      const goal = target.entity;
      checkDate(goal, input.observedOn, input.lateReason, await pointChecks(tx, viewer, goal.schoolId));
      const value = await checkValue(tx, goal, input, "");
      const [row] = await tx
        .insert(goalDataPoints)
        .values({
          goalId: goal.id,
          objectiveId: input.objectiveId || null,
          versionId: goal.versionId,
          studentId: goal.studentId,
          collectedBy: viewer.userId,
          observedOn: input.observedOn,
          value,
          method: input.method,
          setting: input.setting || null,
          note: input.note || null,
          lateReason: input.lateReason || null,
        })
        .returning({ id: goalDataPoints.id });
      Object.assign(details, {
        goalId: goal.id,
        objectiveId: input.objectiveId || null,
        date: input.observedOn,
        late: Boolean(input.lateReason),
        withNote: Boolean(input.note),
      });
      return { id: row!.id };
    },
  );
}

/**
 * `progress.data.create` for a group session: one date and method, one value per student goal, all
 * written in one transaction with a shared session id (the audit row is linked to every student).
 * Entries with no value and no note are skipped. The viewer must be allowed to record on every goal;
 * any bad value refuses the whole session with the entry's field named.
 */
export async function recordSession(viewer: Viewer, input: RecordSessionInput): Promise<{ recorded: number }> {
  const entries = input.entries.filter((e) => e.value !== "" || e.note !== "");
  if (entries.length === 0) throw fieldError("entries", "progress.errors.noEntries");
  return mutate(
    viewer,
    {
      action: "progress.data.create",
      event: "progress.session_recorded",
      load: goalsTarget(entries.map((e) => e.goalId)),
    },
    async ({ tx, target, details, concerns }) => {
      const goals = new Map(target.entity.map((g) => [g.id, g]));
      const sessionId = randomUUID();
      const checksBySchool = new Map<string, PointChecks>();
      const rows = [];
      for (const [i, entry] of input.entries.entries()) {
        if (entry.value === "" && entry.note === "") continue;
        const goal = goals.get(entry.goalId)!;
        const checks = checksBySchool.get(goal.schoolId) ?? (await pointChecks(tx, viewer, goal.schoolId));
        checksBySchool.set(goal.schoolId, checks);
        checkDate(goal, input.observedOn, input.lateReason, checks);
        const value = await checkValue(tx, goal, entry, `entries.${i}.`);
        rows.push({
          goalId: goal.id,
          objectiveId: entry.objectiveId || null,
          versionId: goal.versionId,
          studentId: goal.studentId,
          collectedBy: viewer.userId,
          observedOn: input.observedOn,
          value,
          method: input.method,
          setting: input.setting || null,
          note: entry.note || null,
          lateReason: input.lateReason || null,
          sessionId,
        });
      }
      await tx.insert(goalDataPoints).values(rows);
      concerns(rows.map((r) => r.studentId));
      Object.assign(details, { sessionId, date: input.observedOn, points: rows.length });
      return { recorded: rows.length };
    },
  );
}

type PointEntity = GoalEntity & {
  pointId: string;
  objectiveId: string | null;
  observedOn: string;
  method: string;
  setting: string | null;
};

/** A recorded point's target (see `goalScopedTarget`). */
function pointTarget(pointId: string): Loader<PointEntity> {
  return goalScopedTarget({ kind: "point", id: pointId });
}

/**
 * `progress.data.create`: corrects a recorded point — a new row naming it, with a reason, carrying
 * the new value (checked against the measure) or withdrawing the point. A point already corrected
 * is refused (CONFLICT: correct the latest entry); the database allows one correction per row.
 */
export async function correctGoalData(viewer: Viewer, input: CorrectGoalDataInput): Promise<{ id: string }> {
  return mutate(
    viewer,
    { action: "progress.data.create", event: "progress.data_corrected", load: pointTarget(input.pointId) },
    async ({ tx, target, details }) => {
      const point = target.entity;
      const [successor] = await tx
        .select({ id: goalDataPoints.id })
        .from(goalDataPoints)
        .where(eq(goalDataPoints.correctsId, point.pointId))
        .limit(1);
      if (successor) throw new AppError("CONFLICT", "progress.errors.alreadyCorrected");
      const value = input.withdraw
        ? null
        : await checkValue(
            tx,
            point,
            { objectiveId: point.objectiveId ?? "", value: input.value, note: input.note },
            "",
          );
      const [row] = await tx
        .insert(goalDataPoints)
        .values({
          goalId: point.id,
          objectiveId: point.objectiveId,
          versionId: point.versionId,
          studentId: point.studentId,
          collectedBy: viewer.userId,
          observedOn: point.observedOn,
          value,
          method: point.method,
          setting: point.setting,
          note: input.note || null,
          correctsId: point.pointId,
          correctionReason: input.reason,
          withdrawn: input.withdraw,
        })
        .returning({ id: goalDataPoints.id });
      Object.assign(details, { goalId: point.id, corrects: point.pointId, withdrawn: input.withdraw });
      return { id: row!.id };
    },
  );
}

/** Teachers of the student's current sections and providers named in the version: who may collect. */
async function collectorCandidates(db: Executor, viewer: Viewer, studentId: string, versionId: string) {
  const [teachers, providers] = await Promise.all([
    db
      .selectDistinct({ userId: users.id, name: users.name })
      .from(sectionEnrollments)
      .innerJoin(sectionTeachers, eq(sectionTeachers.sectionId, sectionEnrollments.sectionId))
      .innerJoin(users, eq(users.id, sectionTeachers.userId))
      .where(
        and(
          eq(sectionEnrollments.studentId, studentId),
          inForce(sectionEnrollments, viewer.today),
          inForce(sectionTeachers, viewer.today),
          eq(users.isActive, true),
        ),
      ),
    db
      .selectDistinct({ userId: users.id, name: users.name })
      .from(planServices)
      .innerJoin(users, eq(users.id, planServices.providerUserId))
      .where(and(eq(planServices.versionId, versionId), eq(users.isActive, true))),
  ]);
  const byId = new Map([...teachers, ...providers].map((c) => [c.userId, c]));
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * `goal.collectors.assign` (the case manager): names a teacher of the student or a provider in the
 * plan to collect data on one goal. The responsibility is kept by the goal's stable item id, so it
 * carries over amendments. Naming someone already named changes nothing.
 */
export async function assignGoalCollector(
  viewer: Viewer,
  input: { goalId: string; userId: string },
): Promise<{ assigned: boolean }> {
  return mutate(
    viewer,
    { action: "goal.collectors.assign", event: "progress.collector_assigned", load: goalTarget(input.goalId) },
    async ({ tx, target, details, unchanged }) => {
      const goal = target.entity;
      const candidates = await collectorCandidates(tx, viewer, goal.studentId, goal.versionId);
      if (!candidates.some((c) => c.userId === input.userId))
        throw fieldError("userId", "progress.errors.notCandidate");
      const inserted = await tx
        .insert(goalCollectors)
        .values({
          planId: goal.planId,
          goalItemId: goal.itemId,
          studentId: goal.studentId,
          userId: input.userId,
          assignedBy: viewer.userId,
          assignedAt: clockNow(),
        })
        .onConflictDoNothing()
        .returning({ id: goalCollectors.id });
      if (inserted.length === 0) {
        unchanged();
        return { assigned: false };
      }
      Object.assign(details, { goalId: goal.id, collector: input.userId });
      return { assigned: true };
    },
  );
}

type CollectorEntity = { id: string; studentId: string };

function collectorTarget(collectorId: string): Loader<CollectorEntity> {
  return studentScopedLoader({
    entityType: "goal_collector",
    id: collectorId,
    query: (db, scope) =>
      db
        .select({
          id: goalCollectors.id,
          studentId: students.id,
          planType: plans.type,
          ...scope.relationships,
        })
        .from(goalCollectors)
        .innerJoin(plans, eq(plans.id, goalCollectors.planId))
        .innerJoin(students, eq(students.id, goalCollectors.studentId))
        .where(and(eq(goalCollectors.id, collectorId), isNull(goalCollectors.endedAt), scope.visible))
        .limit(1),
    target: ({ entity }) => {
      const { planType, ...rest } = entity;
      return { entity: rest, entityId: rest.id, studentId: rest.studentId, planType };
    },
  });
}

/** `goal.collectors.assign`: ends a collector's responsibility for a goal (the row stays, with who ended it). */
export async function removeGoalCollector(viewer: Viewer, input: { collectorId: string }): Promise<void> {
  await mutate(
    viewer,
    { action: "goal.collectors.assign", event: "progress.collector_removed", load: collectorTarget(input.collectorId) },
    async ({ tx, target, details }) => {
      await tx
        .update(goalCollectors)
        .set({ endedAt: clockNow(), endedBy: viewer.userId })
        .where(and(eq(goalCollectors.id, target.entity.id), isNull(goalCollectors.endedAt)));
      details.collectorId = target.entity.id;
    },
  );
}

type StudentEntity = { id: string; firstName: string; lastName: string; schoolId: string };

/** The student as a progress target: `assignedImplementer` when the viewer collects any of their goals. */
function progressStudentTarget(studentId: string): Loader<StudentEntity> {
  return studentScopedLoader({
    entityType: "student",
    id: studentId,
    query: (db, scope, viewer) =>
      db
        .select({
          id: students.id,
          firstName: students.firstName,
          lastName: students.lastName,
          schoolId: students.schoolId,
          collects: selectField<boolean>(sql`exists (
            select 1 from ${goalCollectors}
            where ${goalCollectors.studentId} = ${students.id}
              and ${goalCollectors.userId} = ${viewer.userId}
              and ${goalCollectors.endedAt} is null)`),
          ...scope.relationships,
        })
        .from(students)
        .where(and(eq(students.id, studentId), scope.visible))
        .limit(1),
    target: ({ entity, relationships }) => {
      const { collects, ...student } = entity;
      const held = new Set<Relationship>(relationships);
      if (collects) held.add("assignedImplementer");
      return { entity: student, entityId: student.id, studentId: student.id, relationships: held, planType: "iep" };
    },
  });
}

/**
 * `progress.read`: a student's goals in the IEP version in force (else the latest one that was; or
 * `options.versionId`, a version of the student's IEP that is or was in force, for its document),
 * each with its standing data points — over the same goal in the plan's earlier versions too, so a
 * goal carried into an amendment or annual review keeps its history — aimline (baseline to target over the version's period) and
 * least-squares trend. Staff with `plan.read` (and guardians) see every goal; a teacher or provider
 * named as a collector sees only their goals. Guardians get dates and values only (no notes, methods
 * or collectors). Logged in the record of access. Bounded: about ten queries whatever the number of goals.
 */
export async function getStudentProgress(
  viewer: Viewer,
  studentId: string,
  options: { versionId?: string } = {},
): Promise<StudentProgressView> {
  const target = await read(viewer, {
    action: "progress.read",
    load: progressStudentTarget(studentId),
    event: "progress.viewed",
  });
  const db = getDb();
  const student = target.entity;
  const staffView = viewer.role !== "parent";
  const [version] = await db
    .select({
      id: planVersions.id,
      planId: planVersions.planId,
      number: planVersions.number,
      effectiveOn: planVersions.effectiveOn,
      endedOn: planVersions.endedOn,
      reviewDue: planVersions.reviewDue,
    })
    .from(planVersions)
    .where(
      and(
        eq(planVersions.studentId, student.id),
        eq(planVersions.planType, "iep"),
        inArray(planVersions.status, [...DATA_STATUSES]),
        sql`${planVersions.effectiveOn} is not null`,
        options.versionId ? eq(planVersions.id, options.versionId) : undefined,
      ),
    )
    .orderBy(desc(sql`${planVersions.status} = 'active'`), desc(planVersions.effectiveOn))
    .limit(1);
  const settings = await districtProgressSettings(db, viewer.districtId);
  const empty: StudentProgressView = {
    studentId: student.id,
    studentName: `${student.firstName} ${student.lastName}`,
    versionId: null,
    versionNumber: null,
    periodStart: null,
    periodEnd: null,
    today: viewer.today,
    goals: [],
    staffView,
    canAssign: false,
    candidates: [],
    backdateReasonSchoolDays: settings.backdateReasonSchoolDays,
  };
  if (!version) return empty;
  const dataVersion = { ...version, effectiveOn: version.effectiveOn! };
  const goalRows = await goalsWithObjectives(db, version.id);
  const itemIds = goalRows.map((g) => g.itemId);
  const collectorRows = itemIds.length
    ? await db
        .select({
          id: goalCollectors.id,
          userId: goalCollectors.userId,
          itemId: goalCollectors.goalItemId,
          name: users.name,
        })
        .from(goalCollectors)
        .innerJoin(users, eq(users.id, goalCollectors.userId))
        .where(
          and(
            eq(goalCollectors.planId, version.planId),
            inArray(goalCollectors.goalItemId, itemIds),
            isNull(goalCollectors.endedAt),
          ),
        )
        .orderBy(asc(users.name))
    : [];
  const fullRead = target.may("plan.read");
  const collects = (itemId: string) => collectorRows.some((c) => c.itemId === itemId && c.userId === viewer.userId);
  const visibleGoals = goalRows.filter((g) => fullRead || collects(g.itemId));
  const caseManager = target.relationships.has("caseManagerOf");
  const recordable = target.may("progress.data.create");
  const canAssign = target.may("goal.collectors.assign") && !version.endedOn;
  const [goals, candidates] = await Promise.all([
    goalViews(db, dataVersion, visibleGoals, {
      staffView,
      collectors: collectorRows,
      canRecord: (g) => recordable && (caseManager || collects(g.itemId)),
    }),
    canAssign ? collectorCandidates(db, viewer, student.id, version.id) : [],
  ]);
  return {
    ...empty,
    versionId: version.id,
    versionNumber: version.number,
    ...periodOf(dataVersion),
    goals,
    canAssign,
    candidates,
  };
}

/**
 * `progress.read` of one goal over a period: the standing points observed from `from` through `to`
 * (inclusive), on this goal and the same goal in the plan's earlier versions — what a progress
 * report summarizes. Logged in the record of access.
 */
export async function getGoalDataForPeriod(
  viewer: Viewer,
  goalId: string,
  range: { from: string; to: string },
): Promise<{ observedOn: string; value: number | null; objectiveId: string | null }[]> {
  const target = await read(viewer, { action: "progress.read", load: goalTarget(goalId), event: "progress.viewed" });
  const db = getDb();
  const goal = target.entity;
  const objectives = await db
    .select({ id: planObjectives.id, goalId: planObjectives.goalId, itemId: planObjectives.itemId })
    .from(planObjectives)
    .where(eq(planObjectives.goalId, goal.id));
  const points = await pointsOfSameGoals(db, { planId: goal.planId, number: goal.versionNumber }, [goal], objectives);
  return pointsInPeriod(points, range.from, range.to).map((p) => ({
    observedOn: p.observedOn,
    value: p.value,
    objectiveId: p.objectiveId,
  }));
}

/**
 * `progress.own.read`: the goals the viewer collects data on — every goal of an IEP in force for a
 * student on their caseload, and the goals they are named for — with the last day observed, for
 * the group-session screen, today and the back-dating setting. One query for the goals, through the
 * student read scope; logged as a list read.
 */
export async function listMyGoals(
  viewer: Viewer,
): Promise<{ goals: MyGoalRow[]; today: string; backdateReasonSchoolDays: number }> {
  await authorize(viewer, "progress.own.read");
  const scope = scopeOf(viewer);
  const settings = await districtProgressSettings(getDb(), viewer.districtId);
  const rows = await getDb()
    .select({
      goalId: planGoals.id,
      studentId: students.id,
      firstName: students.firstName,
      lastName: students.lastName,
      grade: students.grade,
      position: planGoals.position,
      area: planGoals.area,
      text: planGoals.text,
      measure: planGoals.measure,
      lastObservedOn: lastObservedOnSameGoal(),
    })
    .from(planGoals)
    .innerJoin(planVersions, eq(planVersions.id, planGoals.versionId))
    .innerJoin(students, eq(students.id, planVersions.studentId))
    .where(
      and(
        eq(planVersions.status, "active"),
        eq(planVersions.planType, "iep"),
        // Driven from the viewer's own students (caseload, goals they collect on) through the indexes,
        // not from every goal in force in the district (issue 15: 0.4 s at 50,000 students).
        sql`${planVersions.studentId} in (
          select ${caseloads.studentId} from ${caseloads}
          where ${caseloads.caseManagerId} = ${viewer.userId} and ${inForce(caseloads, viewer.today)}
          union
          select ${goalCollectors.studentId} from ${goalCollectors}
          where ${goalCollectors.userId} = ${viewer.userId} and ${goalCollectors.endedAt} is null)`,
        visibleStudents(scope),
        or(
          collectsGoal(viewer),
          sql`exists (select 1 from ${caseloads} where ${caseloads.studentId} = ${students.id}
            and ${caseloads.caseManagerId} = ${viewer.userId} and ${inForce(caseloads, viewer.today)})`,
        ),
      ),
    )
    .orderBy(asc(students.lastName), asc(students.firstName), asc(planGoals.position))
    .limit(500);
  await recordListAccess(
    viewer,
    "students.listed",
    { list: "goalData" },
    rows.map((r) => r.studentId),
  );
  const goals = rows.map((r) => ({
    goalId: r.goalId,
    studentId: r.studentId,
    studentName: `${r.lastName}, ${r.firstName}`,
    grade: r.grade,
    goalNumber: r.position + 1,
    area: r.area,
    text: r.text,
    measure: r.measure,
    lastObservedOn: r.lastObservedOn,
  }));
  return { goals, today: viewer.today, backdateReasonSchoolDays: settings.backdateReasonSchoolDays };
}
