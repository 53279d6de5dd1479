import "server-only";
import { and, desc, eq, gte, inArray, isNull, sql } from "drizzle-orm";
import { getDb, type Transaction } from "@/db/client";
import {
  caseEvents,
  consentRequests,
  consentResponses,
  districts,
  meetings,
  planEnds,
  priorWrittenNotices,
  students,
} from "@/db/schema";
import { addDays } from "@/lib/compliance/dates";
import { AppError, fieldError } from "@/lib/errors";
import { parseLifecycleSettings } from "@/lib/plans/lifecycle";
import { END_REQUIREMENTS, fapeEndDate, transitionSteps, type PlanEndReason } from "@/lib/plans/transitions";
import type { StudentTransitions } from "@/lib/dto/transitions";
import { can, type PlanType } from "@/lib/policy";
import type { End504Input, EndIepInput } from "@/lib/validation/transitions";
import { mutate, read } from "./core";
import { completePlanEnd, notifyGuardiansOfEnd, scheduledEndOf } from "./internal/plan-ends";
import { GATE_MESSAGES, stayPutPending } from "./internal/plan-lifecycle";
import { versionTarget, type VersionEntity } from "./plans";
import { studentTarget } from "./students";
import type { Viewer } from "./viewer";
import { now as clockNow } from "@/lib/time";
import { studentFilingsOf } from "./internal/filings";
import { studentVersionsOf } from "./internal/plan-columns";

/**
 * `plan.activate` on an active IEP (its case manager): ends the IEP for a reason — regular diploma,
 * aging out, not eligible at reevaluation, consent revoked, moved out of the district, or transferred
 * to a 504 plan (issue 12; compliance.md §3.2, §3.4; legal-review.md CL-6, CL-8, CL-9). Needs a sent
 * PWN proposing it (program IEP, not bound to a plan version); the IEP's last day is the day before
 * the PWN's implementation date (agreed, or 10 school days after it was sent, D-05) — for aging out
 * the day FAPE ends ([S] `fapeEndAge`/`fapeEndMonthDay`, June 30 of the school year the student turns
 * 22), which the PWN's date may not pass. Graduation and aging out carry the Summary of Performance;
 * not eligible and IEP→504 a reevaluation finding the student no longer eligible (IEP→504 also a held
 * exit PPT); consent revoked the parent's acknowledged written revocation. Refused under stay-put.
 * An end dated today or earlier is completed at once (`exited` with the reason), a later one by the
 * activation job on its date. Refusals are VALIDATION/CONFLICT with a specific message; nothing changes.
 */
export async function endIep(
  viewer: Viewer,
  input: EndIepInput,
): Promise<{ endId: string; endsOn: string; completed: boolean }> {
  return scheduleEnd(viewer, input, "iep", async (tx, version, notice) => {
    let endsOn = notice.implementationDate;
    if (input.reason === "aged_out") {
      const lastDay = fapeEndDate(version.studentBirthDate, await lifecycleSettings(tx, version.studentId));
      endsOn = addDays(lastDay, 1);
      if (notice.implementationDate > endsOn)
        throw new AppError("VALIDATION", "errors.transition.noticeAfterAgeOut", {
          fieldErrors: { noticeId: ["errors.transition.noticeAfterAgeOut"] },
          details: { lastDay },
        });
    }
    if (!version.effectiveOn || endsOn <= version.effectiveOn)
      throw fieldError("noticeId", "errors.transition.endBeforeStart");
    const needs = END_REQUIREMENTS[input.reason];
    if (needs.reevaluation && !(await reevaluationNotEligible(tx, version.studentId, version.effectiveOn)))
      throw new AppError("VALIDATION", "errors.transition.reevaluationMissing");
    if (needs.exitMeeting && !(await exitMeetingHeld(tx, version.studentId, version.effectiveOn)))
      throw new AppError("VALIDATION", "errors.transition.exitMeetingMissing");
    const revocationResponseId = needs.revocation ? await acknowledgedRevocation(tx, version.studentId) : null;
    if (needs.revocation && !revocationResponseId)
      throw new AppError("VALIDATION", "errors.transition.revocationMissing");
    const summary = needs.summaryOfPerformance
      ? {
          summaryAcademic: input.summaryAcademic ?? null,
          summaryFunctional: input.summaryFunctional ?? null,
          summaryRecommendations: input.summaryRecommendations ?? null,
        }
      : {};
    return { endsOn, revocationResponseId, ...summary };
  });
}

/**
 * `plan.activate` on an active 504 plan (the principal or the school's 504 coordinator): ends it
 * because it is no longer needed or the student moved, with a sent notice to the parent proposing it
 * (program 504; its implementation date is the first day without the plan). Refused under stay-put.
 * The parents are told through the notifications outbox. A 504 plan replaced by an IEP is ended by
 * the IEP's activation, never here.
 */
export async function end504Plan(
  viewer: Viewer,
  input: End504Input,
): Promise<{ endId: string; endsOn: string; completed: boolean }> {
  return scheduleEnd(
    viewer,
    input,
    "504",
    async (_tx, version, notice) => {
      if (!version.effectiveOn || notice.implementationDate <= version.effectiveOn)
        throw fieldError("noticeId", "errors.transition.endBeforeStart");
      return { endsOn: notice.implementationDate, revocationResponseId: null };
    },
    async (tx, version, result) => ({
      notified: await notifyGuardiansOfEnd(tx, {
        districtId: viewer.districtId,
        studentId: version.studentId,
        versionId: version.id,
        reason: input.reason,
        endsOn: result.endsOn,
        today: viewer.today,
      }),
    }),
  );
}

const NOT_OF_TYPE = { iep: "errors.transition.notIep", "504": "errors.transition.not504" } as const;

/**
 * The frame of ending a plan (`plan.activate`, audited as `plan.end_scheduled`): the version must be
 * the plan type's, active, with no end scheduled and no stay-put pending, and the chosen notice must
 * propose its end; `plan` sets the end's date (and what else the reason records), and `after` runs
 * once the end is written. The audit details name the version, reason, notice and the end.
 */
async function scheduleEnd(
  viewer: Viewer,
  input: { versionId: string; noticeId: string; reason: PlanEndReason } & Parameters<typeof receivingOf>[0],
  planType: "iep" | "504",
  plan: (
    tx: Transaction,
    version: VersionEntity,
    notice: { id: string; implementationDate: string },
  ) => Promise<Omit<Parameters<typeof schedule>[3], "reason" | "noticeId">>,
  after?: (
    tx: Transaction,
    version: VersionEntity,
    result: { endId: string; endsOn: string; completed: boolean },
  ) => Promise<Record<string, unknown>>,
): Promise<{ endId: string; endsOn: string; completed: boolean }> {
  return mutate(
    viewer,
    { action: "plan.activate", event: "plan.end_scheduled", load: versionTarget(input.versionId) },
    async ({ tx, target, details }) => {
      const version = target.entity;
      if (version.planType !== planType) throw new AppError("VALIDATION", NOT_OF_TYPE[planType]);
      await checkEndable(tx, version);
      const notice = await proposingNotice(tx, version, input.noticeId);
      const end = await plan(tx, version, notice);
      const result = await schedule(tx, viewer, version, {
        reason: input.reason,
        noticeId: notice.id,
        ...end,
        ...receivingOf(input),
      });
      const extra = after ? await after(tx, version, result) : {};
      Object.assign(details, { versionId: version.id, reason: input.reason, noticeId: notice.id, ...extra, ...result });
      return result;
    },
  );
}

/** The receiving district and school of a move (kept only for the reason "moved"). */
function receivingOf(input: { reason: string; receivingDistrict?: string; receivingSchool?: string }) {
  return input.reason === "moved"
    ? { receivingDistrict: input.receivingDistrict ?? null, receivingSchool: input.receivingSchool ?? null }
    : {};
}

async function checkEndable(tx: Transaction, version: VersionEntity) {
  if (version.status !== "active") throw new AppError("VALIDATION", "errors.versionNotActive");
  if (await scheduledEndOf(tx, version.id)) throw new AppError("CONFLICT", "errors.transition.alreadyScheduled");
  if (await stayPutPending(tx, version.studentId, version.planType))
    throw new AppError("VALIDATION", GATE_MESSAGES.noStayPut);
}

async function proposingNotice(tx: Transaction, version: VersionEntity, noticeId: string) {
  const [notice] = await tx
    .select({ id: priorWrittenNotices.id, implementationDate: priorWrittenNotices.implementationDate })
    .from(priorWrittenNotices)
    .where(
      and(
        eq(priorWrittenNotices.id, noticeId),
        eq(priorWrittenNotices.studentId, version.studentId),
        eq(priorWrittenNotices.program, version.planType),
        eq(priorWrittenNotices.status, "sent"),
        eq(priorWrittenNotices.action, "propose"),
        isNull(priorWrittenNotices.planVersionId),
      ),
    )
    .limit(1);
  if (!notice?.implementationDate) throw fieldError("noticeId", "errors.transition.noticeMissing");
  return { id: notice.id, implementationDate: notice.implementationDate };
}

async function lifecycleSettings(tx: Transaction, studentId: string) {
  const [row] = await tx
    .select({ settings: districts.settings })
    .from(students)
    .innerJoin(districts, eq(districts.id, students.districtId))
    .where(eq(students.id, studentId));
  return parseLifecycleSettings(row?.settings ?? {});
}

async function reevaluationNotEligible(tx: Transaction, studentId: string, since: string) {
  const rows = await tx
    .select({ id: caseEvents.id })
    .from(caseEvents)
    .where(
      and(
        eq(caseEvents.studentId, studentId),
        eq(caseEvents.type, "eligibility_determined"),
        eq(caseEvents.eligibilityKind, "reevaluation"),
        eq(caseEvents.eligible, false),
        isNull(caseEvents.voidedAt),
        gte(caseEvents.date, since),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

async function exitMeetingHeld(tx: Transaction, studentId: string, since: string) {
  const rows = await tx
    .select({ id: meetings.id })
    .from(meetings)
    .where(
      and(
        eq(meetings.studentId, studentId),
        eq(meetings.program, "iep"),
        eq(meetings.status, "held"),
        sql`${meetings.purposes} && array['exit']::meeting_purpose[]`,
        gte(meetings.heldOn, since),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/** The latest acknowledged written revocation of consent to services (CL-6), if any. */
async function acknowledgedRevocation(tx: Transaction, studentId: string): Promise<string | null> {
  const [row] = await tx
    .select({ id: consentResponses.id })
    .from(consentResponses)
    .innerJoin(consentRequests, eq(consentRequests.id, consentResponses.requestId))
    .where(
      and(
        eq(consentRequests.studentId, studentId),
        eq(consentRequests.type, "initial_services"),
        eq(consentResponses.decision, "revoked"),
        eq(consentResponses.revocationAcknowledged, true),
      ),
    )
    .orderBy(desc(consentResponses.respondedAt))
    .limit(1);
  return row?.id ?? null;
}

async function schedule(
  tx: Transaction,
  viewer: Viewer,
  version: VersionEntity,
  values: {
    reason: PlanEndReason;
    endsOn: string;
    noticeId: string;
    revocationResponseId: string | null;
    summaryAcademic?: string | null;
    summaryFunctional?: string | null;
    summaryRecommendations?: string | null;
    receivingDistrict?: string | null;
    receivingSchool?: string | null;
  },
) {
  const [row] = await tx
    .insert(planEnds)
    .values({
      districtId: viewer.districtId,
      studentId: version.studentId,
      planId: version.planId,
      versionId: version.id,
      planType: version.planType,
      createdBy: viewer.userId,
      ...values,
    })
    .returning({ id: planEnds.id });
  const completed = values.endsOn <= viewer.today;
  if (completed)
    await completePlanEnd(tx, {
      endId: row!.id,
      actor: { userId: viewer.userId, role: viewer.role, districtId: viewer.districtId },
      now: clockNow(),
    });
  return { endId: row!.id, endsOn: values.endsOn, completed };
}

/**
 * The transitions of a student (staff who may read the student's case events — district admin,
 * principal, case manager, the 504 coordinator for 504 plans): each recorded plan end with its steps,
 * the step that blocks it and who acts next (lib/plans/transitions.ts `transitionSteps`), and — when
 * the viewer leads the plan in force and no end is scheduled — what the end form needs (the plan in
 * force, the sent notices not tied to a version). Null for anyone else. At most five queries (the
 * student's versions shared with the rest of the request).
 */
export async function getStudentTransitions(viewer: Viewer, studentId: string): Promise<StudentTransitions | null> {
  const target = await read(viewer, { action: "student.read", load: studentTarget(studentId) });
  const readable = (["iep", "504"] as const).filter((planType) =>
    can({ role: viewer.role }, "caseEvent.read", { relationships: target.relationships, planType }),
  );
  if (readable.length === 0) return null;
  const db = getDb();
  const id = target.entity.id;
  // The student's due-process filings (shared with the stay-put section in a request): the pending
  // ones (stay-put) and the ones the student's plan ends are held under (always the student's own:
  // `holdPlanEndForStayPut`).
  const [ends, versions, filingRows] = await Promise.all([
    db
      .select()
      .from(planEnds)
      .where(and(eq(planEnds.studentId, id), inArray(planEnds.planType, readable)))
      .orderBy(desc(planEnds.endsOn)),
    studentVersionsOf(db, id),
    studentFilingsOf(db, id),
  ]);
  const filings = filingRows.map((r) => r.filing).filter((f) => f.status === "pending");
  const heldFilings = filingRows.map((r) => r.filing);
  const active = versions.filter((v) => v.status === "active").slice(0, 1);
  const plan504s = versions.filter((v) => v.planType === "504" && (v.status === "final" || v.status === "active"));
  const may = (action: "transition.manage" | "records.disclose", planType: PlanType) =>
    can({ role: viewer.role }, action, { relationships: target.relationships, planType });
  const stayPutOf = (planType: PlanType) => filings.some((f) => f.program === planType);
  const inForce = active[0];
  const endable =
    inForce &&
    inForce.effectiveOn &&
    !ends.some((e) => e.versionId === inForce.id && e.status === "scheduled") &&
    can({ role: viewer.role }, "plan.activate", { relationships: target.relationships, planType: inForce.planType })
      ? { versionId: inForce.id, planType: inForce.planType, effectiveOn: inForce.effectiveOn }
      : null;
  const notices = endable
    ? await db
        .select({
          id: priorWrittenNotices.id,
          sentOn: priorWrittenNotices.sentOn,
          implementationDate: priorWrittenNotices.implementationDate,
          subject: priorWrittenNotices.subject,
        })
        .from(priorWrittenNotices)
        .where(
          and(
            eq(priorWrittenNotices.studentId, id),
            eq(priorWrittenNotices.program, endable.planType),
            eq(priorWrittenNotices.status, "sent"),
            eq(priorWrittenNotices.action, "propose"),
            isNull(priorWrittenNotices.planVersionId),
            gte(priorWrittenNotices.sentOn, endable.effectiveOn),
          ),
        )
        .orderBy(desc(priorWrittenNotices.sentOn))
    : [];
  return {
    studentId: id,
    today: viewer.today,
    endable,
    notices: notices.map((n) => ({
      id: n.id,
      sentOn: n.sentOn!,
      implementationDate: n.implementationDate!,
      subject: n.subject,
    })),
    stayPut: endable ? stayPutOf(endable.planType) : false,
    ends: ends.map((e) => {
      const plan504 = plan504s.find((p) => p.effectiveOn === e.endsOn);
      const flow = transitionSteps({
        reason: e.reason,
        status: e.status,
        endsOn: e.endsOn,
        stayPut: stayPutOf(e.planType),
        plan504: !plan504 ? "none" : plan504.status === "active" ? "active" : "scheduled",
      });
      const held = e.stayPutFilingId !== null;
      const filingClosed = held && heldFilings.some((f) => f.id === e.stayPutFilingId && f.status !== "pending");
      const scheduled = e.status === "scheduled";
      const lead = may("transition.manage", e.planType);
      return {
        id: e.id,
        planType: e.planType,
        reason: e.reason,
        status: e.status,
        endsOn: e.endsOn,
        lastDay: addDays(e.endsOn, -1),
        noticeId: e.noticeId,
        ...flow,
        heldUnderStayPut: scheduled && held,
        filingClosed,
        cancelReason: e.cancelReason,
        receivingDistrict: e.receivingDistrict,
        receivingSchool: e.receivingSchool,
        canCancel: lead && scheduled && e.endsOn > viewer.today,
        canHold: lead && scheduled && !held && stayPutOf(e.planType),
        canResolve: lead && scheduled && filingClosed,
        canRecordTransfer: e.reason === "moved" && e.status !== "cancelled" && may("records.disclose", e.planType),
      };
    }),
  };
}
