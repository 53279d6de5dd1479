import "server-only";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import {
  guardianships,
  planGoals,
  planObjectives,
  planVersions,
  progressReportItems,
  progressReports,
  users,
} from "@/db/schema";
import { addDays } from "@/lib/compliance/dates";
import { refreshDeadlines } from "@/lib/dal/internal/deadline-store";
import { loadStoredDocument } from "@/lib/dal/internal/documents";
import type {
  ProgressReportDetail,
  ProgressReportsOverview,
  ReportGoalView,
  ReportItemView,
} from "@/lib/dto/progress-reports";
import { AppError } from "@/lib/errors";
import { familyLanguage } from "@/lib/meetings/rules";
import { appUrl } from "@/lib/notifications/app-url";
import { enqueueNotification } from "@/lib/notifications/outbox";
import { translatorFor } from "@/lib/notifications/translator";
import { can, inForce } from "@/lib/policy";
import type { ProgressCode, Suggestion } from "@/lib/progress/report-status";
import type {
  CorrectProgressReportInput,
  CreateProgressReportInput,
  IssueProgressReportInput,
  SaveProgressReportInput,
} from "@/lib/validation/progress-reports";
import { loaderFor, mutate, read, type Loader } from "./core";
import { studentName, type StudentEntity } from "./internal/meeting-helpers";
import {
  buildDocument,
  computeLines,
  freezeAndIssue,
  IN_FORCE_STATUSES,
  suggestionJson,
  versionInForce,
  type ItemRow,
  type Line,
  type ReportRow,
} from "./internal/progress-reports";
import { studentReportingPeriods } from "./internal/reporting-periods";
import { studentTarget } from "./students";
import type { Viewer } from "./viewer";

/** How far back a report may be dated as given to the family (a report mailed last week). */
const MAX_DAYS_BACK = 30;

type ReportEntity = { student: StudentEntity; report: ReportRow };

/** A student's progress report (through the student read scope); an IEP-side record. */
function reportTarget(studentId: string, reportId: string): Loader<ReportEntity> {
  return loaderFor("progress_report", reportId, async (db, viewer) => {
    const student = await studentTarget(studentId)(db, viewer);
    if (!student) return null;
    const [report] = await db
      .select()
      .from(progressReports)
      .where(and(eq(progressReports.id, reportId), eq(progressReports.studentId, student.entity.id)))
      .limit(1);
    if (!report) return null;
    return {
      entity: { student: student.entity, report },
      entityType: "progress_report",
      entityId: report.id,
      studentId: student.entity.id,
      relationships: student.relationships,
      planType: "iep",
    };
  });
}

/** The student as the target of drafting (IEP side). */
function iepStudentTarget(studentId: string): Loader<StudentEntity> {
  const load = studentTarget(studentId);
  return Object.assign(
    async (db: Executor, viewer: Viewer) => {
      const target = await load(db, viewer);
      return target && { ...target, planType: "iep" as const };
    },
    { requested: load.requested },
  );
}

/** Lines frozen in an issued report's items (the suggestion and summary as issued). */
function linesFromItems(
  items: ItemRow[],
  goals: { id: string; area: string; text: string }[],
  objectives: { id: string; text: string }[],
): Line[] {
  let goalNumber = 0;
  let objectiveNumber = 0;
  return [...items]
    .sort((a, b) => a.position - b.position)
    .map((item) => {
      if (item.objectiveId === null) {
        goalNumber++;
        objectiveNumber = 0;
      } else objectiveNumber++;
      const goal = goals.find((g) => g.id === item.goalId);
      const objective = item.objectiveId ? objectives.find((o) => o.id === item.objectiveId) : undefined;
      const s = item.suggestion as unknown as Pick<Suggestion, "rule" | "code" | "facts" | "summary">;
      return {
        goalId: item.goalId,
        goalItemId: item.goalItemId,
        objectiveId: item.objectiveId,
        position: item.position,
        goalNumber,
        objectiveNumber: item.objectiveId ? objectiveNumber : null,
        area: goal?.area ?? "",
        text: objective?.text ?? goal?.text ?? "",
        suggestion: { code: s.code, rule: s.rule, facts: s.facts, summary: s.summary },
      };
    });
}

/** The lines of a report: computed from today's data for a draft, frozen for an issued report. */
async function linesOf(db: Executor, student: StudentEntity, report: ReportRow, items: ItemRow[]): Promise<Line[]> {
  if (report.status === "draft")
    return computeLines(db, {
      districtId: report.districtId,
      schoolId: student.schoolId,
      studentId: student.id,
      versionId: report.planVersionId,
      periodStart: report.periodStart,
      reportCardDate: report.reportCardDate,
    });
  const goalIds = [...new Set(items.map((i) => i.goalId))];
  const [goals, objectives] = goalIds.length
    ? await Promise.all([
        db
          .select({ id: planGoals.id, area: planGoals.area, text: planGoals.text })
          .from(planGoals)
          .where(inArray(planGoals.id, goalIds)),
        db
          .select({ id: planObjectives.id, text: planObjectives.text })
          .from(planObjectives)
          .where(inArray(planObjectives.goalId, goalIds)),
      ])
    : [[], []];
  return linesFromItems(items, goals, objectives);
}

async function itemsOf(db: Executor, reportId: string): Promise<ItemRow[]> {
  return db
    .select()
    .from(progressReportItems)
    .where(eq(progressReportItems.reportId, reportId))
    .orderBy(asc(progressReportItems.position));
}

/**
 * Lines with no data in the period, unless explicitly coded Not Introduced with its reason (the
 * justification): what blocks issuing (PM-3). A suggested Not Introduced still needs the reason.
 */
function missingLines(
  lines: Line[],
  items: { goalId: string; objectiveId: string | null; code: ProgressCode | null; justification: string }[],
) {
  return lines.filter((line) => {
    const item = items.find((i) => i.goalId === line.goalId && i.objectiveId === line.objectiveId);
    const explained = item?.code === "not_introduced" && item.justification.trim() !== "";
    return line.suggestion.summary.points === 0 && !explained;
  });
}

/**
 * `progressReport.draft` (the case manager): starts the progress report of one reporting period
 * (ending on `reportCardDate`, a report-card date of the student's school whose period has begun) for
 * the IEP version in force that day. Every goal and every objective gets a line, its code prefilled
 * from the data (lib/progress/report-status) and an empty justification. One report per plan and
 * period: a second draft is a CONFLICT (open it; an issued one is corrected instead).
 */
export async function createProgressReportDraft(
  viewer: Viewer,
  input: CreateProgressReportInput,
): Promise<{ reportId: string }> {
  return mutate(
    viewer,
    { action: "progressReport.draft", event: "progress_report.drafted", load: iepStudentTarget(input.studentId) },
    async ({ tx, target, details }) => {
      const student = target.entity;
      const periods = await studentReportingPeriods(
        tx,
        { ...student, districtId: viewer.districtId },
        {
          from: input.reportCardDate,
          to: input.reportCardDate,
        },
      );
      const period = periods.find((p) => p.reportCardDate === input.reportCardDate);
      if (!period) throw new AppError("VALIDATION", "progressReports.errors.noPeriod");
      if (period.start > viewer.today) throw new AppError("VALIDATION", "progressReports.errors.notDue");
      const version = await versionInForce(tx, student.id, input.reportCardDate);
      if (!version) throw new AppError("VALIDATION", "progressReports.errors.noIep");
      const [existing] = await tx
        .select({ id: progressReports.id })
        .from(progressReports)
        .where(
          and(eq(progressReports.planId, version.planId), eq(progressReports.reportCardDate, input.reportCardDate)),
        )
        .limit(1);
      if (existing) throw new AppError("CONFLICT", "progressReports.errors.exists");
      const [report] = await tx
        .insert(progressReports)
        .values({
          districtId: viewer.districtId,
          studentId: student.id,
          planId: version.planId,
          planVersionId: version.id,
          periodStart: period.start,
          reportCardDate: period.reportCardDate,
          language: familyLanguage(student.parentLanguage),
          createdBy: viewer.userId,
        })
        .returning({ id: progressReports.id });
      const lines = await computeLines(tx, {
        districtId: viewer.districtId,
        schoolId: student.schoolId,
        studentId: student.id,
        versionId: version.id,
        periodStart: period.start,
        reportCardDate: period.reportCardDate,
      });
      if (lines.length) {
        await tx.insert(progressReportItems).values(
          lines.map((line) => ({
            reportId: report!.id,
            goalId: line.goalId,
            goalItemId: line.goalItemId,
            objectiveId: line.objectiveId,
            position: line.position,
            code: line.suggestion.code,
            suggestedCode: line.suggestion.code,
            suggestion: suggestionJson(line.suggestion),
          })),
        );
      }
      Object.assign(details, {
        reportId: report!.id,
        reportCardDate: period.reportCardDate,
        lines: lines.length,
        suggested: lines.filter((l) => l.suggestion.code !== null).length,
      });
      return { reportId: report!.id };
    },
  );
}

/** Locks a draft for a change: issued → CONFLICT (never changes), stale lock version → CONFLICT. */
async function lockDraft(tx: Executor, reportId: string, lockVersion: number): Promise<ReportRow> {
  const [row] = await tx.select().from(progressReports).where(eq(progressReports.id, reportId)).for("update");
  if (!row || row.status !== "draft") throw new AppError("CONFLICT", "progressReports.errors.alreadyIssued");
  if (row.lockVersion !== lockVersion) throw new AppError("CONFLICT", "progressReports.errors.stale");
  return row;
}

/** Writes the typed codes and justifications of a draft; returns the items as saved and how many changed. */
async function applyItems(
  tx: Executor,
  report: ReportRow,
  typed: SaveProgressReportInput["items"],
): Promise<{ items: ItemRow[]; changed: number }> {
  const items = await itemsOf(tx, report.id);
  const byId = new Map(items.map((i) => [i.id, i]));
  const unknown = typed.findIndex((t) => !byId.has(t.id));
  if (unknown >= 0)
    throw new AppError("VALIDATION", "progressReports.errors.unknownItem", {
      fieldErrors: { [`items.${unknown}.code`]: ["progressReports.errors.unknownItem"] },
    });
  let changed = 0;
  for (const entry of typed) {
    const item = byId.get(entry.id)!;
    const code = entry.code === "" ? null : entry.code;
    if (item.code === code && item.justification === entry.justification) continue;
    await tx
      .update(progressReportItems)
      .set({ code, justification: entry.justification })
      .where(eq(progressReportItems.id, item.id));
    byId.set(item.id, { ...item, code, justification: entry.justification });
    changed++;
  }
  return { items: items.map((i) => byId.get(i.id)!), changed };
}

/**
 * `progressReport.draft`: saves the codes and justifications typed in a draft (blank allowed while
 * drafting). An issued report, or a draft saved by someone else since the form was opened, is a
 * CONFLICT and nothing changes (the form keeps the typed text). Returns the new lock version.
 */
export async function saveProgressReportDraft(
  viewer: Viewer,
  input: SaveProgressReportInput,
): Promise<{ lockVersion: number }> {
  return mutate(
    viewer,
    {
      action: "progressReport.draft",
      event: "progress_report.saved",
      load: reportTarget(input.studentId, input.reportId),
    },
    async ({ tx, target, details, unchanged }) => {
      const report = await lockDraft(tx, target.entity.report.id, input.lockVersion);
      const { changed } = await applyItems(tx, report, input.items);
      if (changed === 0) {
        unchanged();
        return { lockVersion: report.lockVersion };
      }
      await tx
        .update(progressReports)
        .set({ lockVersion: report.lockVersion + 1 })
        .where(eq(progressReports.id, report.id));
      Object.assign(details, { reportId: report.id, lines: changed });
      return { lockVersion: report.lockVersion + 1 };
    },
  );
}

/** Tells each guardian who receives notices that a report (or its correction) was issued, in their language. */
async function notifyGuardians(
  tx: Executor,
  viewer: Viewer,
  student: StudentEntity,
  report: ReportRow,
): Promise<number> {
  const rows = await tx
    .select({ userId: users.id, email: users.email, locale: users.locale })
    .from(guardianships)
    .innerJoin(users, eq(users.id, guardianships.guardianUserId))
    .where(
      and(
        eq(guardianships.studentId, student.id),
        eq(guardianships.receivesNotices, true),
        eq(guardianships.restricted, false),
        eq(users.isActive, true),
        inForce(guardianships, viewer.today),
      ),
    );
  const kind = report.correctsId ? "progress_report.corrected" : "progress_report.issued";
  let queued = 0;
  for (const row of rows) {
    const { t, formatDate } = await translatorFor(row.locale);
    const values = {
      student: student.firstName,
      date: formatDate(report.reportCardDate),
      url: `${appUrl()}/students/${student.id}/progress/reports/${report.id}`,
      reason: report.correctionReason ?? "",
    };
    const sent = await enqueueNotification(tx, {
      districtId: viewer.districtId,
      userId: row.userId,
      to: row.email,
      kind,
      dedupeKey: `${kind}:${report.id}:${row.userId}`,
      subject: t(`progressReports.notifications.${report.correctsId ? "correctedSubject" : "issuedSubject"}`, values),
      body: t(`progressReports.notifications.${report.correctsId ? "correctedBody" : "issuedBody"}`, values),
    });
    if (sent) queued++;
  }
  return queued;
}

/**
 * `progressReport.issue` (the case manager): saves the typed lines and issues the report. Refused
 * with every problem named (nothing written): a line without a code or justification, and a goal or
 * objective with no data in the period unless coded Not Introduced (with its reason, the
 * justification) — PM-3. The date given is today or up to 30 days back, not before the period. The
 * lines' suggestions and data summaries are frozen, the report is rendered in the family's language
 * and stored as sent (PDF + SHA-256), the row is then frozen (trigger). The first version writes the
 * `progress_report_sent` case event (source workflow) that meets D-13, and deadlines are refreshed;
 * guardians who receive notices are told (a correction: with its reason).
 */
export async function issueProgressReport(
  viewer: Viewer,
  input: IssueProgressReportInput,
): Promise<{ documentId: string; sha256: string }> {
  return mutate(
    viewer,
    {
      action: "progressReport.issue",
      event: "progress_report.issued",
      load: reportTarget(input.studentId, input.reportId),
      submissionKey: input.submissionKey,
    },
    async ({ tx, target, details }) => {
      const { student } = target.entity;
      const report = await lockDraft(tx, target.entity.report.id, input.lockVersion);
      const { items } = await applyItems(tx, report, input.items);
      const lines = await computeLines(tx, {
        districtId: report.districtId,
        schoolId: student.schoolId,
        studentId: student.id,
        versionId: report.planVersionId,
        periodStart: report.periodStart,
        reportCardDate: report.reportCardDate,
      });
      const fieldErrors: Record<string, string[]> = {};
      const indexOf = (item: ItemRow) => input.items.findIndex((t) => t.id === item.id);
      const missing = missingLines(lines, items);
      for (const item of items) {
        const i = indexOf(item);
        const at = i >= 0 ? i : item.position;
        if (!item.code) fieldErrors[`items.${at}.code`] = ["progressReports.errors.codeRequired"];
        else if (missing.some((l) => l.goalId === item.goalId && l.objectiveId === item.objectiveId))
          fieldErrors[`items.${at}.code`] = ["progressReports.errors.missingData"];
        if (item.justification.trim() === "")
          fieldErrors[`items.${at}.justification`] = ["progressReports.errors.justificationRequired"];
      }
      if (input.issuedOn > viewer.today) fieldErrors.issuedOn = ["progressReports.errors.issuedInFuture"];
      else if (input.issuedOn < addDays(viewer.today, -MAX_DAYS_BACK))
        fieldErrors.issuedOn = ["progressReports.errors.issuedTooLongAgo"];
      else if (input.issuedOn < report.periodStart)
        fieldErrors.issuedOn = ["progressReports.errors.issuedBeforePeriod"];
      if (Object.keys(fieldErrors).length > 0)
        throw new AppError("VALIDATION", "progressReports.errors.incomplete", { fieldErrors });

      const { issued, stored } = await freezeAndIssue(tx, {
        student,
        report,
        items,
        lines,
        deliveryMethod: input.deliveryMethod,
        issuedOn: input.issuedOn,
        issuedBy: viewer.userId,
      });
      if (!report.correctsId) await refreshDeadlines(tx, { districtId: report.districtId, studentIds: [student.id] });
      Object.assign(details, {
        reportId: report.id,
        version: report.version,
        documentId: stored.id,
        sha256: stored.sha256,
        language: report.language,
        deliveryMethod: input.deliveryMethod,
        guardiansNotified: await notifyGuardians(tx, viewer, student, issued),
      });
      return { documentId: stored.id, sha256: stored.sha256 };
    },
  );
}

/**
 * `progressReport.issue`: starts a correction of an issued report (PM-4) — a new draft version of
 * the same period with the reason, its lines copied from the report it corrects (the suggestions
 * recomputed from today's data). The corrected report stays readable; it is superseded when the
 * correction is issued, and the family is told then. Only the latest issued version may be corrected.
 */
export async function startProgressReportCorrection(
  viewer: Viewer,
  input: CorrectProgressReportInput,
): Promise<{ reportId: string }> {
  return mutate(
    viewer,
    {
      action: "progressReport.issue",
      event: "progress_report.correction_started",
      load: reportTarget(input.studentId, input.reportId),
    },
    async ({ tx, target, details }) => {
      const { student, report } = target.entity;
      if (report.status !== "issued") throw new AppError("CONFLICT", "progressReports.errors.notIssued");
      const [successor] = await tx
        .select({ id: progressReports.id })
        .from(progressReports)
        .where(eq(progressReports.correctsId, report.id))
        .limit(1);
      if (successor) throw new AppError("CONFLICT", "progressReports.errors.alreadyCorrected");
      const [row] = await tx
        .insert(progressReports)
        .values({
          districtId: report.districtId,
          studentId: report.studentId,
          planId: report.planId,
          planVersionId: report.planVersionId,
          periodStart: report.periodStart,
          reportCardDate: report.reportCardDate,
          version: report.version + 1,
          correctsId: report.id,
          correctionReason: input.reason,
          language: familyLanguage(student.parentLanguage),
          createdBy: viewer.userId,
        })
        .returning({ id: progressReports.id });
      const [previous, lines] = await Promise.all([
        itemsOf(tx, report.id),
        computeLines(tx, {
          districtId: report.districtId,
          schoolId: student.schoolId,
          studentId: student.id,
          versionId: report.planVersionId,
          periodStart: report.periodStart,
          reportCardDate: report.reportCardDate,
        }),
      ]);
      if (lines.length) {
        await tx.insert(progressReportItems).values(
          lines.map((line) => {
            const before = previous.find((i) => i.goalId === line.goalId && i.objectiveId === line.objectiveId);
            return {
              reportId: row!.id,
              goalId: line.goalId,
              goalItemId: line.goalItemId,
              objectiveId: line.objectiveId,
              position: line.position,
              code: before?.code ?? line.suggestion.code,
              justification: before?.justification ?? "",
              suggestedCode: line.suggestion.code,
              suggestion: suggestionJson(line.suggestion),
            };
          }),
        );
      }
      Object.assign(details, { reportId: row!.id, corrects: report.id, version: report.version + 1 });
      return { reportId: row!.id };
    },
  );
}

function itemView(item: ItemRow | undefined, line: Line, missing: boolean): ReportItemView {
  return {
    id: item?.id ?? "",
    code: item?.code ?? null,
    justification: item?.justification ?? "",
    suggestedCode: line.suggestion.code,
    rule: line.suggestion.rule,
    facts: line.suggestion.facts,
    summary: line.suggestion.summary,
    missing,
  };
}

/**
 * One progress report. Staff with `progressReport.draft.read` (district admin, principal, case
 * manager) see drafts — with the suggestions, the missing-data list and a preview — and issued
 * versions; a guardian (`progressReport.read`) sees a report only once issued, exactly as issued.
 * Logged in the record of access. NOT_FOUND outside the scope and for a guardian's draft.
 */
export async function getProgressReport(
  viewer: Viewer,
  studentId: string,
  reportId: string,
): Promise<ProgressReportDetail> {
  const target = await read(viewer, {
    action: (t) =>
      can({ role: viewer.role }, "progressReport.draft.read", t) ? "progressReport.draft.read" : "progressReport.read",
    load: reportTarget(studentId, reportId),
    event: "progress_report.viewed",
  });
  const { student, report } = target.entity;
  const staff = target.may("progressReport.draft.read");
  if (!staff && report.status !== "issued") throw new AppError("NOT_FOUND");
  const db = getDb();
  const [items, chain] = await Promise.all([
    itemsOf(db, report.id),
    db
      .select({
        id: progressReports.id,
        version: progressReports.version,
        status: progressReports.status,
        issuedOn: progressReports.issuedOn,
        correctsId: progressReports.correctsId,
      })
      .from(progressReports)
      .where(and(eq(progressReports.planId, report.planId), eq(progressReports.reportCardDate, report.reportCardDate)))
      .orderBy(asc(progressReports.version)),
  ]);
  const lines = await linesOf(db, student, report, items);
  const missing = report.status === "draft" ? missingLines(lines, items) : [];
  const goals: ReportGoalView[] = lines
    .filter((l) => l.objectiveId === null)
    .map((goal) => {
      const find = (l: Line) => items.find((i) => i.goalId === l.goalId && i.objectiveId === l.objectiveId);
      return {
        number: goal.goalNumber,
        area: goal.area,
        text: goal.text,
        item: itemView(find(goal), goal, missing.includes(goal)),
        objectives: lines
          .filter((l) => l.goalId === goal.goalId && l.objectiveId !== null)
          .map((o) => ({ number: o.objectiveNumber!, text: o.text, item: itemView(find(o), o, missing.includes(o)) })),
      };
    });
  const successor = chain.find((r) => r.correctsId === report.id && r.status === "issued");
  const stored = report.documentId ? await loadStoredDocument(db, report.documentId) : null;
  const visibleChain = chain.filter((r) => staff || r.status === "issued");
  return {
    studentId: student.id,
    studentName: studentName(student),
    today: viewer.today,
    staff,
    report: {
      id: report.id,
      status: report.status,
      version: report.version,
      periodStart: report.periodStart,
      reportCardDate: report.reportCardDate,
      language: report.language,
      deliveryMethod: report.deliveryMethod,
      issuedOn: report.issuedOn,
      correctionReason: report.correctionReason,
      lockVersion: report.lockVersion,
      supersededBy: successor?.id ?? null,
    },
    goals,
    missing: missing.map((l) => ({ goal: l.goalNumber, objective: l.objectiveNumber })),
    versions: visibleChain.map(({ id, version, status, issuedOn }) => ({ id, version, status, issuedOn })),
    document: stored?.model ?? (await buildDocument(db, student, report, items, lines, "draft")),
    sha256: stored?.sha256 ?? null,
    canEdit: report.status === "draft" && target.may("progressReport.draft"),
    canCorrect:
      report.status === "issued" &&
      target.may("progressReport.issue") &&
      !chain.some((r) => r.correctsId === report.id),
  };
}

/** The stored PDF of an issued report, exactly as issued (staff or the student's guardian). Logs the download. */
export async function getProgressReportPdf(
  viewer: Viewer,
  studentId: string,
  reportId: string,
): Promise<{ pdf: Uint8Array; sha256: string; reportCardDate: string; version: number }> {
  const target = await read(viewer, {
    action: "progressReport.read",
    load: reportTarget(studentId, reportId),
    event: "progress_report.downloaded",
  });
  const { report } = target.entity;
  if (report.status !== "issued" || !report.documentId) throw new AppError("NOT_FOUND");
  const stored = await loadStoredDocument(getDb(), report.documentId);
  if (!stored) throw new AppError("NOT_FOUND");
  return { pdf: stored.pdf, sha256: stored.sha256, reportCardDate: report.reportCardDate, version: report.version };
}

/**
 * `progressReport.read`: a student's reporting periods (D-13: each report-card date on which an IEP
 * was in force, whose period has begun), newest first, each with its reports. A guardian sees only
 * issued reports, and only periods that have one; staff with `progressReport.draft.read` see drafts,
 * and the case manager may draft a period without a report. Logged in the record of access. Bounded:
 * five queries whatever the number of periods.
 */
export async function listProgressReports(viewer: Viewer, studentId: string): Promise<ProgressReportsOverview> {
  const target = await read(viewer, {
    action: "progressReport.read",
    load: iepStudentTarget(studentId),
    event: "progress_report.listed",
  });
  const student = target.entity;
  const staff = target.may("progressReport.draft.read");
  const db = getDb();
  const [versions, reports] = await Promise.all([
    db
      .select({ effectiveOn: planVersions.effectiveOn, endedOn: planVersions.endedOn })
      .from(planVersions)
      .where(
        and(
          eq(planVersions.studentId, student.id),
          eq(planVersions.planType, "iep"),
          inArray(planVersions.status, [...IN_FORCE_STATUSES]),
          sql`${planVersions.effectiveOn} is not null`,
        ),
      ),
    db
      .select({
        id: progressReports.id,
        reportCardDate: progressReports.reportCardDate,
        periodStart: progressReports.periodStart,
        version: progressReports.version,
        status: progressReports.status,
        issuedOn: progressReports.issuedOn,
        correctsId: progressReports.correctsId,
      })
      .from(progressReports)
      .where(eq(progressReports.studentId, student.id))
      .orderBy(desc(progressReports.reportCardDate), asc(progressReports.version))
      .limit(500),
  ]);
  const first = versions.map((v) => v.effectiveOn!).sort()[0];
  const periods = first
    ? await studentReportingPeriods(
        db,
        { ...student, districtId: viewer.districtId },
        { from: first, to: addDays(viewer.today, 366) },
      )
    : [];
  const inForceOn = (day: string) =>
    versions.some((v) => v.effectiveOn! <= day && (v.endedOn === null || v.endedOn >= day));
  const mayDraft = target.may("progressReport.draft");
  const dates = new Set([
    ...periods.filter((p) => p.start <= viewer.today && inForceOn(p.reportCardDate)).map((p) => p.reportCardDate),
    ...reports.map((r) => r.reportCardDate),
  ]);
  const rows = [...dates]
    .sort((a, b) => b.localeCompare(a))
    .map((date) => {
      const ofPeriod = reports.filter((r) => r.reportCardDate === date);
      const visible = ofPeriod.filter((r) => staff || r.status === "issued");
      return {
        periodStart: ofPeriod[0]?.periodStart ?? periods.find((p) => p.reportCardDate === date)!.start,
        reportCardDate: date,
        reports: visible.map((r) => ({
          id: r.id,
          version: r.version,
          status: r.status,
          issuedOn: r.issuedOn,
          superseded: ofPeriod.some((c) => c.correctsId === r.id && c.status === "issued"),
        })),
        canDraft: mayDraft && ofPeriod.length === 0,
      };
    })
    .filter((p) => staff || p.reports.length > 0);
  return {
    studentId: student.id,
    studentName: studentName(student),
    today: viewer.today,
    staff,
    periods: rows,
  };
}
