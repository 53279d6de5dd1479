import "server-only";
import { getDb } from "@/db/client";
import type { ReportingPeriod } from "@/lib/services/reporting-periods";
import { parseServicesSettings } from "@/lib/services/settings";
import { read } from "./core";
import { schoolReportingPeriods } from "./internal/reporting-periods";
import { studentTarget } from "./students";
import type { Viewer } from "./viewer";
import { districtSettingsOf } from "./internal/settings";

/**
 * `student.read`: the progress-reporting periods of the student's school that overlap `range`
 * (each from the day after the previous report-card date to a report-card date, see
 * `reportingPeriods`), and the district's schedule setting (`services.progressReports`: with report
 * cards, or another schedule written in each IEP). For goal charts and progress reports. Calendar
 * data only: no access event. Three queries.
 */
export async function listReportingPeriods(
  viewer: Viewer,
  studentId: string,
  range: { from: string; to: string },
): Promise<{ schedule: "report_cards" | "iep_schedule"; periods: ReportingPeriod[] }> {
  const target = await read(viewer, { action: "student.read", load: studentTarget(studentId) });
  const db = getDb();
  const [periods, settings] = await Promise.all([
    schoolReportingPeriods(db, target.entity.schoolId, range),
    districtSettingsOf(db, viewer.districtId),
  ]);
  return { schedule: parseServicesSettings(settings).progressReports, periods };
}
