import { and, asc, desc, eq, gte, inArray, isNull, lte, or } from "drizzle-orm";
import type { Executor } from "@/db/client";
import {
  caseEvents,
  districts,
  goalDataPoints,
  planGoals,
  planObjectives,
  planVersions,
  progressReportItems,
  progressReports,
  schools,
  students,
  users,
} from "@/db/schema";
import { addDays, addYears } from "@/lib/compliance/dates";
import {
  progressReportDocument,
  summaryLines,
  type ProgressReportDocumentInput,
} from "@/lib/documents/progress-report";
import type { LegalDocument } from "@/lib/documents/model";
import type { GoalMeasure } from "@/lib/validation/goal-measure";
import { familyLanguage } from "@/lib/meetings/rules";
import { translatorFor } from "@/lib/notifications/translator";
import { suggestProgressCode, type Suggestion } from "@/lib/progress/report-status";
import { standingPoints } from "@/lib/progress/series";
import { parseProgressSettings } from "@/lib/progress/settings";
import { storeDocument } from "./documents";
import { IN_FORCE_STATUSES, studentReportingPeriods } from "./reporting-periods";

/**
 * Progress reports (D-13) without a viewer: the lines of a report computed from the goal data, the
 * document, issuing in a transaction, and the demo seed's historical reports. Callers authorize
 * (lib/dal/progress-reports.ts) — or are the seed (`unsafe…`). No `server-only`: the seed runs in Node.
 */

/** The student facts a report needs. */
export interface ReportStudent {
  id: string;
  firstName: string;
  lastName: string;
  schoolId: string;
  schoolName: string;
  parentLanguage: string;
}

/** Statuses of an IEP version that was in force at some time (its goals are reported). */
export { IN_FORCE_STATUSES } from "./reporting-periods";

export type ReportRow = typeof progressReports.$inferSelect;
export type ItemRow = typeof progressReportItems.$inferSelect;
type VersionRow = { id: string; planId: string; number: number; effectiveOn: string; planEnd: string };

/** The IEP version's period for aimlines: from taking effect to its end (else review date, else a year). */
export function planEndOf(v: { effectiveOn: string; endedOn: string | null; reviewDue: string | null }) {
  return v.endedOn ?? v.reviewDue ?? addYears(v.effectiveOn, 1);
}

/** The IEP version of a student in force on a day (effective on or before it, not ended before it). */
export async function versionInForce(db: Executor, studentId: string, day: string): Promise<VersionRow | null> {
  const [row] = await db
    .select({
      id: planVersions.id,
      planId: planVersions.planId,
      number: planVersions.number,
      effectiveOn: planVersions.effectiveOn,
      endedOn: planVersions.endedOn,
      reviewDue: planVersions.reviewDue,
    })
    .from(planVersions)
    .where(
      and(
        eq(planVersions.studentId, studentId),
        eq(planVersions.planType, "iep"),
        inArray(planVersions.status, [...IN_FORCE_STATUSES]),
        lte(planVersions.effectiveOn, day),
        or(isNull(planVersions.endedOn), gte(planVersions.endedOn, day)),
      ),
    )
    .orderBy(desc(planVersions.effectiveOn))
    .limit(1);
  if (!row?.effectiveOn) return null;
  return {
    id: row.id,
    planId: row.planId,
    number: row.number,
    effectiveOn: row.effectiveOn,
    planEnd: planEndOf({ ...row, effectiveOn: row.effectiveOn }),
  };
}

/** A computed line of a report: its goal or objective, and the suggestion from the period's data. */
export interface Line {
  goalId: string;
  goalItemId: string;
  objectiveId: string | null;
  position: number;
  goalNumber: number;
  objectiveNumber: number | null;
  area: string;
  text: string;
  suggestion: Suggestion;
  /**
   * What the line's chart draws (PM-5): its measure and its standing points in the period (computed
   * lines only; an issued report's lines are frozen in its items and its document is stored).
   */
  chart?: { measure: GoalMeasure | null; points: { observedOn: string; value: number | null }[] };
}

/**
 * Every goal and every short-term objective of an IEP version, in order, each with the suggestion
 * and data summary for the period (lib/progress/report-status). Four queries whatever the number of goals.
 */
export async function computeLines(
  db: Executor,
  input: {
    districtId: string;
    schoolId: string;
    studentId: string;
    versionId: string;
    periodStart: string;
    reportCardDate: string;
  },
): Promise<Line[]> {
  const [version] = await db
    .select({ effectiveOn: planVersions.effectiveOn, endedOn: planVersions.endedOn, reviewDue: planVersions.reviewDue })
    .from(planVersions)
    .where(eq(planVersions.id, input.versionId));
  const planStart = version!.effectiveOn!;
  const planEnd = planEndOf({ ...version!, effectiveOn: planStart });
  const [goals, [district], periods] = await Promise.all([
    db.select().from(planGoals).where(eq(planGoals.versionId, input.versionId)).orderBy(asc(planGoals.position)),
    db.select({ settings: districts.settings }).from(districts).where(eq(districts.id, input.districtId)),
    studentReportingPeriods(
      db,
      { id: input.studentId, schoolId: input.schoolId, districtId: input.districtId },
      { from: addDays(input.reportCardDate, 1), to: addYears(planEnd, 1) },
    ),
  ]);
  const settings = parseProgressSettings(district?.settings ?? {});
  const goalIds = goals.map((g) => g.id);
  const [objectives, pointRows] = goalIds.length
    ? await Promise.all([
        db
          .select()
          .from(planObjectives)
          .where(inArray(planObjectives.goalId, goalIds))
          .orderBy(asc(planObjectives.position)),
        db
          .select({
            id: goalDataPoints.id,
            goalId: goalDataPoints.goalId,
            objectiveId: goalDataPoints.objectiveId,
            observedOn: goalDataPoints.observedOn,
            value: goalDataPoints.value,
            correctsId: goalDataPoints.correctsId,
            withdrawn: goalDataPoints.withdrawn,
            createdAt: goalDataPoints.createdAt,
          })
          .from(goalDataPoints)
          .where(and(inArray(goalDataPoints.goalId, goalIds), lte(goalDataPoints.observedOn, input.reportCardDate))),
      ])
    : [[], []];
  const standing = standingPoints(
    pointRows.map((p) => ({
      ...p,
      value: p.value === null ? null : Number(p.value),
      createdAt: p.createdAt.toISOString(),
    })),
  );
  const next = periods.find((p) => p.reportCardDate > input.reportCardDate)?.reportCardDate ?? null;
  const finalPeriod = planEnd <= input.reportCardDate || (next !== null && next > planEnd);
  const period = { start: input.periodStart, end: input.reportCardDate };
  const lines: Line[] = [];
  goals.forEach((goal, g) => {
    const chart = (measure: typeof goal.measure, objectiveId: string | null) => ({
      measure,
      points: standing
        .filter(
          (p) =>
            p.goalId === goal.id &&
            p.objectiveId === objectiveId &&
            p.observedOn >= period.start &&
            p.observedOn <= period.end,
        )
        .map((p) => ({ observedOn: p.observedOn, value: p.value }))
        .sort((a, b) => a.observedOn.localeCompare(b.observedOn)),
    });
    const suggest = (measure: typeof goal.measure, objectiveId: string | null) =>
      suggestProgressCode(
        {
          measure,
          planStart,
          planEnd,
          period,
          finalPeriod,
          points: standing.filter((p) => p.goalId === goal.id && p.objectiveId === objectiveId),
        },
        settings,
      );
    lines.push({
      goalId: goal.id,
      goalItemId: goal.itemId,
      objectiveId: null,
      position: lines.length,
      goalNumber: g + 1,
      objectiveNumber: null,
      area: goal.area,
      text: goal.text,
      suggestion: suggest(goal.measure, null),
      chart: chart(goal.measure, null),
    });
    objectives
      .filter((o) => o.goalId === goal.id)
      .forEach((objective, o) => {
        lines.push({
          goalId: goal.id,
          goalItemId: goal.itemId,
          objectiveId: objective.id,
          position: lines.length,
          goalNumber: g + 1,
          objectiveNumber: o + 1,
          area: goal.area,
          text: objective.text,
          suggestion: suggest(objective.measure ?? goal.measure, objective.id),
          chart: chart(objective.measure ?? goal.measure, objective.id),
        });
      });
  });
  return lines;
}

export const suggestionJson = (s: Suggestion) => ({ rule: s.rule, code: s.code, facts: s.facts, summary: s.summary });

async function nameOf(db: Executor, userId: string | null): Promise<string> {
  if (!userId) return "";
  const [row] = await db.select({ name: users.name }).from(users).where(eq(users.id, userId));
  return row?.name ?? "";
}

/** The report as a document in its language, from its lines and the computed data (draft or final). */
export async function buildDocument(
  db: Executor,
  student: ReportStudent,
  report: ReportRow,
  items: ItemRow[],
  lines: Line[],
  status: "draft" | "final",
): Promise<LegalDocument> {
  const { t } = await translatorFor(report.language);
  const [version] = await db
    .select({
      number: planVersions.number,
      effectiveOn: planVersions.effectiveOn,
      endedOn: planVersions.endedOn,
      reviewDue: planVersions.reviewDue,
    })
    .from(planVersions)
    .where(eq(planVersions.id, report.planVersionId));
  const corrected = report.correctsId
    ? (
        await db
          .select({ issuedOn: progressReports.issuedOn })
          .from(progressReports)
          .where(eq(progressReports.id, report.correctsId))
      )[0]
    : undefined;
  const lineOf = (line: Line) => {
    const item = items.find((i) => i.goalId === line.goalId && i.objectiveId === line.objectiveId);
    return {
      code: item?.code ?? null,
      justification: item?.justification ?? "",
      summary: line.suggestion.summary,
      chart: line.chart,
    };
  };
  const goals: ProgressReportDocumentInput["goals"] = lines
    .filter((l) => l.objectiveId === null)
    .map((goal) => ({
      number: goal.goalNumber,
      area: goal.area,
      text: goal.text,
      line: lineOf(goal),
      objectives: lines
        .filter((l) => l.goalId === goal.goalId && l.objectiveId !== null)
        .map((o) => ({ number: o.objectiveNumber!, text: o.text, line: lineOf(o) })),
    }));
  return progressReportDocument(
    {
      language: report.language,
      status,
      studentName: `${student.firstName} ${student.lastName}`,
      schoolName: student.schoolName,
      iepVersion: version?.number ?? 1,
      periodStart: report.periodStart,
      reportCardDate: report.reportCardDate,
      reportVersion: report.version,
      plan: version?.effectiveOn
        ? { start: version.effectiveOn, end: planEndOf({ ...version, effectiveOn: version.effectiveOn }) }
        : null,
      correction: report.correctionReason
        ? { reason: report.correctionReason, correctsIssuedOn: corrected?.issuedOn ?? null }
        : null,
      issuedOn: report.issuedOn,
      deliveryMethod: report.deliveryMethod,
      caseManagerName: await nameOf(db, report.issuedBy ?? report.createdBy),
      goals,
    },
    t,
  );
}

/**
 * Issues a checked draft in the caller's transaction: freezes each line's suggestion and data summary,
 * renders the report in its language and stores it as sent (PDF + SHA-256), marks the row issued
 * (after which the trigger freezes it) and, for a first version, writes the `progress_report_sent`
 * case event (source workflow) that D-13 reads. The caller refreshes deadlines.
 */
export async function freezeAndIssue(
  tx: Executor,
  input: {
    student: ReportStudent;
    report: ReportRow;
    items: ItemRow[];
    lines: Line[];
    deliveryMethod: ReportRow["deliveryMethod"] & string;
    issuedOn: string;
    issuedBy: string;
    documentId?: string;
  },
) {
  const { student, report, items, lines } = input;
  for (const line of lines) {
    const item = items.find((i) => i.goalId === line.goalId && i.objectiveId === line.objectiveId);
    if (!item) continue;
    await tx
      .update(progressReportItems)
      .set({ suggestedCode: line.suggestion.code, suggestion: suggestionJson(line.suggestion) })
      .where(eq(progressReportItems.id, item.id));
  }
  const issued: ReportRow = {
    ...report,
    status: "issued",
    deliveryMethod: input.deliveryMethod,
    issuedOn: input.issuedOn,
    issuedBy: input.issuedBy,
  };
  const stored = await storeDocument(tx, {
    id: input.documentId,
    districtId: report.districtId,
    studentId: student.id,
    model: await buildDocument(tx, student, issued, items, lines, "final"),
    createdBy: input.issuedBy,
  });
  await tx
    .update(progressReports)
    .set({
      status: "issued",
      deliveryMethod: input.deliveryMethod,
      issuedOn: input.issuedOn,
      issuedBy: input.issuedBy,
      documentId: stored.id,
      lockVersion: report.lockVersion + 1,
    })
    .where(eq(progressReports.id, report.id));
  if (!report.correctsId) {
    await tx.insert(caseEvents).values({
      districtId: report.districtId,
      studentId: student.id,
      type: "progress_report_sent",
      date: input.issuedOn,
      source: "workflow",
      sourceId: report.id,
      recordedBy: input.issuedBy,
    });
  }
  return { issued, stored };
}

/**
 * Unscoped, for the demo seed only (no viewer, no audit row, no notification): issues the report of
 * the period ending on `reportCardDate` for the IEP version of the student in force that day, as its
 * case manager did on that day — each line coded as suggested by the data (a narrative line with
 * data: Satisfactory Progress; a line with no data: Not Introduced with `noDataReason`), justified
 * by the period's data summary in the family's language. Returns null, writing nothing, when no
 * version was in force or no line has data in the period (a report from before PlanPath). The
 * caller refreshes deadlines.
 */
export async function unsafeIssueHistoricalReport(
  tx: Executor,
  input: {
    id: string;
    documentId: string;
    studentId: string;
    reportCardDate: string;
    issuedBy: string;
    noDataReason: Record<"en" | "es", string>;
  },
): Promise<{ reportId: string } | null> {
  const [student] = await tx
    .select({
      id: students.id,
      firstName: students.firstName,
      lastName: students.lastName,
      schoolId: students.schoolId,
      schoolName: schools.name,
      parentLanguage: students.parentLanguage,
      districtId: students.districtId,
    })
    .from(students)
    .innerJoin(schools, eq(schools.id, students.schoolId))
    .where(eq(students.id, input.studentId));
  if (!student) return null;
  const period = (
    await studentReportingPeriods(tx, student, { from: input.reportCardDate, to: input.reportCardDate })
  ).find((p) => p.reportCardDate === input.reportCardDate);
  const version = period ? await versionInForce(tx, student.id, input.reportCardDate) : null;
  if (!period || !version) return null;
  const lines = await computeLines(tx, {
    districtId: student.districtId,
    schoolId: student.schoolId,
    studentId: student.id,
    versionId: version.id,
    periodStart: period.start,
    reportCardDate: period.reportCardDate,
  });
  if (!lines.some((l) => l.suggestion.summary.points > 0)) return null;
  const language = familyLanguage(student.parentLanguage);
  const { t } = await translatorFor(language);
  const [report] = await tx
    .insert(progressReports)
    .values({
      id: input.id,
      districtId: student.districtId,
      studentId: student.id,
      planId: version.planId,
      planVersionId: version.id,
      periodStart: period.start,
      reportCardDate: period.reportCardDate,
      language,
      createdBy: input.issuedBy,
    })
    .returning();
  const items = await tx
    .insert(progressReportItems)
    .values(
      lines.map((line) => {
        const hasData = line.suggestion.summary.points > 0;
        return {
          reportId: report!.id,
          goalId: line.goalId,
          goalItemId: line.goalItemId,
          objectiveId: line.objectiveId,
          position: line.position,
          code: hasData ? (line.suggestion.code ?? "satisfactory_progress") : ("not_introduced" as const),
          justification: hasData
            ? summaryLines(language, line.suggestion.summary, t).join(" ")
            : input.noDataReason[language],
          suggestedCode: line.suggestion.code,
          suggestion: suggestionJson(line.suggestion),
        };
      }),
    )
    .returning();
  await freezeAndIssue(tx, {
    student,
    report: report!,
    items,
    lines,
    deliveryMethod: "with_student",
    issuedOn: period.reportCardDate,
    issuedBy: input.issuedBy,
    documentId: input.documentId,
  });
  return { reportId: report!.id };
}
