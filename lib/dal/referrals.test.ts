import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, caseEvents, caseloads, planVersions, referrals } from "@/db/schema";
import { setupTestDatabase } from "@/db/testing/database";
import { familyStudent } from "@/db/testing/plan-builders";
import { dbError, failsOnField, failsWith } from "@/db/testing/errors";
import { deadlinesOf, givenEvents, schoolDaysFrom } from "@/db/testing/deadlines";
import { countAudit, createWorld, viewerFor, worldViewers, type World } from "@/db/testing/factories";
import { consentFor, heldMeeting, legalRecordFor, pendingFiling, sentNotice } from "@/db/testing/lifecycle-fixtures";
import { complete504Content, completeIepContent } from "@/db/testing/plan-fixtures";
import { addDays, addYears } from "@/lib/compliance/dates";
import { loadSchoolCalendars } from "@/lib/dal/internal/calendars";
import type { Viewer } from "@/lib/dal/viewer";
import type { ReferralTransitionView } from "@/lib/dto/referrals";
import { recordCaseEventSchema } from "@/lib/validation/deadlines";
import { createReferralSchema } from "@/lib/validation/referrals";
import { recordCaseEvent, voidCaseEvent } from "./case-events";
import { activateVersion, createPlan, finalizeVersion, saveDraft } from "./plans";
import {
  closeReferral,
  completeEvaluation,
  createReferral,
  decideReferral,
  determineEligibility,
  getTransition,
  recordReportRequest,
} from "./referrals";
import { buildWorkQueue } from "./work-queue";

/**
 * Initial referral and 504 → IEP (issue 12; compliance.md §3.1, §3.4; legal-review.md CL-9): every step's
 * gate in the data layer and in the database, the deadlines the transition page shows (D-01, D-07, D-23),
 * the Birth-to-Three cap and the work queue. Dates are school days relative to the world's today.
 */

const db = setupTestDatabase();
let world: World;
let caseManager: Viewer;
let principal: Viewer;
let teacher: Viewer;
let parent: Viewer;

beforeAll(async () => {
  world = await createWorld();
  ({ caseManager, principal, teacher, parent } = await worldViewers(world));
});

const fieldFails = (field: string, key: string) => failsOnField(field, key, "VALIDATION");

const ago = (n: number) => schoolDaysFrom(world.schoolA.id, caseManager.today, n);

const freshStudent = (birthDate = "2016-03-01") =>
  familyStudent(world, { firstName: "Rhea", lastName: "Referral", birthDate, grade: "4" });

/** A complete IEP whose service runs from the meeting for a year (the fixture's own dates are fixed). */
function iepContentFor(meetingDate: string) {
  const content = completeIepContent({ meetingDate });
  return {
    ...content,
    services: content.services.map((service) => ({
      ...service,
      startDate: meetingDate,
      endDate: addDays(addYears(meetingDate, 1), -1),
    })),
  };
}

async function referral(id: string) {
  const [row] = await db().select().from(referrals).where(eq(referrals.id, id));
  return row!;
}

async function teacherReferral(studentId: string, receivedOn: string) {
  return createReferral(principal, {
    studentId,
    source: "teacher",
    receivedOn,
    concern: "Reads two grade levels below peers despite support.",
    interventions: [],
  });
}

/** A referral with a held referral PPT decided "evaluate", consent to evaluate granted on `grantedOn`. */
async function evaluating(studentId: string, receivedOn: string, grantedOn: string) {
  const { referralId } = await teacherReferral(studentId, receivedOn);
  const meetingId = await heldMeeting(db(), { studentId, program: "iep", heldOn: receivedOn, purposes: ["referral"] });
  await decideReferral(caseManager, {
    studentId,
    referralId,
    meetingId,
    decision: "evaluate",
    decidedOn: receivedOn,
    safeguardsGivenOn: receivedOn,
  });
  await consentFor(db(), { studentId, versionId: null, type: "initial_evaluation", requestedOn: grantedOn });
  return referralId;
}

describe("creating a referral (compliance.md §3.1; R-07)", () => {
  it("writes the referral and its referral_received event (workflow), starts D-01, is audited once", async () => {
    const student = await freshStudent();
    const receivedOn = await ago(2);
    const { referralId } = await teacherReferral(student.id, receivedOn);
    const row = await referral(referralId);
    expect(row).toMatchObject({ status: "open", source: "teacher", receivedOn, plan504VersionId: null });
    const [event] = await db().select().from(caseEvents).where(eq(caseEvents.id, row.receivedEventId));
    expect(event).toMatchObject({
      type: "referral_received",
      date: receivedOn,
      source: "workflow",
      sourceId: referralId,
    });
    const [d01] = await deadlinesOf(student.id, "D-01");
    expect(d01).toMatchObject({ status: "open", triggerEventId: event!.id });
    expect(await countAudit(principal.userId, "referral.created")).toBeGreaterThanOrEqual(1);
    const audit = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "referral.created"), eq(auditEvents.entityId, student.id)));
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]!.details)).not.toContain("Reads two grade levels");
  });

  it("one open referral per student: a second one, or a hand-recorded referral_received, is refused", async () => {
    const student = await freshStudent();
    await teacherReferral(student.id, await ago(3));
    await expect(teacherReferral(student.id, await ago(1))).rejects.toSatisfy(
      failsWith("CONFLICT", "errors.referral.alreadyOpen"),
    );
    await expect(
      recordCaseEvent(
        caseManager,
        recordCaseEventSchema.parse({ studentId: student.id, type: "referral_received", date: await ago(1) }),
      ),
    ).rejects.toSatisfy(failsWith("CONFLICT", "errors.referral.alreadyOpen"));
    const events = await db()
      .select()
      .from(caseEvents)
      .where(and(eq(caseEvents.studentId, student.id), eq(caseEvents.type, "referral_received")));
    expect(events).toHaveLength(1);
  });

  it("adopts the open hand-recorded referral_received of the same day instead of writing a second one", async () => {
    const student = await freshStudent();
    const receivedOn = await ago(4);
    const { eventId } = await recordCaseEvent(
      caseManager,
      recordCaseEventSchema.parse({
        studentId: student.id,
        type: "referral_received",
        date: receivedOn,
      }),
    );
    await expect(teacherReferral(student.id, await ago(3))).rejects.toSatisfy(
      failsWith("CONFLICT", "errors.referral.eventOnFile"),
    );
    const { referralId } = await teacherReferral(student.id, receivedOn);
    expect((await referral(referralId)).receivedEventId).toBe(eventId);
    await expect(
      voidCaseEvent(caseManager, { studentId: student.id, eventId, reason: "Entered twice" }),
    ).rejects.toSatisfy(failsWith("CONFLICT", "errors.referral.eventInUse"));
    await expect(
      db().update(caseEvents).set({ voidedAt: new Date(), voidReason: "forged" }).where(eq(caseEvents.id, eventId)),
    ).rejects.toSatisfy(dbError(/open referral cannot be voided/));
    const events = await db()
      .select()
      .from(caseEvents)
      .where(and(eq(caseEvents.studentId, student.id), eq(caseEvents.type, "referral_received")));
    expect(events).toHaveLength(1);
  });

  it("a student with an IEP in force is refused (a reevaluation), in the DAL and in the database", async () => {
    const student = await freshStudent();
    const { versionId } = await createPlan(caseManager, { studentId: student.id, type: "iep" });
    const meetingDate = await ago(10);
    await saveDraft(caseManager, { versionId, lockVersion: 1, content: iepContentFor(meetingDate) });
    await legalRecordFor(db(), versionId, caseManager.userId);
    await finalizeVersion(caseManager, { versionId });
    await activateVersion(caseManager, { versionId, effectiveOn: meetingDate });
    await expect(teacherReferral(student.id, await ago(1))).rejects.toSatisfy(
      failsWith("VALIDATION", "errors.referral.iepInForce"),
    );
    const [event] = await givenEvents(student, [{ type: "referral_received", date: await ago(1) }]);
    await expect(
      db().insert(referrals).values({
        districtId: world.district.id,
        studentId: student.id,
        source: "teacher",
        receivedOn: event!.date,
        concern: "Forged",
        receivedEventId: event!.id,
      }),
    ).rejects.toSatisfy(dbError(/has an IEP in force/));
  });

  it("a parent's written request needs its form and date; a parent may only file that kind", async () => {
    const student = await freshStudent();
    const receivedOn = await ago(1);
    const parsed = createReferralSchema.safeParse({
      studentId: student.id,
      source: "parent_request",
      receivedOn,
      concern: "Please evaluate my son for reading.",
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.message).sort()).toEqual([
      "validation.referral.requestDatedOn",
      "validation.referral.requestForm",
    ]);
    await expect(
      createReferral(parent, { studentId: student.id, source: "teacher", receivedOn, concern: "x", interventions: [] }),
    ).rejects.toSatisfy(fieldFails("source", "validation.referral.parentSource"));
    const { referralId } = await createReferral(parent, {
      studentId: student.id,
      source: "parent_request",
      receivedOn,
      concern: "Please evaluate my son for reading.",
      requestForm: "portal",
      requestDatedOn: receivedOn,
      interventions: [],
    });
    expect(await referral(referralId)).toMatchObject({ requestForm: "portal", requestDatedOn: receivedOn });
  });

  it("a student study team lists its interventions (DAL field error; the database refuses one without at commit)", async () => {
    const student = await freshStudent();
    const receivedOn = await ago(1);
    await expect(
      createReferral(principal, {
        studentId: student.id,
        source: "student_study_team",
        receivedOn,
        concern: "x",
        interventions: [],
      }),
    ).rejects.toSatisfy(fieldFails("interventions", "validation.referral.interventionsRequired"));
    const [event] = await givenEvents(student, [{ type: "referral_received", date: receivedOn }]);
    await expect(
      db().insert(referrals).values({
        districtId: world.district.id,
        studentId: student.id,
        source: "student_study_team",
        receivedOn,
        concern: "Forged",
        receivedEventId: event!.id,
      }),
    ).rejects.toSatisfy(dbError(/lists its general-education interventions/));
    const started = await ago(30);
    const ended = await ago(5);
    const { referralId } = await createReferral(principal, {
      studentId: student.id,
      source: "student_study_team",
      receivedOn,
      concern: "Little progress after two intervention cycles.",
      interventions: [
        {
          description: "Small-group phonics, 4×/week",
          startedOn: started,
          endedOn: ended,
          outcome: "Gains below target",
        },
      ],
    });
    const view = (await getTransition(caseManager, student.id, referralId)) as ReferralTransitionView;
    expect(view.interventions).toEqual([
      {
        description: "Small-group phonics, 4×/week",
        startedOn: started,
        endedOn: ended,
        outcome: "Gains below target",
      },
    ]);
  });

  it("Birth-to-Three (D-01 cap, 300.124(b)): D-01 is due by the third birthday; a child already 3 is refused", async () => {
    const receivedOn = await ago(2);
    const third = await schoolDaysFrom(world.schoolA.id, caseManager.today, -10);
    const birthDate = `${Number(third.slice(0, 4)) - 3}${third.slice(4)}`;
    const student = await freshStudent(birthDate);
    await createReferral(principal, {
      studentId: student.id,
      source: "birth_to_three",
      receivedOn,
      concern: "Speech delay",
      interventions: [],
    });
    const [d01] = await deadlinesOf(student.id, "D-01");
    expect(d01!.due! <= third).toBe(true);
    const older = await freshStudent(`${Number(receivedOn.slice(0, 4)) - 4}-01-15`);
    await expect(
      createReferral(principal, {
        studentId: older.id,
        source: "birth_to_three",
        receivedOn,
        concern: "x",
        interventions: [],
      }),
    ).rejects.toSatisfy(fieldFails("source", "validation.referral.birthToThreeAge"));
  });

  it("a teacher of the student may refer; a teacher who does not teach the student may not see them (404)", async () => {
    const { referralId } = await createReferral(teacher, {
      studentId: world.students.inSection.id,
      source: "teacher",
      receivedOn: await ago(1),
      concern: "Struggles to follow multi-step directions.",
      interventions: [],
    });
    expect((await referral(referralId)).createdBy).toBe(teacher.userId);
    const other = await viewerFor(world.users.otherTeacher);
    await expect(
      createReferral(other, {
        studentId: world.students.onCaseload.id,
        source: "teacher",
        receivedOn: await ago(1),
        concern: "x",
        interventions: [],
      }),
    ).rejects.toSatisfy(failsWith("NOT_FOUND"));
  });
});

describe("the referral PPT's decision", () => {
  it("refused without a held referral PPT; nothing changes; the database refuses a forged decision", async () => {
    const student = await freshStudent();
    const receivedOn = await ago(5);
    const { referralId } = await teacherReferral(student.id, receivedOn);
    const annual = await heldMeeting(db(), {
      studentId: student.id,
      program: "iep",
      heldOn: receivedOn,
      purposes: ["annual_review"],
    });
    await expect(
      decideReferral(caseManager, {
        studentId: student.id,
        referralId,
        meetingId: annual,
        decision: "evaluate",
        decidedOn: receivedOn,
        safeguardsGivenOn: receivedOn,
      }),
    ).rejects.toSatisfy(fieldFails("meetingId", "errors.referral.referralMeetingNotHeld"));
    expect((await referral(referralId)).decision).toBeNull();
    await expect(
      db()
        .update(referrals)
        .set({ decision: "evaluate", decidedOn: receivedOn, referralMeetingId: annual, safeguardsGivenOn: receivedOn })
        .where(eq(referrals.id, referralId)),
    ).rejects.toSatisfy(dbError(/needs the referral PPT held/));
  });

  it("a teacher cannot record the decision (403, nothing changes, a denied audit row)", async () => {
    const student = world.students.inSection;
    const [row] = await db()
      .select()
      .from(referrals)
      .where(and(eq(referrals.studentId, student.id), eq(referrals.status, "open")));
    await expect(
      decideReferral(teacher, {
        studentId: student.id,
        referralId: row!.id,
        meetingId: row!.id,
        decision: "evaluate",
        decidedOn: await ago(0),
        safeguardsGivenOn: await ago(0),
      }),
    ).rejects.toSatisfy(failsWith("FORBIDDEN"));
    expect(await countAudit(teacher.userId, "referral.decided", "denied")).toBe(1);
  });

  it("refuse: needs the sent PWN refusing the evaluation, then closes 'not evaluated' and stops D-01", async () => {
    const student = await freshStudent();
    const receivedOn = await ago(6);
    const { referralId } = await teacherReferral(student.id, receivedOn);
    const meetingId = await heldMeeting(db(), {
      studentId: student.id,
      program: "iep",
      heldOn: await ago(3),
      purposes: ["referral"],
    });
    const input = {
      studentId: student.id,
      referralId,
      meetingId,
      decision: "refuse" as const,
      decidedOn: await ago(3),
    };
    const proposing = await sentNotice(db(), {
      studentId: student.id,
      versionId: null,
      subject: "evaluation",
      sentOn: await ago(2),
      implementationDate: await ago(2),
      sentBy: caseManager.userId,
    });
    await expect(decideReferral(caseManager, { ...input, noticeId: proposing })).rejects.toSatisfy(
      fieldFails("noticeId", "errors.referral.refusalNoticeMissing"),
    );
    expect((await referral(referralId)).status).toBe("open");
    const refusing = await sentNotice(db(), {
      studentId: student.id,
      versionId: null,
      action: "refuse",
      subject: "evaluation",
      sentOn: await ago(2),
      implementationDate: await ago(2),
      sentBy: caseManager.userId,
    });
    await givenEvents(student, [
      { type: "pwn_sent", date: await ago(2), pwnAction: "refuse", pwnSubject: "evaluation" },
    ]);
    await decideReferral(caseManager, { ...input, noticeId: refusing });
    const [d01] = await deadlinesOf(student.id, "D-01");
    expect(d01!.status).toBe("stopped");
    expect(await referral(referralId)).toMatchObject({ status: "closed", outcome: "not_evaluated" });
  });
});

describe("evaluation, the report request (D-07) and eligibility", () => {
  it("the evaluation cannot be completed before consent to evaluate (C-01) is granted — DAL and database", async () => {
    const student = await freshStudent();
    const receivedOn = await ago(20);
    const { referralId } = await teacherReferral(student.id, receivedOn);
    const meetingId = await heldMeeting(db(), {
      studentId: student.id,
      program: "iep",
      heldOn: await ago(18),
      purposes: ["referral"],
    });
    await decideReferral(caseManager, {
      studentId: student.id,
      referralId,
      meetingId,
      decision: "evaluate",
      decidedOn: await ago(18),
      safeguardsGivenOn: await ago(18),
    });
    await expect(
      completeEvaluation(caseManager, { studentId: student.id, referralId, completedOn: await ago(1) }),
    ).rejects.toSatisfy(failsWith("VALIDATION", "errors.referral.evaluationConsentMissing"));
    await expect(
      db()
        .update(referrals)
        .set({ evaluationCompletedOn: await ago(1) })
        .where(eq(referrals.id, referralId)),
    ).rejects.toSatisfy(dbError(/only after the parent granted consent/));
    await consentFor(db(), {
      studentId: student.id,
      versionId: null,
      type: "initial_evaluation",
      requestedOn: await ago(15),
    });
    await expect(
      completeEvaluation(caseManager, { studentId: student.id, referralId, completedOn: await ago(16) }),
    ).rejects.toSatisfy(fieldFails("completedOn", "validation.referral.completedBeforeConsent"));
    await completeEvaluation(caseManager, { studentId: student.id, referralId, completedOn: await ago(2) });
    expect((await referral(referralId)).evaluationCompletedOn).toBe(await ago(2));
  });

  it("eligibility before the evaluation is refused (DAL and database); the report request shows D-07's date", async () => {
    const student = await freshStudent();
    const referralId = await evaluating(student.id, await ago(25), await ago(22));
    const meetingId = await heldMeeting(db(), {
      studentId: student.id,
      program: "iep",
      heldOn: await ago(1),
      purposes: ["eligibility"],
    });
    await expect(
      determineEligibility(caseManager, {
        studentId: student.id,
        referralId,
        meetingId,
        needsSdi: "yes",
        disabilityCategory: "sld_dyslexia",
      }),
    ).rejects.toSatisfy(failsWith("VALIDATION", "errors.referral.evaluationNotCompleted"));
    const [forged] = await givenEvents(student, [
      { type: "eligibility_determined", date: await ago(1), eligibilityKind: "initial", eligible: true },
    ]);
    await expect(
      db()
        .update(referrals)
        .set({
          needsSdi: true,
          disabilityCategory: "autism",
          eligibilityMeetingId: meetingId,
          eligibilityEventId: forged!.id,
        })
        .where(eq(referrals.id, referralId)),
    ).rejects.toSatisfy(dbError(/after the evaluation/));
  });

  it("D-07: the parent's request for the report shows its date, 3 school days before the scheduled eligibility PPT", async () => {
    const student = await freshStudent();
    const referralId = await evaluating(student.id, await ago(25), await ago(22));
    await recordReportRequest(caseManager, { studentId: student.id, referralId, requestedOn: await ago(3) });
    const scheduledOn = await schoolDaysFrom(world.schoolA.id, caseManager.today, -8);
    await db()
      .execute(sql`insert into meetings (district_id, student_id, program, status, purposes, scheduled_on, starts_at, location, language)
      values (${world.district.id}, ${student.id}, 'iep', 'scheduled', array['eligibility']::meeting_purpose[], ${scheduledOn}, '15:00', 'Room 4', 'en')`);
    const view = (await getTransition(caseManager, student.id, referralId)) as ReferralTransitionView;
    const calendar = (await loadSchoolCalendars(db(), [world.schoolA.id])).get(world.schoolA.id)!;
    expect(view.reportDue).toBe(calendar.nthSchoolDayBefore(scheduledOn, 3));
    expect(view.steps.find((s) => s.key === "evaluationReport")!.deadline).toMatchObject({
      ruleId: "D-07",
      due: view.reportDue,
    });
    expect(view.current).toBe("evaluation");
    const queue = await buildWorkQueue(caseManager);
    expect(queue.items.find((i) => i.key === `referral-report:${referralId}`)).toMatchObject({
      due: view.reportDue,
      href: `/students/${student.id}/transitions/${referralId}`,
    });
  });

  it("not eligible: writes eligibility_determined (not eligible), then closing needs the PWN (DAL and database)", async () => {
    const student = await freshStudent();
    const referralId = await evaluating(student.id, await ago(30), await ago(28));
    await completeEvaluation(caseManager, { studentId: student.id, referralId, completedOn: await ago(10) });
    const meetingId = await heldMeeting(db(), {
      studentId: student.id,
      program: "iep",
      heldOn: await ago(5),
      purposes: ["eligibility"],
    });
    await determineEligibility(caseManager, { studentId: student.id, referralId, meetingId, needsSdi: "no" });
    const row = await referral(referralId);
    const [event] = await db().select().from(caseEvents).where(eq(caseEvents.id, row.eligibilityEventId!));
    expect(event).toMatchObject({
      type: "eligibility_determined",
      eligibilityKind: "initial",
      eligible: false,
      source: "workflow",
    });
    const [d01] = await deadlinesOf(student.id, "D-01");
    expect(d01!.status).toBe("met");
    await expect(
      db()
        .update(referrals)
        .set({ status: "closed", outcome: "not_eligible", closedOn: await ago(1) })
        .where(eq(referrals.id, referralId)),
    ).rejects.toSatisfy(dbError(/referrals_closed|not eligible needs/));
    const early = await sentNotice(db(), {
      studentId: student.id,
      versionId: null,
      subject: "identification",
      sentOn: await ago(7),
      implementationDate: await ago(7),
      sentBy: caseManager.userId,
    });
    await expect(
      closeReferral(caseManager, { studentId: student.id, referralId, outcome: "not_eligible", noticeId: early }),
    ).rejects.toSatisfy(fieldFails("noticeId", "errors.referral.ineligibilityNoticeMissing"));
    const notice = await sentNotice(db(), {
      studentId: student.id,
      versionId: null,
      subject: "identification",
      sentOn: await ago(4),
      implementationDate: await ago(4),
      sentBy: caseManager.userId,
    });
    const view = (await getTransition(caseManager, student.id, referralId)) as ReferralTransitionView;
    expect(view).toMatchObject({
      current: "notEligibleNotice",
      blockedBy: null,
      identificationNotices: [{ id: notice }],
    });
    await closeReferral(caseManager, { studentId: student.id, referralId, outcome: "not_eligible", noticeId: notice });
    expect(await referral(referralId)).toMatchObject({
      status: "closed",
      outcome: "not_eligible",
      closingNoticeId: notice,
    });
    await expect(
      db().update(referrals).set({ concern: "changed" }).where(eq(referrals.id, referralId)),
    ).rejects.toSatisfy(dbError(/is closed/));
    await expect(db().delete(referrals).where(eq(referrals.id, referralId))).rejects.toSatisfy(
      dbError(/cannot be deleted|42501/),
    );
  });

  it("stay-put (300.518): a referral is not closed while a due-process filing is pending (DAL and database)", async () => {
    const student = await freshStudent();
    const referralId = await evaluating(student.id, await ago(12), await ago(10));
    const refusalId = await consentFor(db(), {
      studentId: student.id,
      versionId: null,
      type: "initial_evaluation",
      requestedOn: await ago(8),
      decisions: ["refused"],
    });
    expect(refusalId).toBeTruthy();
    await pendingFiling(db(), { studentId: student.id, filedOn: await ago(1) });
    await expect(
      closeReferral(caseManager, { studentId: student.id, referralId, outcome: "consent_refused" }),
    ).rejects.toSatisfy(failsWith("VALIDATION", "errors.referral.stayPut"));
    expect((await referral(referralId)).status).toBe("open");
    const view = (await getTransition(caseManager, student.id, referralId)) as ReferralTransitionView;
    expect(view).toMatchObject({ blockedBy: "stayPut", nextActor: { role: "districtAdmin" } });
  });

  it("consent to evaluate refused: the referral closes 'consent refused' with that refusal", async () => {
    const student = await freshStudent();
    const { referralId } = await teacherReferral(student.id, await ago(12));
    await expect(
      closeReferral(caseManager, { studentId: student.id, referralId, outcome: "consent_refused" }),
    ).rejects.toSatisfy(failsWith("VALIDATION", "errors.referral.noConsentRefusal"));
    await consentFor(db(), {
      studentId: student.id,
      versionId: null,
      type: "initial_evaluation",
      requestedOn: await ago(8),
      decisions: ["refused"],
    });
    await closeReferral(caseManager, { studentId: student.id, referralId, outcome: "consent_refused" });
    expect(await referral(referralId)).toMatchObject({
      status: "closed",
      outcome: "consent_refused",
      closedOn: await ago(8),
    });
  });
});

describe("504 → IEP (compliance.md §3.4; CL-9)", () => {
  it("the 504 plan stays in force through the referral; the IEP in force ends it the day before and closes the referral", async () => {
    const student = await freshStudent();
    const { versionId: plan504 } = await createPlan(principal, { studentId: student.id, type: "504" });
    const meeting504 = await ago(40);
    await saveDraft(principal, {
      versionId: plan504,
      lockVersion: 1,
      content: complete504Content({ meetingDate: meeting504, reviewDate: addYears(meeting504, 1) }),
    });
    await legalRecordFor(db(), plan504, principal.userId);
    await finalizeVersion(principal, { versionId: plan504 });
    await activateVersion(principal, { versionId: plan504, effectiveOn: meeting504 });

    const receivedOn = await ago(30);
    const referralId = await evaluating(student.id, receivedOn, await ago(28));
    expect((await referral(referralId)).plan504VersionId).toBe(plan504);
    await completeEvaluation(caseManager, { studentId: student.id, referralId, completedOn: await ago(15) });
    const eligibilityMeeting = await heldMeeting(db(), {
      studentId: student.id,
      program: "iep",
      heldOn: await ago(12),
      purposes: ["eligibility"],
    });
    await determineEligibility(caseManager, {
      studentId: student.id,
      referralId,
      meetingId: eligibilityMeeting,
      needsSdi: "yes",
      disabilityCategory: "specific_learning_disability",
    });
    const [d03] = await deadlinesOf(student.id, "D-03");
    expect(d03!.status).toBe("open");
    let view = (await getTransition(principal, student.id, referralId)) as ReferralTransitionView;
    expect(view).toMatchObject({ flow: "504_to_iep", current: "iepDevelopment", nextActor: { role: "caseManager" } });
    expect(view.steps.at(-1)).toMatchObject({ key: "plan504Ends", state: "pending" });
    const [still504] = await db().select().from(planVersions).where(eq(planVersions.id, plan504));
    expect(still504!.status).toBe("active");

    const { versionId: iep } = await createPlan(caseManager, { studentId: student.id, type: "iep" });
    const iepMeeting = await ago(5);
    await saveDraft(caseManager, {
      versionId: iep,
      lockVersion: 1,
      content: iepContentFor(iepMeeting),
    });
    await legalRecordFor(db(), iep, caseManager.userId);
    await finalizeVersion(caseManager, { versionId: iep });
    const effectiveOn = await ago(0);
    await activateVersion(caseManager, { versionId: iep, effectiveOn, endActive504: true });

    const [ended504] = await db().select().from(planVersions).where(eq(planVersions.id, plan504));
    expect(ended504).toMatchObject({ status: "ended" });
    expect(await referral(referralId)).toMatchObject({
      status: "closed",
      outcome: "iep_in_force",
      closedOn: effectiveOn,
    });
    view = (await getTransition(principal, student.id, referralId)) as ReferralTransitionView;
    expect(view.current).toBeNull();
    expect(view.steps.at(-1)).toMatchObject({ key: "plan504Ends", state: "done" });
  });

  it("the work queue gives the open referral to the case manager, linked to the transition page", async () => {
    const student = await freshStudent();
    const { referralId } = await teacherReferral(student.id, await ago(2));
    const queue = await buildWorkQueue(caseManager);
    expect(queue.items.find((i) => i.key === `referral:${referralId}`)).toMatchObject({
      source: "referral",
      title: { key: "referrals.queue.decide" },
      href: `/students/${student.id}/transitions/${referralId}`,
    });
    const other = await buildWorkQueue(await viewerFor(world.users.principalB));
    expect(other.items.some((i) => i.key === `referral:${referralId}`)).toBe(false);
    expect((await buildWorkQueue(principal)).items.some((i) => i.key === `referral:${referralId}`)).toBe(false);
    await db()
      .update(caseloads)
      .set({ endsOn: await ago(1) })
      .where(eq(caseloads.studentId, student.id));
    const principalQueue = await buildWorkQueue(principal);
    expect(principalQueue.items.find((i) => i.key === `referral:${referralId}`)).toMatchObject({
      reason: "noCaseManager",
    });
  });

  it("the transition page is 404 for an unknown id and outside the scope; a parent may not read it", async () => {
    const student = await freshStudent();
    const { referralId } = await teacherReferral(student.id, await ago(2));
    await expect(getTransition(caseManager, student.id, student.id)).rejects.toSatisfy(failsWith("NOT_FOUND"));
    await expect(getTransition(await viewerFor(world.users.principalB), student.id, referralId)).rejects.toSatisfy(
      failsWith("NOT_FOUND"),
    );
    await expect(getTransition(parent, student.id, referralId)).rejects.toSatisfy(failsWith("FORBIDDEN"));
  });
});
