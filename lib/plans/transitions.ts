/**
 * Plan ends and the no-gap invariant (issue 12; compliance.md §3.2–3.4; legal-review.md CL-6, CL-7,
 * CL-9). Pure: the data layer reads the records, these functions decide.
 */

/** Why an IEP ends (the `exited` case event's reason). */
export const IEP_END_REASONS = [
  "graduated",
  "aged_out",
  "not_eligible",
  "consent_revoked",
  "moved",
  "transferred_to_504",
] as const;
export type IepEndReason = (typeof IEP_END_REASONS)[number];

/** Why a 504 plan ends by its team's decision (replacement by an IEP is written by the activation). */
export const PLAN504_END_REASONS = ["no_longer_needed", "moved"] as const;
export type Plan504EndReason = (typeof PLAN504_END_REASONS)[number];

export type PlanEndReason = IepEndReason | Plan504EndReason | "replaced_by_iep";

/** What must be on record before an IEP may end for a reason (rules as data). */
export interface EndRequirements {
  /** A sent PWN proposing the end, implemented by the end date (300.503; 300.102(a)(3)(iii); CL-8). */
  notice: boolean;
  /** A Summary of Performance (300.305(e)(3)): graduation and aging out. */
  summaryOfPerformance: boolean;
  /** A reevaluation finding the student no longer eligible (300.305(e)(1); Rule L-1). */
  reevaluation: boolean;
  /** A held exit PPT (CL-9 IEP→504 step 2). */
  exitMeeting: boolean;
  /** The parent's written, acknowledged revocation of consent (300.300(b)(4); CL-6). */
  revocation: boolean;
}

export const END_REQUIREMENTS: Record<IepEndReason, EndRequirements> = {
  graduated: { notice: true, summaryOfPerformance: true, reevaluation: false, exitMeeting: false, revocation: false },
  aged_out: { notice: true, summaryOfPerformance: true, reevaluation: false, exitMeeting: false, revocation: false },
  not_eligible: {
    notice: true,
    summaryOfPerformance: false,
    reevaluation: true,
    exitMeeting: false,
    revocation: false,
  },
  consent_revoked: {
    notice: true,
    summaryOfPerformance: false,
    reevaluation: false,
    exitMeeting: false,
    revocation: true,
  },
  moved: { notice: true, summaryOfPerformance: false, reevaluation: false, exitMeeting: false, revocation: false },
  transferred_to_504: {
    notice: true,
    summaryOfPerformance: false,
    reevaluation: true,
    exitMeeting: true,
    revocation: false,
  },
};

/**
 * The last day of FAPE for aging out (D-21, [S]): the `endMonthDay` (default June 30) that closes the
 * school year in which the student turns `age` (default 22). A birthday after that month-day belongs
 * to the next school year.
 */
export function fapeEndDate(birthDate: string, settings: { fapeEndAge: number; fapeEndMonthDay: string }): string {
  const year = Number(birthDate.slice(0, 4)) + settings.fapeEndAge;
  const birthday = `${year}${birthDate.slice(4)}`;
  const sameYear = `${year}-${settings.fapeEndMonthDay}`;
  return birthday.slice(5) <= settings.fapeEndMonthDay ? sameYear : `${year + 1}-${settings.fapeEndMonthDay}`;
}

/** A period a plan was in force: `from` to `to` inclusive (`to` null: still in force). */
export interface PlanPeriod {
  planType: "iep" | "504";
  from: string;
  to: string | null;
}

/**
 * A recorded reason why no plan is owed from `from` on (until the next plan takes effect), counted
 * when recorded during or after the last plan in force: the
 * student exited special education (not to a 504 plan), a 504 plan ended because it was no longer
 * needed or the student moved, the student was found not eligible, or consent was refused.
 */
export interface NoPlanReason {
  from: string;
  kind: "exited" | "plan504_ended" | "not_eligible" | "consent_refused";
}

/**
 * The no-gap invariant (CL-9): the school days from the first day any plan was in force up to `until`
 * on which no plan is in force and no recorded reason explains it. A student never in a plan has
 * none (never eligible). An IEP→504 transfer or a 504 plan replaced by an IEP is not a reason: the
 * next plan must start the day after. `schoolDays(from, to)` lists the student's school days.
 */
export function gapDays(
  periods: readonly PlanPeriod[],
  reasons: readonly NoPlanReason[],
  until: string,
  schoolDays: (from: string, to: string) => string[],
): string[] {
  const sorted = [...periods].sort((a, b) => a.from.localeCompare(b.from));
  const first = sorted[0];
  if (!first || first.from > until) return [];
  const gaps: string[] = [];
  for (const day of schoolDays(first.from, until)) {
    if (sorted.some((p) => p.from <= day && (p.to === null || day <= p.to))) continue;
    const last = sorted
      .filter((p) => p.to !== null && p.to < day)
      .reduce<PlanPeriod | null>((max, p) => (max === null || p.to! > max.to! ? p : max), null);
    if (last === null) continue;
    if (reasons.some((r) => r.from >= last.from && r.from <= day && !startsBetween(sorted, r.from, day))) continue;
    gaps.push(day);
  }
  return gaps;
}

function startsBetween(periods: readonly PlanPeriod[], from: string, day: string): boolean {
  return periods.some((p) => p.from > from && p.from <= day);
}

/** One step of a transition as the transition panel lists it. */
export interface TransitionStep {
  key:
    | "reevaluation"
    | "exitMeeting"
    | "revocation"
    | "summaryOfPerformance"
    | "notice"
    | "noStayPut"
    | "planEnds"
    | "plan504Scheduled"
    | "plan504InForce";
  done: boolean;
  /** The date the step happens or must happen by (the plan's end, the 504 plan's first day). */
  date?: string;
}

/** Who must act next on an open transition. */
export type NextActor = "caseManager" | "principal" | "districtAdmin" | "system" | null;

/**
 * The steps of a recorded plan end, in order, with the step that blocks it and who acts next
 * (CL-9): the records its reason required (all on record once it is scheduled), stay-put, the end
 * itself on its date (the activation job) and, for IEP→504, the 504 plan the 504 team must put in
 * force for the day after.
 */
export function transitionSteps(input: {
  reason: PlanEndReason;
  status: "scheduled" | "completed" | "cancelled";
  endsOn: string;
  stayPut: boolean;
  plan504: "none" | "scheduled" | "active";
}): { steps: TransitionStep[]; nextActor: NextActor; blockedBy: "stayPut" | null } {
  const steps: TransitionStep[] = [];
  const needs = input.reason in END_REQUIREMENTS ? END_REQUIREMENTS[input.reason as IepEndReason] : null;
  if (needs?.reevaluation) steps.push({ key: "reevaluation", done: true });
  if (needs?.exitMeeting) steps.push({ key: "exitMeeting", done: true });
  if (needs?.revocation) steps.push({ key: "revocation", done: true });
  if (needs?.summaryOfPerformance) steps.push({ key: "summaryOfPerformance", done: true });
  if (input.reason !== "replaced_by_iep") steps.push({ key: "notice", done: true });
  const completed = input.status === "completed";
  steps.push({ key: "noStayPut", done: completed || !input.stayPut });
  steps.push({ key: "planEnds", done: completed, date: input.endsOn });
  if (input.reason === "transferred_to_504") {
    steps.push({ key: "plan504Scheduled", done: input.plan504 !== "none", date: input.endsOn });
    steps.push({ key: "plan504InForce", done: input.plan504 === "active", date: input.endsOn });
  }
  const blockedBy = !completed && input.stayPut ? "stayPut" : null;
  let nextActor: NextActor = null;
  if (input.status === "cancelled") nextActor = null;
  else if (blockedBy) nextActor = "districtAdmin";
  else if (!completed)
    nextActor = input.reason === "transferred_to_504" && input.plan504 === "none" ? "principal" : "system";
  else if (input.reason === "transferred_to_504" && input.plan504 === "none") nextActor = "principal";
  return { steps, nextActor, blockedBy };
}
