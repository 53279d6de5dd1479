import "server-only";
import { asc, eq, inArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import { districts, reportCardDates, schoolYears } from "@/db/schema";
import { reportingPeriods, type ReportingPeriod } from "@/lib/services/reporting-periods";
import { parseServicesSettings } from "@/lib/services/settings";
import { read } from "./core";
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
  const [years, [district]] = await Promise.all([
    db
      .select({ id: schoolYears.id, firstDay: schoolYears.firstDay, lastDay: schoolYears.lastDay })
      .from(schoolYears)
      .where(eq(schoolYears.schoolId, target.entity.schoolId))
      .orderBy(asc(schoolYears.firstDay)),
    db.select({ settings: districts.settings }).from(districts).where(eq(districts.id, viewer.districtId)),
  ]);
  const dates = years.length
    ? await db
        .select({ yearId: reportCardDates.schoolYearId, date: reportCardDates.date })
        .from(reportCardDates)
        .where(
          inArray(
            reportCardDates.schoolYearId,
            years.map((y) => y.id),
          ),
        )
    : [];
  return {
    schedule: parseServicesSettings(district?.settings ?? {}).progressReports,
    periods: reportingPeriods(
      years.map((y) => ({
        firstDay: y.firstDay,
        lastDay: y.lastDay,
        reportCardDates: dates.filter((d) => d.yearId === y.id).map((d) => d.date),
      })),
      range,
    ),
  };
}
