import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { caseloads, planVersions } from "@/db/schema";
import { setupTestDatabase } from "@/db/testing/database";
import { deadlinesOf, schoolDaysFrom } from "@/db/testing/deadlines";
import { fieldErrorsOf } from "@/db/testing/errors";
import { createWorld, viewerFor, type World } from "@/db/testing/factories";
import { legalRecordFor } from "@/db/testing/lifecycle-fixtures";
import { completeIepContent } from "@/db/testing/plan-fixtures";
import { addDays } from "@/lib/compliance";
import { AppError } from "@/lib/errors";
import type { IepContent } from "@/lib/validation/plans";
import { addReportCardDate } from "./calendar";
import { getDataSettings, updateDataSettings } from "./district-settings";
import { activateVersion, createPlan, finalizeVersion, saveDraft } from "./plans";
import { recordGoalData, getStudentProgress } from "./progress";
import {
  createProgressReportDraft,
  getProgressReport,
  issueProgressReport,
  listProgressReports,
} from "./progress-reports";
import { listReportingPeriods } from "./report-cards";
import { buildWorkQueue } from "./work-queue";
import type { Viewer } from "./viewer";

const db = setupTestDatabase();
const code = (c: string) => (e: unknown) => e instanceof AppError && e.code === c;

let world: World;
let admin: Viewer;
let caseManager: Viewer;
let parent: Viewer;
let meetingDate: string;
let effectiveOn: string;
let reportCard: string;
/** The dates the IEP writes: one past, one ahead. */
let iepFirst: string;
let iepSecond: string;
let versionId: string;

/** The district setting (D-13, [U]) through the admin's settings form: saving it recomputes the deadlines. */
async function schedule(value: "report_cards" | "iep_schedule") {
  await updateDataSettings(admin, { ...(await getDataSettings(admin)), progressReports: value });
}

beforeAll(async () => {
  world = await createWorld();
  admin = await viewerFor(world.users.admin);
  caseManager = await viewerFor(world.users.caseManager);
  parent = await viewerFor(world.users.parent);
  const school = world.schoolA.id;
  meetingDate = await schoolDaysFrom(school, world.today, 50);
  effectiveOn = await schoolDaysFrom(school, world.today, 48);
  reportCard = await schoolDaysFrom(school, world.today, 15);
  iepFirst = await schoolDaysFrom(school, world.today, 25);
  iepSecond = await schoolDaysFrom(school, world.today, -15);
  await addReportCardDate(admin, { schoolId: school, date: reportCard, label: "Quarter 1" });
  await db()
    .insert(caseloads)
    .values({ caseManagerId: world.users.caseManager.id, studentId: world.students.child.id, startsOn: "2020-01-01" });
  const created = await createPlan(caseManager, { studentId: world.students.child.id, type: "iep" });
  versionId = created.versionId;
  const content: IepContent = {
    ...completeIepContent({ meetingDate }),
    progressReporting: {
      kind: "dates",
      everyWeeks: "",
      dates: [
        { id: randomUUID(), date: iepFirst },
        { id: randomUUID(), date: iepSecond },
      ],
    },
  };
  await saveDraft(caseManager, { versionId, lockVersion: 1, content });
  await legalRecordFor(getDb(), versionId, caseManager.userId);
  await finalizeVersion(caseManager, { versionId });
  await activateVersion(caseManager, { versionId, effectiveOn });
  const [goal] = (await getStudentProgress(caseManager, world.students.child.id)).goals;
  await recordGoalData(caseManager, {
    goalId: goal!.id,
    objectiveId: "",
    observedOn: await schoolDaysFrom(school, world.today, 30),
    value: "",
    method: "Probe",
    setting: "",
    note: "Read the passage aloud with two self-corrections.",
    lateReason: "Entered from the paper probe sheet",
  });
});

describe("D-13 with report cards (the default district setting)", () => {
  it("periods, drafting and the deadline rows follow the school's report-card dates, not the IEP's", async () => {
    const overview = await listProgressReports(caseManager, world.students.child.id);
    expect(overview.periods.map((p) => [p.periodStart <= effectiveOn, p.reportCardDate])).toEqual([[true, reportCard]]);
    expect((await deadlinesOf(world.students.child.id, "D-13")).map((d) => d.due)).toEqual([reportCard]);
    await expect(
      createProgressReportDraft(caseManager, { studentId: world.students.child.id, reportCardDate: iepFirst }),
    ).rejects.toSatisfy(code("VALIDATION"));
  });
});

describe("D-13 on the IEP's own schedule (district setting iep_schedule, PM-2)", () => {
  it("the deadline rows, the queue and the periods follow the dates the IEP writes — one source for all three", async () => {
    await schedule("iep_schedule");
    const d13 = await deadlinesOf(world.students.child.id, "D-13");
    expect(d13.map((d) => [d.due, d.status, d.unit])).toEqual([
      [iepFirst, "open", "report_card"],
      [iepSecond, "open", "report_card"],
    ]);
    const queue = await buildWorkQueue(caseManager);
    expect(
      queue.items
        .filter((i) => i.title.key === "deadlines.rules.D-13.title")
        .map((i) => i.due)
        .sort(),
    ).toEqual([iepFirst, iepSecond]);
    const reporting = await listReportingPeriods(parent, world.students.child.id, {
      from: effectiveOn,
      to: addDays(world.today, 365),
    });
    expect(reporting).toEqual({
      schedule: "iep_schedule",
      periods: [
        { start: effectiveOn, end: iepFirst, reportCardDate: iepFirst },
        { start: addDays(iepFirst, 1), end: iepSecond, reportCardDate: iepSecond },
      ],
    });
    // Periods that have begun, newest first: the second is under way, so the case manager may draft it early.
    const overview = await listProgressReports(caseManager, world.students.child.id);
    expect(overview.periods.map((p) => [p.periodStart, p.reportCardDate, p.canDraft])).toEqual([
      [addDays(iepFirst, 1), iepSecond, true],
      [effectiveOn, iepFirst, true],
    ]);
  });

  it("drafting takes the IEP's period and refuses the report-card date; issuing meets the D-13 row of that date", async () => {
    await expect(
      createProgressReportDraft(caseManager, { studentId: world.students.child.id, reportCardDate: reportCard }),
    ).rejects.toSatisfy(code("VALIDATION"));
    const { reportId } = await createProgressReportDraft(caseManager, {
      studentId: world.students.child.id,
      reportCardDate: iepFirst,
    });
    const detail = await getProgressReport(caseManager, world.students.child.id, reportId);
    expect([detail.report.periodStart, detail.report.reportCardDate]).toEqual([effectiveOn, iepFirst]);
    const items = detail.goals.flatMap((g) => [g.item, ...g.objectives.map((o) => o.item)]);
    // The objective has no data in the period: issuing is refused until it is coded Not Introduced.
    expect(
      await fieldErrorsOf(
        issueProgressReport(caseManager, {
          studentId: world.students.child.id,
          reportId,
          lockVersion: detail.report.lockVersion,
          items: items.map((i) => ({
            id: i.id,
            code: "satisfactory_progress" as const,
            justification: "Reads with support.",
          })),
          deliveryMethod: "portal",
          issuedOn: caseManager.today,
          submissionKey: randomUUID(),
        }),
      ),
    ).toEqual({ "items.1.code": ["progressReports.errors.missingData"] });
    await issueProgressReport(caseManager, {
      studentId: world.students.child.id,
      reportId,
      lockVersion: detail.report.lockVersion,
      items: items.map((i, n) =>
        n === 0
          ? { id: i.id, code: "satisfactory_progress" as const, justification: "Reads aloud with self-corrections." }
          : { id: i.id, code: "not_introduced" as const, justification: "Not yet taught this period." },
      ),
      deliveryMethod: "portal",
      issuedOn: caseManager.today,
      submissionKey: randomUUID(),
    });
    // Sent after the IEP's first date and before its second (the D-13 contract): late for the first
    // date, and a report within the second date's window, so that one is met.
    expect((await deadlinesOf(world.students.child.id, "D-13")).map((d) => [d.due, d.status])).toEqual([
      [iepFirst, "late"],
      [iepSecond, "met"],
    ]);
  });

  it("back to report cards: the deadline rows return to the school's dates", async () => {
    await schedule("report_cards");
    expect((await deadlinesOf(world.students.child.id, "D-13")).map((d) => d.due)).toEqual([reportCard]);
    await schedule("iep_schedule");
  });

  it("finalizing refuses a schedule out of order or outside the IEP's year (D-13), naming each date", async () => {
    const created = await createPlan(caseManager, { studentId: world.students.onCaseload.id, type: "iep" });
    const dates = [addDays(meetingDate, 200), addDays(meetingDate, 100), addDays(meetingDate, 400)];
    await saveDraft(caseManager, {
      versionId: created.versionId,
      lockVersion: 1,
      content: {
        ...completeIepContent({ meetingDate }),
        progressReporting: { kind: "dates", everyWeeks: "", dates: dates.map((date) => ({ id: randomUUID(), date })) },
      },
    });
    await legalRecordFor(getDb(), created.versionId, caseManager.userId);
    const error = await finalizeVersion(caseManager, { versionId: created.versionId }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    const missing = ((error as AppError).details as { missing: { key: string; rule: string; path: string }[] }).missing;
    expect(missing.filter((m) => m.rule === "D-13")).toEqual([
      {
        key: "reportingDateOrder",
        rule: "D-13",
        path: "progressReporting.dates.1.date",
        params: { n: 2, previous: 1 },
      },
      { key: "reportingDateOutside", rule: "D-13", path: "progressReporting.dates.2.date", params: { n: 3 } },
    ]);
  });

  it("the draft's schedule is validated on save: a date that is no date is refused with its field", async () => {
    const [row] = await db()
      .select({ id: planVersions.id, lockVersion: planVersions.lockVersion, content: planVersions.content })
      .from(planVersions)
      .where(eq(planVersions.studentId, world.students.onCaseload.id));
    const content = row!.content as IepContent;
    const errors = await fieldErrorsOf(
      saveDraft(caseManager, {
        versionId: row!.id,
        lockVersion: row!.lockVersion,
        content: {
          ...content,
          progressReporting: { kind: "dates", everyWeeks: "", dates: [{ id: randomUUID(), date: "2027-02-30" }] },
        },
      }),
    );
    expect(Object.keys(errors ?? {})).toEqual(["content.progressReporting.dates.0.date"]);
  });
});
