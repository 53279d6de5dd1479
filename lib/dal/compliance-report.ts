import "server-only";
import { and, asc, eq, gte, inArray, isNotNull, isNull, lte, or, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import { caseEvents, deadlines, schools, students } from "@/db/schema";
import { addDays } from "@/lib/compliance";
import { loadSchoolCalendars } from "@/lib/dal/internal/calendars";
import { readComplianceSummary, REVIEW_HORIZON_DAYS, REVIEW_SOON_DAYS } from "@/lib/dal/internal/deadline-summaries";
import { isDelayReasonCode } from "@/lib/deadlines/delay-reasons";
import { INITIAL_EVALUATION_RULE, ruleById } from "@/lib/deadlines/programs";
import { schoolYearBounds, schoolYearOf } from "@/lib/deadlines/school-year";
import type { ComplianceReport, ComplianceReportRow } from "@/lib/dto/deadlines";
import { read, recordListAccess } from "./core";
import { districtTarget } from "./district";
import type { Viewer } from "./viewer";

type ReviewTally = ComplianceReport["reviewsTotal"]["annual"];

function sumTallies(tallies: ReviewTally[]): ReviewTally {
  return tallies.reduce(
    (a, b) => ({ overdue: a.overdue + b.overdue, due30: a.due30 + b.due30, due90: a.due90 + b.due90 }),
    {
      overdue: 0,
      due30: 0,
      due90: 0,
    },
  );
}

const REVIEW_RULES = { "D-08": "annual_review", "D-09": "reevaluation" } as const;

/** The event an initial evaluation (D-01) is counted from: the referral (its row's trigger key is that event's id). */
const INITIAL_EVALUATION_TRIGGER = (() => {
  const trigger = ruleById(INITIAL_EVALUATION_RULE)?.trigger;
  if (trigger?.kind !== "event") throw new Error("D-01 is counted from an event");
  return trigger.event;
})();

/** Late and overdue initial evaluations listed on the page; the CSV export has every row. */
export const LATE_LIST_LIMIT = 25;

/** Schools per page of the page's reviews table (the CSV export and `detail: "all"` have every school). */
export const REVIEW_SCHOOLS_PAGE_SIZE = 25;

/**
 * `complianceReport.read` (district admins): initial-evaluation timeliness for the referrals of one
 * school year (D-01 met, late with the recorded reasons, overdue, open, paused, stopped), and
 * annual reviews (D-08) and reevaluations (D-09) overdue or due within 90 days, by school. The counts
 * are aggregates in SQL (through `deadlines (district_id, rule_id, due)`); the rows behind them are
 * every row (`detail: "all"`, the CSV export) or, for the page, the first {@link LATE_LIST_LIMIT} late
 * or overdue initial evaluations (`detail: "late"`). Calendars are loaded for the schools of the rows
 * returned only. Logged as a list read of the students named.
 */
export async function getComplianceReport(
  viewer: Viewer,
  schoolYear: number,
  list = "complianceReport",
  { detail, reviewsPage = 1 }: { detail: "all" | "late"; reviewsPage?: number } = { detail: "all" },
): Promise<ComplianceReport> {
  await read(viewer, { action: "complianceReport.read", load: districtTarget() });
  const db = getDb();
  const { from, to } = schoolYearBounds(schoolYear);
  const today = viewer.today;
  const in30 = addDays(today, REVIEW_SOON_DAYS);
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
  const overdue = sql`(${deadlines.status} = 'open' and ${deadlines.due} < ${today}::date)`;
  const initialOfYear = and(
    eq(deadlines.districtId, viewer.districtId),
    eq(deadlines.ruleId, INITIAL_EVALUATION_RULE),
    gte(caseEvents.date, from),
    lte(caseEvents.date, to),
  );
  const lateOrOverdue = or(eq(deadlines.status, "late"), overdue);
  const reviewsDue = and(
    eq(deadlines.districtId, viewer.districtId),
    inArray(deadlines.ruleId, Object.keys(REVIEW_RULES)),
    eq(deadlines.status, "open"),
    isNull(deadlines.completedOn),
    isNotNull(deadlines.due),
    lte(deadlines.due, addDays(today, REVIEW_HORIZON_DAYS)),
  );
  const count = (condition: SQL) => sql<number>`count(*) filter (where ${condition})`.mapWith(Number);
  const orderLate = [asc(schools.name), asc(caseEvents.date), asc(students.lastName)] as const;
  // The page's counts from the per-school summaries when every school's row is today's (one row per
  // school); the export, or a page before the day's first refresh, counts live.
  const summary =
    detail === "late" ? await readComplianceSummary(db, viewer.districtId, today, schoolYear, LATE_LIST_LIMIT) : null;
  const [initialCounts, reasonCounts, reviewCounts, schoolRows, initial, reviews] = summary
    ? [
        summary.initial,
        summary.reasons,
        summary.reviews,
        summary.schools,
        summary.lateSchoolIds.length === 0
          ? []
          : // The year's referrals of those schools' students (`case_events (district_id, type, date)`) and
            // their D-01 row by its unique key (student, rule, trigger key = the referral's id): the same
            // rows as `initialOfYear`, without reading the district's D-01 rows of every year.
            await db
              .select(columns)
              .from(caseEvents)
              .innerJoin(students, eq(students.id, caseEvents.studentId))
              .innerJoin(schools, eq(schools.id, students.schoolId))
              .innerJoin(
                deadlines,
                and(
                  eq(deadlines.studentId, caseEvents.studentId),
                  eq(deadlines.ruleId, INITIAL_EVALUATION_RULE),
                  sql`${deadlines.triggerKey} = ${caseEvents.id}::text`,
                ),
              )
              .where(
                and(
                  eq(caseEvents.districtId, viewer.districtId),
                  eq(caseEvents.type, INITIAL_EVALUATION_TRIGGER),
                  gte(caseEvents.date, from),
                  lte(caseEvents.date, to),
                  inArray(students.schoolId, summary.lateSchoolIds),
                  eq(deadlines.districtId, viewer.districtId),
                  lateOrOverdue,
                ),
              )
              .orderBy(...orderLate)
              .limit(LATE_LIST_LIMIT),
        [],
      ]
    : await Promise.all([
        db
          .select({
            met: count(sql`${deadlines.status} = 'met'`),
            late: count(sql`${deadlines.status} = 'late'`),
            overdue: count(overdue),
            open: count(sql`${deadlines.status} = 'open' and not coalesce(${overdue}, false)`),
            paused: count(sql`${deadlines.status} = 'paused'`),
            stopped: count(sql`${deadlines.status} = 'stopped'`),
          })
          .from(deadlines)
          .innerJoin(caseEvents, eq(caseEvents.id, deadlines.triggerEventId))
          .where(initialOfYear)
          .then(([row]) => row),
        db
          .select({ reason: deadlines.delayReason, count: sql<number>`count(*)`.mapWith(Number) })
          .from(deadlines)
          .innerJoin(caseEvents, eq(caseEvents.id, deadlines.triggerEventId))
          .where(and(initialOfYear, lateOrOverdue))
          .groupBy(deadlines.delayReason),
        db
          .select({
            schoolId: students.schoolId,
            ruleId: deadlines.ruleId,
            overdue: count(sql`${deadlines.due} < ${today}::date`),
            due30: count(sql`${deadlines.due} >= ${today}::date and ${deadlines.due} <= ${in30}::date`),
            due90: count(sql`${deadlines.due} > ${in30}::date`),
          })
          .from(deadlines)
          .innerJoin(students, eq(students.id, deadlines.studentId))
          .where(reviewsDue)
          .groupBy(students.schoolId, deadlines.ruleId),
        db
          .select({ id: schools.id, name: schools.name })
          .from(schools)
          .where(eq(schools.districtId, viewer.districtId))
          .orderBy(asc(schools.name)),
        detail === "all"
          ? base()
              .where(initialOfYear)
              .orderBy(...orderLate)
          : base()
              .where(and(initialOfYear, lateOrOverdue))
              .orderBy(...orderLate)
              .limit(LATE_LIST_LIMIT),
        detail === "all"
          ? base().where(reviewsDue).orderBy(asc(schools.name), asc(deadlines.due), asc(students.lastName))
          : Promise.resolve([]),
      ]);
  const calendars = await loadSchoolCalendars(db, [...new Set([...initial, ...reviews].map((r) => r.schoolId))]);

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

  const counts = initialCounts ?? { met: 0, late: 0, overdue: 0, open: 0, paused: 0, stopped: 0 };
  const decided = counts.met + counts.late + counts.overdue;
  const reasons = new Map<ComplianceReportRow["delayReason"], number>();
  for (const r of reasonCounts) {
    const reason = isDelayReasonCode(r.reason) ? r.reason : null;
    reasons.set(reason, (reasons.get(reason) ?? 0) + r.count);
  }
  const reviewCountOf = new Map(reviewCounts.map((r) => [`${r.schoolId}|${r.ruleId}`, r]));
  const tally = (schoolId: string, ruleId: keyof typeof REVIEW_RULES) => {
    const row = reviewCountOf.get(`${schoolId}|${ruleId}`);
    return { overdue: row?.overdue ?? 0, due30: row?.due30 ?? 0, due90: row?.due90 ?? 0 };
  };

  const reviewsBySchool = schoolRows.map((s) => ({
    schoolId: s.id,
    schoolName: s.name,
    annual: tally(s.id, "D-08"),
    triennial: tally(s.id, "D-09"),
  }));
  // The page shows the schools a page at a time (a thousand in a state-wide district); `all` has every one.
  const pageSize = detail === "late" ? REVIEW_SCHOOLS_PAGE_SIZE : Math.max(1, reviewsBySchool.length);
  const pages = Math.max(1, Math.ceil(reviewsBySchool.length / pageSize));
  const page = Math.min(Math.max(1, Math.trunc(reviewsPage) || 1), pages);

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
    reviewsBySchool: reviewsBySchool.slice((page - 1) * pageSize, page * pageSize),
    reviewsTotal: {
      annual: sumTallies(reviewsBySchool.map((s) => s.annual)),
      triennial: sumTallies(reviewsBySchool.map((s) => s.triennial)),
    },
    reviewsPage: { page, pages },
    countsAsOf: summary?.refreshedAt ?? null,
    rows,
    rowsTruncated: detail === "late" && counts.late + counts.overdue > initialRows.length,
  };
}
