import type { PlanProgressInput } from "@/lib/documents/plan";
import type { PlanVersionSummary, PlanTypeName } from "@/lib/dto/plans";
import { getStudentProgress } from "@/lib/dal/progress";
import { listReportingPeriods } from "@/lib/dal/report-cards";
import type { Viewer } from "@/lib/dal/viewer";

const DATA_STATUSES = new Set(["active", "superseded", "ended"]);

/**
 * The goal data of an IEP version that is or was in force, with the report-period bands as the
 * progress page draws them, for the version's document (the PDF and the print view); null for a 504
 * plan or a version never in force.
 */
export async function versionProgress(
  viewer: Viewer,
  type: PlanTypeName,
  studentId: string,
  version: Pick<PlanVersionSummary, "id" | "status">,
): Promise<PlanProgressInput | null> {
  if (type !== "iep" || !DATA_STATUSES.has(version.status)) return null;
  const progress = await getStudentProgress(viewer, studentId, { versionId: version.id });
  if (!progress.periodStart || !progress.periodEnd) return null;
  const reporting = await listReportingPeriods(viewer, studentId, {
    from: progress.periodStart,
    to: progress.periodEnd,
  });
  return {
    asOf: progress.today,
    periodStart: progress.periodStart,
    periodEnd: progress.periodEnd,
    bands: reporting.periods.map((p) => ({ from: p.start, to: p.end })),
    goals: progress.goals,
  };
}
