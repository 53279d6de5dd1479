import { and, desc, eq } from "drizzle-orm";
import { caseEvents, consentRequests, meetingParticipants, meetings, planVersions, referrals } from "../schema";
import { seedId } from "./ids";
import type { PersonaKey } from "./personas";
import type { StoryContext } from "./story";

/**
 * The demo's initial referrals (issue 12), each adopting the student's `referral_received` event already in
 * the story (one source of truth for D-01) and resting on a held referral PPT:
 * - s01 (kindergarten, Maple): initial referral; the PPT decided to evaluate and gave the procedural
 *   safeguards; the consent to evaluate (C-01) is unanswered — the parent acts next.
 * - Jaylen (grade 9, High): 504 → IEP; his 504 plan stays in force (and acknowledged) while the referral
 *   runs; decided to evaluate, consent unanswered; no case manager yet, so the principal leads.
 * The referral PPT was held the day consent was requested, on a notice shorter than D-06 that the parent
 * agreed to in writing; it writes no `meeting_scheduled` (no D-06 item) and its `ppt_meeting_held` has the
 * purpose "referral" (no annual-review or IEP-mailing deadline). Idempotent.
 */
export async function seedReferrals(ctx: StoryContext): Promise<void> {
  await referralWithDecision(ctx, { studentKey: "s01", lead: "caseManagerMaple", source: "teacher" });
  await referralWithDecision(ctx, { studentKey: "jaylen-johnson", lead: "principalHigh", source: "parent_request" });
}

async function referralWithDecision(
  ctx: StoryContext,
  spec: { studentKey: string; lead: PersonaKey; source: "teacher" | "parent_request" },
) {
  const { tx } = ctx;
  const studentId = ctx.student(spec.studentKey);
  const [event] = await tx
    .select({ id: caseEvents.id, date: caseEvents.date })
    .from(caseEvents)
    .where(and(eq(caseEvents.studentId, studentId), eq(caseEvents.type, "referral_received")))
    .orderBy(desc(caseEvents.date))
    .limit(1);
  const [request] = await tx
    .select({ requestedOn: consentRequests.requestedOn })
    .from(consentRequests)
    .where(and(eq(consentRequests.studentId, studentId), eq(consentRequests.type, "initial_evaluation")))
    .limit(1);
  if (!event || !request)
    throw new Error(`seed: ${spec.studentKey} has no referral and evaluation consent to build on`);
  const [plan504] = await tx
    .select({ id: planVersions.id })
    .from(planVersions)
    .where(
      and(eq(planVersions.studentId, studentId), eq(planVersions.planType, "504"), eq(planVersions.status, "active")),
    )
    .limit(1);
  const pptOn = request.requestedOn;
  const meetingId = seedId(`meeting:${spec.studentKey}-referral`);
  const guardian = ctx.guardianOf(spec.studentKey);
  await tx
    .insert(meetings)
    .values({
      id: meetingId,
      districtId: ctx.districtId,
      studentId,
      program: "iep",
      status: "held",
      purposes: ["referral"],
      scheduledOn: pptOn,
      startsAt: "15:30",
      location: "Conference room, main office",
      language: ctx.languageOf(spec.studentKey),
      noticeSentOn: event.date,
      shorterNoticeAgreed: true,
      heldOn: pptOn,
      decisions: "The team reviewed the referral and existing data and proposed an initial evaluation.",
      createdBy: ctx.user(spec.lead),
      updatedBy: ctx.user(spec.lead),
    })
    .onConflictDoNothing();
  await tx
    .insert(meetingParticipants)
    .values([
      {
        id: seedId(`participant:${spec.studentKey}-referral:parent`),
        meetingId,
        role: "parent" as const,
        guardianshipId: guardian.guardianshipId,
        userId: guardian.userId,
        name: guardian.name,
        attended: true,
      },
      {
        id: seedId(`participant:${spec.studentKey}-referral:lead`),
        meetingId,
        role:
          spec.lead === "principalHigh" ? ("district_representative" as const) : ("special_education_teacher" as const),
        userId: ctx.user(spec.lead),
        name: spec.lead === "principalHigh" ? "Building principal" : "Case manager",
        attended: true,
      },
    ])
    .onConflictDoNothing();
  await tx
    .insert(caseEvents)
    .values({
      id: seedId(`case-event:workflow:${meetingId}:ppt_meeting_held`),
      districtId: ctx.districtId,
      studentId,
      type: "ppt_meeting_held",
      date: pptOn,
      meetingPurposes: ["referral"],
      source: "workflow",
      sourceId: meetingId,
      recordedBy: ctx.user(spec.lead),
    })
    .onConflictDoNothing();
  const referralId = seedId(`referral:${spec.studentKey}`);
  const inserted = await tx
    .insert(referrals)
    .values({
      id: referralId,
      districtId: ctx.districtId,
      studentId,
      source: spec.source,
      receivedOn: event.date,
      concern:
        spec.source === "parent_request"
          ? "The parent asked in writing for a special education evaluation: reading and written expression."
          : "The kindergarten teacher is concerned about speech and early literacy despite classroom supports.",
      requestForm: spec.source === "parent_request" ? "letter" : null,
      requestDatedOn: spec.source === "parent_request" ? event.date : null,
      plan504VersionId: plan504?.id ?? null,
      receivedEventId: event.id,
      createdBy: ctx.user(spec.lead),
    })
    .onConflictDoNothing()
    .returning({ id: referrals.id });
  if (inserted.length > 0)
    await tx
      .update(referrals)
      .set({ decision: "evaluate", decidedOn: pptOn, referralMeetingId: meetingId, safeguardsGivenOn: pptOn })
      .where(eq(referrals.id, referralId));
}
