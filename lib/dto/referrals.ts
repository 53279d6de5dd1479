/** The per-transition page and the student page's referrals (lib/dal/referrals.ts). */

import type { NextActor, PlanEndReason, TransitionStep } from "@/lib/plans/transitions";
import type {
  DisabilityCategory,
  ReferralActor,
  ReferralBlock,
  ReferralOutcome,
  ReferralSource,
  ReferralStep,
  ReferralStepKey,
  WrittenRequestForm,
} from "@/lib/referrals/steps";

/** A person who acts next (by role), when the record names one. */
export interface ActorView {
  role: ReferralActor | NextActor;
  names: string[];
}

export interface MeetingOption {
  id: string;
  heldOn: string;
}

export interface NoticeOption {
  id: string;
  sentOn: string;
}

export interface InterventionView {
  description: string;
  startedOn: string;
  endedOn: string;
  outcome: string;
}

export interface ReferralTransitionView {
  kind: "referral";
  id: string;
  studentId: string;
  studentName: string;
  today: string;
  flow: "initial" | "504_to_iep";
  source: ReferralSource;
  receivedOn: string;
  concern: string;
  requestForm: WrittenRequestForm | null;
  requestDatedOn: string | null;
  interventions: InterventionView[];
  status: "open" | "closed";
  outcome: ReferralOutcome | null;
  closedOn: string | null;
  decision: "evaluate" | "refuse" | null;
  needsSdi: boolean | null;
  disabilityCategory: DisabilityCategory | null;
  reportRequestedOn: string | null;
  /** D-07: the evaluation report is due to the parent on this day (null until the eligibility PPT is scheduled). */
  reportDue: string | null;
  steps: ReferralStep[];
  current: ReferralStepKey | null;
  nextActor: ActorView | null;
  blockedBy: ReferralBlock | null;
  /** What the viewer may record on this page (`referral.manage`), and the records a step may name. */
  canManage: boolean;
  referralMeetings: MeetingOption[];
  eligibilityMeetings: MeetingOption[];
  refusalNotices: NoticeOption[];
  identificationNotices: NoticeOption[];
  /** A standing refusal of consent (to evaluate or to initial services) on record: the referral may close. */
  consentRefusal: boolean;
}

export interface PlanEndTransitionView {
  kind: "planEnd";
  id: string;
  studentId: string;
  studentName: string;
  today: string;
  planType: "iep" | "504";
  reason: PlanEndReason;
  status: "scheduled" | "completed" | "cancelled";
  endsOn: string;
  lastDay: string;
  steps: TransitionStep[];
  nextActor: ActorView | null;
  blockedBy: "stayPut" | null;
}

export type TransitionView = ReferralTransitionView | PlanEndTransitionView;

export interface ReferralSummary {
  id: string;
  flow: "initial" | "504_to_iep";
  source: ReferralSource;
  receivedOn: string;
  status: "open" | "closed";
  outcome: ReferralOutcome | null;
}

/** The student page's referrals section: the referrals on record and whether the viewer may refer. */
export interface StudentReferrals {
  studentId: string;
  today: string;
  referrals: ReferralSummary[];
  /** The viewer may record a referral now (no open one, no IEP in force). */
  canRefer: boolean;
  /** Why a new referral is not possible (a message key), when it is not. */
  referBlocked: string | null;
  /** Only a parent's written request (the parent role). */
  parentOnly: boolean;
}

/** The "assign a case manager" form: the school's active case managers (only while the student has none). */
export interface CaseManagerAssignment {
  studentId: string;
  options: { id: string; name: string }[];
}
