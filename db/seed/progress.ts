import { and, eq, inArray, isNull, lte, or, gte } from "drizzle-orm";
import { valueOn } from "@/lib/progress/series";
import type { Transaction } from "../client";
import {
  caseloads,
  goalCollectors,
  goalDataPoints,
  planGoals,
  planObjectives,
  planVersions,
  students,
} from "../schema";
import { seedId } from "./ids";
import type { PersonaKey } from "./personas";

interface Context {
  today: string;
  /** School days of a school over the last semester before the seed day, oldest first. */
  schoolDays: (schoolId: string) => string[];
  userId: (key: PersonaKey) => string;
  studentId: (key: string) => string;
}

function pseudoRandom(text: string): number {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  return ((hash >>> 0) % 1000) / 1000;
}

/** Goals whose data stop early (the "no data in N school days" work-queue item): Mateo's math goal. */
const STALE_GOALS = new Set([seedId("plan-item:mateo:goal-math")]);
/** Goals that do not move (not on track): the math goal of these students. */
const FLAT_STUDENTS = new Set(["sofia-garcia", "s30", "s33"]);
/** Named collectors (besides the case manager): the speech-language pathologist on Sofía's reading goal. */
const COLLECTORS: { student: string; goalItem: string; user: PersonaKey }[] = [
  { student: "sofia-garcia", goalItem: "plan-item:sofia:goal-reading", user: "provider" },
];

/**
 * A semester of goal data for every IEP in force: about one probe a week per goal since the version
 * took effect, by the case manager (and the named collector), most goals along their aimline, a few
 * flat, Mateo's math goal without data for the last three weeks, one corrected point; every other
 * week a probe on each short-term objective with its own measure (the reading objective), along its
 * aimline. Dated from the seed day, on school days before it; fixed ids: idempotent.
 */
export async function seedProgress(tx: Transaction, ctx: Context): Promise<void> {
  const goals = await tx
    .select({
      id: planGoals.id,
      itemId: planGoals.itemId,
      area: planGoals.area,
      measure: planGoals.measure,
      versionId: planVersions.id,
      planId: planVersions.planId,
      studentId: planVersions.studentId,
      schoolId: students.schoolId,
      effectiveOn: planVersions.effectiveOn,
      reviewDue: planVersions.reviewDue,
    })
    .from(planGoals)
    .innerJoin(planVersions, eq(planVersions.id, planGoals.versionId))
    .innerJoin(students, eq(students.id, planVersions.studentId))
    .where(and(eq(planVersions.status, "active"), eq(planVersions.planType, "iep")));
  if (goals.length === 0) return;
  const managers = await tx
    .select({ studentId: caseloads.studentId, userId: caseloads.caseManagerId })
    .from(caseloads)
    .where(
      and(
        inArray(caseloads.studentId, [...new Set(goals.map((g) => g.studentId))]),
        lte(caseloads.startsOn, ctx.today),
        or(isNull(caseloads.endsOn), gte(caseloads.endsOn, ctx.today)),
      ),
    );
  const managerOf = new Map(managers.map((m) => [m.studentId, m.userId]));
  const flat = new Set([...FLAT_STUDENTS].map((key) => ctx.studentId(key)));

  const collectorRows = COLLECTORS.flatMap((c) => {
    const goal = goals.find((g) => g.itemId === seedId(c.goalItem) && g.studentId === ctx.studentId(c.student));
    const manager = goal && managerOf.get(goal.studentId);
    if (!goal || !manager) return [];
    return [
      {
        id: seedId(`goal-collector:${goal.planId}:${goal.itemId}:${c.user}`),
        planId: goal.planId,
        goalItemId: goal.itemId,
        studentId: goal.studentId,
        userId: ctx.userId(c.user),
        assignedBy: manager,
        assignedAt: new Date(`${goal.effectiveOn}T15:00:00Z`),
      },
    ];
  });
  if (collectorRows.length) await tx.insert(goalCollectors).values(collectorRows).onConflictDoNothing();

  const rows: (typeof goalDataPoints.$inferInsert)[] = [];
  for (const goal of goals) {
    const measure = goal.measure;
    const collector = managerOf.get(goal.studentId);
    if (!measure || measure.baseline === null || measure.target === null || !goal.effectiveOn || !collector) continue;
    const named = collectorRows.find((c) => c.goalItemId === goal.itemId && c.planId === goal.planId);
    const days = ctx.schoolDays(goal.schoolId).filter((d) => d >= goal.effectiveOn! && d < ctx.today);
    const lastDays = STALE_GOALS.has(goal.itemId)
      ? days.slice(0, Math.max(Math.min(days.length, 8), days.length - 15))
      : days;
    const end = goal.reviewDue ?? ctx.today;
    const aim = {
      from: { date: measure.baselineDate ?? goal.effectiveOn, value: measure.baseline },
      to: { date: end > ctx.today ? end : ctx.today, value: measure.target },
    };
    const baseline = measure.baseline;
    const spread = Math.abs(measure.target - baseline);
    lastDays.forEach((date, i) => {
      if (i % 5 !== 2) return;
      const noise = (pseudoRandom(`${goal.id}:${date}`) - 0.5) * spread * 0.3;
      const base = flat.has(goal.studentId) && goal.area === "math" ? baseline + spread * 0.1 : valueOn(aim, date);
      const value = Math.min(100, Math.max(0, Math.round(base + noise)));
      rows.push({
        id: seedId(`goal-data:${goal.id}:${date}`),
        goalId: goal.id,
        versionId: goal.versionId,
        studentId: goal.studentId,
        collectedBy: named && i % 10 === 2 ? named.userId : collector,
        observedOn: date,
        value,
        method: goal.area === "reading" ? "Oral reading fluency probe" : "Curriculum-based probe",
        setting: "Resource room",
        note: i % 15 === 2 ? "Worked with one prompt to start." : null,
      });
    });
  }
  const objectives = await tx
    .select({ id: planObjectives.id, goalId: planObjectives.goalId, measure: planObjectives.measure })
    .from(planObjectives)
    .where(
      inArray(
        planObjectives.goalId,
        goals.map((g) => g.id),
      ),
    );
  for (const objective of objectives) {
    const goal = goals.find((g) => g.id === objective.goalId)!;
    const measure = objective.measure;
    const collector = managerOf.get(goal.studentId);
    if (!measure || measure.baseline === null || measure.target === null || !goal.effectiveOn || !collector) continue;
    const days = ctx.schoolDays(goal.schoolId).filter((d) => d >= goal.effectiveOn! && d < ctx.today);
    const end = goal.reviewDue ?? ctx.today;
    const aim = {
      from: { date: measure.baselineDate ?? goal.effectiveOn, value: measure.baseline },
      to: { date: end > ctx.today ? end : ctx.today, value: measure.target },
    };
    const spread = Math.abs(measure.target - measure.baseline);
    days.forEach((date, i) => {
      if (i % 10 !== 7) return;
      const noise = (pseudoRandom(`${objective.id}:${date}`) - 0.5) * spread * 0.5;
      rows.push({
        id: seedId(`objective-data:${objective.id}:${date}`),
        goalId: goal.id,
        objectiveId: objective.id,
        versionId: goal.versionId,
        studentId: goal.studentId,
        collectedBy: collector,
        observedOn: date,
        value: Math.min(100, Math.max(0, Math.round(valueOn(aim, date) + noise))),
        method: "Oral reading fluency probe",
        setting: "Resource room",
        note: null,
      });
    });
  }
  const corrected = rows.find((r) => r.note === null && r.value !== null && r.value !== undefined);
  if (corrected) {
    rows.push({
      ...corrected,
      id: seedId(`goal-data-correction:${corrected.id}`),
      value: Math.min(100, Number(corrected.value) + 4),
      correctsId: corrected.id,
      correctionReason: "Scored the probe again: two words were miscounted",
    });
  }
  if (rows.length) await tx.insert(goalDataPoints).values(rows).onConflictDoNothing();
}
