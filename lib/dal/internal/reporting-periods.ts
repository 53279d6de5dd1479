import { asc, eq, inArray } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { reportCardDates, schoolYears } from "@/db/schema";
import { reportingPeriods, type ReportingPeriod } from "@/lib/services/reporting-periods";

/**
 * The progress-reporting periods of one school that overlap `range` (see `reportingPeriods`), from
 * its school years and report-card dates. Internal (no viewer): callers authorize. Two queries.
 */
export async function schoolReportingPeriods(
  db: Executor,
  schoolId: string,
  range: { from: string; to: string },
): Promise<ReportingPeriod[]> {
  const years = await db
    .select({ id: schoolYears.id, firstDay: schoolYears.firstDay, lastDay: schoolYears.lastDay })
    .from(schoolYears)
    .where(eq(schoolYears.schoolId, schoolId))
    .orderBy(asc(schoolYears.firstDay));
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
  return reportingPeriods(
    years.map((y) => ({
      firstDay: y.firstDay,
      lastDay: y.lastDay,
      reportCardDates: dates.filter((d) => d.yearId === y.id).map((d) => d.date),
    })),
    range,
  );
}
