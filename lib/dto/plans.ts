import type { PlanDiff } from "@/lib/plans/diff";
import type { CompletenessIssue } from "@/lib/validation/plan-completeness";
import type { PlanContent } from "@/lib/validation/plans";

export type PlanTypeName = "iep" | "504";
export type VersionStatusName = "draft" | "proposed" | "final" | "active" | "superseded" | "ended";

export interface PlanVersionSummary {
  id: string;
  number: number;
  status: VersionStatusName;
  effectiveOn: string | null;
  endedOn: string | null;
  reviewDue: string | null;
  updatedAt: string;
  basedOnVersionId: string | null;
}

export interface PlanPermissions {
  edit: boolean;
  propose: boolean;
  finalize: boolean;
  activate: boolean;
  amend: boolean;
}

/**
 * A lifecycle step the viewer may take on the selected version (lib/plans/lifecycle.ts): whether it
 * is available now, and if not, why (a message key under `lifecycle.unavailable`) and where to go
 * instead (an open amendment).
 */
export interface LifecycleStepView {
  step: "propose" | "returnToDraft" | "finalize" | "activate" | "amend";
  available: boolean;
  reason: string | null;
  href: string | null;
}

export interface PlanView {
  plan: { id: string; type: PlanTypeName; ended: boolean };
  student: { id: string; name: string; birthDate: string | null; grade: string; schoolName: string };
  versions: PlanVersionSummary[];
  selected:
    | (PlanVersionSummary & {
        content: PlanContent;
        lockVersion: number;
        contentHash: string | null;
        missing: CompletenessIssue[];
      })
    | null;
  can: PlanPermissions;
  otherActivePlanType: PlanTypeName | null;
  /** The steps of the lifecycle table the viewer may take on the selected version now, or why not. */
  steps: LifecycleStepView[];
  /** A final version scheduled to take effect: its date ("takes effect on"). */
  scheduledOn: string | null;
}

export interface DraftForEdit {
  plan: { id: string; type: PlanTypeName };
  student: { id: string; name: string; birthDate: string };
  version: {
    id: string;
    number: number;
    content: PlanContent;
    lockVersion: number;
    savedAt: string;
    savedBy: string | null;
  };
  providers: { id: string; name: string; role: string }[];
  transitionAge: number;
}

export interface GlanceItem {
  id: string;
  kind: string;
  text: string;
  teacherAction: string;
  classroom: boolean;
  testing: boolean;
  responsible: string | null;
}

export interface GlanceView {
  plan: { id: string; type: PlanTypeName };
  student: { id: string; name: string; grade: string; schoolName: string };
  version: {
    id: string;
    number: number;
    effectiveOn: string | null;
    reviewDue: string | null;
    contentHash: string | null;
  } | null;
  accommodations: GlanceItem[];
  myServices: { id: string; serviceType: string; minutes: number; frequency: string; location: string }[];
}

export interface StudentPlanSummary {
  id: string;
  type: PlanTypeName;
  ended: boolean;
  current: PlanVersionSummary | null;
  openDraft: PlanVersionSummary | null;
  canRead: boolean;
  canGlance: boolean;
}

export interface TimelineEntry {
  at: string;
  event: "created" | "proposed" | "finalized" | "activated" | "superseded" | "ended";
  planId: string;
  planType: PlanTypeName;
  versionNumber: number;
}

export interface StudentCase {
  plans: StudentPlanSummary[];
  timeline: TimelineEntry[];
  canCreate: { iep: boolean; "504": boolean };
  /** Why a plan the viewer could otherwise start is not offered (an IEP in force: the IEP→504 path). */
  createBlocked: { iep: string | null; "504": string | null };
}

export interface PlanColumns {
  type: PlanTypeName;
  status: VersionStatusName;
  activeSince: string | null;
  nextReview: string | null;
}

export interface DiffView {
  plan: { id: string; type: PlanTypeName };
  student: { id: string; name: string };
  from: PlanVersionSummary;
  to: PlanVersionSummary;
  diff: PlanDiff;
}
