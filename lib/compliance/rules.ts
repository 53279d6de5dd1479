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
] as const;

/** A case event type (see {@link eventTypes}). */
export type EventType = (typeof eventTypes)[number];

/** What a `consent_requested` / `consent_granted` / `consent_refused` event is about. */
export const consentTypes = ["initial_evaluation", "initial_services", "reevaluation"] as const;

/** A consent type (see {@link consentTypes}). */
export type ConsentType = (typeof consentTypes)[number];

/**
 * The numbers a district may change (each a positive integer; the CT default in parentheses).
 * Rules marked [S] or [U] in compliance.md must not be hard-coded, so every amount the CT rules use
 * is a setting; the federal one-year and three-year cycles (D-08, D-09) are fixed in the rules.
 * Unknown keys are rejected.
 */
export const complianceSettingsSchema = z
  .strictObject({
    /** D-01: school days from referral to an implemented IEP, consent time excluded (45). */
    initialEvaluationSchoolDays: z.number().int().min(1).max(365).default(45),
    /** D-03: calendar days from the eligibility determination to the IEP meeting (30). */
    eligibilityToIepMeetingDays: z.number().int().min(1).max(365).default(30),
    /** D-05: school days from the prior written notice to implementation, when no date was agreed (10). */
    pwnImplementationSchoolDays: z.number().int().min(1).max(365).default(10),
    /** D-05b: school days from the PPT meeting until the IEP and PWN are in the parents' hands (5). */
    iepToParentsSchoolDays: z.number().int().min(1).max(365).default(5),
    /** D-06: school days before a PPT meeting by which the written notice must be sent (5). */
    meetingNoticeSchoolDays: z.number().int().min(1).max(365).default(5),
    /** D-10: age at which the IEP in effect must include transition planning (14; federal 16). */
    transitionAge: z.number().int().min(1).max(30).default(14),
    /** D-11: age at which the IEP must include the transfer-of-rights statement (17; majority at 18). */
    transferOfRightsNoticeAge: z.number().int().min(1).max(30).default(17),
    /** D-14: school days to give a parent access to records after a written request (10). */
    recordsRequestSchoolDays: z.number().int().min(1).max(365).default(10),
    /** D-19: school days from a disciplinary change-of-placement decision to the MDR (10). */
    mdrSchoolDays: z.number().int().min(1).max(365).default(10),
    /** D-23: school days without an answer after which a consent request counts as refused (10). */
    consentNoResponseSchoolDays: z.number().int().min(1).max(365).default(10),
    /** 504-R: months from a 504 plan's activation to its review (12). */
    section504ReviewMonths: z.number().int().min(1).max(120).default(12),
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
 * `birthday` = the student's birthday at the given age (29 February → 28 February).
 */
export type DeadlineUnit = "school" | "calendar" | "months" | "years" | "birthday";

/** compliance.md verification tag: V = primary text read, S = secondary source, U = unverified. */
export type VerificationTag = "V" | "S" | "U";

/**
 * What starts a rule: every event of a type (optionally only for some consent types), or the
 * student's date of birth.
 */
export type RuleTrigger = { kind: "event"; event: EventType; consents?: readonly ConsentType[] } | { kind: "birthday" };

/**
 * What completes a rule instance, making it `met` (on or before the due date) or `late`:
 * - `event`: the first event of that type dated on or after the triggering event (strictly after
 *   when it is the same type as the trigger);
 * - `consent_response`: the answer (`consent_granted` or `consent_refused`) to the triggering
 *   consent request (see {@link DeadlineRule.consentClock} for how answers are matched).
 */
export type RuleCompletion = { kind: "event"; event: EventType } | { kind: "consent_response" };

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
      "After a referral, eligibility must be decided and, if the student is eligible, the IEP implemented within {amount} school days counted from the day after the referral arrived; school days spent waiting for the parent's consent to evaluate or to start services do not count, and a refusal ends the timeline.",
    citation: "RCSA 10-76d-13; CSDE memo 6/27/2008 (clock starts at receipt of the referral); CSDE guidance 1/23/2020",
    tag: "S",
    trigger: { kind: "event", event: "referral_received" },
    unit: "school",
    amountSetting: "initialEvaluationSchoolDays",
    consentClock: { consents: initialConsents },
    completion: { kind: "event", event: "iep_implemented" },
  },
  {
    id: "D-03",
    title: "IEP meeting after eligibility",
    description:
      "Once the student is found eligible for special education, a PPT meeting must develop the IEP within {amount} calendar days.",
    citation: "34 CFR 300.323(c)(1)",
    tag: "V",
    trigger: { kind: "event", event: "eligibility_determined" },
    unit: "calendar",
    amountSetting: "eligibilityToIepMeetingDays",
    completion: { kind: "event", event: "ppt_meeting_held" },
  },
  {
    id: "D-05",
    title: "IEP implementation after prior written notice",
    description:
      "The IEP must be implemented on the date agreed with the parent, or when no date was agreed, within {amount} school days after the prior written notice.",
    citation: "RCSA 10-76d-8(a)(5); CSDE prior written notice guidance, December 2013",
    tag: "S",
    trigger: { kind: "event", event: "pwn_sent" },
    unit: "school",
    amountSetting: "pwnImplementationSchoolDays",
    agreedDateField: "agreedImplementationDate",
    completion: { kind: "event", event: "iep_implemented" },
  },
  {
    id: "D-05b",
    title: "IEP and notice sent to parents",
    description:
      "The IEP and the prior written notice must reach the parents within {amount} school days after the PPT meeting.",
    citation: "CSDE prior written notice guidance, December 2013",
    tag: "S",
    trigger: { kind: "event", event: "ppt_meeting_held" },
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
      "The IEP must be reviewed at least once a year: by the same date one year after the latest PPT meeting.",
    citation: "34 CFR 300.324(b)(1)",
    tag: "V",
    trigger: { kind: "event", event: "ppt_meeting_held" },
    unit: "years",
    amount: 1,
    occurrence: "latest",
  },
  {
    id: "D-09",
    title: "Three-year reevaluation",
    description:
      "The student must be reevaluated at least every three years: by the same date three years after the latest eligibility determination.",
    citation: "34 CFR 300.303",
    tag: "V",
    trigger: { kind: "event", event: "eligibility_determined" },
    unit: "years",
    amount: 3,
    occurrence: "latest",
  },
  {
    id: "D-10",
    title: "Transition planning in the IEP",
    description: "The IEP in effect when the student turns {amount} must include transition planning.",
    citation: "CSDE Secondary Transition Overview; Connecticut IEP Manual section 6; 34 CFR 300.320(b)",
    tag: "V",
    trigger: { kind: "birthday" },
    unit: "birthday",
    amountSetting: "transitionAge",
  },
  {
    id: "D-11",
    title: "Transfer-of-rights statement",
    description:
      "By the time the student turns {amount}, the IEP must state that the rights will transfer to the student at 18.",
    citation: "34 CFR 300.320(c), 300.520; RCSA 10-76d-12(b)",
    tag: "V",
    trigger: { kind: "birthday" },
    unit: "birthday",
    amountSetting: "transferOfRightsNoticeAge",
  },
  {
    id: "D-14",
    title: "Access to records",
    description:
      "After a written request, the parent must be able to inspect the student's records within {amount} school days, and before any PPT meeting scheduled sooner.",
    citation: "RCSA 10-76d-18(a)(1)-(2); 34 CFR 300.613",
    tag: "V",
    trigger: { kind: "event", event: "records_request_received" },
    unit: "school",
    amountSetting: "recordsRequestSchoolDays",
    dueBeforeMeeting: true,
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
      "A Section 504 plan should be reviewed {amount} months after it took effect (a district practice; the law asks for periodic reevaluation).",
    citation: "34 CFR 104.35(a), (d); OCR Section 504 FAQ (compliance.md D-30)",
    tag: "U",
    trigger: { kind: "event", event: "plan504_activated" },
    unit: "months",
    amountSetting: "section504ReviewMonths",
    completion: { kind: "event", event: "plan504_activated" },
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
