import "server-only";
import { and, asc, eq, gte, inArray, isNotNull, isNull, lte } from "drizzle-orm";
import { getDb } from "@/db/client";
import { caseEvents, deadlines, schools, students } from "@/db/schema";
import { addDays } from "@/lib/compliance";
import { loadSchoolCalendars } from "@/lib/dal/internal/calendars";
import { isDelayReasonCode } from "@/lib/deadlines/delay-reasons";
import { INITIAL_EVALUATION_RULE } from "@/lib/deadlines/programs";
import { schoolYearBounds, schoolYearOf } from "@/lib/deadlines/school-year";
import type { ComplianceReport, ComplianceReportRow } from "@/lib/dto/deadlines";
import { read, recordListAccess } from "./core";
import { districtTarget } from "./district";
import type { Viewer } from "./viewer";

const REVIEW_RULES = { "D-08": "annual_review", "D-09": "reevaluation" } as const;
const REVIEW_HORIZON_DAYS = 90;

/**
 * `complianceReport.read` (district admins): initial-evaluation timeliness for the referrals of one
 * school year (D-01 met, late with the recorded reasons, overdue, open, paused, stopped), and
 * annual reviews (D-08) and reevaluations (D-09) overdue or due within 90 days, by school, with the
 * rows behind every count (for the CSV export). Logged as a list read of the students named.
 */
export async function getComplianceReport(
  viewer: Viewer,
  schoolYear: number,
  list = "complianceReport",
): Promise<ComplianceReport> {
  await read(viewer, { action: "complianceReport.read", load: districtTarget() });
  const db = getDb();
  const { from, to } = schoolYearBounds(schoolYear);
  const today = viewer.today;
  const columns = {
    ruleId: deadlines.ruleId,
    due: deadlines.due,
    status: deadlines.status,
    delayReason: deadlines.delayReason,
    triggerDate: caseEvents.date,
    studentId: students.id,
    firstName: students.firstName,
    lastName: students.lastName,
    sasid: students.sasid,
    schoolId: schools.id,
    schoolName: schools.name,
  };
  const base = () =>
    db
      .select(columns)
      .from(deadlines)
      .innerJoin(students, eq(students.id, deadlines.studentId))
      .innerJoin(schools, eq(schools.id, students.schoolId))
      .leftJoin(caseEvents, eq(caseEvents.id, deadlines.triggerEventId));
  const [initial, reviews, schoolRows] = await Promise.all([
    base()
      .where(
        and(
          eq(deadlines.districtId, viewer.districtId),
          eq(deadlines.ruleId, INITIAL_EVALUATION_RULE),
          gte(caseEvents.date, from),
          lte(caseEvents.date, to),
        ),
      )
      .orderBy(asc(schools.name), asc(caseEvents.date), asc(students.lastName)),
    base()
      .where(
        and(
          eq(deadlines.districtId, viewer.districtId),
          inArray(deadlines.ruleId, Object.keys(REVIEW_RULES)),
          eq(deadlines.status, "open"),
          isNull(deadlines.completedOn),
          isNotNull(deadlines.due),
          lte(deadlines.due, addDays(today, REVIEW_HORIZON_DAYS)),
        ),
      )
      .orderBy(asc(schools.name), asc(deadlines.due), asc(students.lastName)),
    db
      .select({ id: schools.id, name: schools.name })
      .from(schools)
      .where(eq(schools.districtId, viewer.districtId))
      .orderBy(asc(schools.name)),
  ]);
  const calendars = await loadSchoolCalendars(
    db,
    schoolRows.map((s) => s.id),
  );

  const toRow = (r: (typeof initial)[number], section: ComplianceReportRow["section"]): ComplianceReportRow => {
    const overdue = r.status === "open" && r.due !== null && r.due < today;
    return {
      section,
      ruleId: r.ruleId,
      schoolId: r.schoolId,
      schoolName: r.schoolName,
      studentId: r.studentId,
      studentName: `${r.lastName}, ${r.firstName}`,
      sasid: r.sasid,
      triggerDate: r.triggerDate,
      due: r.due,
      status: overdue ? "overdue" : r.status,
      schoolDaysOverdue: overdue ? -(calendars.get(r.schoolId)?.schoolDaysBetween(today, r.due!) ?? 0) : null,
      delayReason: isDelayReasonCode(r.delayReason) ? r.delayReason : null,
    };
  };
  const initialRows = initial.map((r) => toRow(r, "initial_evaluation"));
  const reviewRows = reviews.map((r) => toRow(r, REVIEW_RULES[r.ruleId as keyof typeof REVIEW_RULES]));

  const count = (status: ComplianceReportRow["status"]) => initialRows.filter((r) => r.status === status).length;
  const counts = {
    met: count("met"),
    late: count("late"),
    overdue: count("overdue"),
    open: count("open"),
    paused: count("paused"),
    stopped: count("stopped"),
  };
  const decided = counts.met + counts.late + counts.overdue;
  const lateRows = initialRows.filter((r) => r.status === "late" || r.status === "overdue");
  const reasons = new Map<ComplianceReportRow["delayReason"], number>();
  for (const r of lateRows) reasons.set(r.delayReason, (reasons.get(r.delayReason) ?? 0) + 1);

  const in30 = addDays(today, 30);
  const tally = (schoolId: string, section: ComplianceReportRow["section"]) => {
    const rows = reviewRows.filter((r) => r.schoolId === schoolId && r.section === section);
    return {
      overdue: rows.filter((r) => r.status === "overdue").length,
      due30: rows.filter((r) => r.status !== "overdue" && r.due! <= in30).length,
      due90: rows.filter((r) => r.status !== "overdue" && r.due! > in30).length,
    };
  };

  const rows = [...initialRows, ...reviewRows];
  await recordListAccess(
    viewer,
    "students.listed",
    { list, schoolYear },
    rows.map((r) => r.studentId),
  );
  return {
    schoolYear,
    today,
    years: Array.from({ length: 5 }, (_, i) => schoolYearOf(today) - i),
    initialEvaluations: {
      ...counts,
      timelyPercent: decided === 0 ? null : Math.round((counts.met / decided) * 1000) / 10,
    },
    lateReasons: [...reasons].map(([reason, n]) => ({ reason, count: n })).sort((a, b) => b.count - a.count),
    reviewsBySchool: schoolRows.map((s) => ({
      schoolId: s.id,
      schoolName: s.name,
      annual: tally(s.id, "annual_review"),
      triennial: tally(s.id, "reevaluation"),
    })),
    rows,
  };
}
