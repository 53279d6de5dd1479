import { z } from "zod";

/** Every event type a deadline input may contain. */
export const eventTypes = [
  "referral_received",
  "consent_requested",
  "consent_granted",
  "consent_refused",
  "eligibility_determined",
  "ppt_meeting_held",
  "meeting_scheduled",
  "pwn_sent",
  "iep_implemented",
  "records_request_received",
  "disciplinary_change_of_placement",
  "plan504_activated",
  "plan504_ended",
  "exited",
  "progress_report_sent",
] as const;

/** A case event type (see {@link eventTypes}). */
export type EventType = (typeof eventTypes)[number];

/** What a `consent_requested` / `consent_granted` / `consent_refused` event is about. */
export const consentTypes = ["initial_evaluation", "initial_services", "reevaluation"] as const;

/** A consent type (see {@link consentTypes}). */
export type ConsentType = (typeof consentTypes)[number];

/**
 * What a `ppt_meeting_held` was for (`purposes`, one or more). Absent means the version-1 meaning "a
 * meeting that developed or reviewed an IEP" (see {@link v1MeetingPurposes}).
 */
export const meetingPurposes = [
  "referral",
  "eligibility",
  "initial_iep",
  "annual_review",
  "reevaluation",
  "revision",
  "exit",
  "manifestation",
] as const;

/** A meeting purpose (see {@link meetingPurposes}). */
export type MeetingPurpose = (typeof meetingPurposes)[number];

/**
 * The purposes of a `ppt_meeting_held` without `purposes`: version 1's "a PPT/IEP meeting that
 * developed or reviewed an IEP". It is an annual review for D-08, D-05b and D-10/D-11 (the contract's
 * `["annual_review"]`), and, as in version 1, the meeting that develops the IEP after an initial
 * eligibility determination (D-03), so a version-1 input keeps its version-1 D-03 status.
 */
export const v1MeetingPurposes: readonly MeetingPurpose[] = ["annual_review", "initial_iep"];

/** `pwn_sent.action`: what the notice does with the proposal or request (default `propose`). */
export const pwnActions = ["propose", "refuse"] as const;

/** A PWN action (see {@link pwnActions}). */
export type PwnAction = (typeof pwnActions)[number];

/** `pwn_sent.subject`: what the notice is about (default `fape`, 34 CFR 300.503(a)). */
export const pwnSubjects = ["identification", "evaluation", "placement", "fape"] as const;

/** A PWN subject (see {@link pwnSubjects}). */
export type PwnSubject = (typeof pwnSubjects)[number];

/** `eligibility_determined.kind` (default `initial`). */
export const eligibilityKinds = ["initial", "reevaluation"] as const;

/** An eligibility determination kind (see {@link eligibilityKinds}). */
export type EligibilityKind = (typeof eligibilityKinds)[number];

/** `exited.reason`: why the student left special education. */
export const exitReasons = [
  "graduated",
  "aged_out",
  "not_eligible",
  "consent_revoked",
  "moved",
  "transferred_to_504",
] as const;

/** An exit reason (see {@link exitReasons}). */
export type ExitReason = (typeof exitReasons)[number];

/**
 * Event types that belong to an IEP case: dated after an exit, they are ignored until a later
 * `referral_received` starts a new case. Referrals, 504 events, records requests and disciplinary
 * changes always apply.
 */
export const iepCaseEventTypes: readonly EventType[] = [
  "consent_requested",
  "consent_granted",
  "consent_refused",
  "eligibility_determined",
  "ppt_meeting_held",
  "meeting_scheduled",
  "pwn_sent",
  "iep_implemented",
  "exited",
  "progress_report_sent",
];

/**
 * One setting: its CT default and the range it may take. A [V] rule (set by statute or regulation)
 * has a legal bound on one side (`legal`: the regulation that sets it); [S]/[U] settings only have a
 * sane range.
 */
export interface SettingBounds {
  min: number;
  max: number;
  default: number;
  /** Which bound the law sets, and where. */
  legal?: { bound: "min" | "max"; citation: string };
}

/**
 * The numbers a district may change, with their bounds. Rules marked [S] or [U] in compliance.md must
 * not be hard-coded, so every amount the CT rules use is a setting; the federal one-year and
 * three-year cycles (D-08, D-09) and the 45-day records ceiling (D-14) are fixed in the rules. A [V]
 * rule's setting may be made stricter but never looser than the law (legal-review.md E16).
 */
export const complianceSettingBounds = {
  /** D-01: school days from referral to an implemented IEP, consent time excluded (45, at most 45). */
  initialEvaluationSchoolDays: {
    min: 1,
    max: 45,
    default: 45,
    legal: { bound: "max", citation: "RCSA 10-76d-13" },
  },
  /** D-03: calendar days from the eligibility determination to the IEP meeting (30, at most 30). */
  eligibilityToIepMeetingDays: {
    min: 1,
    max: 30,
    default: 30,
    legal: { bound: "max", citation: "34 CFR 300.323(c)(1)" },
  },
  /** D-05: school days from the prior written notice to implementation, when no date was agreed (10). */
  pwnImplementationSchoolDays: { min: 1, max: 365, default: 10 },
  /** D-05b: school days from the PPT meeting until the IEP and PWN are sent to the parents (5). */
  iepToParentsSchoolDays: { min: 1, max: 365, default: 5 },
  /** D-06: school days before a PPT meeting by which the written notice must be sent (5, at least 5). */
  meetingNoticeSchoolDays: {
    min: 5,
    max: 60,
    default: 5,
    legal: { bound: "min", citation: "RCSA 10-76d-12(a)(1); 34 CFR 300.322(a)" },
  },
  /** D-10: age at which the IEP in effect must include transition planning (14, at most 14; federal 16). */
  transitionAge: {
    min: 3,
    max: 14,
    default: 14,
    legal: { bound: "max", citation: "CSDE Secondary Transition Overview; 34 CFR 300.320(b)" },
  },
  /** D-11: age at which the IEP must include the transfer-of-rights statement (17, at most 17). */
  transferOfRightsNoticeAge: {
    min: 3,
    max: 17,
    default: 17,
    legal: { bound: "max", citation: "34 CFR 300.320(c); RCSA 10-76d-12(b)" },
  },
  /** D-14: school days to give a parent access to records after a written request (10, at most 10). */
  recordsRequestSchoolDays: {
    min: 1,
    max: 10,
    default: 10,
    legal: { bound: "max", citation: "RCSA 10-76d-18(a)(2); 34 CFR 300.613(a)" },
  },
  /** D-19: school days from a disciplinary change-of-placement decision to the MDR (10, at most 10). */
  mdrSchoolDays: {
    min: 1,
    max: 10,
    default: 10,
    legal: { bound: "max", citation: "34 CFR 300.530(e)" },
  },
  /** D-23: school days without an answer after which a consent request counts as refused (10). */
  consentNoResponseSchoolDays: { min: 1, max: 365, default: 10 },
  /** 504-R: months from a 504 plan's activation to its review (12). */
  section504ReviewMonths: { min: 1, max: 120, default: 12 },
} as const satisfies Record<string, SettingBounds>;

function boundedSetting(name: string, bounds: SettingBounds) {
  const message = (bound: "min" | "max") => {
    const value = bounds[bound];
    const limit = bound === "min" ? `at least ${value}` : `at most ${value}`;
    return bounds.legal?.bound === bound
      ? `${name} must be ${limit}: the law sets this bound (${bounds.legal.citation})`
      : `${name} must be ${limit}`;
  };
  return z
    .number()
    .int()
    .min(bounds.min, { error: message("min") })
    .max(bounds.max, { error: message("max") })
    .default(bounds.default);
}

const b = complianceSettingBounds;

/**
 * The settings object: every key optional (CT default), every value an integer within its bounds
 * (see {@link complianceSettingBounds}); unknown keys are rejected.
 */
export const complianceSettingsSchema = z
  .strictObject({
    initialEvaluationSchoolDays: boundedSetting("initialEvaluationSchoolDays", b.initialEvaluationSchoolDays),
    eligibilityToIepMeetingDays: boundedSetting("eligibilityToIepMeetingDays", b.eligibilityToIepMeetingDays),
    pwnImplementationSchoolDays: boundedSetting("pwnImplementationSchoolDays", b.pwnImplementationSchoolDays),
    iepToParentsSchoolDays: boundedSetting("iepToParentsSchoolDays", b.iepToParentsSchoolDays),
    meetingNoticeSchoolDays: boundedSetting("meetingNoticeSchoolDays", b.meetingNoticeSchoolDays),
    transitionAge: boundedSetting("transitionAge", b.transitionAge),
    transferOfRightsNoticeAge: boundedSetting("transferOfRightsNoticeAge", b.transferOfRightsNoticeAge),
    recordsRequestSchoolDays: boundedSetting("recordsRequestSchoolDays", b.recordsRequestSchoolDays),
    mdrSchoolDays: boundedSetting("mdrSchoolDays", b.mdrSchoolDays),
    consentNoResponseSchoolDays: boundedSetting("consentNoResponseSchoolDays", b.consentNoResponseSchoolDays),
    section504ReviewMonths: boundedSetting("section504ReviewMonths", b.section504ReviewMonths),
  })
  .prefault({});

/** Settings with every value filled in. */
export type ComplianceSettings = z.output<typeof complianceSettingsSchema>;

/** Name of one setting. */
export type ComplianceSettingKey = keyof ComplianceSettings;

/** The Connecticut defaults for every setting. */
export const defaultComplianceSettings: Readonly<ComplianceSettings> = Object.freeze(
  complianceSettingsSchema.parse({}),
);

/**
 * How a due date is counted: `school` = school days in the district calendar, `calendar` = calendar
 * days, `months` / `years` = same day of the month later (clamped to the month's end),
 * `birthday` = the student's birthday at the given age (29 February → 28 February),
 * `report_card` = a report-card date of the calendar (`calendar.reportCardDates`), nothing counted.
 */
export type DeadlineUnit = "school" | "calendar" | "months" | "years" | "birthday" | "report_card";

/** compliance.md verification tag: V = primary text read, S = secondary source, U = unverified. */
export type VerificationTag = "V" | "S" | "U";

/**
 * Which events of a type count, by their optional fields (each absent filter accepts every event;
 * fields absent on an event take their version-1 defaults): `consents` for consent events,
 * `purposes` (at least one shared) for `ppt_meeting_held`, `pwnActions` / `pwnSubjects` for
 * `pwn_sent`, `eligibilityKinds` / `eligible` for `eligibility_determined`.
 */
export interface EventFilter {
  consents?: readonly ConsentType[];
  purposes?: readonly MeetingPurpose[];
  pwnActions?: readonly PwnAction[];
  pwnSubjects?: readonly PwnSubject[];
  eligibilityKinds?: readonly EligibilityKind[];
  eligible?: boolean;
}

/** Events of one type that pass a filter. */
export type EventMatcher = EventFilter & { event: EventType };

/**
 * What starts a rule: every event of a type that passes the filter, the student's date of birth
 * (`whileInIep`: only when the student has an IEP on that birthday; `dueAtReviewWithinDays`: the due
 * date is the annual-review date within that many days before the birthday, when there is one), or
 * each report-card date of the calendar on which an IEP is in force (`reportCard`, D-13).
 */
export type RuleTrigger =
  | ({ kind: "event" } & EventMatcher)
  | { kind: "birthday"; whileInIep?: boolean; dueAtReviewWithinDays?: number }
  | { kind: "reportCard" };

/**
 * What completes a rule instance, making it `met` (on or before the due date) or `late`:
 * - `event`: the first event of that type passing the filter dated on or after the triggering event
 *   (strictly after when it is the same type as the trigger);
 * - `consent_response`: the answer (`consent_granted` or `consent_refused`) to the triggering
 *   consent request (see {@link DeadlineRule.consentClock} for how answers are matched).
 */
export type RuleCompletion = ({ kind: "event" } & EventMatcher) | { kind: "consent_response" };

type RuleAmount = { amount: number; amountSetting?: never } | { amountSetting: ComplianceSettingKey; amount?: never };

/**
 * One deadline rule, as data. The engine reads only these fields, so another state's rule set is
 * another array of these objects.
 */
export type DeadlineRule = RuleAmount & {
  /** Rule id from compliance.md §4 (e.g. `D-01`), also used as the translation key. */
  id: string;
  /** Short plain-language name. */
  title: string;
  /** One plain-language sentence; `{amount}` is replaced by the amount in effect. */
  description: string;
  citation: string;
  tag: VerificationTag;
  trigger: RuleTrigger;
  unit: DeadlineUnit;
  /** Count from the triggering event's `meetingDate` instead of its `date`. */
  countFrom?: "date" | "meetingDate";
  /** `before`: count back from the start date (school days only; the start date never counts). */
  direction?: "after" | "before";
  /** When the triggering event carries this date, it is the due date and nothing is counted. */
  agreedDateField?: "agreedImplementationDate";
  /** `latest`: one instance only, from the latest triggering event (by date, then input position). */
  occurrence?: "each" | "latest";
  /**
   * Consent time is excluded from the count: school days `d` with requestDate < d ≤ answerDate of a
   * request for one of these consents are not counted; while such a request is unanswered the clock
   * is `paused`; a refusal on or after the trigger stops it. A request's answer is the earliest
   * `consent_granted`/`consent_refused` for the same consent type dated on or after the request.
   */
  consentClock?: { consents: readonly ConsentType[] };
  /**
   * If a `meeting_scheduled` event has a `meetingDate` after the trigger date and before the counted
   * due date, the due date becomes the last school day before the earliest such meeting.
   */
  dueBeforeMeeting?: boolean;
  completion?: RuleCompletion;
  /**
   * A second way to complete the rule: a matching event that answers the trigger, i.e. whose latest
   * triggering event on or before it is this one. Its status is `met` when the due date is null or
   * not before it, `late` otherwise (D-01 completed by an initial not-eligible determination).
   */
  answeredBy?: EventMatcher;
  /**
   * A matching event dated on or after the trigger, when the rule is not completed on or before it,
   * stops the clock: status `stopped`, due null (D-01 after a PWN refusing an evaluation).
   */
  stoppedBy?: EventMatcher;
  /**
   * The obligation ends with the case: `exit` (an `exited` event, or a reevaluation finding the
   * student not eligible) or `plan504_ended`, dated on or after the trigger and before the due date,
   * makes a not-yet-completed entry `stopped`, keeping its due date.
   */
  endsWith?: "exit" | "plan504_ended";
  /**
   * The due date is never after the student's birthday at this age, when the triggering event's
   * `flag` is true (D-01 for a Birth-to-Three referral: the IEP is in effect by the third birthday).
   */
  capAtBirthday?: { age: number; flag: "birthToThree" };
  /** The due date is never later than this many calendar days after the start date (D-14, 45). */
  ceilingCalendarDays?: number;
};

const initialConsents = ["initial_evaluation", "initial_services"] as const satisfies readonly ConsentType[];

/**
 * The Connecticut rule set (ids from compliance.md §4, plus `D-05b` for the IEP/PWN mailing and
 * `504-R` for the 504 review cycle). Order matters: deadlines for the same event are listed in this
 * order, and birthday rules come after every event-based deadline.
 */
export const ctRules: readonly DeadlineRule[] = [
  {
    id: "D-01",
    title: "Initial evaluation and IEP in place",
    description:
      "After a referral, eligibility must be decided and, if the student is eligible, the IEP implemented within {amount} school days counted from the day after the referral arrived; school days spent waiting for the parent's consent to evaluate or to start services do not count, and a refusal of consent or a prior written notice refusing the evaluation ends the timeline. A finding of not eligible completes it. For a Birth-to-Three referral the IEP must be in effect by the third birthday, if that comes first.",
    citation:
      "RCSA 10-76d-13; CSDE memo 6/27/2008 (clock starts at receipt of the referral); CSDE guidance 1/23/2020; 34 CFR 300.124(b), 300.306(c), 300.503(a)(2)",
    tag: "S",
    trigger: { kind: "event", event: "referral_received" },
    unit: "school",
    amountSetting: "initialEvaluationSchoolDays",
    consentClock: { consents: initialConsents },
    completion: { kind: "event", event: "iep_implemented" },
    answeredBy: { event: "eligibility_determined", eligibilityKinds: ["initial"], eligible: false },
    stoppedBy: { event: "pwn_sent", pwnActions: ["refuse"], pwnSubjects: ["evaluation", "identification"] },
    capAtBirthday: { age: 3, flag: "birthToThree" },
  },
  {
    id: "D-03",
    title: "IEP meeting after eligibility",
    description:
      "Once the student is first found eligible for special education, a PPT meeting must develop the initial IEP within {amount} calendar days.",
    citation: "34 CFR 300.323(c)(1)",
    tag: "V",
    trigger: { kind: "event", event: "eligibility_determined", eligibilityKinds: ["initial"], eligible: true },
    unit: "calendar",
    amountSetting: "eligibilityToIepMeetingDays",
    completion: { kind: "event", event: "ppt_meeting_held", purposes: ["initial_iep"] },
  },
  {
    id: "D-05",
    title: "IEP implementation after prior written notice",
    description:
      "A new or changed IEP must be implemented on the date agreed with the parent, or when no date was agreed, within {amount} school days after the prior written notice proposing it.",
    citation: "RCSA 10-76d-8(a)(5); CSDE prior written notice guidance, December 2013",
    tag: "S",
    trigger: { kind: "event", event: "pwn_sent", pwnActions: ["propose"], pwnSubjects: ["placement", "fape"] },
    unit: "school",
    amountSetting: "pwnImplementationSchoolDays",
    agreedDateField: "agreedImplementationDate",
    completion: { kind: "event", event: "iep_implemented" },
  },
  {
    id: "D-05b",
    title: "IEP and notice sent to parents",
    description:
      "The IEP and the prior written notice must be sent to the parents within {amount} school days after a PPT meeting that wrote, reviewed or revised the IEP.",
    citation: "CSDE prior written notice guidance, December 2013",
    tag: "S",
    trigger: { kind: "event", event: "ppt_meeting_held", purposes: ["initial_iep", "annual_review", "revision"] },
    unit: "school",
    amountSetting: "iepToParentsSchoolDays",
  },
  {
    id: "D-06",
    title: "Meeting notice to parents",
    description:
      "Written notice of a PPT meeting must be sent to the parents at least {amount} school days before the meeting, counting back from the meeting date.",
    citation: "RCSA 10-76d-12(a)(1)-(2); 34 CFR 300.322(a)-(b)",
    tag: "V",
    trigger: { kind: "event", event: "meeting_scheduled" },
    unit: "school",
    amountSetting: "meetingNoticeSchoolDays",
    countFrom: "meetingDate",
    direction: "before",
  },
  {
    id: "D-08",
    title: "Annual IEP review",
    description:
      "The IEP must be reviewed at least once a year: by the same date one year after the latest PPT meeting that wrote the initial IEP or held the annual review (a revision does not count). It ends when the student exits.",
    citation: "34 CFR 300.324(b)(1); 2006 preamble on 300.324(a)(4)",
    tag: "V",
    trigger: { kind: "event", event: "ppt_meeting_held", purposes: ["initial_iep", "annual_review"] },
    unit: "years",
    amount: 1,
    occurrence: "latest",
    endsWith: "exit",
  },
  {
    id: "D-09",
    title: "Three-year reevaluation",
    description:
      "The student must be reevaluated at least every three years: by the same date three years after the latest determination that the student is eligible. It ends when the student exits.",
    citation: "34 CFR 300.303",
    tag: "V",
    trigger: { kind: "event", event: "eligibility_determined", eligible: true },
    unit: "years",
    amount: 3,
    occurrence: "latest",
    endsWith: "exit",
  },
  {
    id: "D-10",
    title: "Transition planning in the IEP",
    description:
      "For a student with an IEP, the IEP in effect when the student turns {amount} must include transition planning: due at the annual review held within the year before that birthday, or on the birthday.",
    citation: "CSDE Secondary Transition Overview; Connecticut IEP Manual section 6; 34 CFR 300.320(b)",
    tag: "V",
    trigger: { kind: "birthday", whileInIep: true, dueAtReviewWithinDays: 365 },
    endsWith: "exit",
    unit: "birthday",
    amountSetting: "transitionAge",
  },
  {
    id: "D-11",
    title: "Transfer-of-rights statement",
    description:
      "For a student with an IEP, the IEP in effect when the student turns {amount} must state that the rights will transfer to the student at 18: due at the annual review held within the year before that birthday, or on the birthday.",
    citation: "34 CFR 300.320(c), 300.520; RCSA 10-76d-12(b)",
    tag: "V",
    trigger: { kind: "birthday", whileInIep: true, dueAtReviewWithinDays: 365 },
    endsWith: "exit",
    unit: "birthday",
    amountSetting: "transferOfRightsNoticeAge",
  },
  {
    id: "D-13",
    title: "Progress report to parents",
    description:
      "While an IEP is in force, the parents get a report on the progress toward every annual goal and short-term objective at least as often as report cards: one report is due on each report-card date, sent after the previous report-card date and on or before that one (later, before the next report-card date, it is late).",
    citation: "34 CFR 300.320(a)(3)(ii); Connecticut IEP Manual section 12",
    tag: "V",
    trigger: { kind: "reportCard" },
    unit: "report_card",
    amount: 1,
    completion: { kind: "event", event: "progress_report_sent" },
    endsWith: "exit",
  },
  {
    id: "D-14",
    title: "Access to records",
    description:
      "After a written request, the parent must be able to inspect the student's records within {amount} school days, before any PPT meeting scheduled sooner, and in no case more than 45 calendar days after the request.",
    citation: "RCSA 10-76d-18(a)(1)-(2); 34 CFR 300.613(a); 34 CFR 99.10(b)",
    tag: "V",
    trigger: { kind: "event", event: "records_request_received" },
    unit: "school",
    amountSetting: "recordsRequestSchoolDays",
    dueBeforeMeeting: true,
    ceilingCalendarDays: 45,
  },
  {
    id: "D-19",
    title: "Manifestation determination review",
    description:
      "After a decision to change the student's placement for breaking a code of conduct, the manifestation determination review must be held within {amount} school days.",
    citation: "34 CFR 300.530(e), (h)",
    tag: "V",
    trigger: { kind: "event", event: "disciplinary_change_of_placement" },
    unit: "school",
    amountSetting: "mdrSchoolDays",
  },
  {
    id: "D-23",
    title: "Answer to a consent request",
    description:
      "The parent has {amount} school days to answer a request for consent to an initial evaluation or to initial services; no answer by then counts as a refusal.",
    citation: "District policies and attorney guides (RCSA citation not confirmed)",
    tag: "S",
    trigger: { kind: "event", event: "consent_requested", consents: initialConsents },
    unit: "school",
    amountSetting: "consentNoResponseSchoolDays",
    completion: { kind: "consent_response" },
  },
  {
    id: "504-R",
    title: "Section 504 plan review",
    description:
      "A Section 504 plan should be reviewed {amount} months after it took effect (a district practice; the law asks for periodic reevaluation); the review is no longer due once the plan ends, for example when an IEP replaces it.",
    citation: "34 CFR 104.35(a), (d), 104.33(b)(2); OCR Section 504 FAQ (compliance.md D-30)",
    tag: "U",
    trigger: { kind: "event", event: "plan504_activated" },
    unit: "months",
    amountSetting: "section504ReviewMonths",
    completion: { kind: "event", event: "plan504_activated" },
    endsWith: "plan504_ended",
  },
];

/**
 * The amount a rule uses with the given settings: its fixed `amount`, or the value of its
 * `amountSetting`.
 */
export function ruleAmount(rule: DeadlineRule, settings: ComplianceSettings = defaultComplianceSettings): number {
  return rule.amountSetting === undefined ? rule.amount : settings[rule.amountSetting];
}

/**
 * A rule's plain-language description with `{amount}` replaced by the amount in effect under the
 * given settings (the CT defaults when omitted).
 */
export function ruleDescription(rule: DeadlineRule, settings: ComplianceSettings = defaultComplianceSettings): string {
  return rule.description.replaceAll("{amount}", String(ruleAmount(rule, settings)));
}
