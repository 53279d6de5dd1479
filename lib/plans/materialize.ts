import { normalizeMeasure } from "@/lib/validation/goal-measure";
import type { IepContent, PlanContent } from "@/lib/validation/plans";

export type PlanTypeName = "iep" | "504";

/**
 * The rows a finalized version is materialized into (accommodations for both plan types; services,
 * goals and objectives for IEPs). Each goal's row id comes from `goalRowId` (called once per goal), and
 * its objectives point at it.
 */
export function materializedRows(
  versionId: string,
  type: PlanTypeName,
  content: PlanContent,
  goalRowId: (goalItemId: string) => string,
) {
  const accommodations = content.accommodations.map((a, position) => ({
    versionId,
    itemId: a.id,
    position,
    kind: a.kind,
    text: a.text,
    teacherAction: a.teacherAction,
    classroom: a.classroom,
    testing: a.testing,
    responsible: a.responsible || null,
  }));
  if (type !== "iep") return { accommodations, services: [], goals: [], objectives: [] };
  const iep = content as IepContent;
  const rowIds = new Map<string, string>();
  const rowIdOf = (goalItemId: string) => {
    if (!rowIds.has(goalItemId)) rowIds.set(goalItemId, goalRowId(goalItemId));
    return rowIds.get(goalItemId)!;
  };
  const services = iep.services.map((s, position) => ({
    versionId,
    itemId: s.id,
    position,
    category: s.category,
    serviceType: s.type,
    minutes: Number(s.minutes),
    frequency: s.frequency,
    location: s.location,
    providerUserId: s.providerUserId || null,
    providerName: s.providerName || null,
    startDate: s.startDate || null,
    endDate: s.endDate || null,
  }));
  const goals = iep.goals.map((g, position) => ({
    id: rowIdOf(g.id),
    versionId,
    itemId: g.id,
    position,
    area: g.area || "other",
    text: g.text,
    baseline: g.baseline,
    target: g.target,
    measurement: g.measurement,
    schedule: g.schedule,
    measure: normalizeMeasure(g.measure),
  }));
  const objectives = iep.goals.flatMap((g) =>
    g.objectives.map((o, position) => ({
      goalId: rowIdOf(g.id),
      itemId: o.id,
      position,
      text: o.text,
      criteria: o.criteria,
      evaluation: o.evaluation,
      schedule: o.schedule,
      measure: normalizeMeasure(o.measure),
    })),
  );
  return { accommodations, services, goals, objectives };
}
