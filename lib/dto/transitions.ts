/** The transitions section of a student page (lib/dal/transitions.ts). */

import type { NextActor, PlanEndReason, TransitionStep } from "@/lib/plans/transitions";

type PlanType = "iep" | "504";

export interface PlanEndView {
  id: string;
  planType: PlanType;
  reason: PlanEndReason;
  status: "scheduled" | "completed" | "cancelled";
  /** The first day without the plan. */
  endsOn: string;
  /** The plan's last day in force. */
  lastDay: string;
  noticeId: string | null;
  steps: TransitionStep[];
  nextActor: NextActor;
  blockedBy: "stayPut" | null;
}

export interface EndNoticeOption {
  id: string;
  sentOn: string;
  implementationDate: string;
  subject: "identification" | "evaluation" | "placement" | "fape";
}

export interface StudentTransitions {
  studentId: string;
  today: string;
  /** The plan in force, when the viewer may end it and no end is scheduled. */
  endable: { versionId: string; planType: PlanType; effectiveOn: string } | null;
  /** Sent notices proposing a change that are not tied to a plan version (the end's PWN). */
  notices: EndNoticeOption[];
  stayPut: boolean;
  ends: PlanEndView[];
}
