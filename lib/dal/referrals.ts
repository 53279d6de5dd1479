import "server-only";
import { randomUUID } from "node:crypto";
import { and, desc, eq, gte, inArray, isNull, lte, or, sql } from "drizzle-orm";
import { getDb, type Executor, type Transaction } from "@/db/client";
import {
  caseEvents,
  caseloads,
  consentRequests,
  consentResponses,
  deadlines,
  guardianships,
  meetings,
  planEnds,
  planVersions,
  priorWrittenNotices,
  referralInterventions,
  referrals,
  staffAssignments,
  users,
} from "@/db/schema";
import { addDays } from "@/lib/compliance/dates";
import { loadSchoolCalendars } from "@/lib/dal/internal/calendars";
import { refreshDeadlines } from "@/lib/dal/internal/deadline-store";
import { stayPutPending } from "@/lib/dal/internal/plan-lifecycle";
import type {
  ActorView,
  PlanEndTransitionView,
  ReferralTransitionView,
  StudentReferrals,
  TransitionView,
} from "@/lib/dto/referrals";
import { AppError, fieldError } from "@/lib/errors";
import { can } from "@/lib/policy";
import { transitionSteps } from "@/lib/plans/transitions";
import {
  evaluationReportDue,
  referralSteps,
  sourceRequirements,
  type ConsentFact,
  type DeadlineFact,
  type MeetingFact,
  type ReferralFacts,
} from "@/lib/referrals/steps";
import { isUuid } from "@/lib/validation/ids";
import type {
  CloseReferralInput,
  CompleteEvaluationInput,
  CreateReferralInput,
  DecideReferralInput,
  DetermineEligibilityInput,
  RequestReportInput,
} from "@/lib/validation/referrals";
import { loaderFor, mutate, read, type Loader } from "./core";
import { studentTarget } from "./students";
import type { Viewer } from "./viewer";
import { studentVersionsOf } from "./internal/plan-columns";
import { shareable } from "./internal/request-cache";

type StudentEntity = NonNullable<Awaited<ReturnType<ReturnType<typeof studentTarget>>>>["entity"];
type ReferralRow = typeof referrals.$inferSelect;
type ReferralEntity = { student: StudentEntity; referral: ReferralRow };

/** A student loaded for an IEP-side step (the policy checks the IEP program). */
function iepStudentTarget(studentId: string): Loader<StudentEntity> {
  const load = studentTarget(studentId);
  const decided: Loader<StudentEntity> = async (db, viewer) => {
    const target = await load(db, viewer);
    return target && { ...target, planType: "iep" };
  };
  return Object.assign(decided, { requested: load.requested });
}

/** Loader for one referral of a student the viewer can see (program IEP). */
function referralTarget(studentId: string, referralId: string): Loader<ReferralEntity> {
  return loaderFor("referral", referralId, async (db, viewer) => {
    if (!isUuid(referralId)) return null;
    const student = await studentTarget(studentId)(db, viewer);
    if (!student) return null;
    const [row] = await db
      .select()
      .from(referrals)
      .where(and(eq(referrals.id, referralId), eq(referrals.studentId, student.entity.id)))
      .limit(1);
    if (!row) return null;
    return {
      entity: { student: student.entity, referral: row },
      entityType: "referral",
      entityId: row.id,
      studentId: student.entity.id,
      relationships: student.relationships,
      planType: "iep",
    };
  });
}

async function activeVersion(db: Executor, studentId: string, planType: "iep" | "504") {
  if (shareable(db)) {
    const found = (await studentVersionsOf(db, studentId)).find(
      (v) => v.planType === planType && v.status === "active",
    );
    return found ? { id: found.id } : null;
  }
  const [row] = await db
    .select({ id: planVersions.id })
    .from(planVersions)
    .where(
      and(
        eq(planVersions.studentId, studentId),
        eq(planVersions.planType, planType),
        eq(planVersions.status, "active"),
      ),
    )
    .limit(1);
  return row ?? null;
}

async function openReferralOf(db: Executor, studentId: string) {
  const [row] = await db
    .select({ id: referrals.id })
    .from(referrals)
    .where(and(eq(referrals.studentId, studentId), eq(referrals.status, "open")))
    .limit(1);
  return row ?? null;
}

/**
 * A hand-recorded `referral_received` of the student still open (not adopted by a referral; no IEP
 * implemented, no initial eligibility decision, no refusal since): the referral adopts it instead of
 * writing a second one (one source of truth for D-01).
 */
async function openManualReferralEvent(db: Executor, studentId: string) {
  const [row] = await db
    .select({ id: caseEvents.id, date: caseEvents.date, birthToThree: caseEvents.birthToThree })
    .from(caseEvents)
    .where(
      and(
        eq(caseEvents.studentId, studentId),
        eq(caseEvents.type, "referral_received"),
        isNull(caseEvents.voidedAt),
        sql`not exists (select 1 from ${referrals} r where r.received_event_id = ${caseEvents.id})`,
        sql`not exists (select 1 from ${caseEvents} later where later.student_id = ${caseEvents.studentId}
          and later.voided_at is null and later.date >= ${caseEvents.date}
          and (later.type in ('iep_implemented', 'exited')
            or (later.type = 'eligibility_determined' and coalesce(later.eligibility_kind, 'initial') = 'initial')
            or (later.type = 'consent_refused' and later.consent in ('initial_evaluation', 'initial_services'))
            or (later.type = 'pwn_sent' and later.pwn_action = 'refuse' and later.pwn_subject in ('evaluation', 'identification'))))`,
      ),
    )
    .orderBy(desc(caseEvents.date))
    .limit(1);
  return row ?? null;
}

/**
 * `referral.create` (principal, 504 coordinator, case manager, teacher of the student; a guardian for
 * their own written request): records an initial referral — the source, the day received, the concern; a
 * parent's written request its form and date (any writing counts, R-07); a student study team its
 * general-education interventions; Birth-to-Three only before the third birthday (D-01 is then capped at
 * it). Writes the `referral_received` case event the deadline engine reads (source workflow) — or adopts
 * the student's open hand-recorded one of the same day — and refreshes the deadlines. A student with a 504
 * plan in force starts the 504 → IEP flow (the plan stays in force). Refused: an IEP in force (that is a
 * reevaluation), a referral already open (CONFLICT), a received day in the future or before birth.
 */
export async function createReferral(viewer: Viewer, input: CreateReferralInput): Promise<{ referralId: string }> {
  return mutate(
    viewer,
    {
      action: "referral.create",
      event: "referral.created",
      load: iepStudentTarget(input.studentId),
      submissionKey: input.submissionKey,
    },
    async ({ tx, target, details }) => {
      const student = target.entity;
      if (viewer.role === "parent" && input.source !== "parent_request")
        throw fieldError("source", "validation.referral.parentSource");
      if (input.receivedOn > viewer.today) throw fieldError("receivedOn", "validation.referral.receivedInFuture");
      if (input.receivedOn < student.birthDate)
        throw fieldError("receivedOn", "validation.referral.receivedBeforeBirth");
      const missing = sourceRequirements({ ...input, birthDate: student.birthDate });
      for (const [i, intervention] of input.interventions.entries())
        if (intervention.endedOn > input.receivedOn)
          missing[`interventions.${i}.endedOn`] = "validation.referral.interventionAfterReceipt";
      if (Object.keys(missing).length > 0)
        throw new AppError("VALIDATION", undefined, {
          fieldErrors: Object.fromEntries(Object.entries(missing).map(([k, v]) => [k, [v]])),
        });
      await tx.execute(sql`select id from students where id = ${student.id} for update`);
      if (await activeVersion(tx, student.id, "iep")) throw new AppError("VALIDATION", "errors.referral.iepInForce");
      if (await openReferralOf(tx, student.id)) throw new AppError("CONFLICT", "errors.referral.alreadyOpen");
      const plan504 = await activeVersion(tx, student.id, "504");
      const referralId = randomUUID();
      const birthToThree = input.source === "birth_to_three";
      const manual = await openManualReferralEvent(tx, student.id);
      let receivedEventId: string;
      if (manual) {
        if (manual.date !== input.receivedOn || manual.birthToThree !== birthToThree)
          throw new AppError("CONFLICT", "errors.referral.eventOnFile", {
            fieldErrors: { receivedOn: ["errors.referral.eventOnFile"] },
            details: { date: manual.date },
          });
        receivedEventId = manual.id;
      } else {
        const [event] = await tx
          .insert(caseEvents)
          .values({
            districtId: viewer.districtId,
            studentId: student.id,
            type: "referral_received",
            date: input.receivedOn,
            birthToThree,
            source: "workflow",
            sourceId: referralId,
            recordedBy: viewer.userId,
          })
          .returning({ id: caseEvents.id });
        receivedEventId = event!.id;
      }
      await tx.insert(referrals).values({
        id: referralId,
        districtId: viewer.districtId,
        studentId: student.id,
        source: input.source,
        receivedOn: input.receivedOn,
        concern: input.concern,
        requestForm: input.source === "parent_request" ? (input.requestForm ?? null) : null,
        requestDatedOn: input.source === "parent_request" ? (input.requestDatedOn ?? null) : null,
        plan504VersionId: plan504?.id ?? null,
        receivedEventId,
        createdBy: viewer.userId,
      });
      if (input.interventions.length > 0)
        await tx.insert(referralInterventions).values(input.interventions.map((i) => ({ referralId, ...i })));
      const refreshed = await refreshDeadlines(tx, { districtId: viewer.districtId, studentIds: [student.id] });
      Object.assign(details, {
        referralId,
        source: input.source,
        flow: plan504 ? "504_to_iep" : "initial",
        interventions: input.interventions.length,
        adoptedEvent: manual !== null,
        deadlines: refreshed.deadlines,
      });
      return { referralId };
    },
  );
}

/** Locks the referral row for the step and refuses a closed one. */
async function lockOpen(tx: Transaction, referralId: string): Promise<ReferralRow> {
  const [row] = await tx.select().from(referrals).where(eq(referrals.id, referralId)).for("update");
  if (!row || row.status !== "open") throw new AppError("CONFLICT", "errors.referral.closed");
  return row;
}

async function heldMeeting(
  tx: Executor,
  studentId: string,
  meetingId: string,
  purpose: "referral" | "eligibility",
  since: string,
) {
  if (!isUuid(meetingId)) return null;
  const [row] = await tx
    .select({ id: meetings.id, heldOn: meetings.heldOn })
    .from(meetings)
    .where(
      and(
        eq(meetings.id, meetingId),
        eq(meetings.studentId, studentId),
        eq(meetings.program, "iep"),
        eq(meetings.status, "held"),
        sql`${purpose}::meeting_purpose = any(${meetings.purposes})`,
        gte(meetings.heldOn, since),
      ),
    )
    .limit(1);
  return row?.heldOn ? { id: row.id, heldOn: row.heldOn } : null;
}

async function sentNotice(
  tx: Executor,
  studentId: string,
  noticeId: string,
  filter: { action?: "refuse"; subjects: ("evaluation" | "identification")[]; since: string },
) {
  if (!isUuid(noticeId)) return null;
  const [row] = await tx
    .select({ id: priorWrittenNotices.id, sentOn: priorWrittenNotices.sentOn })
    .from(priorWrittenNotices)
    .where(
      and(
        eq(priorWrittenNotices.id, noticeId),
        eq(priorWrittenNotices.studentId, studentId),
        eq(priorWrittenNotices.program, "iep"),
        eq(priorWrittenNotices.status, "sent"),
        filter.action ? eq(priorWrittenNotices.action, filter.action) : undefined,
        inArray(priorWrittenNotices.subject, filter.subjects),
        gte(priorWrittenNotices.sentOn, filter.since),
      ),
    )
    .limit(1);
  return row?.sentOn ? { id: row.id, sentOn: row.sentOn } : null;
}

async function noStayPut(tx: Executor, studentId: string) {
  if (await stayPutPending(tx, studentId, "iep")) throw new AppError("VALIDATION", "errors.referral.stayPut");
}

/**
 * `referral.manage` (the student's case manager or principal): the referral PPT's decision, at a held PPT
 * whose purposes include the referral. Evaluate: the procedural safeguards were given that day (N-03); the
 * consent to evaluate (C-01) is then requested on the consents page. Refuse: names the sent PWN refusing the
 * evaluation (N-01), which closes the referral "not evaluated" (D-01 stops on that notice). Refused: a PPT
 * not held, a decision already recorded, dates in the future or before the PPT, stay-put for a refusal.
 */
export async function decideReferral(viewer: Viewer, input: DecideReferralInput): Promise<void> {
  await mutate(
    viewer,
    { action: "referral.manage", event: "referral.decided", load: referralTarget(input.studentId, input.referralId) },
    async ({ tx, target, details }) => {
      const referral = await lockOpen(tx, target.entity.referral.id);
      if (referral.decision) throw new AppError("CONFLICT", "errors.referral.alreadyDecided");
      const meeting = await heldMeeting(tx, referral.studentId, input.meetingId, "referral", referral.receivedOn);
      if (!meeting) throw fieldError("meetingId", "errors.referral.referralMeetingNotHeld");
      if (input.decidedOn > viewer.today) throw fieldError("decidedOn", "validation.referral.dateInFuture");
      if (input.decidedOn < meeting.heldOn) throw fieldError("decidedOn", "validation.referral.decidedBeforeMeeting");
      if (input.decision === "evaluate") {
        const given = input.safeguardsGivenOn!;
        if (given > viewer.today) throw fieldError("safeguardsGivenOn", "validation.referral.dateInFuture");
        if (given < referral.receivedOn) throw fieldError("safeguardsGivenOn", "validation.referral.beforeReceipt");
        await tx
          .update(referrals)
          .set({
            decision: "evaluate",
            decidedOn: input.decidedOn,
            referralMeetingId: meeting.id,
            safeguardsGivenOn: given,
          })
          .where(eq(referrals.id, referral.id));
      } else {
        await noStayPut(tx, referral.studentId);
        const notice = await sentNotice(tx, referral.studentId, input.noticeId!, {
          action: "refuse",
          subjects: ["evaluation", "identification"],
          since: referral.receivedOn,
        });
        if (!notice) throw fieldError("noticeId", "errors.referral.refusalNoticeMissing");
        await tx
          .update(referrals)
          .set({
            decision: "refuse",
            decidedOn: input.decidedOn,
            referralMeetingId: meeting.id,
            status: "closed",
            outcome: "not_evaluated",
            closedOn: notice.sentOn > input.decidedOn ? notice.sentOn : input.decidedOn,
            closingNoticeId: notice.id,
          })
          .where(eq(referrals.id, referral.id));
        details.noticeId = notice.id;
      }
      Object.assign(details, { referralId: referral.id, decision: input.decision, meetingId: meeting.id });
    },
  );
}

/**
 * The standing answer to the student's latest consent request of a type made since a day: granted, refused
 * (or no response), requested (open), or none.
 */
async function consentFact(
  db: Executor,
  studentId: string,
  type: "initial_evaluation" | "initial_services",
  since: string,
): Promise<{ state: ConsentFact; responseId: string | null; respondedOn: string | null; decision: string | null }> {
  const [request] = await db
    .select({ id: consentRequests.id })
    .from(consentRequests)
    .where(
      and(
        eq(consentRequests.studentId, studentId),
        eq(consentRequests.type, type),
        isNull(consentRequests.supersededById),
        gte(consentRequests.requestedOn, since),
      ),
    )
    .orderBy(desc(consentRequests.requestedOn), desc(consentRequests.createdAt))
    .limit(1);
  if (!request) return { state: "none", responseId: null, respondedOn: null, decision: null };
  const [latest] = await db
    .select({ id: consentResponses.id, decision: consentResponses.decision, respondedOn: consentResponses.respondedOn })
    .from(consentResponses)
    .where(eq(consentResponses.requestId, request.id))
    .orderBy(desc(consentResponses.respondedAt), desc(consentResponses.id))
    .limit(1);
  if (!latest) return { state: "requested", responseId: null, respondedOn: null, decision: null };
  // Refused, no response (D-23) or revoked after a grant: the consent does not stand.
  const state: ConsentFact = latest.decision === "granted" ? "granted" : "refused";
  return { state, responseId: latest.id, respondedOn: latest.respondedOn, decision: latest.decision };
}

/**
 * `referral.manage`: the evaluation was completed on a day — only after the parent granted consent to the
 * initial evaluation (C-01, 300.300(a)) and not before that answer, never in the future. Written once.
 */
export async function completeEvaluation(viewer: Viewer, input: CompleteEvaluationInput): Promise<void> {
  await mutate(
    viewer,
    {
      action: "referral.manage",
      event: "referral.evaluation_completed",
      load: referralTarget(input.studentId, input.referralId),
    },
    async ({ tx, target, details }) => {
      const referral = await lockOpen(tx, target.entity.referral.id);
      if (referral.decision !== "evaluate") throw new AppError("VALIDATION", "errors.referral.notDecidedToEvaluate");
      if (referral.evaluationCompletedOn) throw new AppError("CONFLICT", "errors.referral.evaluationAlreadyCompleted");
      const consent = await consentFact(tx, referral.studentId, "initial_evaluation", referral.receivedOn);
      if (consent.state !== "granted") throw new AppError("VALIDATION", "errors.referral.evaluationConsentMissing");
      if (input.completedOn > viewer.today) throw fieldError("completedOn", "validation.referral.dateInFuture");
      if (input.completedOn < consent.respondedOn!)
        throw fieldError("completedOn", "validation.referral.completedBeforeConsent");
      await tx.update(referrals).set({ evaluationCompletedOn: input.completedOn }).where(eq(referrals.id, referral.id));
      Object.assign(details, { referralId: referral.id });
    },
  );
}

/**
 * `referral.manage`: records the parent's request for the evaluation report before the eligibility PPT
 * (D-07: due at least 3 school days before that PPT; CGS 10-76d(a)(8)). Only once the team decided to
 * evaluate and before eligibility is decided; never in the future or before the referral.
 */
export async function recordReportRequest(viewer: Viewer, input: RequestReportInput): Promise<void> {
  await mutate(
    viewer,
    {
      action: "referral.manage",
      event: "referral.report_requested",
      load: referralTarget(input.studentId, input.referralId),
    },
    async ({ tx, target, details }) => {
      const referral = await lockOpen(tx, target.entity.referral.id);
      if (referral.decision !== "evaluate") throw new AppError("VALIDATION", "errors.referral.notDecidedToEvaluate");
      if (referral.needsSdi !== null) throw new AppError("CONFLICT", "errors.referral.eligibilityAlreadyDecided");
      if (referral.reportRequestedOn) throw new AppError("CONFLICT", "errors.referral.reportAlreadyRequested");
      if (input.requestedOn > viewer.today) throw fieldError("requestedOn", "validation.referral.dateInFuture");
      if (input.requestedOn < referral.receivedOn) throw fieldError("requestedOn", "validation.referral.beforeReceipt");
      await tx.update(referrals).set({ reportRequestedOn: input.requestedOn }).where(eq(referrals.id, referral.id));
      Object.assign(details, { referralId: referral.id });
    },
  );
}

/**
 * `referral.manage`: the eligibility PPT's explicit answer to "does the student need specially designed
 * instruction?" (300.8(a)(1)-(2), 300.306), at a held eligibility PPT after the evaluation was completed.
 * Writes `eligibility_determined` (initial; eligible = the answer; source workflow) and refreshes the
 * deadlines (D-01 answered when not eligible; D-03 starts when eligible). Not eligible: the referral waits
 * for the PWN (closeReferral); the 504 plan, if any, continues unchanged.
 */
export async function determineEligibility(viewer: Viewer, input: DetermineEligibilityInput): Promise<void> {
  await mutate(
    viewer,
    {
      action: "referral.manage",
      event: "referral.eligibility_determined",
      load: referralTarget(input.studentId, input.referralId),
    },
    async ({ tx, target, details }) => {
      const referral = await lockOpen(tx, target.entity.referral.id);
      if (referral.needsSdi !== null) throw new AppError("CONFLICT", "errors.referral.eligibilityAlreadyDecided");
      if (!referral.evaluationCompletedOn) throw new AppError("VALIDATION", "errors.referral.evaluationNotCompleted");
      const meeting = await heldMeeting(
        tx,
        referral.studentId,
        input.meetingId,
        "eligibility",
        referral.evaluationCompletedOn,
      );
      if (!meeting) throw fieldError("meetingId", "errors.referral.eligibilityMeetingNotHeld");
      const needsSdi = input.needsSdi === "yes";
      const [event] = await tx
        .insert(caseEvents)
        .values({
          districtId: viewer.districtId,
          studentId: referral.studentId,
          type: "eligibility_determined",
          date: meeting.heldOn,
          eligibilityKind: "initial",
          eligible: needsSdi,
          source: "workflow",
          sourceId: referral.id,
          recordedBy: viewer.userId,
        })
        .returning({ id: caseEvents.id });
      await tx
        .update(referrals)
        .set({
          needsSdi,
          disabilityCategory: input.disabilityCategory ?? null,
          eligibilityMeetingId: meeting.id,
          eligibilityEventId: event!.id,
        })
        .where(eq(referrals.id, referral.id));
      const refreshed = await refreshDeadlines(tx, { districtId: viewer.districtId, studentIds: [referral.studentId] });
      Object.assign(details, {
        referralId: referral.id,
        needsSdi,
        meetingId: meeting.id,
        eventId: event!.id,
        deadlines: refreshed.deadlines,
      });
    },
  );
}

/**
 * `referral.manage`: closes a referral — not eligible, with the sent PWN on identification after the
 * eligibility PPT (N-01; the "consider a 504 plan" prompt follows); or consent refused, when the parent's
 * standing answer to the latest request for consent to evaluate or to initial services is a refusal (or no
 * response, D-23; 300.300(a)(3), (b)(3)) — a 504 plan in force continues. Refused under stay-put.
 */
export async function closeReferral(viewer: Viewer, input: CloseReferralInput): Promise<void> {
  await mutate(
    viewer,
    { action: "referral.manage", event: "referral.closed", load: referralTarget(input.studentId, input.referralId) },
    async ({ tx, target, details }) => {
      const referral = await lockOpen(tx, target.entity.referral.id);
      await noStayPut(tx, referral.studentId);
      if (input.outcome === "not_eligible") {
        if (referral.needsSdi !== false) throw new AppError("VALIDATION", "errors.referral.notFoundIneligible");
        const [meeting] = await tx
          .select({ heldOn: meetings.heldOn })
          .from(meetings)
          .where(eq(meetings.id, referral.eligibilityMeetingId!));
        const notice = await sentNotice(tx, referral.studentId, input.noticeId!, {
          subjects: ["identification"],
          since: meeting!.heldOn!,
        });
        if (!notice) throw fieldError("noticeId", "errors.referral.ineligibilityNoticeMissing");
        await tx
          .update(referrals)
          .set({ status: "closed", outcome: "not_eligible", closedOn: notice.sentOn, closingNoticeId: notice.id })
          .where(eq(referrals.id, referral.id));
        Object.assign(details, { noticeId: notice.id });
      } else {
        const type = referral.needsSdi === true ? "initial_services" : "initial_evaluation";
        const consent = await consentFact(tx, referral.studentId, type, referral.receivedOn);
        if ((consent.decision !== "refused" && consent.decision !== "no_response") || !consent.responseId)
          throw new AppError("VALIDATION", "errors.referral.noConsentRefusal");
        await tx
          .update(referrals)
          .set({
            status: "closed",
            outcome: "consent_refused",
            closedOn: consent.respondedOn! > viewer.today ? viewer.today : consent.respondedOn!,
            closingConsentResponseId: consent.responseId,
          })
          .where(eq(referrals.id, referral.id));
        Object.assign(details, { consentType: type, responseId: consent.responseId });
      }
      Object.assign(details, { referralId: referral.id, outcome: input.outcome });
    },
  );
}

/**
 * The referrals section of a student page (`caseEvent.read` on the IEP program: district admin, principal,
 * case manager), or, for anyone who may refer (`referral.create`: teachers and guardians too), only the
 * form. Null for viewers who may do neither. Three queries.
 */
export async function getStudentReferrals(viewer: Viewer, studentId: string): Promise<StudentReferrals | null> {
  const target = await read(viewer, { action: "student.read", load: studentTarget(studentId) });
  const subject = { role: viewer.role };
  const rights = { relationships: target.relationships, planType: "iep" as const };
  const readable = can(subject, "caseEvent.read", rights);
  const mayRefer = can(subject, "referral.create", rights);
  if (!readable && !mayRefer) return null;
  const db = getDb();
  const id = target.entity.id;
  const [rows, iep] = await Promise.all([
    readable
      ? db.select().from(referrals).where(eq(referrals.studentId, id)).orderBy(desc(referrals.receivedOn)).limit(20)
      : Promise.resolve([] as ReferralRow[]),
    activeVersion(db, id, "iep"),
  ]);
  const open = rows.some((r) => r.status === "open") || (!readable && (await openReferralOf(db, id)) !== null);
  const referBlocked = iep ? "errors.referral.iepInForce" : open ? "errors.referral.alreadyOpen" : null;
  return {
    studentId: id,
    today: viewer.today,
    referrals: rows.map((r) => ({
      id: r.id,
      flow: r.plan504VersionId ? "504_to_iep" : "initial",
      source: r.source,
      receivedOn: r.receivedOn,
      status: r.status,
      outcome: r.outcome,
    })),
    canRefer: mayRefer && referBlocked === null,
    referBlocked: mayRefer ? referBlocked : null,
    parentOnly: viewer.role === "parent",
  };
}

type TransitionEntity =
  | { kind: "referral"; student: StudentEntity; referral: ReferralRow }
  | { kind: "planEnd"; student: StudentEntity; end: typeof planEnds.$inferSelect };

/** Loader for one transition of a student the viewer can see: a referral or a plan end (by its id). */
function transitionTarget(studentId: string, transitionId: string): Loader<TransitionEntity> {
  return loaderFor<TransitionEntity>("transition", transitionId, async (db, viewer) => {
    if (!isUuid(transitionId)) return null;
    const student = await studentTarget(studentId)(db, viewer);
    if (!student) return null;
    const [[referral], [end]] = await Promise.all([
      db
        .select()
        .from(referrals)
        .where(and(eq(referrals.id, transitionId), eq(referrals.studentId, student.entity.id)))
        .limit(1),
      db
        .select()
        .from(planEnds)
        .where(and(eq(planEnds.id, transitionId), eq(planEnds.studentId, student.entity.id)))
        .limit(1),
    ]);
    const base = { studentId: student.entity.id, relationships: student.relationships, entityId: transitionId };
    if (referral)
      return {
        ...base,
        entity: { kind: "referral" as const, student: student.entity, referral },
        entityType: "referral",
        planType: "iep" as const,
      };
    if (end)
      return {
        ...base,
        entity: { kind: "planEnd" as const, student: student.entity, end },
        entityType: "plan_end",
        planType: end.planType,
      };
    return null;
  });
}

/**
 * `caseEvent.read` on the transition's program (district admin, principal, case manager; the 504
 * coordinator for a 504 plan's end): the per-transition page — its ordered steps, the current one, who acts
 * next (by role, with the names on record), what blocks it and each step's deadline from the deadline engine
 * (D-01, D-03, D-06, D-23) or the referral's rules (D-07). The read is in the record of access
 * (`transition.viewed`). NOT_FOUND outside the scope or for an unknown id; FORBIDDEN otherwise.
 */
export async function getTransition(viewer: Viewer, studentId: string, transitionId: string): Promise<TransitionView> {
  const target = await read(viewer, {
    action: "caseEvent.read",
    load: transitionTarget(studentId, transitionId),
    event: "transition.viewed",
  });
  const entity = target.entity;
  const studentName = `${entity.student.firstName} ${entity.student.lastName}`;
  if (entity.kind === "planEnd") return planEndView(viewer, entity, studentName);
  return referralView(viewer, entity.student, entity.referral, studentName, target.may("referral.manage"));
}

async function actorNames(
  db: Executor,
  student: StudentEntity,
  role: string | null,
  today: string,
): Promise<ActorView | null> {
  if (role === null) return null;
  if (role === "parent") {
    const rows = await db
      .select({ name: users.name })
      .from(guardianships)
      .innerJoin(users, eq(users.id, guardianships.guardianUserId))
      .where(
        and(
          eq(guardianships.studentId, student.id),
          eq(guardianships.hasDecisionRights, true),
          eq(guardianships.restricted, false),
          lte(guardianships.startsOn, today),
          or(isNull(guardianships.endsOn), gte(guardianships.endsOn, today)),
        ),
      )
      .limit(5);
    return { role: "parent", names: rows.map((r) => r.name) };
  }
  if (role === "caseManager") {
    const rows = await db
      .select({ name: users.name })
      .from(caseloads)
      .innerJoin(users, eq(users.id, caseloads.caseManagerId))
      .where(
        and(
          eq(caseloads.studentId, student.id),
          lte(caseloads.startsOn, today),
          or(isNull(caseloads.endsOn), gte(caseloads.endsOn, today)),
        ),
      )
      .limit(5);
    if (rows.length > 0) return { role: "caseManager", names: rows.map((r) => r.name) };
    return { role: "principal", names: await principalNames(db, student.schoolId, today) };
  }
  if (role === "principal") return { role: "principal", names: await principalNames(db, student.schoolId, today) };
  return { role: role as ActorView["role"], names: [] };
}

async function principalNames(db: Executor, schoolId: string, today: string) {
  const rows = await db
    .select({ name: users.name })
    .from(staffAssignments)
    .innerJoin(users, eq(users.id, staffAssignments.userId))
    .where(
      and(
        eq(staffAssignments.schoolId, schoolId),
        eq(staffAssignments.role, "principal"),
        lte(staffAssignments.startsOn, today),
        or(isNull(staffAssignments.endsOn), gte(staffAssignments.endsOn, today)),
      ),
    )
    .limit(5);
  return rows.map((r) => r.name);
}

async function planEndView(
  viewer: Viewer,
  entity: Extract<TransitionEntity, { kind: "planEnd" }>,
  studentName: string,
): Promise<PlanEndTransitionView> {
  const db = getDb();
  const end = entity.end;
  const [plan504s, stayPut] = await Promise.all([
    db
      .select({ status: planVersions.status })
      .from(planVersions)
      .where(
        and(
          eq(planVersions.studentId, end.studentId),
          eq(planVersions.planType, "504"),
          inArray(planVersions.status, ["final", "active"]),
          eq(planVersions.effectiveOn, end.endsOn),
        ),
      )
      .limit(1),
    stayPutPending(db, end.studentId, end.planType),
  ]);
  const plan504 = plan504s[0];
  const flow = transitionSteps({
    reason: end.reason,
    status: end.status,
    endsOn: end.endsOn,
    stayPut,
    plan504: !plan504 ? "none" : plan504.status === "active" ? "active" : "scheduled",
  });
  return {
    kind: "planEnd",
    id: end.id,
    studentId: end.studentId,
    studentName,
    today: viewer.today,
    planType: end.planType,
    reason: end.reason,
    status: end.status,
    endsOn: end.endsOn,
    lastDay: addDays(end.endsOn, -1),
    steps: flow.steps,
    nextActor:
      flow.nextActor === "caseManager" || flow.nextActor === "principal"
        ? await actorNames(db, entity.student, flow.nextActor, viewer.today)
        : flow.nextActor
          ? { role: flow.nextActor, names: [] }
          : null,
    blockedBy: flow.blockedBy,
  };
}

function meetingFact(rows: { status: string; scheduledOn: string; heldOn: string | null }[]): MeetingFact {
  const held = rows.find((m) => m.status === "held");
  if (held) return { status: "held", date: held.heldOn };
  const scheduled = rows.find((m) => m.status === "scheduled");
  return scheduled ? { status: "scheduled", date: scheduled.scheduledOn } : { status: "none", date: null };
}

async function referralView(
  viewer: Viewer,
  student: StudentEntity,
  referral: ReferralRow,
  studentName: string,
  canManage: boolean,
): Promise<ReferralTransitionView> {
  const db = getDb();
  const since = referral.receivedOn;
  const [
    interventions,
    meetingRows,
    noticeRows,
    evaluationConsent,
    servicesConsent,
    ieps,
    deadlineRows,
    stayPut,
    calendars,
    plan504,
  ] = await Promise.all([
    db
      .select()
      .from(referralInterventions)
      .where(eq(referralInterventions.referralId, referral.id))
      .orderBy(referralInterventions.startedOn),
    db
      .select({
        id: meetings.id,
        status: meetings.status,
        purposes: meetings.purposes,
        scheduledOn: meetings.scheduledOn,
        heldOn: meetings.heldOn,
      })
      .from(meetings)
      .where(
        and(
          eq(meetings.studentId, referral.studentId),
          eq(meetings.program, "iep"),
          inArray(meetings.status, ["scheduled", "held"]),
          gte(meetings.scheduledOn, since),
          sql`${meetings.purposes} && array['referral', 'eligibility']::meeting_purpose[]`,
        ),
      )
      .orderBy(desc(meetings.scheduledOn))
      .limit(20),
    db
      .select({
        id: priorWrittenNotices.id,
        action: priorWrittenNotices.action,
        subject: priorWrittenNotices.subject,
        sentOn: priorWrittenNotices.sentOn,
        planVersionId: priorWrittenNotices.planVersionId,
      })
      .from(priorWrittenNotices)
      .where(
        and(
          eq(priorWrittenNotices.studentId, referral.studentId),
          eq(priorWrittenNotices.program, "iep"),
          eq(priorWrittenNotices.status, "sent"),
          gte(priorWrittenNotices.sentOn, since),
        ),
      )
      .orderBy(desc(priorWrittenNotices.sentOn))
      .limit(20),
    consentFact(db, referral.studentId, "initial_evaluation", since),
    consentFact(db, referral.studentId, "initial_services", since),
    db
      .select({ id: planVersions.id, status: planVersions.status })
      .from(planVersions)
      .where(
        and(
          eq(planVersions.studentId, referral.studentId),
          eq(planVersions.planType, "iep"),
          inArray(planVersions.status, ["draft", "proposed", "final", "active"]),
        ),
      )
      .limit(5),
    db
      .select({ ruleId: deadlines.ruleId, due: deadlines.due, status: deadlines.status, triggerDate: caseEvents.date })
      .from(deadlines)
      .leftJoin(caseEvents, eq(caseEvents.id, deadlines.triggerEventId))
      .where(
        and(
          eq(deadlines.studentId, referral.studentId),
          inArray(deadlines.ruleId, ["D-01", "D-03", "D-06", "D-23"]),
          gte(caseEvents.date, since),
        ),
      )
      .orderBy(desc(caseEvents.date))
      .limit(20),
    stayPutPending(db, referral.studentId, "iep"),
    loadSchoolCalendars(db, [student.schoolId]),
    referral.plan504VersionId
      ? db
          .select({ status: planVersions.status })
          .from(planVersions)
          .where(eq(planVersions.id, referral.plan504VersionId))
          .then((rows) => rows[0] ?? null)
      : Promise.resolve(null),
  ]);
  const calendar = calendars.get(student.schoolId)!;
  const referralMeetings = meetingRows.filter((m) => m.purposes.includes("referral"));
  const eligibilityMeetings = meetingRows.filter((m) => m.purposes.includes("eligibility"));
  const eligibilityFact = referral.eligibilityMeetingId
    ? meetingFact(meetingRows.filter((m) => m.id === referral.eligibilityMeetingId))
    : meetingFact(eligibilityMeetings);
  const rank = { draft: 0, proposed: 1, final: 2, active: 3 } as const;
  const iep = ieps
    .filter((v): v is { id: string; status: keyof typeof rank } => v.status in rank)
    .sort((a, b) => rank[b.status] - rank[a.status])[0];
  const eligibilityHeldOn = eligibilityFact.status === "held" ? eligibilityFact.date : null;
  const identificationNotices = noticeRows.filter(
    (n) => n.subject === "identification" && eligibilityHeldOn !== null && n.sentOn! >= eligibilityHeldOn,
  );
  const reportDue = evaluationReportDue(
    referral.reportRequestedOn,
    eligibilityFact.status === "none" ? null : eligibilityFact.date,
    (date, n) => calendar.nthSchoolDayBefore(date, n),
  );
  const seen = new Set<string>();
  const deadlineFacts: DeadlineFact[] = [];
  for (const d of deadlineRows) {
    if (d.ruleId === "D-01" && d.triggerDate !== referral.receivedOn) continue;
    if (seen.has(d.ruleId)) continue;
    if (d.ruleId === "D-06" && d.status !== "open") continue;
    seen.add(d.ruleId);
    deadlineFacts.push({ ruleId: d.ruleId, due: d.due, status: d.status });
  }
  const facts: ReferralFacts = {
    flow: referral.plan504VersionId ? "504_to_iep" : "initial",
    receivedOn: referral.receivedOn,
    status: referral.status,
    outcome: referral.outcome,
    closedOn: referral.closedOn,
    referralMeeting: referral.referralMeetingId
      ? meetingFact(meetingRows.filter((m) => m.id === referral.referralMeetingId))
      : meetingFact(referralMeetings),
    decision: referral.decision,
    decidedOn: referral.decidedOn,
    evaluationConsent: evaluationConsent.state,
    evaluationCompletedOn: referral.evaluationCompletedOn,
    reportRequestedOn: referral.reportRequestedOn,
    reportDue,
    eligibilityMeeting: eligibilityFact,
    needsSdi: referral.needsSdi,
    iep: iep?.status ?? "none",
    iepNoticeSent: iep ? noticeRows.some((n) => n.planVersionId === iep.id) : false,
    servicesConsent: servicesConsent.state,
    closingNoticeSent: referral.closingNoticeId !== null || identificationNotices.length > 0,
    plan504: !plan504 ? "none" : plan504.status === "active" ? "active" : "ended",
    stayPut,
    deadlines: deadlineFacts,
  };
  const flow = referralSteps(facts);
  const consentRefusal =
    referral.needsSdi === true ? servicesConsent.state === "refused" : evaluationConsent.state === "refused";
  return {
    kind: "referral",
    id: referral.id,
    studentId: referral.studentId,
    studentName,
    today: viewer.today,
    flow: facts.flow,
    source: referral.source,
    receivedOn: referral.receivedOn,
    concern: referral.concern,
    requestForm: referral.requestForm,
    requestDatedOn: referral.requestDatedOn,
    interventions: interventions.map((i) => ({
      description: i.description,
      startedOn: i.startedOn,
      endedOn: i.endedOn,
      outcome: i.outcome,
    })),
    status: referral.status,
    outcome: referral.outcome,
    closedOn: referral.closedOn,
    decision: referral.decision,
    needsSdi: referral.needsSdi,
    disabilityCategory: referral.disabilityCategory,
    reportRequestedOn: referral.reportRequestedOn,
    reportDue,
    steps: flow.steps,
    current: flow.current,
    nextActor: await actorNames(db, student, flow.nextActor, viewer.today),
    blockedBy: flow.blockedBy,
    canManage: canManage && referral.status === "open",
    referralMeetings: referralMeetings
      .filter((m) => m.status === "held" && m.heldOn)
      .map((m) => ({ id: m.id, heldOn: m.heldOn! })),
    eligibilityMeetings: eligibilityMeetings
      .filter((m) => m.status === "held" && m.heldOn)
      .map((m) => ({ id: m.id, heldOn: m.heldOn! })),
    refusalNotices: noticeRows
      .filter((n) => n.action === "refuse" && (n.subject === "evaluation" || n.subject === "identification"))
      .map((n) => ({ id: n.id, sentOn: n.sentOn! })),
    identificationNotices: identificationNotices.map((n) => ({ id: n.id, sentOn: n.sentOn! })),
    consentRefusal,
  };
}
