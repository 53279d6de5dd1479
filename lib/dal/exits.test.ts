import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  auditEvents,
  caseEvents,
  consentRequests,
  consentResponses,
  courtGuardianships,
  dueProcessFilings,
  outbox,
  planEnds,
  planVersions,
  priorWrittenNotices,
  recordDisclosures,
} from "@/db/schema";
import { setupTestDatabase } from "@/db/testing/database";
import { familyStudent } from "@/db/testing/plan-builders";
import { expectExitRefusedUnderStayPut } from "@/db/testing/stay-put";
import { dbError, failsOnField, failsWith } from "@/db/testing/errors";
import { ownerDb } from "@/db/testing/owner";
import { countAudit, createWorld, viewerFor, worldViewers, type World } from "@/db/testing/factories";
import { heldMeeting, legalRecordFor, pendingFiling, sentNotice } from "@/db/testing/lifecycle-fixtures";
import { complete504Content, completeIepContent } from "@/db/testing/plan-fixtures";
import { addDays, addYears } from "@/lib/compliance/dates";
import type { Viewer } from "@/lib/dal/viewer";
import { AppError } from "@/lib/errors";
import { runScheduledActivations } from "@/lib/jobs/plan-activation";
import { getDecisionRights, recordCourtGuardianship } from "./adult-students";
import { getStudentConsents, recordConsentResponse, requestConsent, respondToConsent } from "./consents";
import {
  cancelPlanEnd,
  holdPlanEndForStayPut,
  listStudentDisclosures,
  recordRecordsTransfer,
  resolveHeldEnd,
} from "./exits";
import { activateVersion, createPlan, finalizeVersion, saveDraft } from "./plans";
import { listStudentAccessLog } from "./students";
import { end504Plan, endIep, getStudentTransitions } from "./transitions";
import { buildWorkQueue } from "./work-queue";

/**
 * Exits, cancelling an end, stay-put holds, records transfers and the age of majority (issue 12).
 * Rule ids: compliance.md §3.2 (L-1, L-2), §3.4, A-04 (FERPA 99.32), A-12; legal-review.md CL-6,
 * CL-7, CL-9, CL-10; D-11.
 */

const db = setupTestDatabase();
let world: World;
let caseManager: Viewer;
let principal: Viewer;
let teacher: Viewer;
let admin: Viewer;

beforeAll(async () => {
  world = await createWorld();
  ({ caseManager, principal, teacher, admin } = await worldViewers(world));
});

/** The IEP took effect 60 calendar days before the world's today (a school day or not: any day works). */
const effective = () => addDays(caseManager.today, -60);

const freshStudent = (birthDate = addYears(caseManager.today, -15)) =>
  familyStudent(world, { firstName: "Ezra", lastName: "Exit", birthDate, grade: "11" });

async function activeIep(studentId: string) {
  const { versionId } = await createPlan(caseManager, { studentId, type: "iep" });
  await saveDraft(caseManager, {
    versionId,
    lockVersion: 1,
    content: completeIepContent({
      meetingDate: addDays(effective(), -5),
      transition: {
        assessments: "Career interest inventory.",
        postsecondaryEducation: "Community college.",
        employment: "Part-time retail.",
        independentLiving: "Weekly budget.",
        services: "Job shadowing.",
        rightsTransfer: "The student and the parents were informed that the rights transfer to the student at 18.",
      },
    }),
  });
  await legalRecordFor(db(), versionId, caseManager.userId);
  await finalizeVersion(caseManager, { versionId });
  await activateVersion(caseManager, { versionId, effectiveOn: effective() });
  return versionId;
}

async function exitNotice(studentId: string, implementationDate: string) {
  return sentNotice(db(), {
    studentId,
    versionId: null,
    program: "iep",
    subject: "placement",
    sentOn: addDays(effective(), 7),
    implementationDate,
    sentBy: caseManager.userId,
  });
}

async function status(versionId: string) {
  const [row] = await db().select().from(planVersions).where(eq(planVersions.id, versionId));
  return row!.status;
}

async function endsOf(versionId: string) {
  return db().select().from(planEnds).where(eq(planEnds.versionId, versionId)).orderBy(planEnds.createdAt);
}

async function movedEnd(daysAhead = 10) {
  const student = await freshStudent();
  const iep = await activeIep(student.id);
  const endsOn = addDays(caseManager.today, daysAhead);
  const { endId } = await endIep(caseManager, {
    studentId: student.id,
    versionId: iep,
    reason: "moved",
    noticeId: await exitNotice(student.id, endsOn),
    receivingDistrict: "Hartford Public Schools",
    receivingSchool: "Bulkeley High School",
  });
  return { student, iep, endsOn, endId };
}

describe("cancelling a scheduled plan end (its lead, before its date, with a reason)", () => {
  it("the case manager cancels with a reason: the IEP stays in force, the notice stays sent, one audit row; the job leaves it", async () => {
    const { student, iep, endsOn, endId } = await movedEnd();
    await expect(
      cancelPlanEnd(caseManager, { studentId: student.id, endId, reason: "   " } as never),
    ).rejects.toSatisfy(dbError(/plan_ends_cancel_reason/));
    const before = await countAudit(caseManager.userId, "plan.end_cancelled");
    await cancelPlanEnd(caseManager, { studentId: student.id, endId, reason: "The family is staying in town." });
    const [end] = await endsOf(iep);
    expect(end).toMatchObject({ status: "cancelled", cancelReason: "The family is staying in town." });
    expect(await countAudit(caseManager.userId, "plan.end_cancelled")).toBe(before + 1);
    await runScheduledActivations({ today: endsOn, districtId: world.district.id });
    expect(await status(iep)).toBe("active");
    const [notice] = await db()
      .select({ status: priorWrittenNotices.status })
      .from(priorWrittenNotices)
      .where(eq(priorWrittenNotices.id, end!.noticeId!));
    expect(notice!.status).toBe("sent");
    await expect(cancelPlanEnd(caseManager, { studentId: student.id, endId, reason: "Again." })).rejects.toSatisfy(
      failsWith("CONFLICT", "errors.transition.notScheduled"),
    );
    const transitions = await getStudentTransitions(caseManager, student.id);
    expect(transitions!.endable).not.toBeNull();
  });

  it("refused for a teacher and a principal (not the IEP's lead), and on or after its date; nothing changes", async () => {
    const { student, iep, endId } = await movedEnd();
    for (const viewer of [teacher, principal])
      await expect(cancelPlanEnd(viewer, { studentId: student.id, endId, reason: "No." })).rejects.toBeInstanceOf(
        AppError,
      );
    const late = await movedEnd(0);
    expect(await status(late.iep)).toBe("ended");
    await expect(
      cancelPlanEnd(caseManager, { studentId: late.student.id, endId: late.endId, reason: "Too late." }),
    ).rejects.toSatisfy(failsWith("CONFLICT", "errors.transition.notScheduled"));
    expect((await endsOf(iep))[0]!.status).toBe("scheduled");
  });

  it("the database refuses a cancellation without a reason and any change to a cancelled end", async () => {
    const { endId } = await movedEnd();
    await expect(
      db().execute(sql`update plan_ends set status = 'cancelled', cancelled_at = now() where id = ${endId}`),
    ).rejects.toSatisfy(dbError(/plan_ends_cancel_reason/));
    await db().execute(
      sql`update plan_ends set status = 'cancelled', cancelled_at = now(), cancel_reason = 'Stayed.' where id = ${endId}`,
    );
    await expect(
      db().execute(sql`update plan_ends set status = 'scheduled', cancelled_at = null where id = ${endId}`),
    ).rejects.toSatisfy(dbError(/is cancelled/));
  });
});

describe("stay-put (CL-7, 300.518): a filing after the notice, before the end's date, keeps the IEP", () => {
  it("staff mark the IEP as continuing; the job never completes it; once resolved for the district the end is rescheduled", async () => {
    const { student, iep, endsOn, endId } = await movedEnd();
    await expect(holdPlanEndForStayPut(caseManager, { studentId: student.id, endId })).rejects.toSatisfy(
      failsWith("VALIDATION", "errors.transition.noFilingToHold"),
    );
    const filing = await pendingFiling(db(), { studentId: student.id, filedOn: caseManager.today });
    await holdPlanEndForStayPut(caseManager, { studentId: student.id, endId });
    const [held] = await endsOf(iep);
    expect(held).toMatchObject({ status: "scheduled", stayPutFilingId: filing, stayPutOn: caseManager.today });
    const view = await getStudentTransitions(caseManager, student.id);
    expect(view!.ends[0]).toMatchObject({ heldUnderStayPut: true, filingClosed: false, canResolve: false });

    await expect(
      resolveHeldEnd(caseManager, {
        studentId: student.id,
        endId,
        outcome: "reschedule",
        endsOn: addDays(endsOn, 5),
        note: "Too early.",
      }),
    ).rejects.toSatisfy(failsWith("VALIDATION", "errors.transition.filingStillPending"));
    await db()
      .update(dueProcessFilings)
      .set({ status: "resolved", closedOn: caseManager.today, closingNote: "Hearing officer upheld the proposal." })
      .where(eq(dueProcessFilings.id, filing));
    await runScheduledActivations({ today: endsOn, districtId: world.district.id });
    expect(await status(iep)).toBe("active");
    await expect(
      db().execute(sql`update plan_ends set status = 'completed', completed_at = now() where id = ${endId}`),
    ).rejects.toSatisfy(dbError(/continues under stay-put/));

    await expect(
      resolveHeldEnd(caseManager, {
        studentId: student.id,
        endId,
        outcome: "reschedule",
        endsOn: addDays(caseManager.today, -1),
        note: "Upheld.",
      }),
    ).rejects.toSatisfy(failsOnField("endsOn", "errors.transition.rescheduleInPast"));
    const newDate = addDays(endsOn, 7);
    const result = await resolveHeldEnd(caseManager, {
      studentId: student.id,
      endId,
      outcome: "reschedule",
      endsOn: newDate,
      note: "The hearing officer upheld the district's proposal.",
    });
    const [old, next] = await endsOf(iep);
    expect(old).toMatchObject({
      status: "cancelled",
      cancelReason: "The hearing officer upheld the district's proposal.",
    });
    expect(next).toMatchObject({ id: result.endId, status: "scheduled", endsOn: newDate, rescheduledFromId: endId });
    await runScheduledActivations({ today: newDate, districtId: world.district.id });
    expect(await status(iep)).toBe("ended");
    const [exited] = await db()
      .select()
      .from(caseEvents)
      .where(and(eq(caseEvents.studentId, student.id), eq(caseEvents.type, "exited")));
    expect(exited).toMatchObject({ exitReason: "moved", date: addDays(newDate, -1) });
  });

  it("when the parent prevails the held end is cancelled and the IEP continues; the database refuses a forged hold or reschedule", async () => {
    const { student, iep, endId } = await movedEnd();
    const filing = await pendingFiling(db(), { studentId: student.id, filedOn: caseManager.today });
    await expect(
      db().execute(sql`update plan_ends set stay_put_filing_id = ${filing} where id = ${endId}`),
    ).rejects.toSatisfy(dbError(/plan_ends_stay_put/));
    await holdPlanEndForStayPut(caseManager, { studentId: student.id, endId });
    await expect(
      db().execute(sql`update plan_ends set stay_put_filing_id = null, stay_put_on = null where id = ${endId}`),
    ).rejects.toSatisfy(dbError(/stay-put hold is never changed/));
    await db()
      .update(dueProcessFilings)
      .set({ status: "agreement", closedOn: caseManager.today, closingNote: "The parties agreed the IEP continues." })
      .where(eq(dueProcessFilings.id, filing));
    await resolveHeldEnd(caseManager, {
      studentId: student.id,
      endId,
      outcome: "cancel",
      note: "The parties agreed in writing that the IEP continues.",
    });
    expect((await endsOf(iep)).map((e) => e.status)).toEqual(["cancelled"]);
    expect(await status(iep)).toBe("active");
    const v = (await endsOf(iep))[0]!;
    await expect(
      db().execute(
        sql`insert into plan_ends (district_id, student_id, plan_id, version_id, plan_type, reason, ends_on, notice_id, rescheduled_from_id)
            values (${world.district.id}, ${student.id}, ${v.planId}, ${iep}, 'iep', 'not_eligible', ${addDays(caseManager.today, 20)}, ${v.noticeId}, ${endId})`,
      ),
    ).rejects.toSatisfy(dbError(/reschedules only a cancelled stay-put end|no reevaluation/));
  });

  it("an IEP→504 end held under stay-put leaves the principal's queue: no 504 plan follows while the IEP continues", async () => {
    const student = await freshStudent();
    const iep = await activeIep(student.id);
    const endsOn = addDays(caseManager.today, 14);
    await db()
      .insert(caseEvents)
      .values({
        districtId: world.district.id,
        studentId: student.id,
        type: "eligibility_determined",
        eligibilityKind: "reevaluation",
        eligible: false,
        date: addDays(effective(), 5),
        recordedBy: caseManager.userId,
      });
    await heldMeeting(db(), {
      studentId: student.id,
      program: "iep",
      heldOn: addDays(effective(), 6),
      purposes: ["exit"],
    });
    const { endId } = await endIep(caseManager, {
      studentId: student.id,
      versionId: iep,
      reason: "transferred_to_504",
      noticeId: await exitNotice(student.id, endsOn),
    });
    const queued = async () =>
      (await buildWorkQueue(principal)).items.some((i) => i.source === "transition" && i.studentId === student.id);
    expect(await queued()).toBe(true);
    await pendingFiling(db(), { studentId: student.id, filedOn: caseManager.today });
    await holdPlanEndForStayPut(caseManager, { studentId: student.id, endId });
    expect(await queued()).toBe(false);
  });

  it("a hand-recorded exited event under stay-put is refused (DAL and SQL)", async () => {
    const { student } = await movedEnd();
    await pendingFiling(db(), { studentId: student.id, filedOn: caseManager.today });
    await expectExitRefusedUnderStayPut(caseManager, world.district.id, student.id);
  });
});

describe("moved out of the district: receiving district and the records transfer (FERPA 99.32, A-04)", () => {
  it("keeps the receiving district and school; the transfer is logged and shown in the record of access to the admin and the parent", async () => {
    const { student, iep, endId } = await movedEnd();
    expect((await endsOf(iep))[0]).toMatchObject({
      receivingDistrict: "Hartford Public Schools",
      receivingSchool: "Bulkeley High School",
    });
    await expect(
      recordRecordsTransfer(caseManager, {
        studentId: student.id,
        endId,
        disclosedOn: addDays(caseManager.today, 1),
        recipient: "Hartford Public Schools",
        records: "IEP",
        legitimateInterest: "Enrollment.",
      }),
    ).rejects.toSatisfy(failsOnField("disclosedOn", "errors.disclosure.inFuture"));
    await expect(
      recordRecordsTransfer(teacher, {
        studentId: student.id,
        endId,
        disclosedOn: caseManager.today,
        recipient: "Hartford Public Schools",
        records: "IEP",
        legitimateInterest: "Enrollment.",
      }),
    ).rejects.toBeInstanceOf(AppError);
    const { id } = await recordRecordsTransfer(caseManager, {
      studentId: student.id,
      endId,
      disclosedOn: caseManager.today,
      recipient: "Hartford Public Schools, special education office, 960 Main St, Hartford CT",
      records: "Current IEP, evaluation reports, progress reports, cumulative file",
      legitimateInterest: "The student enrolls there (34 CFR 99.31(a)(2), 99.34).",
    });
    const [row] = await db().select().from(recordDisclosures).where(eq(recordDisclosures.id, id));
    expect(row).toMatchObject({ basis: "school_transfer", planEndId: endId, recordedBy: caseManager.userId });
    expect(await countAudit(caseManager.userId, "records.disclosed")).toBeGreaterThan(0);

    for (const viewer of [admin, await viewerFor(world.users.parent)]) {
      const log = await listStudentDisclosures(viewer, student.id);
      expect(log).toMatchObject([{ id, recipient: expect.stringContaining("Hartford"), basis: "school_transfer" }]);
      const access = await listStudentAccessLog(viewer, student.id);
      expect(access.some((e) => e.action === "records.disclosed")).toBe(true);
    }
    await expect(listStudentDisclosures(teacher, student.id)).rejects.toBeInstanceOf(AppError);
    await expect(
      db().execute(sql`update record_disclosures set recipient = 'Someone else' where id = ${id}`),
    ).rejects.toThrow();
    await expect(db().execute(sql`delete from record_disclosures where id = ${id}`)).rejects.toThrow();
    await expect(
      ownerDb().execute(sql`update record_disclosures set recipient = 'Someone else' where id = ${id}`),
    ).rejects.toSatisfy(dbError(/append-only/));
    await expect(ownerDb().execute(sql`delete from record_disclosures where id = ${id}`)).rejects.toSatisfy(
      dbError(/append-only/),
    );
    const view = await getStudentTransitions(caseManager, student.id);
    expect(view!.ends[0]).toMatchObject({ canRecordTransfer: true, receivingSchool: "Bulkeley High School" });
  });

  it("receiving district is kept only for a move (database check)", async () => {
    const { endId } = await movedEnd();
    const [end] = await db().select().from(planEnds).where(eq(planEnds.id, endId));
    await expect(
      db().execute(
        sql`insert into plan_ends (district_id, student_id, plan_id, version_id, plan_type, reason, ends_on, notice_id, receiving_district)
            values (${end!.districtId}, ${end!.studentId}, ${end!.planId}, ${end!.versionId}, 'iep', 'graduated', ${end!.endsOn}, ${end!.noticeId}, 'Elsewhere')`,
      ),
    ).rejects.toSatisfy(dbError(/plan_ends_receiving|plan_ends_summary_of_performance/));
  });
});

describe("age of majority (CL-10; 300.520; A-12)", () => {
  async function ask(studentId: string) {
    const { requestId } = await requestConsent(caseManager, { studentId, type: "reevaluation", program: "iep" });
    const [request] = await db().select().from(consentRequests).where(eq(consentRequests.id, requestId));
    return request!;
  }

  it("the student page shows who decides today and from the 18th birthday; a minor's parents decide", async () => {
    const birthDate = addDays(addYears(caseManager.today, -18), 30);
    const student = await freshStudent(birthDate);
    const rights = await getDecisionRights(caseManager, student.id);
    expect(rights).toMatchObject({
      adult: false,
      eighteenOn: addYears(birthDate, 18),
      holderToday: "parents",
      holderFromEighteen: "adult_student",
      canRecord: true,
    });
    expect(await getDecisionRights(teacher, student.id).catch(() => null)).toBeNull();
  });

  it("from the birthday the adult student signs, not the parent; a recorded court guardian then decides and the student no longer signs", async () => {
    const student = await freshStudent(addDays(addYears(caseManager.today, -18), -10));
    const request = await ask(student.id);
    const parent = await viewerFor(world.users.parent);
    const answer = {
      requestId: request.id,
      decision: "granted" as const,
      documentSha256: request.documentSha256,
      signerName: "Pat Parent",
      readConfirmed: true,
    };
    await expect(respondToConsent(parent, answer)).rejects.toSatisfy(
      failsWith("FORBIDDEN", "errors.consent.adultStudentDecides"),
    );
    expect((await getStudentConsents(caseManager, student.id)).signers.map((s) => s.value)).toEqual(["adult_student"]);
    await expect(
      db().insert(consentResponses).values({
        requestId: request.id,
        studentId: student.id,
        decision: "granted",
        signerKind: "guardian",
        signerGuardianshipId: student.guardianshipId,
        signerName: "Pat Parent",
        method: "staff_recorded_paper",
        documentSha256: request.documentSha256,
        respondedOn: caseManager.today,
      }),
    ).rejects.toSatisfy(dbError(/only a court-appointed guardian/));

    const order = {
      studentId: student.id,
      guardianshipId: student.guardianshipId,
      court: "Probate Court, District of Hartford",
      orderDate: addDays(caseManager.today, -5),
      startsOn: addDays(caseManager.today, -5),
      documentReference: "Docket PR-26-0412; certified copy in the cumulative file",
    };
    await expect(recordCourtGuardianship(teacher, order)).rejects.toBeInstanceOf(AppError);
    await expect(
      recordCourtGuardianship(caseManager, {
        ...order,
        orderDate: addDays(caseManager.today, 1),
        startsOn: addDays(caseManager.today, 1),
      }),
    ).rejects.toSatisfy(failsOnField("orderDate", "errors.courtGuardianship.orderInFuture"));
    await expect(
      recordCourtGuardianship(caseManager, {
        ...order,
        orderDate: addDays(caseManager.today, -40),
        startsOn: addDays(caseManager.today, -40),
      }),
    ).rejects.toSatisfy(failsOnField("startsOn", "errors.courtGuardianship.beforeEighteen"));
    await recordCourtGuardianship(caseManager, order);
    expect(await countAudit(caseManager.userId, "guardianship.court_recorded")).toBeGreaterThan(0);

    const rights = await getDecisionRights(caseManager, student.id);
    expect(rights).toMatchObject({ adult: true, holderToday: "court_guardian", appointedNames: [expect.any(String)] });
    expect(rights!.orders).toHaveLength(1);
    await expect(
      recordConsentResponse(caseManager, {
        requestId: request.id,
        decision: "granted",
        documentSha256: request.documentSha256,
        signer: "adult_student",
        signedOn: caseManager.today,
      }),
    ).rejects.toSatisfy(failsOnField("signer", "errors.consent.courtGuardianDecides"));
    await expect(
      db().insert(consentResponses).values({
        requestId: request.id,
        studentId: student.id,
        decision: "granted",
        signerKind: "adult_student",
        signerName: "Ezra",
        method: "staff_recorded_paper",
        documentSha256: request.documentSha256,
        respondedOn: caseManager.today,
      }),
    ).rejects.toSatisfy(dbError(/the student does not sign/));
    await respondToConsent(parent, answer);
    const [row] = await db().select().from(consentResponses).where(eq(consentResponses.requestId, request.id));
    expect(row).toMatchObject({ signerKind: "guardian", signerGuardianshipId: student.guardianshipId });
    await expect(db().execute(sql`delete from court_guardianships where student_id = ${student.id}`)).rejects.toThrow();
    await expect(
      ownerDb().execute(sql`update court_guardianships set court = 'Other' where student_id = ${student.id}`),
    ).rejects.toSatisfy(dbError(/append-only/));
    expect(
      await db().select().from(courtGuardianships).where(eq(courtGuardianships.studentId, student.id)),
    ).toHaveLength(1);
  });

  it("notices still go to the parents after the 18th birthday: a 504 plan's end reaches the parent's outbox", async () => {
    const student = await freshStudent(addYears(caseManager.today, -19));
    const { versionId } = await createPlan(principal, { studentId: student.id, type: "504" });
    await saveDraft(principal, {
      versionId,
      lockVersion: 1,
      content: complete504Content({ meetingDate: addDays(effective(), -5), reviewDate: addYears(effective(), 1) }),
    });
    await legalRecordFor(db(), versionId, principal.userId);
    await finalizeVersion(principal, { versionId });
    await activateVersion(principal, { versionId, effectiveOn: effective() });
    const notice = await sentNotice(db(), {
      studentId: student.id,
      versionId: null,
      program: "504",
      sentOn: addDays(effective(), 7),
      implementationDate: addDays(caseManager.today, 10),
      sentBy: principal.userId,
    });
    await end504Plan(principal, { studentId: student.id, versionId, reason: "no_longer_needed", noticeId: notice });
    const queued = await db()
      .select()
      .from(outbox)
      .where(and(eq(outbox.userId, world.users.parent.id), eq(outbox.kind, "transitions.plan_end")));
    expect(queued.some((n) => n.dedupeKey.includes(versionId))).toBe(true);
  });

  it("D-11: the case manager's work queue reminds that the transfer-of-rights statement is due by the 17th birthday", async () => {
    const student = await freshStudent(addDays(addYears(caseManager.today, -17), 40));
    await activeIep(student.id);
    const queue = await buildWorkQueue(caseManager);
    const item = queue.items.find((i) => i.studentId === student.id && i.title.key === "deadlines.rules.D-11.title");
    expect(item).toBeDefined();
    expect(item!.due! <= addYears(student.birthDate, 17)).toBe(true);
  });
});

describe("the audit trail of a plan end", () => {
  it("each step of an end is in the student's audit trail (scheduled, cancelled)", async () => {
    const { iep, endId, student } = await movedEnd();
    await cancelPlanEnd(caseManager, { studentId: student.id, endId, reason: "Stayed." });
    const rows = await db()
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.studentId, student.id));
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(["plan.end_scheduled", "plan.end_cancelled"]));
    expect(await status(iep)).toBe("active");
  });
});
