import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { getDb, type Transaction } from "@/db/client";
import { dueProcessFilings, planEnds, planVersions, recordDisclosures, students, users } from "@/db/schema";
import { AppError, fieldError } from "@/lib/errors";
import type { DisclosureEntry } from "@/lib/dto/transitions";
import type {
  CancelPlanEndInput,
  HoldPlanEndInput,
  RecordTransferInput,
  ResolveHeldEndInput,
} from "@/lib/validation/transitions";
import { now as clockNow } from "@/lib/time";
import { mutate, read } from "./core";
import { completePlanEnd } from "./internal/plan-ends";
import { studentScopedLoader } from "./internal/student-target";
import { studentTarget } from "./students";
import type { Viewer } from "./viewer";

type PlanEndRow = typeof planEnds.$inferSelect;

/** A plan end of a student, through the viewer's student scope, locked for the change; its plan type decides the lead. */
function planEndTarget(studentId: string, endId: string) {
  return studentScopedLoader({
    entityType: "plan_end",
    id: endId,
    otherIds: [studentId],
    query: (db, scope) =>
      db
        .select({ end: planEnds, ...scope.relationships })
        .from(planEnds)
        .innerJoin(students, eq(students.id, planEnds.studentId))
        .where(and(eq(planEnds.id, endId), eq(planEnds.studentId, studentId), scope.visible))
        .limit(1)
        .for("update", { of: planEnds }),
    target: ({ entity }) => ({
      entity: entity.end as PlanEndRow,
      entityId: entity.end.id,
      studentId: entity.end.studentId,
      planType: entity.end.planType,
    }),
  });
}

async function pendingFilingOf(tx: Transaction, end: PlanEndRow) {
  const [filing] = await tx
    .select({ id: dueProcessFilings.id, filedOn: dueProcessFilings.filedOn })
    .from(dueProcessFilings)
    .where(
      and(
        eq(dueProcessFilings.studentId, end.studentId),
        eq(dueProcessFilings.program, end.planType),
        eq(dueProcessFilings.status, "pending"),
      ),
    )
    .limit(1);
  return filing ?? null;
}

/**
 * `transition.manage` (the plan's lead: the case manager for an IEP, the principal or 504
 * coordinator for a 504 plan): cancels a scheduled plan end before its date, with the reason
 * (kept on the end and audited). The plan stays in force; the notice that proposed the end stays on
 * record (sent notices are frozen). An end dated today or earlier (completed, or due to complete) and
 * an end no longer scheduled are refused. The database refuses a cancellation without a reason.
 */
export async function cancelPlanEnd(viewer: Viewer, input: CancelPlanEndInput): Promise<void> {
  await mutate(
    viewer,
    { action: "transition.manage", event: "plan.end_cancelled", load: planEndTarget(input.studentId, input.endId) },
    async ({ tx, target, details }) => {
      const end = target.entity;
      if (end.status !== "scheduled") throw new AppError("CONFLICT", "errors.transition.notScheduled");
      if (end.endsOn <= viewer.today) throw new AppError("VALIDATION", "errors.transition.cancelTooLate");
      await tx
        .update(planEnds)
        .set({ status: "cancelled", cancelledAt: clockNow(), cancelReason: input.reason })
        .where(eq(planEnds.id, end.id));
      Object.assign(details, { endId: end.id, versionId: end.versionId, reason: end.reason });
    },
  );
}

/**
 * `transition.manage`: marks a scheduled end as held — the plan continues under stay-put (CL-7,
 * 300.518) — because a due-process filing of the plan's program is pending, filed before the end's
 * date. The activation job no longer tries to complete it; once the filing is closed the lead
 * cancels or reschedules it ({@link resolveHeldEnd}). Refused without such a filing, or when the end
 * is already held or no longer scheduled.
 */
export async function holdPlanEndForStayPut(viewer: Viewer, input: HoldPlanEndInput): Promise<void> {
  await mutate(
    viewer,
    {
      action: "transition.manage",
      event: "plan.end_held_stay_put",
      load: planEndTarget(input.studentId, input.endId),
    },
    async ({ tx, target, details }) => {
      const end = target.entity;
      if (end.status !== "scheduled") throw new AppError("CONFLICT", "errors.transition.notScheduled");
      if (end.stayPutFilingId) throw new AppError("CONFLICT", "errors.transition.alreadyHeld");
      const filing = await pendingFilingOf(tx, end);
      if (!filing || filing.filedOn >= end.endsOn) throw new AppError("VALIDATION", "errors.transition.noFilingToHold");
      await tx
        .update(planEnds)
        .set({ stayPutFilingId: filing.id, stayPutOn: viewer.today })
        .where(eq(planEnds.id, end.id));
      Object.assign(details, { endId: end.id, versionId: end.versionId, filingId: filing.id });
    },
  );
}

/**
 * `transition.manage`: after the due-process filing that held an end is closed (resolved, or the
 * parties agreed in writing), acts on the outcome — `cancel`: the plan continues, the end is cancelled
 * with the outcome as its reason; `reschedule`: the held end is cancelled and a new end of the same
 * version, reason and notice is scheduled for `endsOn` (today or later, not before the notice's
 * implementation date; today completes it at once). Refused while the filing is pending.
 */
export async function resolveHeldEnd(
  viewer: Viewer,
  input: ResolveHeldEndInput,
): Promise<{ endId: string | null; completed: boolean }> {
  return mutate(
    viewer,
    { action: "transition.manage", event: "plan.end_rescheduled", load: planEndTarget(input.studentId, input.endId) },
    async ({ tx, target, details }) => {
      const end = target.entity;
      if (end.status !== "scheduled") throw new AppError("CONFLICT", "errors.transition.notScheduled");
      if (!end.stayPutFilingId) throw new AppError("VALIDATION", "errors.transition.notHeld");
      const [filing] = await tx
        .select({ status: dueProcessFilings.status })
        .from(dueProcessFilings)
        .where(eq(dueProcessFilings.id, end.stayPutFilingId));
      if (filing?.status === "pending") throw new AppError("VALIDATION", "errors.transition.filingStillPending");
      await tx
        .update(planEnds)
        .set({ status: "cancelled", cancelledAt: clockNow(), cancelReason: input.note })
        .where(eq(planEnds.id, end.id));
      Object.assign(details, { endId: end.id, versionId: end.versionId, outcome: input.outcome });
      if (input.outcome === "cancel") return { endId: null, completed: false };
      const endsOn = input.endsOn!;
      if (endsOn < viewer.today) throw fieldError("endsOn", "errors.transition.rescheduleInPast");
      if (endsOn < end.endsOn) throw fieldError("endsOn", "errors.transition.rescheduleBeforeNotice");
      const [version] = await tx
        .select({ status: planVersions.status })
        .from(planVersions)
        .where(eq(planVersions.id, end.versionId));
      if (version?.status !== "active") throw new AppError("CONFLICT", "errors.versionNotActive");
      const [row] = await tx
        .insert(planEnds)
        .values({
          districtId: end.districtId,
          studentId: end.studentId,
          planId: end.planId,
          versionId: end.versionId,
          planType: end.planType,
          reason: end.reason,
          endsOn,
          noticeId: end.noticeId,
          revocationResponseId: end.revocationResponseId,
          summaryAcademic: end.summaryAcademic,
          summaryFunctional: end.summaryFunctional,
          summaryRecommendations: end.summaryRecommendations,
          receivingDistrict: end.receivingDistrict,
          receivingSchool: end.receivingSchool,
          rescheduledFromId: end.id,
          createdBy: viewer.userId,
        })
        .returning({ id: planEnds.id });
      const completed = endsOn <= viewer.today;
      if (completed)
        await completePlanEnd(tx, {
          endId: row!.id,
          actor: { userId: viewer.userId, role: viewer.role, districtId: viewer.districtId },
          now: clockNow(),
        });
      Object.assign(details, { newEndId: row!.id, endsOn, completed });
      return { endId: row!.id, completed };
    },
  );
}

/**
 * `records.disclose` (district admin; the plan's lead): logs a transfer of the student's records to
 * the school or district where the student enrolls (FERPA 99.31(a)(2), 99.34; 300.323(g); CGS 10-220h)
 * in the disclosure log (99.32: who received which records, when, and their legitimate interest).
 * With `endId`, the transfer belongs to that plan end for a move. The date is not in the future.
 * The log is insert-only and shown in the student's record of access.
 */
export async function recordRecordsTransfer(viewer: Viewer, input: RecordTransferInput): Promise<{ id: string }> {
  return mutate(
    viewer,
    { action: "records.disclose", event: "records.disclosed", load: disclosureTarget(input.studentId, input.endId) },
    async ({ tx, target, details }) => {
      if (input.disclosedOn > viewer.today) throw fieldError("disclosedOn", "errors.disclosure.inFuture");
      if (input.disclosedOn < target.entity.birthDate) throw fieldError("disclosedOn", "errors.disclosure.beforeBirth");
      if (target.entity.end && target.entity.end.reason !== "moved")
        throw fieldError("endId", "errors.disclosure.notAMove");
      const [row] = await tx
        .insert(recordDisclosures)
        .values({
          districtId: viewer.districtId,
          studentId: target.entity.studentId,
          disclosedOn: input.disclosedOn,
          recipient: input.recipient,
          records: input.records,
          basis: "school_transfer",
          legitimateInterest: input.legitimateInterest,
          planEndId: target.entity.end?.id ?? null,
          recordedBy: viewer.userId,
        })
        .returning({ id: recordDisclosures.id });
      Object.assign(details, { disclosureId: row!.id, basis: "school_transfer", planEndId: target.entity.end?.id });
      return { id: row!.id };
    },
  );
}

/**
 * The target of a records transfer: the student (and the plan end of the move, when named), with
 * the plan type of the program whose lead logs it — the end's, else the plan in force (IEP first).
 */
function disclosureTarget(studentId: string, endId: string | undefined) {
  return studentScopedLoader({
    entityType: "student",
    id: studentId,
    otherIds: endId ? [endId] : [],
    query: (db, scope) =>
      db
        .select({ studentId: students.id, birthDate: students.birthDate, ...scope.relationships })
        .from(students)
        .where(and(eq(students.id, studentId), scope.visible))
        .limit(1),
    target: async ({ entity }, db) => {
      const [end] = endId
        ? await db
            .select({ id: planEnds.id, reason: planEnds.reason, planType: planEnds.planType })
            .from(planEnds)
            .where(and(eq(planEnds.id, endId), eq(planEnds.studentId, entity.studentId)))
        : [];
      const [latest] = end
        ? [end]
        : await db
            .select({ planType: planVersions.planType })
            .from(planVersions)
            .where(eq(planVersions.studentId, entity.studentId))
            .orderBy(desc(planVersions.effectiveOn))
            .limit(1);
      return {
        entity: { studentId: entity.studentId, birthDate: entity.birthDate, end: end ?? null },
        entityId: entity.studentId,
        studentId: entity.studentId,
        planType: latest?.planType ?? "iep",
      };
    },
  });
}

/**
 * `accessLog.read` (district admin; the student's guardians): the student's disclosure log (FERPA
 * 99.32), newest first — date, recipient, records, basis and legitimate interest, and who logged it.
 * Bounded (200 rows).
 */
export async function listStudentDisclosures(viewer: Viewer, studentId: string): Promise<DisclosureEntry[]> {
  const target = await read(viewer, { action: "accessLog.read", load: studentTarget(studentId) });
  const rows = await getDb()
    .select({
      id: recordDisclosures.id,
      disclosedOn: recordDisclosures.disclosedOn,
      recipient: recordDisclosures.recipient,
      records: recordDisclosures.records,
      basis: recordDisclosures.basis,
      legitimateInterest: recordDisclosures.legitimateInterest,
      recordedByName: users.name,
    })
    .from(recordDisclosures)
    .leftJoin(users, eq(users.id, recordDisclosures.recordedBy))
    .where(eq(recordDisclosures.studentId, target.entity.id))
    .orderBy(desc(recordDisclosures.disclosedOn), desc(recordDisclosures.createdAt))
    .limit(200);
  return rows;
}
