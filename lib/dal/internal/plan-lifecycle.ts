import "server-only";
import { and, desc, eq, isNull, lte, ne, sql } from "drizzle-orm";
import type { Executor, Transaction } from "@/db/client";
import {
  caseEvents,
  consentRequests,
  consentResponses,
  districts,
  dueProcessFilings,
  meetings,
  planEnds,
  plans,
  planVersions,
  priorWrittenNotices,
  students,
} from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { addDays } from "@/lib/compliance/dates";
import { AppError, fieldError } from "@/lib/errors";
import { isFirstIep, parseLifecycleSettings, type Guard } from "@/lib/plans/lifecycle";
import type { PlanType } from "@/lib/policy";
import { refreshDeadlines } from "./deadline-store";
import { endVersion, notifyGuardiansOfEnd } from "./plan-ends";
import { refreshSummariesOfStudents } from "./coverage";

/**
 * The gates of the plan lifecycle (lib/plans/lifecycle.ts), read from the legal record. The data
 * layer checks them here first, with a specific message; the database trigger of migration 0018
 * refuses the same writes. Unscoped: callers have already loaded the version through the viewer's
 * scope, or are the activation job acting for the district.
 */

export interface GateVersion {
  id: string;
  planId: string;
  planType: PlanType;
  studentId: string;
  basedOnVersionId: string | null;
  content: Record<string, unknown>;
}

type ConsentType = (typeof consentRequests.type.enumValues)[number];

/** The message key of each unmet gate. */
export const GATE_MESSAGES: Record<Guard, string> = {
  complete: "errors.planIncomplete",
  meetingHeld: "errors.lifecycle.meetingNotHeld",
  initialServicesConsent: "errors.lifecycle.initialServicesConsent",
  noticeImplemented: "errors.lifecycle.noticeMissing",
  plan504Consent: "errors.lifecycle.plan504Consent",
  noStayPut: "errors.lifecycle.stayPut",
};

/** Whether the latest response to a consent request of `type` bound to the version is a grant. */
export async function consentGranted(db: Executor, versionId: string, type: ConsentType): Promise<boolean> {
  const latest = db
    .select({ decision: consentResponses.decision })
    .from(consentResponses)
    .where(eq(consentResponses.requestId, consentRequests.id))
    .orderBy(desc(consentResponses.respondedAt), desc(consentResponses.id))
    .limit(1);
  const rows = await db
    .select({ id: consentRequests.id })
    .from(consentRequests)
    .where(
      and(eq(consentRequests.planVersionId, versionId), eq(consentRequests.type, type), sql`(${latest}) = 'granted'`),
    )
    .limit(1);
  return rows.length > 0;
}

/** Whether a due-process filing is pending for the student in a program (stay-put, 300.518). */
export async function stayPutPending(db: Executor, studentId: string, program: PlanType): Promise<boolean> {
  const rows = await db
    .select({ id: dueProcessFilings.id })
    .from(dueProcessFilings)
    .where(
      and(
        eq(dueProcessFilings.studentId, studentId),
        eq(dueProcessFilings.program, program),
        eq(dueProcessFilings.status, "pending"),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/** Whether the version would be the student's first IEP (C-02; see `isFirstIep`). */
export async function firstIep(db: Executor, version: { id: string; studentId: string }): Promise<boolean> {
  const [earlier, history, exits] = await Promise.all([
    db
      .select({ activatedAt: planVersions.activatedAt, endedOn: planVersions.endedOn })
      .from(planVersions)
      .where(
        and(
          eq(planVersions.studentId, version.studentId),
          eq(planVersions.planType, "iep"),
          ne(planVersions.id, version.id),
        ),
      ),
    // Implementations on record without a version: history from before the district used PlanPath.
    db
      .select({ date: caseEvents.date })
      .from(caseEvents)
      .where(
        and(
          eq(caseEvents.studentId, version.studentId),
          eq(caseEvents.type, "iep_implemented"),
          isNull(caseEvents.voidedAt),
          sql`${caseEvents.sourceId} is distinct from ${version.id}`,
        ),
      ),
    db
      .select({ date: caseEvents.date })
      .from(caseEvents)
      .where(
        and(eq(caseEvents.studentId, version.studentId), eq(caseEvents.type, "exited"), isNull(caseEvents.voidedAt)),
      ),
  ]);
  return isFirstIep(
    [
      ...earlier.map((v) => ({ activated: v.activatedAt !== null, endedOn: v.endedOn })),
      ...history.map((h) => ({ activated: true, endedOn: h.date })),
    ],
    exits.map((e) => e.date),
  );
}

/**
 * The held meeting that decided a version: same student and program, held on the version's
 * meeting date, for an IEP one whose purposes include an initial IEP, annual review or revision,
 * not linked to another version and not the deciding meeting of another version. A meeting linked
 * to the version (`meetings.plan_version_id`) is preferred. Null when none is on record.
 */
export async function decidingMeeting(db: Executor, version: GateVersion): Promise<string | null> {
  const meetingDate = (version.content as { meetingDate?: unknown }).meetingDate;
  if (typeof meetingDate !== "string" || !meetingDate) return null;
  const rows = await db
    .select({ id: meetings.id, planVersionId: meetings.planVersionId })
    .from(meetings)
    .where(
      and(
        eq(meetings.studentId, version.studentId),
        eq(meetings.program, version.planType),
        eq(meetings.status, "held"),
        eq(meetings.heldOn, meetingDate),
        version.planType === "iep"
          ? sql`${meetings.purposes} && array['initial_iep', 'annual_review', 'revision']::meeting_purpose[]`
          : undefined,
        sql`(${meetings.planVersionId} is null or ${meetings.planVersionId} = ${version.id})`,
        sql`not exists (select 1 from ${planVersions} where ${planVersions.meetingId} = ${meetings.id} and ${planVersions.id} <> ${version.id})`,
      ),
    )
    .orderBy(sql`${meetings.planVersionId} is distinct from ${version.id}`, desc(meetings.createdAt));
  return rows[0]?.id ?? null;
}

/**
 * Finalize gates (besides completeness): the meeting date is not in the future, and a held meeting
 * on it is on record — or, for an IEP amendment, the parent's written agreement to amend without a
 * meeting (C-07). Returns the meeting id to store on the version (null on the C-07 path).
 */
export async function finalizeGate(db: Executor, version: GateVersion, today: string): Promise<string | null> {
  const meetingDate = (version.content as { meetingDate?: unknown }).meetingDate;
  if (typeof meetingDate === "string" && meetingDate > today)
    throw fieldError("meetingDate", "errors.lifecycle.meetingInFuture");
  const meetingId = await decidingMeeting(db, version);
  if (meetingId) return meetingId;
  if (
    version.planType === "iep" &&
    version.basedOnVersionId !== null &&
    (await consentGranted(db, version.id, "amendment_without_meeting"))
  )
    return null;
  throw new AppError("VALIDATION", "errors.lifecycle.meetingNotHeld");
}

/**
 * Activation gates, in the order a person would meet them: stay-put, then for a first IEP the
 * consent to initial services (C-02), for every IEP a sent PWN proposing it (N-01) implemented on
 * or before `effectiveOn` (D-05; a later IEP needs no consent, CL-5), for a 504 plan the written
 * consent when the district requires it. Returns the message key of the first unmet gate, or null.
 */
export async function activationProblem(
  db: Executor,
  version: GateVersion,
  effectiveOn: string,
  options: { checkStayPut?: boolean } = {},
): Promise<string | null> {
  if (options.checkStayPut !== false && (await stayPutPending(db, version.studentId, version.planType)))
    return GATE_MESSAGES.noStayPut;
  if (version.planType === "iep") {
    if ((await firstIep(db, version)) && !(await consentGranted(db, version.id, "initial_services")))
      return GATE_MESSAGES.initialServicesConsent;
    const notices = await db
      .select({ implementationDate: priorWrittenNotices.implementationDate })
      .from(priorWrittenNotices)
      .where(
        and(
          eq(priorWrittenNotices.planVersionId, version.id),
          eq(priorWrittenNotices.studentId, version.studentId),
          eq(priorWrittenNotices.status, "sent"),
          eq(priorWrittenNotices.action, "propose"),
        ),
      );
    if (notices.length === 0) return GATE_MESSAGES.noticeImplemented;
    if (!notices.some((n) => n.implementationDate !== null && n.implementationDate <= effectiveOn))
      return "errors.lifecycle.beforeImplementationDate";
    return null;
  }
  const [district] = await db
    .select({ settings: districts.settings })
    .from(students)
    .innerJoin(districts, eq(districts.id, students.districtId))
    .where(eq(students.id, version.studentId));
  if (!parseLifecycleSettings(district?.settings ?? {}).require504WrittenConsent) return null;
  return (await consentGranted(db, version.id, "plan_504")) ? null : GATE_MESSAGES.plan504Consent;
}

/** Final versions whose scheduled effective date has come (the activation job's work list). */
export async function dueScheduledVersions(db: Executor, today: string, districtId?: string) {
  return db
    .select({ id: planVersions.id, districtId: plans.districtId, studentId: planVersions.studentId })
    .from(planVersions)
    .innerJoin(plans, eq(plans.id, planVersions.planId))
    .where(
      and(
        eq(planVersions.status, "final"),
        lte(planVersions.effectiveOn, today),
        districtId ? eq(plans.districtId, districtId) : undefined,
      ),
    )
    .orderBy(planVersions.effectiveOn);
}

/**
 * Checks that the student's plans in force leave room for `version` from `effectiveOn`: the plan's
 * own active version must have started before that day, an active 504 plan is replaced by an IEP
 * only when `endActive504` confirms it, and a 504 plan cannot start while an IEP is active — unless
 * the IEP's end is scheduled (`iepEndsOn`) on or before the 504 plan's first day.
 */
export async function replacementCheck(
  tx: Executor,
  version: GateVersion,
  effectiveOn: string,
  endActive504: boolean,
  lock: boolean,
  /** The first day without the student's IEP when its end is scheduled (IEP→504, CL-9). */
  iepEndsOn: string | null = null,
) {
  const query = tx
    .select({
      id: planVersions.id,
      planId: planVersions.planId,
      planType: planVersions.planType,
      effectiveOn: planVersions.effectiveOn,
    })
    .from(planVersions)
    .where(and(eq(planVersions.studentId, version.studentId), eq(planVersions.status, "active")));
  const actives = lock ? await query.for("update") : await query;
  const closedOn = addDays(effectiveOn, -1);
  for (const active of actives) {
    if (active.effectiveOn && active.effectiveOn > closedOn)
      throw fieldError("effectiveOn", "errors.effectiveBeforeCurrent");
    if (active.planId === version.planId) continue;
    if (active.planType === "iep" && version.planType === "504" && iepEndsOn !== null && iepEndsOn <= effectiveOn)
      continue;
    if (active.planType === "504" && version.planType === "iep") {
      if (!endActive504) throw new AppError("CONFLICT", "errors.active504Exists", { details: { active504: true } });
    } else {
      throw new AppError("CONFLICT", "errors.activeIepExists");
    }
  }
  return actives;
}

/**
 * Puts a final version in force from `effectiveOn` after checking every gate: supersedes the plan's
 * active version (the day before), ends an active 504 plan an IEP replaces (Rule 504-4), writes the
 * case events the deadline engine reads (`iep_implemented` / `plan504_activated`, and
 * `plan504_ended` for a replaced 504 plan; `source = 'workflow'`, `source_id` = the version) and
 * refreshes the student's deadlines. Used by `activateVersion` and by the activation job.
 */
export async function putInForce(
  tx: Transaction,
  input: {
    version: GateVersion;
    districtId: string;
    effectiveOn: string;
    endActive504: boolean;
    actorUserId: string | null;
    /** The district's local date (the guardians notified are those in force that day). */
    today?: string;
    /** Who acts, for the audit row of a plan this activation ends (null: the system). */
    actor?: { userId: string; role: string; districtId: string } | null;
    now: Date;
  },
): Promise<Record<string, unknown>> {
  const { version, effectiveOn, now } = input;
  const problem = await activationProblem(tx, version, effectiveOn);
  if (problem) throw new AppError("VALIDATION", problem, { fieldErrors: { effectiveOn: [problem] } });
  const actives = await replacementCheck(tx, version, effectiveOn, input.endActive504, true);
  const closedOn = addDays(effectiveOn, -1);
  const details: Record<string, unknown> = {};
  // The date first: a 504 plan ends for an IEP only when that IEP takes effect the next day (trigger).
  await tx.update(planVersions).set({ effectiveOn }).where(eq(planVersions.id, version.id));
  for (const active of actives) {
    if (active.planId === version.planId) {
      await tx
        .update(planVersions)
        .set({ status: "superseded", endedOn: closedOn, closedAt: now })
        .where(eq(planVersions.id, active.id));
      details.supersededVersionId = active.id;
    } else {
      if (await stayPutPending(tx, version.studentId, "504"))
        throw new AppError("VALIDATION", GATE_MESSAGES.noStayPut, {
          fieldErrors: { effectiveOn: [GATE_MESSAGES.noStayPut] },
        });
      await tx.insert(planEnds).values({
        districtId: input.districtId,
        studentId: version.studentId,
        planId: active.planId,
        versionId: active.id,
        planType: "504",
        reason: "replaced_by_iep",
        status: "completed",
        endsOn: effectiveOn,
        completedAt: now,
        createdBy: input.actorUserId,
      });
      await endVersion(tx, { versionId: active.id, planId: active.planId, endedOn: closedOn, now });
      details.guardiansNotified = await notifyGuardiansOfEnd(tx, {
        districtId: input.districtId,
        studentId: version.studentId,
        versionId: active.id,
        reason: "replaced_by_iep",
        endsOn: effectiveOn,
        today: input.today ?? effectiveOn,
      });
      await writeWorkflowEvent(
        tx,
        input.districtId,
        version.studentId,
        "plan504_ended",
        closedOn,
        active.id,
        input.actorUserId,
      );
      await recordAudit(tx, {
        action: "plan.ended",
        actor: input.actor ?? null,
        districtId: input.districtId,
        entityType: "plan_version",
        entityId: active.id,
        studentId: version.studentId,
        details: {
          versionId: active.id,
          endedOn: closedOn,
          reason: "replaced_by_iep",
          replacedByVersionId: version.id,
        },
      });
      details.ended504VersionId = active.id;
    }
  }
  await tx
    .update(planVersions)
    .set({ status: "active", effectiveOn, activatedAt: now, updatedBy: input.actorUserId ?? undefined })
    .where(eq(planVersions.id, version.id));
  await writeWorkflowEvent(
    tx,
    input.districtId,
    version.studentId,
    version.planType === "iep" ? "iep_implemented" : "plan504_activated",
    effectiveOn,
    version.id,
    input.actorUserId,
  );
  const refreshed = await refreshDeadlines(tx, { districtId: input.districtId, studentIds: [version.studentId] });
  // The assignments this version creates (and the superseded or ended one retires) move the school's numbers.
  await refreshSummariesOfStudents(tx, { studentIds: [version.studentId], today: input.today ?? effectiveOn });
  details.versionId = version.id;
  details.effectiveOn = effectiveOn;
  details.deadlines = refreshed.deadlines;
  return details;
}

async function writeWorkflowEvent(
  tx: Transaction,
  districtId: string,
  studentId: string,
  type: "iep_implemented" | "plan504_activated" | "plan504_ended",
  date: string,
  sourceId: string,
  recordedBy: string | null,
) {
  await tx
    .insert(caseEvents)
    .values({ districtId, studentId, type, date, source: "workflow", sourceId, recordedBy })
    .onConflictDoNothing();
}

/** Loads a version for the gates (unscoped), locking it for the rest of the transaction. */
export async function lockVersionForGates(tx: Transaction, versionId: string) {
  const [row] = await tx
    .select({
      id: planVersions.id,
      planId: planVersions.planId,
      planType: planVersions.planType,
      studentId: planVersions.studentId,
      basedOnVersionId: planVersions.basedOnVersionId,
      content: planVersions.content,
      status: planVersions.status,
      effectiveOn: planVersions.effectiveOn,
    })
    .from(planVersions)
    .where(eq(planVersions.id, versionId))
    .for("update");
  return row ?? null;
}
