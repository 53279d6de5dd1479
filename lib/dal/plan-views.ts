import "server-only";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import {
  planAccommodations,
  planEnds,
  plans,
  planServices,
  planVersions,
  schools,
  staffAssignments,
  students,
  users,
} from "@/db/schema";
import { defaultComplianceSettings } from "@/lib/compliance/rules";
import type {
  DiffView,
  LifecycleStepView,
  DraftForEdit,
  GlanceView,
  PlanTypeName,
  PlanVersionSummary,
  PlanView,
  StudentCase,
  TimelineEntry,
} from "@/lib/dto/plans";
import { AppError } from "@/lib/errors";
import type { PlanProgressInput } from "@/lib/documents/plan";
import { diffPlanContent } from "@/lib/plans/diff";
import { can, createVerb, editVerb, inForce, SHARED_PLAN_STATUSES } from "@/lib/policy";
import { completeness } from "@/lib/validation/plan-completeness";
import { contentSchemaFor, type PlanContent } from "@/lib/validation/plans";
import { read, recordAccess } from "./core";
import { versionGoalData } from "./internal/goal-data";
import { transferEndCondition } from "./internal/plan-ends";
import { activationProblem, decidingMeeting, consentGranted } from "./internal/plan-lifecycle";
import { planTarget, type PlanEntity } from "./plans";
import { studentTarget } from "./students";
import { studentVersionsOf } from "./internal/plan-columns";
import { progressReportSchedule, studentReportingPeriods } from "./internal/reporting-periods";
import { selectField } from "./internal/scope";
import type { Viewer } from "./viewer";

const versionColumns = {
  id: planVersions.id,
  number: planVersions.number,
  status: planVersions.status,
  effectiveOn: planVersions.effectiveOn,
  endedOn: planVersions.endedOn,
  reviewDue: planVersions.reviewDue,
  updatedAt: planVersions.updatedAt,
  basedOnVersionId: planVersions.basedOnVersionId,
};

type VersionRow = Omit<PlanVersionSummary, "updatedAt"> & { updatedAt: Date };

function summary(row: VersionRow): PlanVersionSummary {
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    effectiveOn: row.effectiveOn,
    endedOn: row.endedOn,
    reviewDue: row.reviewDue,
    updatedAt: row.updatedAt.toISOString(),
    basedOnVersionId: row.basedOnVersionId,
  };
}

/** True when a version's status is visible to a reader with (or without) `plan.draft.read`. */
function statusVisible(status: string, drafts: boolean): boolean {
  return drafts || (SHARED_PLAN_STATUSES as readonly string[]).includes(status);
}

async function versionsOf(planId: string, drafts: boolean): Promise<PlanVersionSummary[]> {
  const rows = await getDb()
    .select(versionColumns)
    .from(planVersions)
    .where(
      and(
        eq(planVersions.planId, planId),
        drafts ? undefined : inArray(planVersions.status, [...SHARED_PLAN_STATUSES]),
      ),
    )
    .orderBy(desc(planVersions.number));
  return rows.map(summary);
}

async function loadPlanForReading(
  viewer: Viewer,
  planId: string,
  event: "plan.viewed" | "plan.diff_viewed" | "plan.document_downloaded",
) {
  return read(viewer, { action: "plan.read", load: planTarget(planId), event, details: { planId } });
}

function studentName(plan: PlanEntity) {
  return `${plan.studentFirstName} ${plan.studentLastName}`;
}

/**
 * `plan.read`: a plan with its versions and one selected version (the requested one, else the
 * open draft for staff, else the active version, else the newest). Guardians see proposed and
 * later versions only. Logs the read. Permissions for the lifecycle buttons come from `can()`.
 */
export async function getPlanView(
  viewer: Viewer,
  planId: string,
  versionId?: string,
  event: "plan.viewed" | "plan.document_downloaded" = "plan.viewed",
): Promise<PlanView> {
  return (await loadPlanView(viewer, planId, versionId, event)).view;
}

/**
 * `getPlanView` with the goal data of the selected version for its document (the plan page, its
 * print view and PDF): for an IEP version that is or was in force, the goals with their standing
 * data points over the version's period and the report-period bands the progress page draws, as
 * `getStudentProgress` and `listReportingPeriods` give them; null otherwise. The goal data read is
 * logged as the progress page logs it (`progress.viewed`). The plan and the student are loaded once.
 */
export async function getPlanViewWithProgress(
  viewer: Viewer,
  planId: string,
  versionId?: string,
  event: "plan.viewed" | "plan.document_downloaded" = "plan.viewed",
): Promise<PlanView & { progress: PlanProgressInput | null }> {
  const { view, target } = await loadPlanView(viewer, planId, versionId, event);
  const selected = view.selected;
  if (view.plan.type !== "iep" || !selected) return { ...view, progress: null };
  const data = await versionGoalData(viewer, target, { ...selected, planId: view.plan.id });
  if (!data) return { ...view, progress: null };
  const db = getDb();
  const bands = await studentReportingPeriods(
    db,
    { id: view.student.id, schoolId: target.entity.schoolId, districtId: viewer.districtId },
    { from: data.periodStart, to: data.periodEnd },
    await progressReportSchedule(db, viewer.districtId),
  );
  return {
    ...view,
    progress: {
      asOf: viewer.today,
      periodStart: data.periodStart,
      periodEnd: data.periodEnd,
      bands: bands.map((p) => ({ from: p.start, to: p.end })),
      goals: data.goals,
    },
  };
}

async function loadPlanView(
  viewer: Viewer,
  planId: string,
  versionId: string | undefined,
  event: "plan.viewed" | "plan.document_downloaded",
) {
  const target = await loadPlanForReading(viewer, planId, event);
  const plan = target.entity;
  const drafts = target.may("plan.draft.read");
  const db = getDb();
  // The student's school and grade, and the type of another plan of the student in force (a 504
  // plan next to this IEP), in one statement.
  const [versions, [school]] = await Promise.all([
    versionsOf(plan.id, drafts),
    db
      .select({
        name: schools.name,
        grade: students.grade,
        otherActiveType: selectField<PlanTypeName | null>(sql`(select ${planVersions.planType} from ${planVersions}
          where ${planVersions.studentId} = ${students.id} and ${planVersions.status} = 'active'
            and ${planVersions.planId} <> ${plan.id} limit 1)`),
      })
      .from(students)
      .innerJoin(schools, eq(schools.id, students.schoolId))
      .where(eq(students.id, plan.studentId)),
  ]);
  const chosen =
    versions.find((v) => v.id === versionId) ??
    (versionId
      ? undefined
      : (versions.find((v) => v.status === "draft" || v.status === "proposed") ??
        versions.find((v) => v.status === "active") ??
        versions[0]));
  if (versionId && !chosen) throw new AppError("NOT_FOUND");
  let selected: PlanView["selected"] = null;
  let stored: Record<string, unknown> = {};
  if (chosen) {
    const [row] = await db
      .select({
        content: planVersions.content,
        lockVersion: planVersions.lockVersion,
        contentHash: planVersions.contentHash,
      })
      .from(planVersions)
      .where(eq(planVersions.id, chosen.id));
    stored = row!.content;
    const content = contentSchemaFor(plan.type).parse(row!.content) as PlanContent;
    const open = chosen.status === "draft" || chosen.status === "proposed";
    selected = {
      ...chosen,
      content,
      lockVersion: row!.lockVersion,
      contentHash: row!.contentHash,
      missing: open && drafts ? completeness(plan.type, content, { birthDate: plan.studentBirthDate }) : [],
    };
  }
  const view: PlanView = {
    plan: { id: plan.id, type: plan.type, ended: plan.endedAt !== null },
    student: {
      id: plan.studentId,
      name: studentName(plan),
      birthDate: plan.studentBirthDate,
      grade: school!.grade,
      schoolName: school!.name,
    },
    versions,
    selected,
    can: {
      edit: target.may(editVerb(plan.type)),
      propose: target.may("plan.propose"),
      finalize: target.may("plan.finalize"),
      activate: target.may("plan.activate"),
      amend: target.may("plan.amend"),
    },
    otherActivePlanType: school!.otherActiveType ?? null,
    steps: chosen
      ? await lifecycleSteps(target, plan, chosen, selected, stored, drafts ? versions : null, viewer.today)
      : [],
    scheduledOn: chosen?.status === "final" ? chosen.effectiveOn : null,
  };
  return { view, target };
}

const UNAVAILABLE: Record<string, string> = {
  "errors.lifecycle.meetingNotHeld": "lifecycle.unavailable.meetingNotHeld",
  "errors.lifecycle.initialServicesConsent": "lifecycle.unavailable.initialServicesConsent",
  "errors.lifecycle.noticeMissing": "lifecycle.unavailable.noticeMissing",
  "errors.lifecycle.plan504Consent": "lifecycle.unavailable.plan504Consent",
  "errors.lifecycle.stayPut": "lifecycle.unavailable.stayPut",
};

/**
 * The lifecycle table's steps from the selected version that the viewer's verbs allow, each with
 * whether its gates hold now and, if not, the reason — so the page offers no button that always
 * fails. Activation gates are read without the effective date (a later date may still be chosen).
 * `content` is the selected version's stored content; `allVersions`, the plan's versions when the
 * viewer reads drafts too (else the open version is looked up).
 */
async function lifecycleSteps(
  target: { may: (verb: "plan.propose" | "plan.finalize" | "plan.activate" | "plan.amend") => boolean },
  plan: PlanEntity,
  chosen: PlanVersionSummary,
  selected: PlanView["selected"],
  content: Record<string, unknown>,
  allVersions: PlanVersionSummary[] | null,
  today: string,
): Promise<LifecycleStepView[]> {
  const db = getDb();
  const steps: LifecycleStepView[] = [];
  const step = (s: LifecycleStepView["step"], reason: string | null = null, href: string | null = null) =>
    steps.push({ step: s, available: reason === null, reason, href });
  const gateVersion = {
    id: chosen.id,
    planId: plan.id,
    planType: plan.type,
    studentId: plan.studentId,
    basedOnVersionId: chosen.basedOnVersionId,
    content,
  };
  if (chosen.status === "draft" && target.may("plan.propose")) step("propose");
  if (chosen.status === "proposed" && target.may("plan.propose")) step("returnToDraft");
  if ((chosen.status === "draft" || chosen.status === "proposed") && target.may("plan.finalize")) {
    const meetingDate = (content as { meetingDate?: unknown }).meetingDate;
    // Guards in table order: an incomplete version offers Finalize, which lists what is missing.
    if (selected?.missing.length) step("finalize");
    else if (typeof meetingDate === "string" && meetingDate > today)
      step("finalize", "lifecycle.unavailable.meetingInFuture");
    else if (
      !(await decidingMeeting(db, gateVersion)) &&
      !(
        plan.type === "iep" &&
        gateVersion.basedOnVersionId !== null &&
        (await consentGranted(db, chosen.id, "amendment_without_meeting"))
      )
    )
      step("finalize", "lifecycle.unavailable.meetingNotHeld", `/students/${plan.studentId}/meetings`);
    else step("finalize");
  }
  if (chosen.status === "final" && chosen.effectiveOn === null && target.may("plan.activate")) {
    const problem = await activationProblem(db, gateVersion, "9999-12-31");
    // Where the missing piece is written: the notice form (this version preselected) or the consents.
    const fix =
      problem === "errors.lifecycle.noticeMissing"
        ? `/students/${plan.studentId}/notices/new?version=${chosen.id}`
        : problem === "errors.lifecycle.initialServicesConsent" || problem === "errors.lifecycle.plan504Consent"
          ? `/students/${plan.studentId}/consents`
          : null;
    step("activate", problem ? (UNAVAILABLE[problem] ?? problem) : null, problem ? fix : null);
  }
  if (chosen.status === "active" && target.may("plan.amend")) {
    const openStatuses: PlanVersionSummary["status"][] = ["draft", "proposed", "final"];
    const [open] = allVersions
      ? allVersions.filter((v) => openStatuses.includes(v.status))
      : await db
          .select({ id: planVersions.id })
          .from(planVersions)
          .where(and(eq(planVersions.planId, plan.id), inArray(planVersions.status, openStatuses)))
          .limit(1);
    step(
      "amend",
      open ? "lifecycle.unavailable.draftExists" : null,
      open ? `/plans/${plan.id}?version=${open.id}` : null,
    );
  }
  return steps;
}

/**
 * `plan.iep.edit` / `plan.504.edit`: the open draft of a plan for the editor, with the staff who
 * may be named as service providers. Throws NOT_FOUND outside the scope or when the version is
 * not a draft of this plan, FORBIDDEN for viewers who may not author this plan type. Logs the
 * opening of the editor (record of access).
 */
export async function getDraftForEdit(viewer: Viewer, planId: string, versionId: string): Promise<DraftForEdit> {
  const target = await read(viewer, { action: (t) => editVerb(t.entity.type), load: planTarget(planId) });
  const plan = target.entity;
  const db = getDb();
  const [row] = await db
    .select({
      id: planVersions.id,
      number: planVersions.number,
      status: planVersions.status,
      content: planVersions.content,
      lockVersion: planVersions.lockVersion,
      updatedAt: planVersions.updatedAt,
      savedBy: users.name,
    })
    .from(planVersions)
    .leftJoin(users, eq(users.id, planVersions.updatedBy))
    .where(and(eq(planVersions.id, versionId), eq(planVersions.planId, plan.id)));
  if (!row || row.status !== "draft") throw new AppError("NOT_FOUND");
  await recordAccess(viewer, target, "plan.draft_opened", { planId: plan.id, versionId: row.id });
  const providers = await db
    .selectDistinctOn([users.id], { id: users.id, name: users.name, role: users.role })
    .from(users)
    .innerJoin(staffAssignments, eq(staffAssignments.userId, users.id))
    .where(
      and(
        eq(users.districtId, viewer.districtId),
        eq(users.isActive, true),
        eq(staffAssignments.schoolId, plan.schoolId),
        inForce(staffAssignments, viewer.today),
      ),
    )
    .orderBy(users.id);
  return {
    plan: { id: plan.id, type: plan.type },
    student: { id: plan.studentId, name: studentName(plan), birthDate: plan.studentBirthDate },
    version: {
      id: row.id,
      number: row.number,
      content: contentSchemaFor(plan.type).parse(row.content) as PlanContent,
      lockVersion: row.lockVersion,
      savedAt: row.updatedAt.toISOString(),
      savedBy: row.savedBy,
    },
    providers: providers.sort((a, b) => a.name.localeCompare(b.name)),
    transitionAge: defaultComplianceSettings.transitionAge,
  };
}

/**
 * `plan.glance.read`: the need-to-know view of a plan's active version — accommodations and
 * modifications with what the teacher does, and the viewer's own services as a provider.
 * Teachers and providers of the student see this, never the full plan.
 */
export async function getGlance(
  viewer: Viewer,
  planId: string,
  event: "plan.glance_viewed" | "plan.document_downloaded" = "plan.glance_viewed",
): Promise<GlanceView> {
  const target = await read(viewer, {
    action: "plan.glance.read",
    load: planTarget(planId),
    event,
    details: { planId },
  });
  const plan = target.entity;
  const db = getDb();
  const [[version], [school]] = await Promise.all([
    db
      .select({
        id: planVersions.id,
        number: planVersions.number,
        effectiveOn: planVersions.effectiveOn,
        reviewDue: planVersions.reviewDue,
        contentHash: planVersions.contentHash,
      })
      .from(planVersions)
      .where(and(eq(planVersions.planId, plan.id), eq(planVersions.status, "active"))),
    db
      .select({ name: schools.name, grade: students.grade })
      .from(students)
      .innerJoin(schools, eq(schools.id, students.schoolId))
      .where(eq(students.id, plan.studentId)),
  ]);
  const [accommodations, myServices] = version
    ? await Promise.all([
        db
          .select({
            id: planAccommodations.itemId,
            kind: planAccommodations.kind,
            text: planAccommodations.text,
            teacherAction: planAccommodations.teacherAction,
            classroom: planAccommodations.classroom,
            testing: planAccommodations.testing,
            responsible: planAccommodations.responsible,
          })
          .from(planAccommodations)
          .where(eq(planAccommodations.versionId, version.id))
          .orderBy(asc(planAccommodations.position)),
        db
          .select({
            id: planServices.itemId,
            serviceType: planServices.serviceType,
            minutes: planServices.minutes,
            frequency: planServices.frequency,
            location: planServices.location,
          })
          .from(planServices)
          .where(and(eq(planServices.versionId, version.id), eq(planServices.providerUserId, viewer.userId)))
          .orderBy(asc(planServices.position)),
      ])
    : [[], []];
  return {
    plan: { id: plan.id, type: plan.type },
    student: { id: plan.studentId, name: studentName(plan), grade: school!.grade, schoolName: school!.name },
    version: version ?? null,
    accommodations,
    myServices,
  };
}

/**
 * `plan.read`: "what changed" between two versions of one plan, with field-level word diffs and
 * items matched by id. Guardians may compare only versions they can see.
 */
export async function getVersionDiff(viewer: Viewer, planId: string, fromId: string, toId: string): Promise<DiffView> {
  const target = await loadPlanForReading(viewer, planId, "plan.diff_viewed");
  const plan = target.entity;
  const versions = await versionsOf(plan.id, target.may("plan.draft.read"));
  const from = versions.find((v) => v.id === fromId);
  const to = versions.find((v) => v.id === toId);
  if (!from || !to) throw new AppError("NOT_FOUND");
  const rows = await getDb()
    .select({ id: planVersions.id, content: planVersions.content })
    .from(planVersions)
    .where(inArray(planVersions.id, [from.id, to.id]));
  const contentOf = (id: string) => rows.find((r) => r.id === id)!.content;
  return {
    plan: { id: plan.id, type: plan.type },
    student: { id: plan.studentId, name: studentName(plan) },
    from,
    to,
    diff: diffPlanContent(contentOf(from.id), contentOf(to.id)),
  };
}

/**
 * The plan part of a student's case page: every plan the viewer may see (full or at a glance),
 * the lifecycle timeline, and whether the viewer may open a new IEP or 504 plan. Two queries.
 */
export async function getStudentCase(viewer: Viewer, studentId: string): Promise<StudentCase> {
  const target = await read(viewer, { action: "student.read", load: studentTarget(studentId) });
  const subject = { role: viewer.role };
  const rels = target.relationships;
  const db = getDb();
  // Each row also says whether the student's IEP is scheduled to end by transfer to a 504 plan (the
  // same for every row): one statement.
  const planRows = await db
    .select({
      id: plans.id,
      type: plans.type,
      endedAt: plans.endedAt,
      transferTo504: selectField<boolean>(
        sql`exists (select 1 from ${planEnds} where ${transferEndCondition(plans.studentId)})`,
      ),
    })
    .from(plans)
    .where(eq(plans.studentId, target.entity.id))
    .orderBy(asc(plans.createdAt));
  const planIds = new Set(planRows.map((p) => p.id));
  const versionRows = planRows.length
    ? (await studentVersionsOf(db, target.entity.id)).filter((v) => planIds.has(v.planId))
    : [];
  const plansOut = planRows
    .map((p) => {
      const canRead = can(subject, "plan.read", { relationships: rels, planType: p.type });
      const canGlance = can(subject, "plan.glance.read", { relationships: rels, planType: p.type });
      const drafts = can(subject, "plan.draft.read", { relationships: rels, planType: p.type });
      const mine = versionRows.filter((v) => v.planId === p.id && statusVisible(v.status, drafts));
      const current =
        mine.find((v) => v.status === "active") ??
        mine.find((v) => v.status !== "draft" && v.status !== "proposed") ??
        null;
      const openDraft =
        canRead && drafts ? (mine.find((v) => v.status === "draft" || v.status === "proposed") ?? null) : null;
      return {
        id: p.id,
        type: p.type,
        ended: p.endedAt !== null,
        current: current ? summary(current) : null,
        openDraft: openDraft ? summary(openDraft) : null,
        drafts,
        canRead,
        canGlance,
      };
    })
    .filter((p) => p.canRead || (p.canGlance && p.current?.status === "active"));
  const readable = new Map(plansOut.filter((p) => p.canRead).map((p) => [p.id, p.drafts]));
  const timeline: TimelineEntry[] = [];
  for (const v of versionRows) {
    const drafts = readable.get(v.planId);
    if (drafts === undefined || !statusVisible(v.status, drafts)) continue;
    const planType = planRows.find((p) => p.id === v.planId)!.type;
    const push = (at: Date | null, event: TimelineEntry["event"]) => {
      if (at) timeline.push({ at: at.toISOString(), event, planId: v.planId, planType, versionNumber: v.number });
    };
    if (drafts) push(v.createdAt, "created");
    push(v.proposedAt, "proposed");
    push(v.finalizedAt, "finalized");
    push(v.activatedAt, "activated");
    push(v.closedAt, v.status === "superseded" ? "superseded" : "ended");
  }
  timeline.sort((a, b) => b.at.localeCompare(a.at));
  // An IEP in force blocks a 504 plan, except once its end "moved to a 504 plan" is scheduled: the
  // 504 team then writes the plan that takes effect the day the IEP ends (CL-9).
  const activeIep =
    versionRows.some((v) => v.status === "active" && planRows.find((p) => p.id === v.planId)?.type === "iep") &&
    !planRows[0]!.transferTo504;
  return {
    plans: plansOut.map(({ drafts: _drafts, ...p }) => p),
    timeline,
    canCreate: {
      iep:
        can(subject, createVerb("iep"), { relationships: rels, planType: "iep" }) &&
        !planRows.some((p) => p.type === "iep" && !p.endedAt),
      "504":
        can(subject, createVerb("504"), { relationships: rels, planType: "504" }) &&
        !planRows.some((p) => p.type === "504" && !p.endedAt) &&
        !activeIep,
    },
    createBlocked: {
      iep: null,
      "504":
        activeIep &&
        can(subject, createVerb("504"), { relationships: rels, planType: "504" }) &&
        !planRows.some((p) => p.type === "504" && !p.endedAt)
          ? "lifecycle.unavailable.iepTo504"
          : null,
    },
  };
}
