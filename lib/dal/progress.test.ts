import { randomUUID } from "node:crypto";
import { getDb } from "@/db/client";
import { legalRecordFor } from "@/db/testing/lifecycle-fixtures";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { caseloads, goalCollectors, goalDataPoints, planGoals } from "@/db/schema";
import { setupTestDatabase } from "@/db/testing/database";
import { countAudit, createWorld, viewerFor, type World } from "@/db/testing/factories";
import { ownerDb } from "@/db/testing/owner";
import { completeIepContent } from "@/db/testing/plan-fixtures";
import { addDays, weekday } from "@/lib/compliance/dates";
import type { Viewer } from "@/lib/dal/viewer";
import { AppError } from "@/lib/errors";
import { emptyMeasure } from "@/lib/validation/goal-measure";
import type { IepContent } from "@/lib/validation/plans";
import { getPlanViewWithProgress } from "./plan-views";
import { activateVersion, createPlan, finalizeVersion, saveDraft } from "./plans";
import { listReportingPeriods } from "./report-cards";
import { listWorkQueue } from "./work-queue";
import {
  assignGoalCollector,
  correctGoalData,
  getGoalDataForPeriod,
  getStudentProgress,
  listMyGoals,
  recordGoalData,
  recordSession,
  removeGoalCollector,
} from "./progress";

const db = setupTestDatabase();
const code = (c: string) => (e: unknown) => e instanceof AppError && e.code === c;
const fieldKey = (field: string, key: string) => (e: unknown) =>
  e instanceof AppError && e.code === "VALIDATION" && e.fieldErrors?.[field]?.[0] === key;

let world: World;
let caseManager: Viewer;
let teacher: Viewer;
let otherTeacher: Viewer;
let parent: Viewer;
let schoolDay: string;
let effectiveOn: string;
let readingGoal: string;
let behaviorGoal: string;
let narrativeGoal: string;
let objectiveId: string;
let planId: string;

function lastWeekday(date: string): string {
  let d = date;
  while (weekday(d) === 0 || weekday(d) === 6) d = addDays(d, -1);
  return d;
}

function contentWithMeasures(meetingDate: string): IepContent {
  const base = completeIepContent({ meetingDate });
  const reading = base.goals[0]!;
  const objective = { ...reading.objectives[0]!, id: randomUUID() };
  return {
    ...base,
    goals: [
      {
        ...reading,
        measure: {
          ...emptyMeasure(),
          unit: "percent",
          baselineValue: "40",
          baselineDate: meetingDate,
          targetValue: "80",
        },
        objectives: [
          {
            ...objective,
            measure: {
              ...emptyMeasure(),
              unit: "count",
              baselineValue: "2",
              baselineDate: meetingDate,
              targetValue: "8",
            },
          },
        ],
      },
      {
        ...reading,
        id: randomUUID(),
        area: "behavior",
        text: "Will reduce call-outs during whole-group lessons.",
        measure: {
          ...emptyMeasure(),
          unit: "count",
          direction: "decrease",
          baselineValue: "12",
          baselineDate: meetingDate,
          targetValue: "3",
        },
        objectives: [{ ...objective, id: randomUUID() }],
      },
      {
        ...reading,
        id: randomUUID(),
        text: "Will describe a peer's point of view.",
        objectives: [{ ...objective, id: randomUUID() }],
      },
    ],
  };
}

const point = (goalId: string, over: Partial<Parameters<typeof recordGoalData>[1]> = {}) => ({
  goalId,
  objectiveId: "",
  observedOn: schoolDay,
  value: "50",
  method: "Probe",
  setting: "Resource room",
  note: "",
  lateReason: "",
  ...over,
});

beforeAll(async () => {
  world = await createWorld();
  caseManager = await viewerFor(world.users.caseManager);
  teacher = await viewerFor(world.users.teacher);
  otherTeacher = await viewerFor(world.users.otherTeacher);
  parent = await viewerFor(world.users.parent);
  schoolDay = lastWeekday(teacher.today);
  effectiveOn = addDays(schoolDay, -40);
  await db()
    .insert(caseloads)
    .values({ caseManagerId: world.users.caseManager.id, studentId: world.students.child.id, startsOn: "2020-01-01" });
  const created = await createPlan(caseManager, { studentId: world.students.child.id, type: "iep" });
  planId = created.planId;
  await saveDraft(caseManager, {
    versionId: created.versionId,
    lockVersion: 1,
    content: contentWithMeasures(addDays(effectiveOn, -20)),
  });
  await legalRecordFor(getDb(), created.versionId, caseManager.userId);
  await finalizeVersion(caseManager, { versionId: created.versionId });
  await activateVersion(caseManager, { versionId: created.versionId, effectiveOn });
  const goals = await db()
    .select()
    .from(planGoals)
    .where(eq(planGoals.versionId, created.versionId))
    .orderBy(planGoals.position);
  [readingGoal, behaviorGoal, narrativeGoal] = goals.map((g) => g.id) as [string, string, string];
  const progress = await getStudentProgress(caseManager, world.students.child.id);
  objectiveId = progress.goals[0]!.objectives[0]!.id;
});

describe("PM-1 structured measures on finalized goals", () => {
  it("finalizing materializes each goal's and objective's measure; a free-text goal has none", async () => {
    const goals = await db().select().from(planGoals).where(eq(planGoals.id, readingGoal));
    expect(goals[0]!.measure).toMatchObject({ unit: "percent", baseline: 40, target: 80, direction: "increase" });
    const progress = await getStudentProgress(caseManager, world.students.child.id);
    expect(progress.goals.map((g) => g.measure?.unit ?? null)).toEqual(["percent", "count", null]);
    expect(progress.goals[0]!.objectives[0]!.measure).toMatchObject({ unit: "count", baseline: 2, target: 8 });
    expect(progress.goals[0]!.aimline).toMatchObject({ from: { value: 40 }, to: { value: 80 } });
    expect(progress.periodStart).toBe(effectiveOn);
  });
});

describe("PM-6 who records goal data", () => {
  it("the case manager records a point: one row, one audit row", async () => {
    const before = await countAudit(caseManager.userId, "progress.data_recorded");
    const { id } = await recordGoalData(caseManager, point(readingGoal, { value: "55" }));
    const [row] = await db().select().from(goalDataPoints).where(eq(goalDataPoints.id, id));
    expect(row).toMatchObject({ value: 55, observedOn: schoolDay, collectedBy: caseManager.userId });
    expect(await countAudit(caseManager.userId, "progress.data_recorded")).toBe(before + 1);
  });

  it("a teacher of the student records only once named for that goal; the parent never; another school's teacher gets a 404", async () => {
    await expect(recordGoalData(teacher, point(behaviorGoal, { value: "9" }))).rejects.toSatisfy(code("FORBIDDEN"));
    expect(await countAudit(teacher.userId, "progress.data_recorded", "denied")).toBe(1);
    await expect(recordGoalData(parent, point(behaviorGoal, { value: "9" }))).rejects.toSatisfy(code("FORBIDDEN"));
    await expect(recordGoalData(otherTeacher, point(behaviorGoal, { value: "9" }))).rejects.toSatisfy(
      code("NOT_FOUND"),
    );

    await expect(assignGoalCollector(teacher, { goalId: behaviorGoal, userId: teacher.userId })).rejects.toSatisfy(
      code("FORBIDDEN"),
    );
    await expect(
      assignGoalCollector(caseManager, { goalId: behaviorGoal, userId: world.users.otherTeacher.id }),
    ).rejects.toSatisfy(fieldKey("userId", "progress.errors.notCandidate"));
    expect(await assignGoalCollector(caseManager, { goalId: behaviorGoal, userId: teacher.userId })).toEqual({
      assigned: true,
    });
    expect(await assignGoalCollector(caseManager, { goalId: behaviorGoal, userId: teacher.userId })).toEqual({
      assigned: false,
    });
    expect(await countAudit(caseManager.userId, "progress.collector_assigned")).toBe(1);

    await recordGoalData(teacher, point(behaviorGoal, { value: "9" }));
    await expect(recordGoalData(teacher, point(readingGoal))).rejects.toSatisfy(code("FORBIDDEN"));
  });

  it("removing a collector ends the assignment (the row stays) and the teacher can no longer record", async () => {
    await assignGoalCollector(caseManager, { goalId: narrativeGoal, userId: teacher.userId });
    const [row] = await db()
      .select()
      .from(goalCollectors)
      .where(
        and(
          eq(goalCollectors.userId, teacher.userId),
          eq(goalCollectors.goalItemId, sql`(select item_id from plan_goals where id = ${narrativeGoal})`),
        ),
      );
    await removeGoalCollector(caseManager, { collectorId: row!.id });
    await expect(
      recordGoalData(teacher, point(narrativeGoal, { value: "", note: "Named a feeling." })),
    ).rejects.toSatisfy(code("FORBIDDEN"));
    const [ended] = await db().select().from(goalCollectors).where(eq(goalCollectors.id, row!.id));
    expect(ended!.endedBy).toBe(caseManager.userId);
    await expect(db().delete(goalCollectors).where(eq(goalCollectors.id, row!.id))).rejects.toThrow();
  });
});

describe("PM-1 values and dates are checked against the measure and the plan", () => {
  it.each([
    ["a percent above 100", () => readingGoal, { value: "120" }, "value", "progress.value.percentRange"],
    ["a fraction of a count", () => behaviorGoal, { value: "2.5" }, "value", "progress.value.wholeNumber"],
    [
      "a number on a narrative goal",
      () => narrativeGoal,
      { value: "3", note: "x" },
      "value",
      "progress.value.noValueForQualitative",
    ],
    ["a narrative goal without a note", () => narrativeGoal, { value: "" }, "note", "progress.errors.noteRequired"],
    ["no value on a percent goal", () => readingGoal, { value: "" }, "value", "progress.value.required"],
  ])("refuses %s with a field message", async (_name, goal, over, field, key) => {
    // This goal's points only: other test files write goal data into the same database at the same time.
    const count = () =>
      db()
        .select({ n: sql<number>`count(*)::int` })
        .from(goalDataPoints)
        .where(eq(goalDataPoints.goalId, goal()));
    const before = await count();
    await expect(recordGoalData(caseManager, point(goal(), over))).rejects.toSatisfy(fieldKey(field, key));
    const after = await count();
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it("an objective's own measure is used for its points", async () => {
    await expect(recordGoalData(caseManager, point(readingGoal, { objectiveId, value: "4.5" }))).rejects.toSatisfy(
      fieldKey("value", "progress.value.wholeNumber"),
    );
    await recordGoalData(caseManager, point(readingGoal, { objectiveId, value: "4" }));
    await expect(recordGoalData(caseManager, point(behaviorGoal, { objectiveId, value: "4" }))).rejects.toSatisfy(
      fieldKey("objectiveId", "progress.errors.objective"),
    );
  });

  it("refuses a future day and a day before the plan took effect", async () => {
    await expect(
      recordGoalData(caseManager, point(readingGoal, { observedOn: addDays(caseManager.today, 1) })),
    ).rejects.toSatisfy(fieldKey("observedOn", "progress.errors.future"));
    await expect(
      recordGoalData(caseManager, point(readingGoal, { observedOn: addDays(effectiveOn, -1) })),
    ).rejects.toSatisfy(fieldKey("observedOn", "progress.errors.outsidePlan"));
  });

  it("[S] a point entered more than 5 school days after the day observed needs a reason", async () => {
    const old = addDays(schoolDay, -14);
    await expect(recordGoalData(caseManager, point(readingGoal, { observedOn: old }))).rejects.toSatisfy(
      fieldKey("lateReason", "progress.errors.lateReasonRequired"),
    );
    await recordGoalData(
      caseManager,
      point(readingGoal, { observedOn: old, value: "45", lateReason: "Paper data sheet" }),
    );
    await recordGoalData(caseManager, point(readingGoal, { observedOn: addDays(schoolDay, -3), value: "48" }));
  });
});

describe("PM-1 append-only with corrections", () => {
  it("a correction replaces the value in every read; the original stays; a point is corrected once", async () => {
    const { id } = await recordGoalData(
      caseManager,
      point(readingGoal, { observedOn: addDays(schoolDay, -1), value: "70" }),
    );
    const corrected = await correctGoalData(caseManager, {
      pointId: id,
      value: "60",
      note: "",
      withdraw: false,
      reason: "Typo",
    });
    const progress = await getStudentProgress(caseManager, world.students.child.id);
    const shown = progress.goals[0]!.points.find((p) => p.id === corrected.id)!;
    expect(shown).toMatchObject({ value: 60, corrected: true, correctionReason: "Typo" });
    expect(progress.goals[0]!.points.some((p) => p.id === id)).toBe(false);
    await expect(
      correctGoalData(caseManager, { pointId: id, value: "61", note: "", withdraw: false, reason: "Again" }),
    ).rejects.toSatisfy(code("CONFLICT"));
    await expect(
      correctGoalData(caseManager, { pointId: corrected.id, value: "160", note: "", withdraw: false, reason: "x" }),
    ).rejects.toSatisfy(fieldKey("value", "progress.value.percentRange"));
    const withdrawn = await correctGoalData(caseManager, {
      pointId: corrected.id,
      value: "",
      note: "",
      withdraw: true,
      reason: "Wrong student",
    });
    const after = await getStudentProgress(caseManager, world.students.child.id);
    expect(after.goals[0]!.points.some((p) => [id, corrected.id, withdrawn.id].includes(p.id))).toBe(false);
    expect(await db().select().from(goalDataPoints).where(eq(goalDataPoints.id, id))).toHaveLength(1);
    expect(await countAudit(caseManager.userId, "progress.data_corrected")).toBe(2);
  });

  it("the app role cannot change or delete a point, and the trigger refuses even the owner", async () => {
    const { id } = await recordGoalData(caseManager, point(readingGoal, { value: "51" }));
    await expect(db().execute(sql`update goal_data_points set value = 99 where id = ${id}`)).rejects.toThrow();
    await expect(db().execute(sql`delete from goal_data_points where id = ${id}`)).rejects.toThrow();
    await expect(ownerDb().execute(sql`update goal_data_points set value = 99 where id = ${id}`)).rejects.toThrow(
      /append-only/,
    );
    const [row] = await db().select().from(goalDataPoints).where(eq(goalDataPoints.id, id));
    expect(row!.value).toBe(51);
  });

  it("a correction must name a point of the same goal (database trigger)", async () => {
    const { id } = await recordGoalData(caseManager, point(readingGoal, { value: "52" }));
    const [original] = await db().select().from(goalDataPoints).where(eq(goalDataPoints.id, id));
    await expect(
      db()
        .insert(goalDataPoints)
        .values({ ...original!, id: randomUUID(), goalId: behaviorGoal, correctsId: id, correctionReason: "x" }),
    ).rejects.toThrow();
  });
});

describe("group sessions", () => {
  it("records one value per goal in one transaction, linked to every student; any bad value refuses the whole session", async () => {
    await expect(
      recordSession(teacher, {
        observedOn: schoolDay,
        method: "Tally",
        setting: "",
        lateReason: "",
        entries: [
          { goalId: behaviorGoal, objectiveId: "", value: "4", note: "" },
          { goalId: readingGoal, objectiveId: "", value: "50", note: "" },
        ],
      }),
    ).rejects.toSatisfy(code("FORBIDDEN"));
    const before = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(goalDataPoints);
    await expect(
      recordSession(caseManager, {
        observedOn: schoolDay,
        method: "Tally",
        setting: "",
        lateReason: "",
        entries: [
          { goalId: behaviorGoal, objectiveId: "", value: "4", note: "" },
          { goalId: readingGoal, objectiveId: "", value: "500", note: "" },
        ],
      }),
    ).rejects.toSatisfy(fieldKey("entries.1.value", "progress.value.percentRange"));
    const mid = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(goalDataPoints);
    expect(mid[0]!.n).toBe(before[0]!.n);
    const result = await recordSession(caseManager, {
      observedOn: schoolDay,
      method: "Tally",
      setting: "",
      lateReason: "",
      entries: [
        { goalId: behaviorGoal, objectiveId: "", value: "4", note: "" },
        { goalId: readingGoal, objectiveId: "", value: "", note: "" },
        { goalId: readingGoal, objectiveId: "", value: "67", note: "" },
      ],
    });
    expect(result).toEqual({ recorded: 2 });
    expect(await countAudit(caseManager.userId, "progress.session_recorded")).toBe(1);
  });
});

describe("PM-6 who sees goal data", () => {
  it("the parent sees every goal's values, never notes, methods or collectors; the read is logged", async () => {
    await recordGoalData(caseManager, point(readingGoal, { value: "58", note: "Needed two prompts" }));
    const before = await countAudit(parent.userId, "progress.viewed");
    const view = await getStudentProgress(parent, world.students.child.id);
    expect(view.staffView).toBe(false);
    expect(view.goals).toHaveLength(3);
    const points = view.goals.flatMap((g) => g.points);
    expect(points.length).toBeGreaterThan(0);
    expect(points.every((p) => p.note === null && p.collectorName === null && p.method === "")).toBe(true);
    expect(view.goals.every((g) => g.collectors.length === 0 && !g.canRecord)).toBe(true);
    expect(await countAudit(parent.userId, "progress.viewed")).toBe(before + 1);
  });

  it("the plan page shows the progress page's goal data for its version, logged as the progress page logs it (issue 15: read with the plan)", async () => {
    await recordGoalData(caseManager, point(readingGoal, { value: "61", note: "Quiet room" }));
    for (const viewer of [caseManager, parent]) {
      const plansBefore = await countAudit(viewer.userId, "plan.viewed");
      const progressBefore = await countAudit(viewer.userId, "progress.viewed");
      const page = await getPlanViewWithProgress(viewer, planId);
      expect(await countAudit(viewer.userId, "plan.viewed")).toBe(plansBefore + 1);
      expect(await countAudit(viewer.userId, "progress.viewed")).toBe(progressBefore + 1);
      const progress = await getStudentProgress(viewer, world.students.child.id, { versionId: page.selected!.id });
      const bands = await listReportingPeriods(viewer, world.students.child.id, {
        from: progress.periodStart!,
        to: progress.periodEnd!,
      });
      const shown = ({
        position,
        measure,
        objectives,
        points,
      }: NonNullable<typeof page.progress>["goals"][number]) => ({
        position,
        measure,
        objectives,
        points,
      });
      expect(page.progress).toEqual({
        asOf: progress.today,
        periodStart: progress.periodStart,
        periodEnd: progress.periodEnd,
        bands: bands.periods.map((p) => ({ from: p.start, to: p.end })),
        goals: expect.any(Array),
      });
      expect(page.progress!.goals.map(shown)).toEqual(progress.goals.map(shown));
      expect(page.progress!.goals.flatMap((g) => g.points).some((p) => p.value === 61)).toBe(true);
    }
  });

  it("a teacher sees only the goals they are named for; a teacher named for none is refused", async () => {
    const view = await getStudentProgress(teacher, world.students.child.id);
    expect(view.goals.map((g) => g.id)).toEqual([behaviorGoal]);
    expect(view.goals[0]!.canRecord).toBe(true);
    await expect(getStudentProgress(otherTeacher, world.students.child.id)).rejects.toSatisfy(code("NOT_FOUND"));
    const loner = await viewerFor(world.users.teacher);
    await expect(getStudentProgress(loner, world.students.inSection.id)).rejects.toSatisfy(code("FORBIDDEN"));
  });

  it("the collection list: the case manager gets the caseload's goals, a teacher only the goals named for them", async () => {
    const mine = (await listMyGoals(teacher)).goals;
    expect(mine.map((g) => g.goalId)).toEqual([behaviorGoal]);
    const cm = (await listMyGoals(caseManager)).goals;
    expect(cm.map((g) => g.goalId)).toEqual([readingGoal, behaviorGoal, narrativeGoal]);
    expect(cm[0]!.lastObservedOn).toBe(schoolDay);
    await expect(listMyGoals(parent)).rejects.toSatisfy(code("FORBIDDEN"));
  });

  it("a period's data is the standing points observed in it (for progress reports)", async () => {
    const data = await getGoalDataForPeriod(caseManager, readingGoal, {
      from: addDays(schoolDay, -20),
      to: addDays(schoolDay, -2),
    });
    expect(data.map((d) => d.value)).toEqual([45, 48]);
    await expect(getGoalDataForPeriod(otherTeacher, readingGoal, { from: schoolDay, to: schoolDay })).rejects.toSatisfy(
      code("NOT_FOUND"),
    );
  });
});

describe("PM-5 work queue: a goal without data for N school days", () => {
  it("[S] the case manager's queue lists a goal with no data for 10 school days, not the goals with recent data", async () => {
    const queue = await listWorkQueue(caseManager);
    const goalItems = queue.items.filter((i) => i.source === "goalData" && i.studentId === world.students.child.id);
    expect(goalItems.map((i) => i.key)).toEqual([`goalData:${narrativeGoal}`]);
    expect(goalItems[0]).toMatchObject({
      title: { key: "progress.queue.noData", values: { goal: 3 } },
      reason: "goalData",
      href: `/students/${world.students.child.id}/progress`,
    });
    const teacherQueue = await listWorkQueue(teacher);
    expect(teacherQueue.items.some((i) => i.source === "goalData")).toBe(false);
  });
});
