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
  /** Held: the plan continues under stay-put (CL-7) until the lead cancels or reschedules the end. */
  heldUnderStayPut: boolean;
  /** The filing that held the end is closed: the lead acts on its outcome. */
  filingClosed: boolean;
  cancelReason: string | null;
  receivingDistrict: string | null;
  receivingSchool: string | null;
  /** What the viewer may do with this end (its lead, `transition.manage`; `records.disclose`). */
  canCancel: boolean;
  canHold: boolean;
  canResolve: boolean;
  canRecordTransfer: boolean;
}

/** One entry of the disclosure log (FERPA 99.32). */
export interface DisclosureEntry {
  id: string;
  disclosedOn: string;
  recipient: string;
  records: string;
  basis: "school_transfer" | "court_order" | "written_consent";
  legitimateInterest: string;
  recordedByName: string | null;
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
