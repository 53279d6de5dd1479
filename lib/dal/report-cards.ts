import "server-only";
import { getDb } from "@/db/client";
import type { ReportingPeriod } from "@/lib/services/reporting-periods";
import { read } from "./core";
import { progressReportSchedule, studentReportingPeriods } from "./internal/reporting-periods";
import { studentTarget } from "./students";
import type { Viewer } from "./viewer";

/**
 * `student.read`: the progress-reporting periods of the student that overlap `range` and the
 * district's schedule setting (`services.progressReports`, [U], D-13): with report cards, the school's
 * periods (each from the day after the previous report-card date to a report-card date, see
 * `reportingPeriods`); with "iep_schedule", the periods the student's IEPs write (`iepReportingPeriods`)
 * — the same periods progress reports are drafted for. For goal charts and progress reports. Calendar
 * and plan data only: no access event. Four to six queries.
 */
export async function listReportingPeriods(
  viewer: Viewer,
  studentId: string,
  range: { from: string; to: string },
): Promise<{ schedule: "report_cards" | "iep_schedule"; periods: ReportingPeriod[] }> {
  const target = await read(viewer, { action: "student.read", load: studentTarget(studentId) });
  const db = getDb();
  const schedule = await progressReportSchedule(db, viewer.districtId);
  const periods = await studentReportingPeriods(
    db,
    { ...target.entity, districtId: viewer.districtId },
    range,
    schedule,
  );
  return { schedule, periods };
}
