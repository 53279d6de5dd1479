import { sql } from "drizzle-orm";
import { boolean, check, date, index, pgEnum, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { id, timestamps } from "./columns";
import { caseEvents } from "./deadlines";
import { districts } from "./district";
import { consentResponses, meetings, priorWrittenNotices } from "./legal-record";
import { students, users } from "./people";
import { planVersions } from "./plans";

/**
 * Who referred the student for an initial evaluation (issue 12; compliance.md §2 Referral, §3.1):
 * a teacher, the parent's written request (any written request counts, R-07), the 504 team, a
 * student study team after recorded general-education interventions, or Birth-to-Three (D-20).
 */
export const referralSource = pgEnum("referral_source", [
  "teacher",
  "parent_request",
  "team_504",
  "student_study_team",
  "birth_to_three",
]);

/** The form of a parent's written request: no form is required. */
export const writtenRequestForm = pgEnum("written_request_form", [
  "letter",
  "email",
  "district_form",
  "portal",
  "note",
]);

export const referralStatus = pgEnum("referral_status", ["open", "closed"]);

/** How a referral closed: no evaluation (PWN refusing), consent refused, not eligible (PWN), IEP in force. */
export const referralOutcome = pgEnum("referral_outcome", [
  "not_evaluated",
  "consent_refused",
  "not_eligible",
  "iep_in_force",
]);

export const referralDecision = pgEnum("referral_decision", ["evaluate", "refuse"]);

/** The Connecticut disability categories (CT IEP Manual §1; 34 CFR 300.8). */
export const disabilityCategory = pgEnum("disability_category", [
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
]);

/**
 * An initial referral for special education (issue 12; compliance.md §3.1, §3.4 504→IEP; CL-9): one
 * open per student. Each step stores the record it rests on — the `referral_received` case event it
 * wrote (or adopted), the held referral PPT and its decision, the evaluation's completion, the
 * parent's request for the evaluation report (D-07), the eligibility PPT's answer to "does the
 * student need specially designed instruction?", and how it closed (with the PWN or the refusal of
 * consent). `plan504_version_id` marks the 504 → IEP flow: the 504 plan in force when referred.
 * Never deleted; the `enforce_referral_steps` trigger refuses out-of-order or forged steps.
 */
export const referrals = pgTable(
  "referrals",
  {
    id: id(),
    districtId: uuid()
      .notNull()
      .references(() => districts.id),
    studentId: uuid()
      .notNull()
      .references(() => students.id),
    source: referralSource().notNull(),
    receivedOn: date({ mode: "string" }).notNull(),
    /** Why the student is referred (kept with the record; never in logs). */
    concern: text().notNull(),
    /** A parent's written request: its form and the date it bears. */
    requestForm: writtenRequestForm(),
    requestDatedOn: date({ mode: "string" }),
    /** The 504 plan version in force when the student was referred: the 504 → IEP flow. */
    plan504VersionId: uuid().references(() => planVersions.id),
    /** The `referral_received` case event the deadline engine reads (D-01). */
    receivedEventId: uuid()
      .notNull()
      .references(() => caseEvents.id),
    status: referralStatus().notNull().default("open"),
    referralMeetingId: uuid().references(() => meetings.id),
    decision: referralDecision(),
    decidedOn: date({ mode: "string" }),
    /** The day the procedural safeguards notice was given with the proposal to evaluate (N-03). */
    safeguardsGivenOn: date({ mode: "string" }),
    evaluationCompletedOn: date({ mode: "string" }),
    /** The parent asked for the evaluation report before the eligibility PPT (D-07). */
    reportRequestedOn: date({ mode: "string" }),
    eligibilityMeetingId: uuid().references(() => meetings.id),
    /** The team's explicit answer: does the student need specially designed instruction? */
    needsSdi: boolean(),
    disabilityCategory: disabilityCategory(),
    eligibilityEventId: uuid().references(() => caseEvents.id),
    outcome: referralOutcome(),
    closedOn: date({ mode: "string" }),
    /** The PWN refusing the evaluation, or stating the student is not eligible. */
    closingNoticeId: uuid().references(() => priorWrittenNotices.id),
    /** The refusal (or no response) of consent to evaluate or to initial services. */
    closingConsentResponseId: uuid().references(() => consentResponses.id),
    createdBy: uuid().references(() => users.id),
    ...timestamps,
  },
  (t) => [
    index().on(t.districtId, t.status),
    index().on(t.studentId),
    uniqueIndex("referrals_one_open_per_student")
      .on(t.studentId)
      .where(sql`${t.status} = 'open'`),
    check("referrals_concern", sql`length(btrim(${t.concern})) between 1 and 2000`),
    check(
      "referrals_parent_request",
      sql`(${t.source} = 'parent_request') = (${t.requestForm} is not null and ${t.requestDatedOn} is not null)`,
    ),
    check("referrals_request_date", sql`${t.requestDatedOn} is null or ${t.requestDatedOn} <= ${t.receivedOn}`),
    check(
      "referrals_decision",
      sql`(${t.decision} is null) = (${t.decidedOn} is null) and (${t.decision} is null or ${t.referralMeetingId} is not null)
        and (${t.decision} = 'evaluate') = (${t.safeguardsGivenOn} is not null)`,
    ),
    check(
      "referrals_eligibility",
      sql`(${t.needsSdi} is null) = (${t.eligibilityMeetingId} is null) and (${t.needsSdi} is null) = (${t.eligibilityEventId} is null)
        and (${t.needsSdi} is not true or ${t.disabilityCategory} is not null)`,
    ),
    check(
      "referrals_closed",
      sql`(${t.status} = 'closed') = (${t.outcome} is not null) and (${t.outcome} is null) = (${t.closedOn} is null)
        and (${t.outcome} is distinct from 'not_evaluated' or (${t.decision} = 'refuse' and ${t.closingNoticeId} is not null))
        and (${t.outcome} is distinct from 'not_eligible' or (${t.needsSdi} = false and ${t.closingNoticeId} is not null))
        and (${t.outcome} is distinct from 'consent_refused' or ${t.closingConsentResponseId} is not null)`,
    ),
  ],
);

/**
 * The general-education interventions a student study team tried before referring (required for
 * that source; R-07): what, from when to when, and the outcome. Insert-only.
 */
export const referralInterventions = pgTable(
  "referral_interventions",
  {
    id: id(),
    referralId: uuid()
      .notNull()
      .references(() => referrals.id),
    description: text().notNull(),
    startedOn: date({ mode: "string" }).notNull(),
    endedOn: date({ mode: "string" }).notNull(),
    outcome: text().notNull(),
    ...timestamps,
  },
  (t) => [
    index().on(t.referralId),
    check("referral_interventions_dates", sql`${t.endedOn} >= ${t.startedOn}`),
    check(
      "referral_interventions_text",
      sql`length(btrim(${t.description})) between 1 and 1000 and length(btrim(${t.outcome})) between 1 and 1000`,
    ),
  ],
);
