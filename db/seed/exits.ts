import { eq } from "drizzle-orm";
import { addYears } from "@/lib/compliance/dates";
import type { Transaction } from "../client";
import {
  caseEvents,
  consentRequests,
  consentResponses,
  courtGuardianships,
  guardianships,
  planEnds,
  students,
  users,
} from "../schema";
import { addDays, connecticutSchoolYear, iso, schoolYearStartFor } from "./calendar";
import { seedId } from "./ids";
import { addPlan, addVersion, iep, plan504, type Context } from "./plans";
import { consent, heldMeeting, manualEvents, proposalText, schoolDaysFrom, sentNotice, type NoticeText } from "./story";

const day = (date: string, offset: number) => iso(addDays(new Date(`${date}T00:00:00Z`), offset));

const RIGHTS_TRANSFER =
  "The student and the parents were informed at this PPT that on the student's 18th birthday the rights under IDEA and FERPA transfer to the student (34 CFR 300.320(c), 300.520), unless a court appoints a guardian.";

const graduationText = (date: string): NoticeText => ({
  actionDescription: `The district proposes to end special education and related services when the student graduates with a regular high school diploma in June (PPT meeting of ${date}).`,
  reasons:
    "The student is completing the credits and requirements for a regular diploma. Graduation with a regular diploma ends eligibility for special education and is a change in placement (34 CFR 300.102(a)(3)).",
  evaluationsUsed: "Transcript and credit audit; progress reports on each goal; transition assessments.",
  optionsConsidered:
    "Deferring the diploma to continue services until age 22: rejected by the team with the student, who is ready to graduate.",
  otherFactors:
    "A Summary of Performance with recommendations for the postsecondary goals is given to the student (34 CFR 300.305(e)(3)).",
});

const revocationText = (date: string): NoticeText => ({
  actionDescription:
    "The district will end special education and related services, because the parent revoked in writing the consent to special education. Services continue until the implementation date of this notice.",
  reasons: `On ${date} the parent revoked in writing the consent to the continued provision of special education and related services. The district must end them after this notice and cannot use mediation or due process to override the decision. The revocation is not retroactive: the records are kept. The district is not required to offer a Section 504 plan in place of the IEP. A later request for special education starts a new initial evaluation.`,
  evaluationsUsed: "The parent's written revocation.",
  optionsConsidered:
    "Continuing the IEP was considered and rejected: the district may not provide special education without the parent's consent (34 CFR 300.300(b)(4)).",
  otherFactors: "None.",
});

/**
 * The exits and age-of-majority stories (issue 12), students on Tom Kowalski's caseload at Riverbend
 * High, each mid-way through its workflow and dated in school days from the seed day:
 * - Nadia Okafor: IEP → 504 — reevaluation (no longer eligible), exit PPT held, PWN sent, the IEP's
 *   end scheduled for the notice's date, and the 504 plan being drafted by the principal;
 * - Lucas Bergstrom: revocation — the parent's written revocation acknowledged, the PWN sent, the IEP's
 *   end ("consent revoked") scheduled; no 504 plan;
 * - Marisol Vega: exit by regular diploma at the end of the school year, PWN sent and the Summary of
 *   Performance written;
 * - Devon Price: turns 18 within weeks (the IEP carries the transfer-of-rights statement, D-11);
 * - Elena Markovic: an adult student with a court-appointed guardian on record (CL-10).
 * Each IEP has a history from before PlanPath (hand-recorded events) and is acknowledged by the
 * student's teachers. Idempotent like the rest of the seed.
 */
export async function seedExitStories(tx: Transaction, ctx: Context): Promise<void> {
  const { today, story } = ctx;
  const cmHigh = ctx.userId("caseManagerHigh");
  const pHigh = ctx.userId("principalHigh");
  const teachers = [ctx.userId("teacherEnglish"), ctx.userId("teacherMath")];
  const sd = (studentKey: string, n: number) => schoolDaysFrom(story, studentKey, today, n);
  const onSchoolDay = (studentKey: string, date: string) => schoolDaysFrom(story, studentKey, date, 0);

  /** An IEP in force since its annual review `reviewDaysAgo` school days ago, after an earlier IEP. */
  async function iepInForce(key: string, reviewDaysAgo: number, rightsTransfer?: string) {
    const meeting = sd(key, reviewDaysAgo);
    await manualEvents(story, key, "caseManagerHigh", [
      { type: "eligibility_determined", date: addYears(meeting, -2), eligibilityKind: "initial", eligible: true },
      { type: "iep_implemented", date: addYears(day(meeting, 10), -2) },
    ]);
    const planId = await addPlan(tx, ctx, `${key}-iep`, key, "iep", cmHigh);
    const content = iep(key, meeting, {
      name: "The student",
      withTransition: true,
      implementers: [["Tom Kowalski", "Case manager"]],
    });
    if (rightsTransfer) content.transition.rightsTransfer = rightsTransfer;
    const effectiveOn = sd(key, reviewDaysAgo - 10);
    const versionId = await addVersion(tx, story, {
      key: `${key}-iep`,
      studentKey: key,
      planId,
      studentId: ctx.studentId(key),
      type: "iep",
      number: 1,
      status: "active",
      content,
      meeting,
      effectiveOn,
      author: cmHigh,
      acks: teachers.map((userId) => ({ userId, on: day(effectiveOn, 1) })),
      legal: { lead: "caseManagerHigh", purposes: ["annual_review"], notice: "annual" },
    });
    return { planId, versionId, effectiveOn };
  }

  async function scheduleEnd(
    key: string,
    iepPlan: { planId: string; versionId: string },
    values: Partial<typeof planEnds.$inferInsert> &
      Pick<typeof planEnds.$inferInsert, "reason" | "endsOn" | "noticeId">,
  ) {
    await tx
      .insert(planEnds)
      .values({
        id: seedId(`plan-end:${iepPlan.versionId}`),
        districtId: ctx.districtId,
        studentId: ctx.studentId(key),
        planId: iepPlan.planId,
        versionId: iepPlan.versionId,
        planType: "iep",
        createdBy: cmHigh,
        ...values,
      })
      .onConflictDoNothing();
  }

  // Nadia Okafor (grade 10): IEP → 504, mid-way.
  const nadia = "t-iep504";
  const nadiaIep = await iepInForce(nadia, 120);
  // A reevaluation by review of existing data (no consent needed, 300.300(c)): no longer eligible.
  await eventsFrom(nadia, 2, [
    {
      type: "eligibility_determined",
      date: sd(nadia, 12),
      eligibilityKind: "reevaluation",
      eligible: false,
    },
  ]);
  const nadiaExitMeeting = sd(nadia, 8);
  const nadiaMeetingId = await heldMeeting(story, {
    key: `${nadia}-exit`,
    studentKey: nadia,
    program: "iep",
    purposes: ["reevaluation", "exit"],
    on: nadiaExitMeeting,
    lead: "caseManagerHigh",
  });
  const nadiaNotice = await sentNotice(story, {
    key: `${nadia}-exit`,
    studentKey: nadia,
    program: "iep",
    action: "propose",
    subject: "identification",
    sentOn: nadiaExitMeeting,
    lead: "caseManagerHigh",
    meetingId: nadiaMeetingId,
    text: proposalText("en", "exit", nadiaExitMeeting),
  });
  await scheduleEnd(nadia, nadiaIep, {
    reason: "transferred_to_504",
    endsOn: nadiaNotice.implementationDate,
    noticeId: nadiaNotice.id,
  });
  const nadia504 = await addPlan(tx, ctx, `${nadia}-504`, nadia, "504", pHigh);
  await addVersion(tx, story, {
    key: `${nadia}-504`,
    studentKey: nadia,
    planId: nadia504,
    studentId: ctx.studentId(nadia),
    type: "504",
    number: 1,
    status: "draft",
    content: plan504(nadia, sd(nadia, -2), "The student", {
      evaluationSources:
        "The PPT's reevaluation (review of existing data): grades, curriculum-based measures, teacher and parent input.",
    }),
    meeting: sd(nadia, -2),
    author: pHigh,
  });

  // Ines Dubois (grade 10): the start of IEP → 504 — her IEP in force and a reevaluation (review of
  // existing data) finding her no longer eligible; e2e/exit-flows.spec.ts walks the rest in the browser.
  const ines = "t-exit504";
  await iepInForce(ines, 100);
  await eventsFrom(ines, 2, [
    { type: "eligibility_determined", date: sd(ines, 5), eligibilityKind: "reevaluation", eligible: false },
  ]);

  // Andre Johnson (grade 9; his mother Keisha Johnson signs in): his IEP in force and her consent to
  // special education (C-02) on file; e2e/exit-flows.spec.ts walks her revocation in the portal.
  const andre = "t-revoke-portal"; // ANDRE in ./demo
  await iepInForce(andre, 80);
  await consent(story, {
    key: `${andre}:services`,
    studentKey: andre,
    type: "initial_services",
    program: "iep",
    requestedOn: addYears(sd(andre, 80), -2),
    lead: "caseManagerHigh",
    response: { decision: "granted", on: day(addYears(sd(andre, 80), -2), 3), method: "staff_recorded_paper" },
  });

  // Lucas Bergstrom (grade 10): revocation of consent to special education, mid-way.
  const lucas = "t-revoked";
  const lucasIep = await iepInForce(lucas, 90);
  const servicesRequest = await consent(story, {
    key: `${lucas}:services`,
    studentKey: lucas,
    type: "initial_services",
    program: "iep",
    requestedOn: addYears(sd(lucas, 90), -2),
    lead: "caseManagerHigh",
    response: { decision: "granted", on: day(addYears(sd(lucas, 90), -2), 3), method: "staff_recorded_paper" },
  });
  const revokedOn = sd(lucas, 6);
  const guardian = story.guardianOf(lucas);
  const revocationId = seedId(`consent-response:${lucas}:revoked`);
  const [request] = await tx
    .select({ sha: consentRequests.documentSha256 })
    .from(consentRequests)
    .where(eq(consentRequests.id, servicesRequest));
  await tx
    .insert(consentResponses)
    .values({
      id: revocationId,
      requestId: servicesRequest,
      studentId: ctx.studentId(lucas),
      decision: "revoked",
      signerKind: "guardian",
      signerGuardianshipId: guardian.guardianshipId,
      signerName: guardian.name,
      method: "staff_recorded_paper",
      documentSha256: request!.sha,
      respondedOn: revokedOn,
      respondedAt: new Date(`${revokedOn}T16:00:00Z`),
      recordedBy: cmHigh,
      note: "Written revocation received by mail; the parent signed the acknowledgment of its consequences.",
      revocationAcknowledged: true,
    })
    .onConflictDoNothing();
  const lucasNotice = await sentNotice(story, {
    key: `${lucas}-revocation`,
    studentKey: lucas,
    program: "iep",
    action: "propose",
    subject: "placement",
    sentOn: sd(lucas, 4),
    lead: "caseManagerHigh",
    text: revocationText(revokedOn),
  });
  await scheduleEnd(lucas, lucasIep, {
    reason: "consent_revoked",
    endsOn: lucasNotice.implementationDate,
    noticeId: lucasNotice.id,
    revocationResponseId: revocationId,
  });

  // Marisol Vega (grade 12): exit by a regular diploma at the end of the school year.
  const marisol = "t-diploma";
  const marisolIep = await iepInForce(marisol, 60, RIGHTS_TRANSFER);
  const year = connecticutSchoolYear(schoolYearStartFor(today));
  const graduationEnd = day(year.lastDay, 1) > today ? day(year.lastDay, 1) : day(today, 30);
  const marisolPpt = sd(marisol, 5);
  const marisolNotice = await sentNotice(story, {
    key: `${marisol}-graduation`,
    studentKey: marisol,
    program: "iep",
    action: "propose",
    subject: "placement",
    sentOn: marisolPpt,
    lead: "caseManagerHigh",
    agreedImplementationDate: graduationEnd,
    text: graduationText(marisolPpt),
  });
  await scheduleEnd(marisol, marisolIep, {
    reason: "graduated",
    endsOn: graduationEnd,
    noticeId: marisolNotice.id,
    summaryAcademic:
      "Earned 24 credits toward a regular diploma with a 2.9 GPA; reads at grade level with text-to-speech; passed Algebra II with extended time.",
    summaryFunctional:
      "Manages her schedule with a planner and phone reminders; advocates for her accommodations with teachers; works 10 hours a week at a bakery.",
    summaryRecommendations:
      "Register with the college's disability services office before classes start; request extended time and text-to-speech; continue with the Bureau of Rehabilitation Services counselor.",
  });

  // Devon Price (grade 12): turns 18 within weeks; the IEP carries the transfer-of-rights statement.
  await iepInForce("t-turning18", 70, RIGHTS_TRANSFER);

  // Elena Markovic (grade 12, 18): a court appointed her aunt as her guardian after her 18th birthday.
  const elena = "t-adult";
  await iepInForce(elena, 80, RIGHTS_TRANSFER);
  const auntId = seedId("guardian-user:t-adult:court");
  await tx
    .insert(users)
    .values({
      id: auntId,
      districtId: ctx.districtId,
      email: "family.t-adult.guardian@riverbend.example.org",
      name: "Irena Markovic",
      role: "parent",
      passwordHash: null,
    })
    .onConflictDoNothing();
  const birth = await studentBirthDate(tx, ctx.studentId(elena));
  const eighteen = addYears(birth, 18);
  const auntGuardianship = seedId(`guardianship:${elena}:${auntId}`);
  await tx
    .insert(guardianships)
    .values({
      id: auntGuardianship,
      studentId: ctx.studentId(elena),
      guardianUserId: auntId,
      relation: "guardian",
      startsOn: eighteen,
    })
    .onConflictDoNothing();
  const orderDate = onSchoolDay(elena, day(eighteen, 20));
  await tx
    .insert(courtGuardianships)
    .values({
      id: seedId(`court-guardianship:${elena}`),
      districtId: ctx.districtId,
      studentId: ctx.studentId(elena),
      guardianshipId: auntGuardianship,
      court: "Probate Court, Hartford-West Hartford District",
      orderDate,
      startsOn: orderDate,
      documentReference: "Docket PR-26-0413; certified copy in the student's cumulative file",
      recordedBy: cmHigh,
    })
    .onConflictDoNothing();

  /** Hand-recorded events numbered from `start` (after the ones {@link manualEvents} wrote for the student). */
  async function eventsFrom(key: string, start: number, events: Parameters<typeof manualEvents>[3]) {
    await tx
      .insert(caseEvents)
      .values(
        events.map((event, index) => ({
          ...event,
          id: seedId(`case-event:${key}:${start + index}`),
          districtId: ctx.districtId,
          studentId: ctx.studentId(key),
          recordedBy: cmHigh,
          source: "manual" as const,
        })),
      )
      .onConflictDoNothing();
  }
}

async function studentBirthDate(tx: Transaction, studentId: string): Promise<string> {
  const [row] = await tx.select({ birthDate: students.birthDate }).from(students).where(eq(students.id, studentId));
  return row!.birthDate;
}
