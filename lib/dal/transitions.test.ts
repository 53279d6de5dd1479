import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  auditEvents,
  caseEvents,
  consentRequests,
  dueProcessFilings,
  outbox,
  planEnds,
  planVersions,
  priorWrittenNotices,
} from "@/db/schema";
import { setupTestDatabase } from "@/db/testing/database";
import { familyStudent } from "@/db/testing/plan-builders";
import { expectExitRefusedUnderStayPut } from "@/db/testing/stay-put";
import { dbError, failsWith } from "@/db/testing/errors";
import { countAudit, createWorld, viewerFor, worldViewers, type World } from "@/db/testing/factories";
import { consentFor, heldMeeting, legalRecordFor, pendingFiling, sentNotice } from "@/db/testing/lifecycle-fixtures";
import { complete504Content, completeIepContent } from "@/db/testing/plan-fixtures";
import { addDays, addYears } from "@/lib/compliance/dates";
import type { Viewer } from "@/lib/dal/viewer";
import { AppError } from "@/lib/errors";
import { findPlanGaps } from "@/lib/dal/internal/no-gap";
import { runScheduledActivations } from "@/lib/jobs/plan-activation";
import { endIepSchema } from "@/lib/validation/transitions";
import { respondToConsent } from "./consents";
import { buildWorkQueue } from "./work-queue";
import { activateVersion, createPlan, finalizeVersion, saveDraft } from "./plans";
import { end504Plan, endIep } from "./transitions";

/**
 * Ending plans (issue 12): 504→IEP, IEP exits, IEP→504, revocation, 504 plan ended, stay-put.
 * Rule ids: compliance.md §3.2 (L-1, L-2), §3.3 (Rule 504-4), §3.4; legal-review.md CL-6, CL-7, CL-9.
 */

const db = setupTestDatabase();
let world: World;
let caseManager: Viewer;
let principal: Viewer;
let teacher: Viewer;

beforeAll(async () => {
  world = await createWorld();
  ({ caseManager, principal, teacher } = await worldViewers(world));
});

const EFFECTIVE = "2026-10-20";

async function version(id: string) {
  const [row] = await db().select().from(planVersions).where(eq(planVersions.id, id));
  return row!;
}

const freshStudent = (birthDate = "2010-02-01") =>
  familyStudent(world, { firstName: "Tess", lastName: "Transition", birthDate, grade: "9" });

async function finalVersion(studentId: string, type: "iep" | "504") {
  const lead = type === "iep" ? caseManager : principal;
  const { versionId } = await createPlan(lead, { studentId, type });
  await saveDraft(lead, {
    versionId,
    lockVersion: 1,
    content:
      type === "iep"
        ? completeIepContent({
            transition: {
              assessments: "Career interest inventory (2026-09-20).",
              postsecondaryEducation: "Will attend a community college.",
              employment: "Will work part time in retail.",
              independentLiving: "Will manage a weekly budget.",
              services: "Job shadowing; college visits.",
              rightsTransfer: "On 2026-10-15 the student and the parents were told that the rights transfer at 18.",
            },
          })
        : complete504Content(),
  });
  await legalRecordFor(db(), versionId, lead.userId);
  await finalizeVersion(lead, { versionId });
  return versionId;
}

async function activeIep(studentId: string) {
  const versionId = await finalVersion(studentId, "iep");
  await activateVersion(caseManager, { versionId, effectiveOn: EFFECTIVE });
  return versionId;
}

async function exitNotice(studentId: string, implementationDate: string, program: "iep" | "504" = "iep") {
  return sentNotice(db(), {
    studentId,
    versionId: null,
    program,
    subject: "identification",
    sentOn: addDays(EFFECTIVE, 7),
    implementationDate,
    sentBy: program === "iep" ? caseManager.userId : principal.userId,
  });
}

async function reevaluationNotEligible(studentId: string, date: string) {
  await db().insert(caseEvents).values({
    districtId: world.district.id,
    studentId,
    type: "eligibility_determined",
    eligibilityKind: "reevaluation",
    eligible: false,
    date,
    recordedBy: caseManager.userId,
  });
}

/** The exit PPT, held the day after the reevaluation (IEP → 504, CL-9). */
const exitPptHeld = (studentId: string) =>
  heldMeeting(db(), { studentId, program: "iep", heldOn: addDays(EFFECTIVE, 6), purposes: ["exit"] });

async function events(studentId: string, type: "exited" | "plan504_ended" | "plan504_activated" | "iep_implemented") {
  return db()
    .select()
    .from(caseEvents)
    .where(and(eq(caseEvents.studentId, studentId), eq(caseEvents.type, type)));
}

describe("504 → IEP (CL-9; Rule 504-4): the 504 plan stays in force until the IEP is, then ends the day before", () => {
  it("activating the IEP ends the 504 plan the day before, records why, writes plan504_ended and queues a notice to the parent", async () => {
    const student = await freshStudent();
    const p504 = await finalVersion(student.id, "504");
    await activateVersion(principal, { versionId: p504, effectiveOn: EFFECTIVE });
    const iep = await finalVersion(student.id, "iep");
    const effectiveOn = caseManager.today;
    await activateVersion(caseManager, { versionId: iep, effectiveOn, endActive504: true });

    expect(await version(p504)).toMatchObject({ status: "ended", endedOn: addDays(effectiveOn, -1) });
    expect(await version(iep)).toMatchObject({ status: "active", effectiveOn });
    const [end] = await db().select().from(planEnds).where(eq(planEnds.versionId, p504));
    expect(end).toMatchObject({ reason: "replaced_by_iep", status: "completed", endsOn: effectiveOn });
    const [ended] = await events(student.id, "plan504_ended");
    expect(ended).toMatchObject({ date: addDays(effectiveOn, -1), source: "workflow", sourceId: p504 });
    const notices = await db()
      .select()
      .from(outbox)
      .where(and(eq(outbox.userId, world.users.parent.id), eq(outbox.kind, "transitions.plan_end")));
    expect(notices.some((n) => n.dedupeKey.includes(p504))).toBe(true);
  });

  it("a 504 plan cannot be ended directly in SQL, nor as 'replaced by an IEP' when no IEP takes effect the next day", async () => {
    const student = await freshStudent();
    const p504 = await finalVersion(student.id, "504");
    await activateVersion(principal, { versionId: p504, effectiveOn: EFFECTIVE });
    await expect(
      db().execute(
        sql`update plan_versions set status = 'ended', ended_on = ${addDays(caseManager.today, -1)} where id = ${p504}`,
      ),
    ).rejects.toSatisfy(dbError(/can end only through a recorded plan end/));
    const v = await version(p504);
    await expect(
      db().transaction(async (tx) => {
        await tx.insert(planEnds).values({
          districtId: world.district.id,
          studentId: student.id,
          planId: v.planId,
          versionId: p504,
          planType: "504",
          reason: "replaced_by_iep",
          status: "completed",
          completedAt: new Date(),
          endsOn: caseManager.today,
        });
        await tx.execute(
          sql`update plan_versions set status = 'ended', ended_on = ${addDays(caseManager.today, -1)} where id = ${p504}`,
        );
      }),
    ).rejects.toSatisfy(dbError(/only when the IEP takes effect the next day/));
    expect((await version(p504)).status).toBe("active");
  });
});

describe("IEP exits (compliance.md §3.2; CL-8: each with a sent PWN)", () => {
  it("an exit without its PWN is refused with a specific message and changes nothing; the database refuses it too", async () => {
    const student = await freshStudent();
    const iep = await activeIep(student.id);
    const bound = await sentNotice(db(), {
      studentId: student.id,
      versionId: iep,
      sentOn: EFFECTIVE,
      implementationDate: addDays(caseManager.today, 5),
      sentBy: caseManager.userId,
    });
    await expect(
      endIep(caseManager, { studentId: student.id, versionId: iep, reason: "moved", noticeId: bound }),
    ).rejects.toSatisfy(failsWith("VALIDATION", "errors.transition.noticeMissing"));
    expect(await db().select().from(planEnds).where(eq(planEnds.versionId, iep))).toHaveLength(0);
    const v = await version(iep);
    await expect(
      db().execute(
        sql`insert into plan_ends (district_id, student_id, plan_id, version_id, plan_type, reason, ends_on, notice_id)
            values (${world.district.id}, ${student.id}, ${v.planId}, ${iep}, 'iep', 'moved', ${addDays(caseManager.today, 5)}, ${bound})`,
      ),
    ).rejects.toSatisfy(dbError(/its notice must be a sent notice proposing it/));
    await expect(
      db().execute(sql`update plan_versions set status = 'ended', ended_on = ${caseManager.today} where id = ${iep}`),
    ).rejects.toSatisfy(dbError(/can end only through a recorded plan end/));
    expect((await version(iep)).status).toBe("active");
  });

  it("moved out of the district: scheduled for the PWN's implementation date; the job ends the IEP the day before and writes exited", async () => {
    const student = await freshStudent();
    const iep = await activeIep(student.id);
    const endsOn = addDays(caseManager.today, 10);
    const notice = await exitNotice(student.id, endsOn);
    const result = await endIep(caseManager, {
      studentId: student.id,
      versionId: iep,
      reason: "moved",
      noticeId: notice,
    });
    expect(result).toMatchObject({ endsOn, completed: false });
    expect((await version(iep)).status).toBe("active");
    expect(await countAudit(caseManager.userId, "plan.end_scheduled")).toBeGreaterThan(0);
    await expect(
      endIep(caseManager, { studentId: student.id, versionId: iep, reason: "moved", noticeId: notice }),
    ).rejects.toSatisfy(failsWith("CONFLICT", "errors.transition.alreadyScheduled"));

    await runScheduledActivations({ today: addDays(endsOn, -1), districtId: world.district.id });
    expect((await version(iep)).status).toBe("active");
    await runScheduledActivations({ today: endsOn, districtId: world.district.id });
    expect(await version(iep)).toMatchObject({ status: "ended", endedOn: addDays(endsOn, -1) });
    const [exited] = await events(student.id, "exited");
    expect(exited).toMatchObject({ exitReason: "moved", date: addDays(endsOn, -1), source: "workflow" });
    const audits = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, iep), eq(auditEvents.action, "plan.ended")));
    expect(audits).toMatchObject([{ actorUserId: null, outcome: "success" }]);
  });

  it("a due-process filing before the implementation date keeps the IEP (stay-put, CL-7): the job refuses, the end stays scheduled", async () => {
    const student = await freshStudent();
    const iep = await activeIep(student.id);
    const endsOn = addDays(caseManager.today, 10);
    await endIep(caseManager, {
      studentId: student.id,
      versionId: iep,
      reason: "moved",
      noticeId: await exitNotice(student.id, endsOn),
    });
    const filing = await pendingFiling(db(), { studentId: student.id, filedOn: caseManager.today });
    expect(
      (await runScheduledActivations({ today: endsOn, districtId: world.district.id })).endsRefused,
    ).toBeGreaterThan(0);
    expect((await version(iep)).status).toBe("active");
    const [end] = await db().select().from(planEnds).where(eq(planEnds.versionId, iep));
    expect(end!.status).toBe("scheduled");
    await db()
      .update(dueProcessFilings)
      .set({ status: "resolved", closedOn: endsOn, closingNote: "Hearing officer upheld the proposal." })
      .where(eq(dueProcessFilings.id, filing));
    await runScheduledActivations({ today: endsOn, districtId: world.district.id });
    expect((await version(iep)).status).toBe("ended");
  });

  it("any exit is refused while stay-put holds, in the DAL and in SQL; so is a hand-recorded exited event", async () => {
    const student = await freshStudent();
    const iep = await activeIep(student.id);
    const notice = await exitNotice(student.id, addDays(caseManager.today, 10));
    await pendingFiling(db(), { studentId: student.id, filedOn: caseManager.today });
    await expect(
      endIep(caseManager, { studentId: student.id, versionId: iep, reason: "moved", noticeId: notice }),
    ).rejects.toSatisfy(failsWith("VALIDATION", "errors.lifecycle.stayPut"));
    const v = await version(iep);
    await expect(
      db().execute(
        sql`insert into plan_ends (district_id, student_id, plan_id, version_id, plan_type, reason, ends_on, notice_id)
            values (${world.district.id}, ${student.id}, ${v.planId}, ${iep}, 'iep', 'moved', ${addDays(caseManager.today, 10)}, ${notice})`,
      ),
    ).rejects.toSatisfy(dbError(/stay-put/));
    await expectExitRefusedUnderStayPut(caseManager, world.district.id, student.id);
    expect(await events(student.id, "exited")).toHaveLength(0);
  });

  it("not eligible (Rule L-1): refused without a reevaluation on record; with one, an end dated today completes at once", async () => {
    const student = await freshStudent();
    const iep = await activeIep(student.id);
    const notice = await exitNotice(student.id, caseManager.today);
    await expect(
      endIep(caseManager, { studentId: student.id, versionId: iep, reason: "not_eligible", noticeId: notice }),
    ).rejects.toSatisfy(failsWith("VALIDATION", "errors.transition.reevaluationMissing"));
    await reevaluationNotEligible(student.id, addDays(EFFECTIVE, 5));
    const result = await endIep(caseManager, {
      studentId: student.id,
      versionId: iep,
      reason: "not_eligible",
      noticeId: notice,
    });
    expect(result).toMatchObject({ completed: true, endsOn: caseManager.today });
    expect(await version(iep)).toMatchObject({ status: "ended", endedOn: addDays(caseManager.today, -1) });
    expect((await events(student.id, "exited"))[0]).toMatchObject({ exitReason: "not_eligible" });
  });

  it("graduation and aging out (L-2; 300.305(e)(3)) need the Summary of Performance: the form and the database refuse it without", async () => {
    const parsed = endIepSchema.safeParse({
      studentId: crypto.randomUUID(),
      versionId: crypto.randomUUID(),
      reason: "graduated",
      noticeId: crypto.randomUUID(),
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.path[0]).sort()).toEqual([
      "summaryAcademic",
      "summaryFunctional",
      "summaryRecommendations",
    ]);
    const student = await freshStudent();
    const iep = await activeIep(student.id);
    const notice = await exitNotice(student.id, addDays(caseManager.today, 10));
    const v = await version(iep);
    await expect(
      db().execute(
        sql`insert into plan_ends (district_id, student_id, plan_id, version_id, plan_type, reason, ends_on, notice_id)
            values (${world.district.id}, ${student.id}, ${v.planId}, ${iep}, 'iep', 'graduated', ${addDays(caseManager.today, 10)}, ${notice})`,
      ),
    ).rejects.toSatisfy(dbError(/plan_ends_summary_of_performance/));
    const result = await endIep(caseManager, {
      studentId: student.id,
      versionId: iep,
      reason: "graduated",
      noticeId: notice,
      summaryAcademic: "Reads at grade level; passed Algebra I.",
      summaryFunctional: "Manages his schedule independently.",
      summaryRecommendations: "Extended time on college entrance exams.",
    });
    expect(result.completed).toBe(false);
  });

  it("aging out ([S] D-21): the IEP ends the day after June 30 of the school year the student turns 22; a later PWN date is refused", async () => {
    const student = await freshStudent("2005-03-10");
    const iep = await activeIep(student.id);
    const late = await exitNotice(student.id, "2027-07-15");
    const summary = { summaryAcademic: "A.", summaryFunctional: "F.", summaryRecommendations: "R." };
    await expect(
      endIep(caseManager, { studentId: student.id, versionId: iep, reason: "aged_out", noticeId: late, ...summary }),
    ).rejects.toSatisfy(failsWith("VALIDATION", "errors.transition.noticeAfterAgeOut"));
    const notice = await exitNotice(student.id, "2027-06-01");
    const result = await endIep(caseManager, {
      studentId: student.id,
      versionId: iep,
      reason: "aged_out",
      noticeId: notice,
      ...summary,
    });
    expect(result.endsOn).toBe("2027-07-01");
  });

  it("consent revoked (CL-6): needs the parent's acknowledged written revocation; history is kept and no 504 plan is created", async () => {
    const student = await freshStudent();
    const iep = await activeIep(student.id);
    const notice = await exitNotice(student.id, caseManager.today);
    await expect(
      endIep(caseManager, { studentId: student.id, versionId: iep, reason: "consent_revoked", noticeId: notice }),
    ).rejects.toSatisfy(failsWith("VALIDATION", "errors.transition.revocationMissing"));
    await consentFor(db(), {
      studentId: student.id,
      versionId: null,
      type: "initial_services",
      requestedOn: addDays(EFFECTIVE, 2),
      decisions: ["granted", "revoked"],
    });
    await endIep(caseManager, { studentId: student.id, versionId: iep, reason: "consent_revoked", noticeId: notice });
    expect((await version(iep)).status).toBe("ended");
    expect((await events(student.id, "exited"))[0]).toMatchObject({ exitReason: "consent_revoked" });
    const all = await db().select().from(planVersions).where(eq(planVersions.studentId, student.id));
    expect(all.every((v) => v.planType === "iep")).toBe(true);
    expect(await db().select().from(caseEvents).where(eq(caseEvents.studentId, student.id))).not.toHaveLength(0);
  });

  it("a parent's written revocation in the portal (CL-6) drafts the PWN stating that services end; a restricted guardian cannot revoke", async () => {
    const student = await freshStudent("2014-02-01");
    await activeIep(student.id);
    const requestId = await consentFor(db(), {
      studentId: student.id,
      versionId: null,
      type: "initial_services",
      requestedOn: addDays(EFFECTIVE, -10),
    });
    const [request] = await db().select().from(consentRequests).where(eq(consentRequests.id, requestId));
    const parent = await viewerFor(world.users.parent);
    const answer = {
      requestId,
      decision: "revoked" as const,
      documentSha256: request!.documentSha256,
      signerName: "Pat Parent",
      readConfirmed: true,
    };
    await expect(respondToConsent(parent, answer)).rejects.toSatisfy(
      failsWith("VALIDATION", "errors.consent.revokeNeedsAcknowledgment"),
    );
    const restricted = await viewerFor(world.users.restrictedParent);
    await expect(respondToConsent(restricted, { ...answer, revocationAcknowledged: true })).rejects.toBeInstanceOf(
      AppError,
    );
    await respondToConsent(parent, { ...answer, revocationAcknowledged: true });
    const drafts = await db()
      .select()
      .from(priorWrittenNotices)
      .where(and(eq(priorWrittenNotices.studentId, student.id), eq(priorWrittenNotices.status, "draft")));
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({ program: "iep", action: "propose", subject: "placement", planVersionId: null });
    expect(drafts[0]!.reasons).toMatch(/not required to offer a Section 504 plan/);
  });

  it("age of majority (CL-10): from the 18th birthday the parent can no longer revoke (the adult student decides) and nothing is drafted", async () => {
    const student = await freshStudent(addDays(addYears(caseManager.today, -18), -1));
    await activeIep(student.id);
    const requestId = await consentFor(db(), {
      studentId: student.id,
      versionId: null,
      type: "initial_services",
      requestedOn: addDays(EFFECTIVE, -10),
    });
    const [request] = await db().select().from(consentRequests).where(eq(consentRequests.id, requestId));
    await expect(
      respondToConsent(await viewerFor(world.users.parent), {
        requestId,
        decision: "revoked",
        documentSha256: request!.documentSha256,
        signerName: "Pat Parent",
        readConfirmed: true,
        revocationAcknowledged: true,
      }),
    ).rejects.toSatisfy(failsWith("FORBIDDEN", "errors.consent.adultStudentDecides"));
    expect(
      await db()
        .select()
        .from(priorWrittenNotices)
        .where(and(eq(priorWrittenNotices.studentId, student.id), eq(priorWrittenNotices.status, "draft"))),
    ).toHaveLength(0);
  });

  it("only the plan lead ends a plan: a teacher is refused and nothing changes", async () => {
    const student = await freshStudent();
    const iep = await activeIep(student.id);
    const notice = await exitNotice(student.id, caseManager.today);
    await expect(
      endIep(teacher, { studentId: student.id, versionId: iep, reason: "moved", noticeId: notice }),
    ).rejects.toBeInstanceOf(AppError);
    await expect(
      endIep(principal, { studentId: student.id, versionId: iep, reason: "moved", noticeId: notice }),
    ).rejects.toBeInstanceOf(AppError);
    expect((await version(iep)).status).toBe("active");
  });
});

describe("IEP → 504 (CL-9): reevaluation, exit PPT, PWN; the 504 plan starts the day after the IEP ends", () => {
  it("refused without the exit PPT; then the 504 plan's 'Put in force' is scheduled for the day after the IEP ends and the job hands over with no gap", async () => {
    const student = await freshStudent();
    const iep = await activeIep(student.id);
    const endsOn = addDays(caseManager.today, 14);
    const notice = await exitNotice(student.id, endsOn);
    await reevaluationNotEligible(student.id, addDays(EFFECTIVE, 5));
    await expect(
      endIep(caseManager, { studentId: student.id, versionId: iep, reason: "transferred_to_504", noticeId: notice }),
    ).rejects.toSatisfy(failsWith("VALIDATION", "errors.transition.exitMeetingMissing"));
    await exitPptHeld(student.id);
    await endIep(caseManager, {
      studentId: student.id,
      versionId: iep,
      reason: "transferred_to_504",
      noticeId: notice,
    });

    expect(
      (await buildWorkQueue(principal)).items.some(
        (i) => i.key.startsWith("transition:") && i.studentId === student.id,
      ),
    ).toBe(true);
    const p504 = await finalVersion(student.id, "504");
    const result = await activateVersion(principal, { versionId: p504, effectiveOn: principal.today });
    expect(
      (await buildWorkQueue(principal)).items.some(
        (i) => i.key.startsWith("transition:") && i.studentId === student.id,
      ),
    ).toBe(false);
    expect(result).toEqual({ scheduled: true, effectiveOn: endsOn });
    expect(await version(p504)).toMatchObject({ status: "final", effectiveOn: endsOn });

    await runScheduledActivations({ today: endsOn, districtId: world.district.id });
    expect(await version(iep)).toMatchObject({ status: "ended", endedOn: addDays(endsOn, -1) });
    expect(await version(p504)).toMatchObject({ status: "active", effectiveOn: endsOn });
    expect((await events(student.id, "exited"))[0]).toMatchObject({ exitReason: "transferred_to_504" });
    expect((await events(student.id, "plan504_activated"))[0]).toMatchObject({ date: endsOn });
    const gaps = await findPlanGaps(db(), { today: addDays(endsOn, 7), districtId: world.district.id });
    expect(gaps.find((g) => g.studentId === student.id)).toBeUndefined();
  });

  it("the no-gap check lists the school days after an IEP→504 exit when no 504 plan followed (not a recorded reason)", async () => {
    const student = await freshStudent();
    const iep = await activeIep(student.id);
    const endsOn = addDays(caseManager.today, 14);
    await reevaluationNotEligible(student.id, addDays(EFFECTIVE, 5));
    await exitPptHeld(student.id);
    await endIep(caseManager, {
      studentId: student.id,
      versionId: iep,
      reason: "transferred_to_504",
      noticeId: await exitNotice(student.id, endsOn),
    });
    await runScheduledActivations({ today: endsOn, districtId: world.district.id });
    const queue = await buildWorkQueue(principal);
    expect(queue.items.find((i) => i.source === "transition" && i.studentId === student.id)).toMatchObject({
      title: { key: "transitions.queue.plan504Needed" },
      due: addDays(endsOn, -1),
    });
    expect((await buildWorkQueue(teacher)).items.some((i) => i.source === "transition")).toBe(false);
    const gaps = await findPlanGaps(db(), { today: addDays(endsOn, 7), districtId: world.district.id });
    const gap = gaps.find((g) => g.studentId === student.id);
    expect(gap!.days[0]! >= endsOn).toBe(true);
    expect(
      gap!.days.every((d) => d <= addDays(endsOn, 7) && ![0, 6].includes(new Date(`${d}T12:00:00Z`).getUTCDay())),
    ).toBe(true);
  });

  it("without a scheduled IEP end a 504 plan is still refused while an IEP is in force", async () => {
    const student = await freshStudent();
    await activeIep(student.id);
    const p504 = await finalVersion(student.id, "504");
    await expect(activateVersion(principal, { versionId: p504, effectiveOn: principal.today })).rejects.toSatisfy(
      failsWith("CONFLICT", "errors.activeIepExists"),
    );
  });
});

describe("504 plan ended by its team (no longer needed, moved)", () => {
  it("needs a sent 504 notice; ends on its date and tells the parent; the case manager cannot end it", async () => {
    const student = await freshStudent();
    const p504 = await finalVersion(student.id, "504");
    await activateVersion(principal, { versionId: p504, effectiveOn: EFFECTIVE });
    const iepNotice = await exitNotice(student.id, principal.today);
    await expect(
      end504Plan(principal, {
        studentId: student.id,
        versionId: p504,
        reason: "no_longer_needed",
        noticeId: iepNotice,
      }),
    ).rejects.toSatisfy(failsWith("VALIDATION", "errors.transition.noticeMissing"));
    const notice = await exitNotice(student.id, principal.today, "504");
    await expect(
      end504Plan(caseManager, { studentId: student.id, versionId: p504, reason: "no_longer_needed", noticeId: notice }),
    ).rejects.toBeInstanceOf(AppError);
    const result = await end504Plan(principal, {
      studentId: student.id,
      versionId: p504,
      reason: "no_longer_needed",
      noticeId: notice,
    });
    expect(result.completed).toBe(true);
    expect(await version(p504)).toMatchObject({ status: "ended", endedOn: addDays(principal.today, -1) });
    expect((await events(student.id, "plan504_ended"))[0]).toMatchObject({ source: "workflow" });
    const queued = await db()
      .select()
      .from(outbox)
      .where(and(eq(outbox.userId, world.users.parent.id), eq(outbox.kind, "transitions.plan_end")));
    expect(queued.some((n) => n.dedupeKey.includes(p504))).toBe(true);
  });
});
