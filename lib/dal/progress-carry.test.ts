import { randomUUID } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { caseloads, goalCollectors, goalDataPoints, planGoals, planVersions } from "@/db/schema";
import { setupTestDatabase } from "@/db/testing/database";
import { createWorld, viewerFor, type World } from "@/db/testing/factories";
import { legalRecordFor } from "@/db/testing/lifecycle-fixtures";
import { completeIepContent } from "@/db/testing/plan-fixtures";
import { addDays, weekday } from "@/lib/compliance/dates";
import type { Viewer } from "@/lib/dal/viewer";
import { emptyMeasure } from "@/lib/validation/goal-measure";
import type { IepContent } from "@/lib/validation/plans";
import { activateVersion, createPlan, finalizeVersion, saveDraft, startAmendment } from "./plans";
import { assignGoalCollector, getGoalDataForPeriod, getStudentProgress, listMyGoals, recordGoalData } from "./progress";

const db = setupTestDatabase();

let world: World;
let caseManager: Viewer;
let teacher: Viewer;
let schoolDay: string;
let v1: string;
let v2: string;

function lastWeekday(date: string): string {
  let d = date;
  while (weekday(d) === 0 || weekday(d) === 6) d = addDays(d, -1);
  return d;
}

function measured(meetingDate: string): IepContent {
  const base = completeIepContent({ meetingDate });
  const reading = base.goals[0]!;
  const percent = { ...emptyMeasure(), unit: "percent" as const, baselineDate: meetingDate };
  return {
    ...base,
    goals: [
      {
        ...reading,
        measure: { ...percent, baselineValue: "40", targetValue: "80" },
        objectives: [
          {
            ...reading.objectives[0]!,
            id: randomUUID(),
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
        text: "Will write a five-sentence paragraph.",
        measure: { ...percent, baselineValue: "20", targetValue: "70" },
        objectives: [{ ...reading.objectives[0]!, id: randomUUID() }],
      },
    ],
  };
}

const entry = (goalId: string, observedOn: string, value: string, objectiveId = "") => ({
  goalId,
  objectiveId,
  observedOn,
  value,
  method: "Probe",
  setting: "",
  note: "",
  lateReason: "Entered from the paper log",
});

const goalsOf = (versionId: string) =>
  db().select().from(planGoals).where(eq(planGoals.versionId, versionId)).orderBy(planGoals.position);

beforeAll(async () => {
  world = await createWorld();
  caseManager = await viewerFor(world.users.caseManager);
  teacher = await viewerFor(world.users.teacher);
  schoolDay = lastWeekday(teacher.today);
  const firstDay = lastWeekday(addDays(schoolDay, -45));
  await db()
    .insert(caseloads)
    .values({ caseManagerId: world.users.caseManager.id, studentId: world.students.child.id, startsOn: "2020-01-01" });
  const created = await createPlan(caseManager, { studentId: world.students.child.id, type: "iep" });
  v1 = created.versionId;
  await saveDraft(caseManager, { versionId: v1, lockVersion: 1, content: measured(addDays(firstDay, -20)) });
  await legalRecordFor(getDb(), v1, caseManager.userId);
  await finalizeVersion(caseManager, { versionId: v1 });
  await activateVersion(caseManager, { versionId: v1, effectiveOn: firstDay });

  // Under version 1: the teacher is named on the reading goal; data on the goal and its objective.
  const [reading] = await goalsOf(v1);
  const progress = await getStudentProgress(caseManager, world.students.child.id);
  const objective = progress.goals[0]!.objectives[0]!.id;
  await assignGoalCollector(caseManager, { goalId: reading!.id, userId: teacher.userId });
  await recordGoalData(caseManager, entry(reading!.id, lastWeekday(addDays(schoolDay, -35)), "45"));
  await recordGoalData(teacher, entry(reading!.id, lastWeekday(addDays(schoolDay, -25)), "50"));
  await recordGoalData(caseManager, entry(reading!.id, lastWeekday(addDays(schoolDay, -25)), "3", objective));

  // The annual review: a new version from the one in force. The reading goal is carried forward
  // (reworded, same goal id); the writing goal is dropped; a new math goal is written.
  ({ versionId: v2 } = await startAmendment(caseManager, { versionId: v1 }));
  const [draft] = await db()
    .select({ content: planVersions.content })
    .from(planVersions)
    .where(eq(planVersions.id, v2));
  const content = structuredClone(draft!.content) as IepContent;
  const carried = content.goals[0]!;
  carried.text = `${carried.text} (raised expectations)`;
  carried.measure = { ...carried.measure!, targetValue: "85" };
  content.goals = [
    carried,
    {
      ...carried,
      id: randomUUID(),
      area: "math",
      text: "Will solve two-step word problems.",
      objectives: [{ ...carried.objectives[0]!, id: randomUUID() }],
    },
  ];
  await saveDraft(caseManager, { versionId: v2, lockVersion: 1, content });
  await legalRecordFor(getDb(), v2, caseManager.userId);
  await finalizeVersion(caseManager, { versionId: v2 });
  await activateVersion(caseManager, { versionId: v2, effectiveOn: lastWeekday(addDays(schoolDay, -15)) });
});

describe("issue 13: collectors and data carried into the next IEP version (same goal = same plan, same goal item id)", () => {
  it("the carried goal's collector keeps collecting without a new assignment; no collector row is added", async () => {
    const [reading, math] = await goalsOf(v2);
    const [oldReading] = await goalsOf(v1);
    expect(reading!.itemId).toBe(oldReading!.itemId);
    expect(reading!.id).not.toBe(oldReading!.id);
    expect(reading!.measure).toMatchObject({ baseline: 40, target: 85 });
    const collectors = await db()
      .select()
      .from(goalCollectors)
      .where(eq(goalCollectors.studentId, world.students.child.id));
    expect(collectors).toHaveLength(1);

    const mine = await listMyGoals(teacher);
    const rows = mine.goals.filter((g) => g.studentId === world.students.child.id);
    expect(rows.map((g) => g.goalId)).toEqual([reading!.id]);
    expect(rows[0]!.lastObservedOn).toBe(lastWeekday(addDays(schoolDay, -25)));

    await recordGoalData(teacher, { ...entry(reading!.id, schoolDay, "62"), lateReason: "" });
    await expect(recordGoalData(teacher, { ...entry(math!.id, schoolDay, "10"), lateReason: "" })).rejects.toThrow();
  });

  it("the new version's chart shows the earlier data of the same goal; the stored points keep the goal they were taken against", async () => {
    const [reading, math] = await goalsOf(v2);
    const view = await getStudentProgress(caseManager, world.students.child.id);
    expect(view.versionId).toBe(v2);
    const [carried, added] = view.goals;
    expect(carried!.id).toBe(reading!.id);
    expect(carried!.points.filter((p) => p.objectiveId === null).map((p) => p.value)).toEqual([45, 50, 62]);
    const objectivePoints = carried!.points.filter((p) => p.objectiveId !== null);
    expect(objectivePoints.map((p) => [p.objectiveId, p.value])).toEqual([[carried!.objectives[0]!.id, 3]]);
    expect(carried!.trend).not.toBeNull();
    expect(added!.id).toBe(math!.id);
    expect(added!.points).toEqual([]);

    const [oldReading, oldWriting] = await goalsOf(v1);
    const stored = await db()
      .select({ goalId: goalDataPoints.goalId, value: goalDataPoints.value })
      .from(goalDataPoints)
      .where(inArray(goalDataPoints.goalId, [oldReading!.id, reading!.id]))
      .orderBy(goalDataPoints.observedOn);
    expect(stored.map((s) => [s.goalId, Number(s.value)])).toEqual([
      [oldReading!.id, 45],
      [oldReading!.id, 50],
      [oldReading!.id, 3],
      [reading!.id, 62],
    ]);
    expect(view.goals.some((g) => g.id === oldWriting!.id)).toBe(false);

    const period = await getGoalDataForPeriod(caseManager, reading!.id, {
      from: addDays(schoolDay, -60),
      to: schoolDay,
    });
    expect(period.filter((p) => p.objectiveId === null).map((p) => p.value)).toEqual([45, 50, 62]);
  });

  it("an earlier version's view shows only the data up to that version, not the later version's", async () => {
    const view = await getStudentProgress(caseManager, world.students.child.id, { versionId: v1 });
    expect(view.versionId).toBe(v1);
    expect(view.goals[0]!.points.filter((p) => p.objectiveId === null).map((p) => p.value)).toEqual([45, 50]);
    expect(view.goals[1]!.points).toEqual([]);
  });
});
