import "server-only";
import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray, ne, sql } from "drizzle-orm";
import type { Executor, Transaction } from "@/db/client";
import {
  caseloads,
  planAccommodations,
  planGoals,
  planObjectives,
  plans,
  planServices,
  planVersions,
  sectionEnrollments,
  sections,
  sectionTeachers,
  students,
  users,
} from "@/db/schema";
import { addYears } from "@/lib/compliance/dates";
import { AppError, fieldError } from "@/lib/errors";
import { changedFieldNames, diffPlanContent } from "@/lib/plans/diff";
import { contentHash } from "@/lib/plans/hash";
import { materializedRows } from "@/lib/plans/materialize";
import { createVerb, editVerb, inForce, type PlanType } from "@/lib/policy";
import { completeness } from "@/lib/validation/plan-completeness";
import {
  contentSchemaFor,
  emptyContent,
  type IepContent,
  type Plan504Content,
  type PlanContent,
} from "@/lib/validation/plans";
import { loaderFor, mutate, type Loader } from "./core";
import { transferEndOf } from "./internal/plan-ends";
import {
  activationProblem,
  finalizeGate,
  putInForce,
  replacementCheck,
  type GateVersion,
} from "./internal/plan-lifecycle";
import { studentScopedLoader } from "./internal/student-target";
import { studentTarget } from "./students";
import type { Viewer } from "./viewer";
import { now as clockNow } from "@/lib/time";

export type VersionStatus = "draft" | "proposed" | "final" | "active" | "superseded" | "ended";

export interface VersionEntity {
  id: string;
  planId: string;
  planType: PlanType;
  number: number;
  status: VersionStatus;
  content: Record<string, unknown>;
  lockVersion: number;
  effectiveOn: string | null;
  finalizedAt: Date | null;
  basedOnVersionId: string | null;
  studentId: string;
  studentBirthDate: string;
  studentFirstName: string;
  studentLastName: string;
  schoolId: string;
}

export interface PlanEntity {
  id: string;
  type: PlanType;
  endedAt: Date | null;
  studentId: string;
  studentBirthDate: string;
  studentFirstName: string;
  studentLastName: string;
  schoolId: string;
}

/** Loader for a plan through the student read scope, with the viewer's relationships to its student. */
export function planTarget(planId: string): Loader<PlanEntity> {
  return studentScopedLoader({
    entityType: "plan",
    id: planId,
    query: (db, scope) =>
      db
        .select({
          id: plans.id,
          type: plans.type,
          endedAt: plans.endedAt,
          studentId: students.id,
          studentBirthDate: students.birthDate,
          studentFirstName: students.firstName,
          studentLastName: students.lastName,
          schoolId: students.schoolId,
          ...scope.relationships,
        })
        .from(plans)
        .innerJoin(students, eq(students.id, plans.studentId))
        .where(and(eq(plans.id, planId), scope.visible))
        .limit(1),
    target: ({ entity }) => ({ entity, entityId: entity.id, studentId: entity.studentId, planType: entity.type }),
  });
}

/**
 * Loader for one plan version through the student read scope. The version row is locked
 * (`FOR UPDATE`) until the transaction ends, so lifecycle steps and autosaves of one version run
 * one after another and each sees the state the previous one committed.
 */
export function versionTarget(versionId: string): Loader<VersionEntity> {
  return studentScopedLoader({
    entityType: "plan_version",
    id: versionId,
    query: (db, scope) =>
      db
        .select({
          id: planVersions.id,
          planId: planVersions.planId,
          planType: planVersions.planType,
          number: planVersions.number,
          status: planVersions.status,
          content: planVersions.content,
          lockVersion: planVersions.lockVersion,
          effectiveOn: planVersions.effectiveOn,
          finalizedAt: planVersions.finalizedAt,
          basedOnVersionId: planVersions.basedOnVersionId,
          studentId: students.id,
          studentBirthDate: students.birthDate,
          studentFirstName: students.firstName,
          studentLastName: students.lastName,
          schoolId: students.schoolId,
          ...scope.relationships,
        })
        .from(planVersions)
        .innerJoin(students, eq(students.id, planVersions.studentId))
        .where(and(eq(planVersions.id, versionId), scope.visible))
        .limit(1)
        .for("update", { of: planVersions }),
    target: ({ entity }) => ({ entity, entityId: entity.id, studentId: entity.studentId, planType: entity.planType }),
  });
}

function studentTargetForPlan(studentId: string, type: PlanType): Loader<{ id: string; districtId: string }> {
  return loaderFor("student", studentId, async (db, viewer) => {
    const target = await studentTarget(studentId)(db, viewer);
    return target && { ...target, entity: { id: target.entity.id, districtId: viewer.districtId }, planType: type };
  });
}

/** Names and roles of the people currently implementing for a student (teachers of record, case manager). */
async function currentImplementers(db: Executor, studentId: string, today: string) {
  const teacherRows = await db
    .selectDistinctOn([users.id], { userId: users.id, name: users.name, section: sections.name })
    .from(sectionEnrollments)
    .innerJoin(sections, eq(sections.id, sectionEnrollments.sectionId))
    .innerJoin(sectionTeachers, and(eq(sectionTeachers.sectionId, sections.id), inForce(sectionTeachers, today)))
    .innerJoin(users, eq(users.id, sectionTeachers.userId))
    .where(and(eq(sectionEnrollments.studentId, studentId), inForce(sectionEnrollments, today)))
    .orderBy(users.id, asc(sections.name));
  const managerRows = await db
    .select({ name: users.name })
    .from(caseloads)
    .innerJoin(users, eq(users.id, caseloads.caseManagerId))
    .where(and(eq(caseloads.studentId, studentId), inForce(caseloads, today)));
  return [
    ...managerRows.map((m) => ({ id: randomUUID(), name: m.name, role: "Case manager" })),
    ...teacherRows.map((t) => ({ id: randomUUID(), name: t.name, role: t.section })),
  ];
}

/**
 * `plan.iep.create` (case manager of the student) / `plan.504.create` (principal or 504
 * coordinator of the student's school): opens a plan with an empty first draft. An IEP draft
 * lists the student's current implementers. A second open plan of the same type is a CONFLICT; a
 * repeated submission (same `submissionKey`) answers the first one's result.
 */
export async function createPlan(
  viewer: Viewer,
  input: { studentId: string; type: PlanType; submissionKey?: string },
): Promise<{ planId: string; versionId: string }> {
  return mutate(
    viewer,
    {
      action: createVerb(input.type),
      event: "plan.created",
      load: studentTargetForPlan(input.studentId, input.type),
      submissionKey: input.submissionKey,
    },
    async ({ tx, target, details }) => {
      const [open] = await tx
        .select({ id: plans.id })
        .from(plans)
        .where(and(eq(plans.studentId, target.entity.id), eq(plans.type, input.type), sql`${plans.endedAt} is null`))
        .limit(1);
      if (open) throw new AppError("CONFLICT", "errors.planExists", { details: { planId: open.id } });
      const [plan] = await tx
        .insert(plans)
        .values({
          districtId: target.entity.districtId,
          studentId: target.entity.id,
          type: input.type,
          createdBy: viewer.userId,
        })
        .returning({ id: plans.id });
      const content: PlanContent =
        input.type === "iep"
          ? { ...emptyContent("iep"), implementers: await currentImplementers(tx, target.entity.id, viewer.today) }
          : emptyContent("504");
      const [version] = await tx
        .insert(planVersions)
        .values({
          planId: plan!.id,
          studentId: target.entity.id,
          planType: input.type,
          number: 1,
          content,
          createdBy: viewer.userId,
          updatedBy: viewer.userId,
        })
        .returning({ id: planVersions.id });
      details.planId = plan!.id;
      details.type = input.type;
      return { planId: plan!.id, versionId: version!.id };
    },
  );
}

function requireStatus(version: VersionEntity, allowed: VersionStatus[], messageKey: string) {
  if (!allowed.includes(version.status))
    throw new AppError("CONFLICT", messageKey, { details: { status: version.status } });
}

async function lockedVersion(tx: Transaction, versionId: string) {
  const [row] = await tx
    .select({
      status: planVersions.status,
      lockVersion: planVersions.lockVersion,
      content: planVersions.content,
      updatedAt: planVersions.updatedAt,
      updatedBy: users.name,
    })
    .from(planVersions)
    .leftJoin(users, eq(users.id, planVersions.updatedBy))
    .where(eq(planVersions.id, versionId))
    .for("update", { of: planVersions });
  return row!;
}

/**
 * `plan.iep.edit` / `plan.504.edit`: autosave of a draft. Once the viewer may edit it, the content
 * is validated against its plan type (field-level messages), and written only when `lockVersion` is still current: otherwise CONFLICT with the
 * stored text, its lock version and who saved it, so the editor can show both and lose nothing.
 * Identical content writes nothing. The audit row lists the changed field names.
 */
export async function saveDraft(
  viewer: Viewer,
  input: { versionId: string; lockVersion: number; content: unknown },
): Promise<{ lockVersion: number; savedAt: string }> {
  return mutate(
    viewer,
    { action: (t) => editVerb(t.entity.planType), event: "plan.draft_saved", load: versionTarget(input.versionId) },
    async ({ tx, target, details, unchanged }) => {
      const parsed = contentSchemaFor(target.entity.planType).safeParse(input.content);
      if (!parsed.success) {
        const fieldErrors: Record<string, string[]> = {};
        for (const issue of parsed.error.issues) {
          const key = `content.${issue.path.join(".")}`;
          (fieldErrors[key] ??= []).push(
            issue.message.startsWith("validation.") ? issue.message : "validation.invalid",
          );
        }
        throw new AppError("VALIDATION", "errors.VALIDATION", { fieldErrors });
      }
      const current = await lockedVersion(tx, target.entity.id);
      if (current.status !== "draft")
        throw new AppError("CONFLICT", "errors.versionNotDraft", { details: { status: current.status } });
      if (current.lockVersion !== input.lockVersion) {
        throw new AppError("CONFLICT", "errors.draftConflict", {
          details: {
            lockVersion: current.lockVersion,
            content: current.content,
            savedBy: current.updatedBy,
            savedAt: current.updatedAt.toISOString(),
          },
        });
      }
      const diff = diffPlanContent(current.content, parsed.data);
      if (diff.unchanged) {
        unchanged();
        return { lockVersion: current.lockVersion, savedAt: current.updatedAt.toISOString() };
      }
      const [saved] = await tx
        .update(planVersions)
        .set({ content: parsed.data, lockVersion: current.lockVersion + 1, updatedBy: viewer.userId })
        .where(and(eq(planVersions.id, target.entity.id), eq(planVersions.lockVersion, input.lockVersion)))
        .returning({ lockVersion: planVersions.lockVersion, updatedAt: planVersions.updatedAt });
      details.versionId = target.entity.id;
      details.fields = changedFieldNames(diff);
      return { lockVersion: saved!.lockVersion, savedAt: saved!.updatedAt.toISOString() };
    },
  );
}

/** `plan.propose`: the plan lead shares a draft with the family for review; its content is frozen. */
export async function proposeVersion(viewer: Viewer, input: { versionId: string }): Promise<void> {
  await mutate(
    viewer,
    { action: "plan.propose", event: "plan.proposed", load: versionTarget(input.versionId) },
    async ({ tx, target, details }) => {
      requireStatus(target.entity, ["draft"], "errors.versionNotDraft");
      await tx
        .update(planVersions)
        .set({ status: "proposed", proposedAt: clockNow(), updatedBy: viewer.userId })
        .where(eq(planVersions.id, target.entity.id));
      details.versionId = target.entity.id;
    },
  );
}

/** `plan.propose`: takes a proposed version back to draft for more editing (before it is final). */
export async function returnToDraft(viewer: Viewer, input: { versionId: string }): Promise<void> {
  await mutate(
    viewer,
    { action: "plan.propose", event: "plan.returned_to_draft", load: versionTarget(input.versionId) },
    async ({ tx, target, details }) => {
      requireStatus(target.entity, ["proposed"], "errors.versionNotProposed");
      await tx
        .update(planVersions)
        .set({ status: "draft", proposedAt: null, updatedBy: viewer.userId })
        .where(eq(planVersions.id, target.entity.id));
      details.versionId = target.entity.id;
    },
  );
}

async function materialize(tx: Transaction, versionId: string, type: PlanType, content: PlanContent) {
  const rows = materializedRows(versionId, type, content, () => randomUUID());
  if (rows.accommodations.length) await tx.insert(planAccommodations).values(rows.accommodations);
  if (rows.services.length) await tx.insert(planServices).values(rows.services);
  if (rows.goals.length) await tx.insert(planGoals).values(rows.goals);
  if (rows.objectives.length) await tx.insert(planObjectives).values(rows.objectives);
}

/** Providers named in services must be active staff of the student's district. */
async function assertProviders(tx: Transaction, viewer: Viewer, content: PlanContent, type: PlanType) {
  if (type !== "iep") return;
  const ids = [...new Set((content as IepContent).services.map((s) => s.providerUserId).filter(Boolean))];
  if (!ids.length) return;
  const found = await tx
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        inArray(users.id, ids),
        eq(users.districtId, viewer.districtId),
        ne(users.role, "parent"),
        eq(users.isActive, true),
      ),
    );
  if (found.length !== ids.length) throw new AppError("VALIDATION", "errors.providerNotStaff");
}

/**
 * `plan.finalize`: the plan lead finalizes a draft or proposed version. Every missing item is
 * listed (VALIDATION with `details.missing`) and nothing changes until the version is complete.
 * Finalizing freezes the content (hash), sets the review date (IEP: one year after the meeting,
 * D-08; 504: the review date) and materializes goals, objectives, services and accommodations.
 */
export async function finalizeVersion(viewer: Viewer, input: { versionId: string }): Promise<void> {
  await mutate(
    viewer,
    { action: "plan.finalize", event: "plan.finalized", load: versionTarget(input.versionId) },
    async ({ tx, target, details }) => {
      const version = target.entity;
      requireStatus(version, ["draft", "proposed"], "errors.versionNotEditable");
      const content = contentSchemaFor(version.planType).parse(version.content) as PlanContent;
      const missing = completeness(version.planType, content, { birthDate: version.studentBirthDate });
      if (missing.length) throw new AppError("VALIDATION", "errors.planIncomplete", { details: { missing } });
      await assertProviders(tx, viewer, content, version.planType);
      const meetingId = await finalizeGate(tx, version, viewer.today);
      const now = clockNow();
      const reviewDue =
        version.planType === "iep"
          ? addYears((content as IepContent).meetingDate, 1)
          : (content as Plan504Content).reviewDate;
      await tx
        .update(planVersions)
        .set({
          status: "final",
          proposedAt: version.status === "draft" ? now : undefined,
          finalizedAt: now,
          meetingId,
          contentHash: contentHash(content),
          reviewDue,
          updatedBy: viewer.userId,
        })
        .where(eq(planVersions.id, version.id));
      await materialize(tx, version.id, version.planType, content);
      details.versionId = version.id;
      details.meetingId = meetingId;
      details.contentHash = contentHash(content);
    },
  );
}

/** Date checks of an activation: not before the meeting that decided the version. */
function activationDateProblem(version: VersionEntity, effectiveOn: string): string | null {
  const meetingDate = (version.content as { meetingDate?: string }).meetingDate ?? "";
  return meetingDate && effectiveOn < meetingDate ? "errors.effectiveBeforeMeeting" : null;
}

function gateVersion(version: VersionEntity): GateVersion {
  return {
    id: version.id,
    planId: version.planId,
    planType: version.planType,
    studentId: version.studentId,
    basedOnVersionId: version.basedOnVersionId,
    content: version.content,
  };
}

/**
 * `plan.activate`: the plan lead puts a final version in force from `effectiveOn` (not before the
 * meeting). Every gate of the lifecycle table must hold (lib/plans/lifecycle.ts; stay-put, C-02
 * consent for a first IEP, a sent PWN implemented by then for a later IEP, 504 consent where the
 * district requires it): otherwise VALIDATION with the gate's message and nothing changes. An
 * `effectiveOn` after today schedules the version: the date is stored on the final version and the
 * activation job puts it in force on that day through the same gates. Otherwise the plan's previous
 * active version is superseded the day before; an IEP replaces an active 504 plan (Rule 504-4),
 * ending it the day before — only when the caller confirms `endActive504`. A 504 plan cannot be
 * activated while an IEP is active — except in an IEP→504 transition: when the IEP's end is
 * scheduled (transferred to 504, CL-9), the 504 plan is scheduled for the first day without the IEP
 * whatever date was asked (`effectiveOn` of the result). Writes the case events the deadline engine
 * reads.
 */
export async function activateVersion(
  viewer: Viewer,
  input: { versionId: string; effectiveOn: string; endActive504?: boolean },
): Promise<{ scheduled: boolean; effectiveOn: string }> {
  let effectiveOn = input.effectiveOn;
  let scheduled = effectiveOn > viewer.today;
  await mutate(
    viewer,
    {
      action: "plan.activate",
      event: scheduled ? "plan.activation_scheduled" : "plan.activated",
      load: versionTarget(input.versionId),
    },
    async ({ tx, target, details }) => {
      const version = target.entity;
      // IEP→504 (CL-9 step 7): the 504 plan takes effect the day after the IEP ends, whatever date was asked.
      const iepEnd = version.planType === "504" ? await transferEndOf(tx, version.studentId) : null;
      if (iepEnd) {
        effectiveOn = iepEnd.endsOn;
        scheduled = effectiveOn > viewer.today;
        details.afterIepEndsOn = iepEnd.endsOn;
        details.scheduled = scheduled;
      }
      input = { ...input, effectiveOn };
      requireStatus(version, ["final"], "errors.versionNotFinal");
      if (version.effectiveOn !== null)
        throw new AppError("CONFLICT", "errors.lifecycle.alreadyScheduled", {
          details: { effectiveOn: version.effectiveOn },
        });
      const dateProblem = activationDateProblem(version, input.effectiveOn);
      if (dateProblem) throw fieldError("effectiveOn", dateProblem);
      if (scheduled) {
        const problem = await activationProblem(tx, gateVersion(version), input.effectiveOn, { checkStayPut: false });
        if (problem) throw new AppError("VALIDATION", problem, { fieldErrors: { effectiveOn: [problem] } });
        await replacementCheck(
          tx,
          gateVersion(version),
          input.effectiveOn,
          input.endActive504 ?? false,
          false,
          iepEnd?.endsOn ?? null,
        );
        await tx
          .update(planVersions)
          .set({ effectiveOn: input.effectiveOn, updatedBy: viewer.userId })
          .where(eq(planVersions.id, version.id));
        details.versionId = version.id;
        details.effectiveOn = input.effectiveOn;
        return;
      }
      Object.assign(
        details,
        await putInForce(tx, {
          version: gateVersion(version),
          districtId: viewer.districtId,
          effectiveOn: input.effectiveOn,
          endActive504: input.endActive504 ?? false,
          actorUserId: viewer.userId,
          actor: { userId: viewer.userId, role: viewer.role, districtId: viewer.districtId },
          today: viewer.today,
          now: clockNow(),
        }),
      );
    },
  );
  return { scheduled, effectiveOn };
}

/**
 * `plan.amend`: starts a new draft from the active version (same item ids, so "what changed"
 * matches goals and accommodations across versions). One open draft per plan.
 */
export async function startAmendment(viewer: Viewer, input: { versionId: string }): Promise<{ versionId: string }> {
  return mutate(
    viewer,
    { action: "plan.amend", event: "plan.amendment_started", load: versionTarget(input.versionId) },
    async ({ tx, target, details }) => {
      const version = target.entity;
      requireStatus(version, ["active"], "errors.versionNotActive");
      const [open] = await tx
        .select({ id: planVersions.id })
        .from(planVersions)
        .where(
          and(eq(planVersions.planId, version.planId), inArray(planVersions.status, ["draft", "proposed", "final"])),
        )
        .limit(1);
      if (open) throw new AppError("CONFLICT", "errors.draftExists", { details: { versionId: open.id } });
      const [last] = await tx
        .select({ number: planVersions.number })
        .from(planVersions)
        .where(eq(planVersions.planId, version.planId))
        .orderBy(desc(planVersions.number))
        .limit(1);
      const [draft] = await tx
        .insert(planVersions)
        .values({
          planId: version.planId,
          studentId: version.studentId,
          planType: version.planType,
          number: last!.number + 1,
          content: version.content,
          basedOnVersionId: version.id,
          createdBy: viewer.userId,
          updatedBy: viewer.userId,
        })
        .returning({ id: planVersions.id });
      details.versionId = draft!.id;
      details.basedOnVersionId = version.id;
      return { versionId: draft!.id };
    },
  );
}

/**
 * Plan editing verb: discards a draft. Discarding the only version of a plan removes the plan;
 * proposed, final and later versions can never be deleted (database trigger).
 */
export async function discardDraft(viewer: Viewer, input: { versionId: string }): Promise<{ planRemoved: boolean }> {
  return mutate(
    viewer,
    { action: (t) => editVerb(t.entity.planType), event: "plan.draft_discarded", load: versionTarget(input.versionId) },
    async ({ tx, target, details }) => {
      requireStatus(target.entity, ["draft"], "errors.versionNotDraft");
      await tx.delete(planVersions).where(eq(planVersions.id, target.entity.id));
      const [remaining] = await tx
        .select({ id: planVersions.id })
        .from(planVersions)
        .where(eq(planVersions.planId, target.entity.planId))
        .limit(1);
      if (!remaining) await tx.delete(plans).where(eq(plans.id, target.entity.planId));
      details.versionId = target.entity.id;
      details.planRemoved = !remaining;
      return { planRemoved: !remaining };
    },
  );
}
