import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { districts } from "@/db/schema";
import type { ReportingPeriod } from "@/lib/services/reporting-periods";
import { parseServicesSettings } from "@/lib/services/settings";
import { read } from "./core";
import { schoolReportingPeriods } from "./internal/reporting-periods";
import { studentTarget } from "./students";
import type { Viewer } from "./viewer";

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
  const [periods, [district]] = await Promise.all([
    schoolReportingPeriods(db, target.entity.schoolId, range),
    db.select({ settings: districts.settings }).from(districts).where(eq(districts.id, viewer.districtId)),
  ]);
  return { schedule: parseServicesSettings(district?.settings ?? {}).progressReports, periods };
}
