import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import {
  auditEvents,
  caseEvents,
  caseloads,
  outbox,
  planGoals,
  progressReportItems,
  progressReports,
  storedDocuments,
  students,
  users,
} from "@/db/schema";
import { setupTestDatabase } from "@/db/testing/database";
import { deadlinesOf, schoolDaysFrom } from "@/db/testing/deadlines";
import { fieldErrorsOf } from "@/db/testing/errors";
import { countAudit, createWorld, viewerFor, type World } from "@/db/testing/factories";
import { legalRecordFor } from "@/db/testing/lifecycle-fixtures";
import { ownerDb } from "@/db/testing/owner";
import { completeIepContent } from "@/db/testing/plan-fixtures";
import { sha256Hex, type LegalDocument } from "@/lib/documents/model";
import type { ProgressReportDetail } from "@/lib/dto/progress-reports";
import type { IssueProgressReportInput } from "@/lib/validation/progress-reports";
import { AppError } from "@/lib/errors";
import { emptyMeasure } from "@/lib/validation/goal-measure";
import type { IepContent } from "@/lib/validation/plans";
import { addReportCardDate } from "./calendar";
import { buildWorkQueue } from "./work-queue";
import { activateVersion, createPlan, finalizeVersion, saveDraft } from "./plans";
import { getStudentProgress, recordGoalData } from "./progress";
import {
  createProgressReportDraft,
  getProgressReport,
  getProgressReportPdf,
  issueProgressReport,
  listProgressReports,
  saveProgressReportDraft,
  startProgressReportCorrection,
} from "./progress-reports";
import type { Viewer } from "./viewer";

const db = setupTestDatabase();
const code = (c: string) => (e: unknown) => e instanceof AppError && e.code === c;

let world: World;
let admin: Viewer;
let caseManager: Viewer;
let teacher: Viewer;
let otherTeacher: Viewer;
let parent: Viewer;
let effectiveOn: string;
let firstCard: string;
let secondCard: string;
let reportId: string;

/** Reading goal (percent 40 → 80) with a count objective; behavior goal (decrease) with an objective; a narrative goal. */
function content(meetingDate: string): IepContent {
  const base = completeIepContent({ meetingDate });
  const reading = base.goals[0]!;
  const objective = reading.objectives[0]!;
  const measure = (unit: "percent" | "count", baseline: string, target: string, direction = "increase" as const) => ({
    ...emptyMeasure(),
    unit,
    direction,
    baselineValue: baseline,
    baselineDate: meetingDate,
    targetValue: target,
  });
  return {
    ...base,
    goals: [
      {
        ...reading,
        measure: measure("percent", "40", "80"),
        objectives: [{ ...objective, id: randomUUID(), measure: measure("count", "2", "8") }],
      },
      {
        ...reading,
        id: randomUUID(),
        area: "behavior",
        text: "Will reduce call-outs during whole-group lessons.",
        measure: { ...measure("count", "12", "3"), direction: "decrease" },
        objectives: [{ ...objective, id: randomUUID(), text: "Will raise a hand before speaking." }],
      },
      {
        ...reading,
        id: randomUUID(),
        area: "social_emotional",
        text: "Will describe a peer's point of view.",
        objectives: [{ ...objective, id: randomUUID(), text: "Will name a feeling in a story." }],
      },
    ],
  };
}

const late = { method: "Probe", setting: "", note: "", lateReason: "Entered from the paper probe sheet" };

async function issueInput(
  detail: ProgressReportDetail,
  over: Partial<IssueProgressReportInput> = {},
): Promise<IssueProgressReportInput> {
  const items = detail.goals.flatMap((g) => [g.item, ...g.objectives.map((o) => o.item)]);
  return {
    studentId: world.students.child.id,
    reportId: detail.report.id,
    lockVersion: detail.report.lockVersion,
    items: items.map((i) => ({ id: i.id, code: i.code ?? ("" as const), justification: i.justification })),
    deliveryMethod: "portal",
    issuedOn: caseManager.today,
    submissionKey: randomUUID(),
    ...over,
  };
}

beforeAll(async () => {
  world = await createWorld();
  admin = await viewerFor(world.users.admin);
  caseManager = await viewerFor(world.users.caseManager);
  teacher = await viewerFor(world.users.teacher);
  otherTeacher = await viewerFor(world.users.otherTeacher);
  const school = world.schoolA.id;
  // The family reads Spanish: reports are issued in Spanish.
  await db().update(students).set({ parentLanguage: "es" }).where(eq(students.id, world.students.child.id));
  await db().update(users).set({ locale: "es" }).where(eq(users.id, world.users.parent.id));
  parent = await viewerFor(world.users.parent);
  effectiveOn = await schoolDaysFrom(school, world.today, 60);
  firstCard = await schoolDaysFrom(school, world.today, 35);
  secondCard = await schoolDaysFrom(school, world.today, 5);
  await db()
    .insert(caseloads)
    .values({ caseManagerId: world.users.caseManager.id, studentId: world.students.child.id, startsOn: "2020-01-01" });
  const created = await createPlan(caseManager, { studentId: world.students.child.id, type: "iep" });
  await saveDraft(caseManager, {
    versionId: created.versionId,
    lockVersion: 1,
    content: content(await schoolDaysFrom(school, world.today, 62)),
  });
  await legalRecordFor(getDb(), created.versionId, caseManager.userId);
  await finalizeVersion(caseManager, { versionId: created.versionId });
  await activateVersion(caseManager, { versionId: created.versionId, effectiveOn });
  await addReportCardDate(admin, { schoolId: school, date: firstCard, label: "Quarter 1" });
  await addReportCardDate(admin, { schoolId: school, date: secondCard, label: "Quarter 2" });

  const progress = await getStudentProgress(caseManager, world.students.child.id);
  const [reading, behavior, narrative] = progress.goals;
  // Second period (after the first report card): the reading goal along its aimline, its objective
  // rising; the behavior goal flat at baseline (no objective data); one narrative note on goal 3.
  const days = await Promise.all([30, 20, 10].map((n) => schoolDaysFrom(school, world.today, n)));
  for (const [i, day] of days.entries()) {
    await recordGoalData(caseManager, {
      ...late,
      goalId: reading!.id,
      objectiveId: "",
      observedOn: day,
      value: String(70 + i * 5),
    });
    await recordGoalData(caseManager, {
      ...late,
      goalId: reading!.id,
      objectiveId: reading!.objectives[0]!.id,
      observedOn: day,
      value: String(3 + i),
    });
    await recordGoalData(caseManager, { ...late, goalId: behavior!.id, objectiveId: "", observedOn: day, value: "12" });
  }
  // First period: one probe on each of the two measured goals.
  const early = await schoolDaysFrom(school, world.today, 40);
  await recordGoalData(caseManager, { ...late, goalId: reading!.id, objectiveId: "", observedOn: early, value: "60" });
  await recordGoalData(caseManager, { ...late, goalId: behavior!.id, objectiveId: "", observedOn: early, value: "12" });
  await recordGoalData(caseManager, {
    ...late,
    goalId: narrative!.id,
    objectiveId: "",
    observedOn: days[1]!,
    value: "",
    note: "Named how a classmate felt after a lost game.",
  });
});

describe("D-13 reporting periods and drafting (PM-2, PM-3)", () => {
  it("lists each report-card date with the IEP in force, newest first; only the case manager may draft", async () => {
    const overview = await listProgressReports(caseManager, world.students.child.id);
    expect(overview.periods.map((p) => [p.reportCardDate, p.canDraft, p.reports.length])).toEqual([
      [secondCard, true, 0],
      [firstCard, true, 0],
    ]);
    expect(overview.periods[0]!.periodStart > firstCard).toBe(true);
    const principal = await viewerFor(world.users.principalA);
    expect((await listProgressReports(principal, world.students.child.id)).periods.every((p) => !p.canDraft)).toBe(
      true,
    );
    expect((await listProgressReports(parent, world.students.child.id)).periods).toEqual([]);
  });

  it("refuses drafting to a teacher (403, audited), to another school's teacher (404) and to the parent", async () => {
    const input = { studentId: world.students.child.id, reportCardDate: secondCard };
    await expect(createProgressReportDraft(teacher, input)).rejects.toSatisfy(code("FORBIDDEN"));
    expect(await countAudit(teacher.userId, "progress_report.drafted", "denied")).toBe(1);
    await expect(createProgressReportDraft(otherTeacher, input)).rejects.toSatisfy(code("NOT_FOUND"));
    await expect(createProgressReportDraft(parent, input)).rejects.toSatisfy(code("FORBIDDEN"));
    expect(
      await db().select().from(progressReports).where(eq(progressReports.studentId, world.students.child.id)),
    ).toEqual([]);
  });

  it("refuses a date that is not a report-card date of the school", async () => {
    await expect(
      createProgressReportDraft(caseManager, { studentId: world.students.child.id, reportCardDate: world.today }),
    ).rejects.toSatisfy((e: unknown) => e instanceof AppError && e.messageKey === "progressReports.errors.noPeriod");
  });

  it("the case manager drafts: one line per goal and per objective, codes prefilled from the data, the missing data listed", async () => {
    const before = await countAudit(caseManager.userId, "progress_report.drafted");
    ({ reportId } = await createProgressReportDraft(caseManager, {
      studentId: world.students.child.id,
      reportCardDate: secondCard,
    }));
    expect(await countAudit(caseManager.userId, "progress_report.drafted")).toBe(before + 1);
    await expect(
      createProgressReportDraft(caseManager, { studentId: world.students.child.id, reportCardDate: secondCard }),
    ).rejects.toSatisfy(code("CONFLICT"));

    const detail = await getProgressReport(caseManager, world.students.child.id, reportId);
    expect(detail.report).toMatchObject({ status: "draft", version: 1, language: "es", reportCardDate: secondCard });
    const [reading, behavior, narrative] = detail.goals;
    expect(reading!.item).toMatchObject({ code: "satisfactory_progress", rule: "atAimline", missing: false });
    expect(reading!.item.summary).toMatchObject({ points: 3, first: { value: 70 }, last: { value: 80 }, mean: 75 });
    expect(reading!.objectives[0]!.item.code).not.toBeNull();
    expect(behavior!.item).toMatchObject({ code: "no_progress", rule: "flatOrWorse" });
    // No data yet: prefilled Not Introduced, still missing until the case manager gives the reason.
    expect(behavior!.objectives[0]!.item).toMatchObject({ code: "not_introduced", rule: "notStarted", missing: true });
    expect(behavior!.objectives[0]!.item.summary.points).toBe(0);
    expect(narrative!.item).toMatchObject({ code: null, rule: "narrative", missing: false });
    expect(narrative!.objectives[0]!.item).toMatchObject({ code: "not_introduced", missing: true });
    expect(detail.missing).toEqual([
      { goal: 2, objective: 1 },
      { goal: 3, objective: 1 },
    ]);
    expect(detail.document.status).toBe("draft");
    expect(detail.document.language).toBe("es");
    expect(detail.canEdit).toBe(true);
  });

  it("the parent never sees a draft (404); the principal reads it (draft.read) but cannot edit", async () => {
    await expect(getProgressReport(parent, world.students.child.id, reportId)).rejects.toSatisfy(code("NOT_FOUND"));
    await expect(getProgressReportPdf(parent, world.students.child.id, reportId)).rejects.toSatisfy(code("NOT_FOUND"));
    const principal = await viewerFor(world.users.principalA);
    expect((await getProgressReport(principal, world.students.child.id, reportId)).canEdit).toBe(false);
    await expect(getProgressReport(teacher, world.students.child.id, reportId)).rejects.toSatisfy(code("FORBIDDEN"));
  });
});

describe("PM-3/PM-4: issuing", () => {
  it("missing data blocks issuing unless coded Not Introduced; each line needs a code and a justification; nothing is written", async () => {
    const detail = await getProgressReport(caseManager, world.students.child.id, reportId);
    const input = await issueInput(detail);
    // Recode the behavior objective (no data) as Limited: missing data.
    input.items[3]!.code = "limited_progress";
    const errors = (await fieldErrorsOf(issueProgressReport(caseManager, input)))!;
    expect(errors["items.3.code"]).toEqual(["progressReports.errors.missingData"]);
    expect(errors["items.4.code"]).toEqual(["progressReports.errors.codeRequired"]);
    expect(errors["items.0.justification"]).toEqual(["progressReports.errors.justificationRequired"]);
    const [row] = await db().select().from(progressReports).where(eq(progressReports.id, reportId));
    expect(row).toMatchObject({ status: "draft", lockVersion: 1 });
    const items = await db().select().from(progressReportItems).where(eq(progressReportItems.reportId, reportId));
    expect(items.find((i) => i.position === 3)!.code).toBe("not_introduced");
    expect(
      await db()
        .select()
        .from(caseEvents)
        .where(and(eq(caseEvents.studentId, world.students.child.id), eq(caseEvents.type, "progress_report_sent"))),
    ).toEqual([]);
    expect(
      (await fieldErrorsOf(issueProgressReport(caseManager, { ...input, issuedOn: "2099-01-01" })))!.issuedOn,
    ).toEqual(["progressReports.errors.issuedInFuture"]);
  });

  it("saves a draft (audited), and a stale save is a CONFLICT that changes nothing", async () => {
    const detail = await getProgressReport(caseManager, world.students.child.id, reportId);
    const input = await issueInput(detail);
    input.items[0]!.justification = "Reading accuracy rose from 70% to 80% on weekly probes.";
    expect(await saveProgressReportDraft(caseManager, input)).toEqual({ lockVersion: 2 });
    expect(await countAudit(caseManager.userId, "progress_report.saved")).toBe(1);
    input.items[1]!.justification = "typed while someone else saved";
    await expect(saveProgressReportDraft(caseManager, input)).rejects.toSatisfy(code("CONFLICT"));
    const items = await db().select().from(progressReportItems).where(eq(progressReportItems.reportId, reportId));
    expect(items.find((i) => i.position === 1)!.justification).toBe("");
  });

  it("issues: stored as sent in Spanish with its SHA-256, the progress_report_sent event meets D-13, the parent is told", async () => {
    const detail = await getProgressReport(caseManager, world.students.child.id, reportId);
    const input = await issueInput(detail);
    input.items.forEach((item, i) => {
      item.justification ||= `Justificación ${i + 1}: según las sondas semanales.`;
      item.code ||= "satisfactory_progress";
    });
    input.items[4]!.code = "limited_progress";
    const before = await countAudit(caseManager.userId, "progress_report.issued");
    const { documentId, sha256 } = await issueProgressReport(caseManager, input);
    expect(await countAudit(caseManager.userId, "progress_report.issued")).toBe(before + 1);

    const [report] = await db().select().from(progressReports).where(eq(progressReports.id, reportId));
    expect(report).toMatchObject({
      status: "issued",
      deliveryMethod: "portal",
      issuedOn: caseManager.today,
      documentId,
    });
    const [stored] = await db().select().from(storedDocuments).where(eq(storedDocuments.id, documentId));
    expect(stored).toMatchObject({ kind: "progress_report", language: "es", sha256 });
    expect(sha256Hex(stored!.pdf)).toBe(sha256);
    // PM-5: the goals and the objective with data in the period carry their chart (reading, its
    // objective, behavior): in the stored model as data with its table, in the PDF as images (each
    // a PNG with its alpha mask).
    const model = stored!.model as unknown as LegalDocument;
    const charts = model.sections.flatMap((s) => s.blocks).filter((b) => b.kind === "chart");
    expect(charts).toHaveLength(3);
    expect(charts.every((c) => c.kind === "chart" && c.image === undefined && c.table.rows.length === 3)).toBe(true);
    expect(
      Buffer.from(stored!.pdf)
        .toString("latin1")
        .match(/\/Subtype \/Image/g),
    ).toHaveLength(6);

    const [event] = await db()
      .select()
      .from(caseEvents)
      .where(and(eq(caseEvents.studentId, world.students.child.id), eq(caseEvents.type, "progress_report_sent")));
    expect(event).toMatchObject({ source: "workflow", sourceId: reportId, date: caseManager.today });
    const d13 = await deadlinesOf(world.students.child.id, "D-13");
    expect(d13.find((d) => d.due === secondCard)?.status).toBe("late");
    expect(d13.find((d) => d.due === firstCard)?.status).not.toBe("met");

    const messages = await db().select().from(outbox).where(eq(outbox.userId, world.users.parent.id));
    expect(messages.map((m) => m.kind)).toEqual(["progress_report.issued"]);
    expect(messages[0]!.subject).toContain("informe de progreso");
    expect(messages[0]!.body).toContain(`/students/${world.students.child.id}/progress/reports/${reportId}`);
  });

  it("an issued report cannot be changed or deleted: by the app (CONFLICT), by SQL as the app role or as the owner (trigger)", async () => {
    const detail = await getProgressReport(caseManager, world.students.child.id, reportId);
    await expect(saveProgressReportDraft(caseManager, await issueInput(detail))).rejects.toSatisfy(code("CONFLICT"));
    const attempts = [
      sql`update progress_reports set delivery_method = 'mail' where id = ${reportId}`,
      sql`update progress_report_items set justification = 'changed' where report_id = ${reportId}`,
      sql`update progress_report_items set code = 'mastered' where report_id = ${reportId}`,
      sql`insert into progress_report_items (report_id, goal_id, goal_item_id, position, suggestion)
          select ${reportId}, goal_id, goal_item_id, 99, '{}'::jsonb from progress_report_items where report_id = ${reportId} limit 1`,
      sql`delete from progress_report_items where report_id = ${reportId}`,
      sql`delete from progress_reports where id = ${reportId}`,
    ];
    for (const attempt of attempts) {
      await expect(db().execute(attempt)).rejects.toThrow();
      await expect(ownerDb().execute(attempt)).rejects.toThrow(/never|cannot be changed|issued/);
    }
    const [row] = await db().select().from(progressReports).where(eq(progressReports.id, reportId));
    expect(row!.deliveryMethod).toBe("portal");
  });

  it("the parent reads the issued report exactly as issued, in Spanish, and downloads the stored PDF; each read is logged", async () => {
    const detail = await getProgressReport(parent, world.students.child.id, reportId);
    expect(detail.staff).toBe(false);
    expect(detail.canEdit).toBe(false);
    expect(detail.document.language).toBe("es");
    expect(detail.document.title).toBe("Informe de progreso sobre las metas del IEP");
    expect(detail.document.status).toBe("final");
    const pdf = await getProgressReportPdf(parent, world.students.child.id, reportId);
    expect(sha256Hex(pdf.pdf)).toBe(pdf.sha256);
    expect(pdf.sha256).toBe(detail.sha256);
    const reads = await db()
      .select({ action: auditEvents.action, studentId: auditEvents.studentId })
      .from(auditEvents)
      .where(eq(auditEvents.actorUserId, parent.userId));
    expect(reads).toEqual(
      expect.arrayContaining([
        { action: "progress_report.viewed", studentId: world.students.child.id },
        { action: "progress_report.downloaded", studentId: world.students.child.id },
      ]),
    );
    const overview = await listProgressReports(parent, world.students.child.id);
    expect(overview.periods.map((p) => p.reportCardDate)).toEqual([secondCard]);
  });
});

describe("PM-4: corrections", () => {
  it("a correction is a new version with a reason; issued, it supersedes the first (still readable), tells the parent, and writes no second event", async () => {
    await expect(
      startProgressReportCorrection(teacher, { studentId: world.students.child.id, reportId, reason: "x" }),
    ).rejects.toSatisfy(code("FORBIDDEN"));
    const { reportId: correctionId } = await startProgressReportCorrection(caseManager, {
      studentId: world.students.child.id,
      reportId,
      reason: "Goal 1's justification named the wrong probe.",
    });
    await expect(
      startProgressReportCorrection(caseManager, { studentId: world.students.child.id, reportId, reason: "again" }),
    ).rejects.toSatisfy(code("CONFLICT"));
    const draft = await getProgressReport(caseManager, world.students.child.id, correctionId);
    expect(draft.report).toMatchObject({ version: 2, status: "draft" });
    expect(draft.goals[0]!.item.justification).not.toBe("");
    // The parent does not see the correction while it is a draft.
    expect((await getProgressReport(parent, world.students.child.id, reportId)).versions.map((v) => v.version)).toEqual(
      [1],
    );
    const input = await issueInput(draft);
    input.items[0]!.justification = "Reading accuracy on weekly curriculum-based probes rose from 70% to 80%.";
    input.items[0]!.code = "mastered";
    await issueProgressReport(caseManager, input);

    const first = await getProgressReport(parent, world.students.child.id, reportId);
    expect(first.report.supersededBy).toBe(correctionId);
    expect(first.versions.map((v) => [v.version, v.status])).toEqual([
      [1, "issued"],
      [2, "issued"],
    ]);
    const second = await getProgressReport(parent, world.students.child.id, correctionId);
    expect(second.report.correctionReason).toBe("Goal 1's justification named the wrong probe.");
    const messages = await db().select().from(outbox).where(eq(outbox.userId, world.users.parent.id));
    expect(messages.map((m) => m.kind).sort()).toEqual(["progress_report.corrected", "progress_report.issued"]);
    const events = await db()
      .select()
      .from(caseEvents)
      .where(and(eq(caseEvents.studentId, world.students.child.id), eq(caseEvents.type, "progress_report_sent")));
    expect(events).toHaveLength(1);
    const overview = await listProgressReports(parent, world.students.child.id);
    expect(overview.periods[0]!.reports.map((r) => [r.version, r.superseded])).toEqual([
      [1, true],
      [2, false],
    ]);
  });

  it("a correction by direct SQL must name the issued report it corrects", async () => {
    const [row] = await db().select().from(progressReports).where(eq(progressReports.id, reportId));
    await expect(
      db()
        .insert(progressReports)
        .values({
          ...row!,
          id: randomUUID(),
          version: 5,
          correctsId: reportId,
          correctionReason: "skips versions",
          status: "draft",
          deliveryMethod: null,
          issuedOn: null,
          issuedBy: null,
          documentId: null,
        }),
    ).rejects.toThrow();
    const goals = await db().select({ id: planGoals.id }).from(planGoals).limit(1);
    expect(goals).toHaveLength(1);
  });
});

describe("PM-5: work-queue triggers from issued reports", () => {
  it("no or limited progress on a goal in two consecutive reports → consider a PPT; mastered before the plan ends → consider an amendment", async () => {
    const before = await buildWorkQueue(caseManager);
    expect(before.items.filter((i) => i.source === "progressReport").map((i) => i.title.key)).toEqual([
      "progressReports.queue.considerAmendment",
    ]);
    const { reportId: firstId } = await createProgressReportDraft(caseManager, {
      studentId: world.students.child.id,
      reportCardDate: firstCard,
    });
    const draft = await getProgressReport(caseManager, world.students.child.id, firstId);
    expect(draft.goals[0]!.item.summary.points).toBe(1);
    const input = await issueInput(draft);
    input.items.forEach((item, i) => {
      item.justification = `Line ${i + 1}: one probe in the period.`;
      item.code ||= "not_introduced";
    });
    input.items[2]!.code = "limited_progress";
    await issueProgressReport(caseManager, input);

    const queue = await buildWorkQueue(caseManager);
    const items = queue.items.filter((i) => i.source === "progressReport");
    expect(items.map((i) => [i.title.key, i.title.values])).toEqual(
      expect.arrayContaining([
        ["progressReports.queue.considerPpt", { goal: 2 }],
        ["progressReports.queue.considerAmendment", { goal: 1 }],
      ]),
    );
    expect(items).toHaveLength(2);
    expect(items[0]!.href).toContain(`/students/${world.students.child.id}/progress/reports/`);
    expect((await buildWorkQueue(teacher)).items.filter((i) => i.source === "progressReport")).toEqual([]);
  });
});
