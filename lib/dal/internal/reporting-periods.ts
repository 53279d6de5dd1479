import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { selectField } from "./scope";
import { districtSettingsOf } from "./settings";
import type { Executor } from "@/db/client";
import { planVersions, reportCardDates, schoolYears } from "@/db/schema";
import { addYears } from "@/lib/compliance/dates";
import {
  iepReportingPeriods,
  reportingPeriods,
  type IepScheduleInput,
  type IepVersionSchedule,
  type ReportingPeriod,
} from "@/lib/services/reporting-periods";
import { parseServicesSettings } from "@/lib/services/settings";

/** The statuses of an IEP version that is or was in force. */
export const IN_FORCE_STATUSES = ["active", "superseded", "ended"] as const;

/**
 * The progress-reporting periods of one school that overlap `range` (see `reportingPeriods`), from
 * its school years, each with its report-card dates (a JSON array). Internal (no viewer): callers
 * authorize. One query.
 */
export async function schoolReportingPeriods(
  db: Executor,
  schoolId: string,
  range: { from: string; to: string },
): Promise<ReportingPeriod[]> {
  const years = await db
    .select({
      firstDay: schoolYears.firstDay,
      lastDay: schoolYears.lastDay,
      reportCardDates: selectField<string[]>(
        sql`coalesce((select json_agg(${reportCardDates.date})
          from ${reportCardDates} where ${reportCardDates.schoolYearId} = ${schoolYears.id}), '[]'::json)`,
      ),
    })
    .from(schoolYears)
    .where(eq(schoolYears.schoolId, schoolId))
    .orderBy(asc(schoolYears.firstDay));
  return reportingPeriods(years, range);
}

/**
 * The IEP versions that are or were in force of the students `where` selects, with the reporting
 * schedule each writes (`content.progressReporting`), by student. One query.
 */
async function iepSchedules(db: Executor, where: SQL): Promise<Map<string, IepVersionSchedule[]>> {
  const rows = await db
    .select({
      studentId: planVersions.studentId,
      planId: planVersions.planId,
      effectiveOn: planVersions.effectiveOn,
      endedOn: planVersions.endedOn,
      reviewDue: planVersions.reviewDue,
      schedule: sql<IepScheduleInput | null>`${planVersions.content} -> 'progressReporting'`,
    })
    .from(planVersions)
    .where(
      and(
        where,
        eq(planVersions.planType, "iep"),
        inArray(planVersions.status, [...IN_FORCE_STATUSES]),
        sql`${planVersions.effectiveOn} is not null`,
      ),
    );
  const out = new Map<string, IepVersionSchedule[]>();
  for (const row of rows) {
    const version: IepVersionSchedule = {
      planId: row.planId,
      effectiveOn: row.effectiveOn!,
      endedOn: row.endedOn,
      planEnd: row.reviewDue ?? addYears(row.effectiveOn!, 1),
      schedule: row.schedule,
    };
    out.set(row.studentId, [...(out.get(row.studentId) ?? []), version]);
  }
  return out;
}

/** The district's progress-report schedule setting ([U], D-13). One query. */
export async function progressReportSchedule(db: Executor, districtId: string) {
  return parseServicesSettings(await districtSettingsOf(db, districtId)).progressReports;
}

/**
 * The progress-reporting periods of one student that overlap `range` — the one source of the periods
 * progress reports are drafted for, listed and charted by (D-13; the deadline rows read the same due
 * dates through {@link iepReportingDates}). With the district setting "report_cards" the school's
 * report-card periods; with "iep_schedule" the periods each IEP of the student writes
 * (`iepReportingPeriods`). Internal (no viewer): callers authorize. Three to five queries.
 */
export async function studentReportingPeriods(
  db: Executor,
  student: { id: string; schoolId: string; districtId: string },
  range: { from: string; to: string },
  schedule?: "report_cards" | "iep_schedule",
): Promise<ReportingPeriod[]> {
  const setting = schedule ?? (await progressReportSchedule(db, student.districtId));
  if (setting === "report_cards") return schoolReportingPeriods(db, student.schoolId, range);
  const [versions, dates] = await Promise.all([
    iepSchedules(db, eq(planVersions.studentId, student.id)),
    schoolReportCardDates(db, student.schoolId),
  ]);
  return iepReportingPeriods(versions.get(student.id) ?? [], dates, range);
}

async function schoolReportCardDates(db: Executor, schoolId: string): Promise<string[]> {
  const rows = await db
    .select({ date: reportCardDates.date })
    .from(reportCardDates)
    .innerJoin(schoolYears, eq(schoolYears.id, reportCardDates.schoolYearId))
    .where(eq(schoolYears.schoolId, schoolId));
  return rows.map((r) => r.date);
}

/**
 * D-13's due dates under the district setting "iep_schedule", by student: the end of every reporting
 * period the student's IEPs write (the same `iepReportingPeriods` drafting reads), for the deadline
 * engine's `calendar.reportCardDates`. `students` selects the students (by `plan_versions.student_id`);
 * `reportCards` holds each school's report-card dates (for IEPs that report with report cards). One query.
 */
export async function iepReportingDates(
  db: Executor,
  students: SQL,
  schoolOf: ReadonlyMap<string, string>,
  reportCards: ReadonlyMap<string, readonly string[]>,
): Promise<Map<string, string[]>> {
  const schedules = await iepSchedules(db, students);
  const out = new Map<string, string[]>();
  for (const [studentId, versions] of schedules) {
    const periods = iepReportingPeriods(versions, reportCards.get(schoolOf.get(studentId) ?? "") ?? [], {
      from: "0001-01-01",
      to: "9999-12-31",
    });
    out.set(studentId, [...new Set(periods.map((p) => p.reportCardDate))]);
  }
  return out;
}
