/**
 * The steps of an initial referral (issue 12; compliance.md §3.1 "Referral to initial IEP", §3.4 "504 →
 * IEP"; legal-review.md CL-9). Pure: the data layer reads the records, this decides which step is
 * current, who acts next and what blocks it.
 */

/** Who referred the student (compliance.md §2 Referral; R-07). */
export const REFERRAL_SOURCES = [
  "teacher",
  "parent_request",
  "team_504",
  "student_study_team",
  "birth_to_three",
] as const;
export type ReferralSource = (typeof REFERRAL_SOURCES)[number];

/** The form of a parent's written request (none is required: any writing counts, R-07). */
export const WRITTEN_REQUEST_FORMS = ["letter", "email", "district_form", "portal", "note"] as const;
export type WrittenRequestForm = (typeof WRITTEN_REQUEST_FORMS)[number];

export const REFERRAL_OUTCOMES = ["not_evaluated", "consent_refused", "not_eligible", "iep_in_force"] as const;
export type ReferralOutcome = (typeof REFERRAL_OUTCOMES)[number];

/** The Connecticut disability categories (CT IEP Manual §1; 34 CFR 300.8). */
export const DISABILITY_CATEGORIES = [
  "autism",
  "deaf_blindness",
  "developmental_delay",
  "emotional_disability",
  "hearing_impairment",
  "intellectual_disability",
  "multiple_disabilities",
  "orthopedic_impairment",
  "other_health_impairment",
  "ohi_adhd",
  "specific_learning_disability",
  "sld_dyslexia",
  "speech_language_impairment",
  "traumatic_brain_injury",
  "visual_impairment",
] as const;
export type DisabilityCategory = (typeof DISABILITY_CATEGORIES)[number];

/**
 * D-07 (compliance.md §4; legal-review.md §2): on the parent's request, the evaluation results are given
 * at least this many school days before the initial eligibility PPT. CGS 10-76d(a)(8) (PA 12-173) [S].
 */
export const EVALUATION_REPORT_RULE = "D-07";
export const EVALUATION_REPORT_SCHOOL_DAYS = 3;

/**
 * When the evaluation report is due to a parent who asked for it (D-07): the 3rd school day before the
 * eligibility PPT on the school's calendar (`nthSchoolDayBefore(meetingDate, 3)`), or null while no
 * eligibility PPT is scheduled or no request is recorded. A request made later than that day is due at
 * once (the request's own day).
 */
export function evaluationReportDue(
  requestedOn: string | null,
  eligibilityMeetingOn: string | null,
  nthSchoolDayBefore: (date: string, n: number) => string | null,
): string | null {
  if (!requestedOn || !eligibilityMeetingOn) return null;
  const due = nthSchoolDayBefore(eligibilityMeetingOn, EVALUATION_REPORT_SCHOOL_DAYS);
  if (due === null) return null;
  return due < requestedOn ? requestedOn : due;
}

/** What a record says about a meeting of the referral. */
export interface MeetingFact {
  status: "none" | "scheduled" | "held";
  date: string | null;
}

/** The state of a consent request (C-01, C-02) as its latest answer says. */
export type ConsentFact = "none" | "requested" | "granted" | "refused";

/** A stored deadline of the engine that a step shows. */
export interface DeadlineFact {
  ruleId: string;
  due: string | null;
  status: "open" | "met" | "late" | "paused" | "stopped";
}

/** Everything the steps are computed from, read by the data layer from the records. */
export interface ReferralFacts {
  /** `504_to_iep` when the student had a 504 plan in force when referred. */
  flow: "initial" | "504_to_iep";
  receivedOn: string;
  status: "open" | "closed";
  outcome: ReferralOutcome | null;
  closedOn: string | null;
  referralMeeting: MeetingFact;
  decision: "evaluate" | "refuse" | null;
  decidedOn: string | null;
  evaluationConsent: ConsentFact;
  evaluationCompletedOn: string | null;
  reportRequestedOn: string | null;
  /** D-07's due date (see {@link evaluationReportDue}). */
  reportDue: string | null;
  eligibilityMeeting: MeetingFact;
  needsSdi: boolean | null;
  /** The student's latest IEP version since the referral (its status). */
  iep: "none" | "draft" | "proposed" | "final" | "active";
  /** A sent PWN proposing the IEP version. */
  iepNoticeSent: boolean;
  servicesConsent: ConsentFact;
  /** A sent PWN closing the referral (refusing the evaluation, or after a not-eligible finding). */
  closingNoticeSent: boolean;
  /** The 504 plan in force (504 → IEP): still in force, or ended the day before the IEP. */
  plan504: "none" | "active" | "ended";
  stayPut: boolean;
  /** The engine's deadlines for the referral's steps (D-01, D-03, D-06, D-23). */
  deadlines: DeadlineFact[];
}

export const REFERRAL_STEP_KEYS = [
  "received",
  "referralMeeting",
  "decision",
  "evaluationConsent",
  "evaluation",
  "evaluationReport",
  "eligibilityMeeting",
  "notEligibleNotice",
  "iepDevelopment",
  "iepNotice",
  "servicesConsent",
  "iepInForce",
  "plan504Ends",
] as const;
export type ReferralStepKey = (typeof REFERRAL_STEP_KEYS)[number];

export type StepState = "done" | "current" | "pending" | "skipped";

/** Who acts on a step: the PPT's chair (the case manager, else the principal), the parent, the system. */
export type ReferralActor = "caseManager" | "parent" | "system" | "districtAdmin";

export interface ReferralStep {
  key: ReferralStepKey;
  state: StepState;
  /** When it happened (done steps). */
  date?: string;
  /** The deadline that applies to the step: the rule id and its due date (null: not computable yet). */
  deadline?: { ruleId: string; due: string | null; status: DeadlineFact["status"] | "open" };
  /** Optional steps (the parent's request for the report) never block the flow. */
  optional?: boolean;
}

/** Why the current step cannot go on yet (a message key under `referrals.blocked`). */
export type ReferralBlock =
  | "stayPut"
  | "meetingNotScheduled"
  | "meetingNotHeld"
  | "consentNotRequested"
  | "consentNotAnswered"
  | "consentRefused"
  | "evaluationNotCompleted"
  | "eligibilityMeetingNotScheduled"
  | "eligibilityMeetingNotHeld"
  | "noticeNotSent"
  | "iepNotFinal"
  | "iepNotInForce";

export interface ReferralFlow {
  steps: ReferralStep[];
  current: ReferralStepKey | null;
  nextActor: ReferralActor | null;
  blockedBy: ReferralBlock | null;
}

function deadlineOf(facts: ReferralFacts, ruleId: string): ReferralStep["deadline"] | undefined {
  const found = facts.deadlines.find((d) => d.ruleId === ruleId);
  return found ? { ruleId, due: found.due, status: found.status } : undefined;
}

/**
 * The ordered steps of a referral and where it stands (compliance.md §3.1):
 * received → referral PPT → decision (evaluate: safeguards + C-01 request; refuse: PWN, closed
 * "not evaluated") → consent to evaluate (the parent; D-23) → evaluation completed → the parent's request
 * for the report (optional, D-07) → eligibility PPT answering "does the student need specially designed
 * instruction?" (no: PWN, closed "not eligible"; yes: D-03) → IEP developed and finalized → its PWN →
 * consent to initial services (C-02; D-23) → IEP in force (D-01) → for 504 → IEP, the 504 plan ends the
 * day before. A refusal of either consent closes it "consent refused" (the 504 plan continues).
 * The first step not done is current; who acts next and what blocks it follow from that step.
 */
export function referralSteps(facts: ReferralFacts): ReferralFlow {
  const closed = facts.status === "closed";
  const steps: ReferralStep[] = [];
  const d01 = deadlineOf(facts, "D-01");
  const d23 = deadlineOf(facts, "D-23");
  steps.push({ key: "received", state: "done", date: facts.receivedOn, deadline: d01 });
  steps.push({
    key: "referralMeeting",
    state: facts.referralMeeting.status === "held" ? "done" : "pending",
    date: facts.referralMeeting.date ?? undefined,
    deadline: facts.referralMeeting.status === "scheduled" ? deadlineOf(facts, "D-06") : undefined,
  });
  steps.push({ key: "decision", state: facts.decision ? "done" : "pending", date: facts.decidedOn ?? undefined });
  const refused = facts.decision === "refuse";
  const evaluated = !refused;
  steps.push({
    key: "evaluationConsent",
    state: refused
      ? "skipped"
      : facts.evaluationConsent === "granted" || facts.evaluationCompletedOn
        ? "done"
        : "pending",
    deadline: facts.evaluationConsent === "requested" ? d23 : undefined,
  });
  steps.push({
    key: "evaluation",
    state: refused ? "skipped" : facts.evaluationCompletedOn ? "done" : "pending",
    date: facts.evaluationCompletedOn ?? undefined,
    deadline: evaluated ? d01 : undefined,
  });
  steps.push({
    key: "evaluationReport",
    state: refused ? "skipped" : facts.reportRequestedOn ? "done" : "pending",
    date: facts.reportRequestedOn ?? undefined,
    deadline: facts.reportRequestedOn
      ? { ruleId: EVALUATION_REPORT_RULE, due: facts.reportDue, status: facts.needsSdi === null ? "open" : "met" }
      : undefined,
    optional: true,
  });
  steps.push({
    key: "eligibilityMeeting",
    state: refused ? "skipped" : facts.needsSdi !== null ? "done" : "pending",
    date: facts.eligibilityMeeting.date ?? undefined,
    deadline: facts.eligibilityMeeting.status === "scheduled" ? deadlineOf(facts, "D-06") : undefined,
  });
  const notEligible = facts.needsSdi === false;
  if (notEligible)
    steps.push({
      key: "notEligibleNotice",
      state: facts.outcome === "not_eligible" ? "done" : "pending",
      date: facts.outcome === "not_eligible" ? (facts.closedOn ?? undefined) : undefined,
    });
  const iepPath = !refused && !notEligible;
  const iepFinal = facts.iep === "final" || facts.iep === "active";
  steps.push({
    key: "iepDevelopment",
    state: !iepPath ? "skipped" : iepFinal ? "done" : "pending",
    deadline: facts.needsSdi === true ? deadlineOf(facts, "D-03") : undefined,
  });
  steps.push({ key: "iepNotice", state: !iepPath ? "skipped" : facts.iepNoticeSent ? "done" : "pending" });
  steps.push({
    key: "servicesConsent",
    state: !iepPath ? "skipped" : facts.servicesConsent === "granted" ? "done" : "pending",
    deadline: facts.servicesConsent === "requested" ? d23 : undefined,
  });
  steps.push({
    key: "iepInForce",
    state: !iepPath ? "skipped" : facts.iep === "active" || facts.outcome === "iep_in_force" ? "done" : "pending",
    date: facts.outcome === "iep_in_force" ? (facts.closedOn ?? undefined) : undefined,
    deadline: iepPath ? d01 : undefined,
  });
  if (facts.flow === "504_to_iep")
    steps.push({
      key: "plan504Ends",
      state: !iepPath ? "skipped" : facts.plan504 === "ended" ? "done" : "pending",
      date: facts.plan504 === "ended" && facts.closedOn ? facts.closedOn : undefined,
    });

  if (closed) {
    for (const step of steps) if (step.state === "pending") step.state = "skipped";
    return { steps, current: null, nextActor: null, blockedBy: null };
  }
  const current = steps.find((s) => s.state === "pending" && !s.optional) ?? null;
  if (current) current.state = "current";
  const { nextActor, blockedBy } = current ? whoActs(current.key, facts) : { nextActor: null, blockedBy: null };
  return { steps, current: current?.key ?? null, nextActor, blockedBy };
}

function whoActs(
  key: ReferralStepKey,
  facts: ReferralFacts,
): { nextActor: ReferralActor; blockedBy: ReferralBlock | null } {
  const staff = (blockedBy: ReferralBlock | null) => ({ nextActor: "caseManager" as const, blockedBy });
  if (facts.stayPut) return { nextActor: "districtAdmin", blockedBy: "stayPut" };
  switch (key) {
    case "referralMeeting":
    case "decision":
      return staff(
        facts.referralMeeting.status === "none"
          ? "meetingNotScheduled"
          : facts.referralMeeting.status === "scheduled"
            ? "meetingNotHeld"
            : null,
      );
    case "evaluationConsent":
      if (facts.evaluationConsent === "none") return staff("consentNotRequested");
      if (facts.evaluationConsent === "refused") return staff("consentRefused");
      return { nextActor: "parent", blockedBy: "consentNotAnswered" };
    case "evaluation":
      return staff("evaluationNotCompleted");
    case "eligibilityMeeting":
      return staff(
        facts.eligibilityMeeting.status === "none"
          ? "eligibilityMeetingNotScheduled"
          : facts.eligibilityMeeting.status === "scheduled"
            ? "eligibilityMeetingNotHeld"
            : null,
      );
    case "notEligibleNotice":
      return staff(facts.closingNoticeSent ? null : "noticeNotSent");
    case "iepDevelopment":
      return staff("iepNotFinal");
    case "iepNotice":
      return staff("noticeNotSent");
    case "servicesConsent":
      if (facts.servicesConsent === "none") return staff("consentNotRequested");
      if (facts.servicesConsent === "refused") return staff("consentRefused");
      return { nextActor: "parent", blockedBy: "consentNotAnswered" };
    case "iepInForce":
    case "plan504Ends":
      return staff("iepNotInForce");
    default:
      return staff(null);
  }
}

/**
 * What a referral's source requires (R-07; compliance.md §2 Referral): a parent's request its written form
 * and date; a student study team its general-education interventions (at least one); a Birth-to-Three
 * referral a child under 3 on the day received (the D-01 cap at the third birthday applies). Returns the
 * field paths that are missing (message keys under `validation.referral`).
 */
export function sourceRequirements(input: {
  source: ReferralSource;
  requestForm?: string | null;
  requestDatedOn?: string | null;
  interventions?: readonly unknown[];
  birthDate: string;
  receivedOn: string;
}): Record<string, string> {
  const missing: Record<string, string> = {};
  if (input.source === "parent_request") {
    if (!input.requestForm) missing.requestForm = "validation.referral.requestForm";
    if (!input.requestDatedOn) missing.requestDatedOn = "validation.referral.requestDatedOn";
    else if (input.requestDatedOn > input.receivedOn)
      missing.requestDatedOn = "validation.referral.requestAfterReceipt";
  }
  if (input.source === "student_study_team" && (input.interventions?.length ?? 0) === 0)
    missing.interventions = "validation.referral.interventionsRequired";
  if (input.source === "birth_to_three") {
    const third = `${Number(input.birthDate.slice(0, 4)) + 3}${input.birthDate.slice(4)}`;
    if (input.receivedOn >= third) missing.source = "validation.referral.birthToThreeAge";
  }
  return missing;
}
