import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import {
  consentTypes,
  eligibilityKinds,
  eventTypes,
  exitReasons,
  meetingPurposes,
  pwnActions,
  pwnSubjects,
} from "../../lib/compliance/rules";
import { id, timestamps } from "./columns";
import { districts, schools } from "./district";
import { students, users } from "./people";

/** The deadline engine's event types (lib/compliance): one source for the engine and the database. */
export const caseEventType = pgEnum("case_event_type", eventTypes);
export const consentType = pgEnum("consent_type", consentTypes);
export const eligibilityKind = pgEnum("eligibility_kind", eligibilityKinds);
export const meetingPurpose = pgEnum("meeting_purpose", meetingPurposes);
export const pwnAction = pgEnum("pwn_action", pwnActions);
export const pwnSubject = pgEnum("pwn_subject", pwnSubjects);
export const exitReason = pgEnum("exit_reason", exitReasons);
/** `manual`: recorded by staff on the student page; `workflow`: written by another workflow (source id). */
export const caseEventSource = pgEnum("case_event_source", ["manual", "workflow"]);
export const deadlineStatus = pgEnum("deadline_status", ["open", "met", "late", "paused", "stopped"]);
export const deadlineUnit = pgEnum("deadline_unit", [
  "school",
  "calendar",
  "months",
  "years",
  "birthday",
  "report_card",
]);
/** Which program a deadline or event belongs to: the IEP side (case manager) or Section 504 (principal). */
export const deadlineProgram = pgEnum("deadline_program", ["iep", "504"]);

/** The district and the student a case row belongs to. */
const studentColumns = () => ({
  districtId: uuid()
    .notNull()
    .references(() => districts.id),
  studentId: uuid()
    .notNull()
    .references(() => students.id),
});

/**
 * Dated facts of a student's case (referral received, consent requested, meeting held, …), the
 * input of the deadline engine. Never deleted: a mistaken entry is voided and stops counting.
 */
export const caseEvents = pgTable(
  "case_events",
  {
    id: id(),
    ...studentColumns(),
    type: caseEventType().notNull(),
    date: date({ mode: "string" }).notNull(),
    consent: consentType(),
    meetingDate: date({ mode: "string" }),
    agreedImplementationDate: date({ mode: "string" }),
    /** `referral_received`: a Birth-to-Three referral (D-01 due by the third birthday). */
    birthToThree: boolean().notNull().default(false),
    /** `eligibility_determined`: initial or reevaluation; null = initial (contract version 1). */
    eligibilityKind: eligibilityKind(),
    /** `eligibility_determined`: the outcome; null = eligible (contract version 1). */
    eligible: boolean(),
    /** `ppt_meeting_held`: what the meeting was for; null = an IEP meeting (contract version 1). */
    meetingPurposes: meetingPurpose().array(),
    /** `pwn_sent`: propose or refuse; null = propose. */
    pwnAction: pwnAction(),
    /** `pwn_sent`: identification, evaluation, placement or FAPE; null = FAPE. */
    pwnSubject: pwnSubject(),
    /** `exited`: why the student left special education (required on that type only). */
    exitReason: exitReason(),
    /**
     * `meeting_scheduled`: the parent agreed in writing to a notice shorter than D-06 (a district
     * setting, [U]: whether a parent may waive the notice is not settled in CT).
     */
    shorterNoticeAgreed: boolean().notNull().default(false),
    note: text(),
    source: caseEventSource().notNull().default("manual"),
    sourceId: uuid(),
    recordedBy: uuid().references(() => users.id),
    voidedAt: timestamp({ withTimezone: true }),
    voidedBy: uuid().references(() => users.id),
    /** Why the event was voided (required from the void form on; kept with the event). */
    voidReason: text(),
    ...timestamps,
  },
  (t) => [
    index().on(t.studentId, t.date),
    index().on(t.districtId, t.type, t.date),
    uniqueIndex("case_events_workflow_source_key")
      .on(t.sourceId, t.type)
      .where(sql`${t.sourceId} is not null`),
    check(
      "case_events_consent",
      sql`(${t.type} in ('consent_requested', 'consent_granted', 'consent_refused')) = (${t.consent} is not null)`,
    ),
    check("case_events_meeting", sql`(${t.type} = 'meeting_scheduled') = (${t.meetingDate} is not null)`),
    check("case_events_meeting_order", sql`${t.meetingDate} is null or ${t.meetingDate} >= ${t.date}`),
    check(
      "case_events_agreed_date",
      sql`${t.agreedImplementationDate} is null or (${t.type} = 'pwn_sent' and ${t.agreedImplementationDate} >= ${t.date})`,
    ),
    check("case_events_birth_to_three", sql`not ${t.birthToThree} or ${t.type} = 'referral_received'`),
    check(
      "case_events_eligibility",
      sql`(${t.eligibilityKind} is null and ${t.eligible} is null) or ${t.type} = 'eligibility_determined'`,
    ),
    check(
      "case_events_purposes",
      sql`${t.meetingPurposes} is null or (${t.type} = 'ppt_meeting_held' and cardinality(${t.meetingPurposes}) > 0)`,
    ),
    check("case_events_pwn", sql`(${t.pwnAction} is null and ${t.pwnSubject} is null) or ${t.type} = 'pwn_sent'`),
    // `::text`: the enum value 'exited' is added in the same migration (no use of a new value before commit).
    check("case_events_exit_reason", sql`(${t.type}::text = 'exited') = (${t.exitReason} is not null)`),
    check("case_events_shorter_notice", sql`not ${t.shorterNoticeAgreed} or ${t.type} = 'meeting_scheduled'`),
    check("case_events_source_id", sql`(${t.source} = 'workflow') = (${t.sourceId} is not null)`),
    check("case_events_note_length", sql`${t.note} is null or char_length(${t.note}) <= 1000`),
  ],
);

/**
 * Deadlines computed by the engine from a student's case events, school calendar and district
 * settings, refreshed whenever one of those changes. One row per rule instance: (student, rule,
 * trigger) where the trigger is the event id or `birthDate`. Staff-entered facts (completion of a
 * rule the engine cannot see completed, the reason a late D-01 was late) survive refreshes.
 */
export const deadlines = pgTable(
  "deadlines",
  {
    id: id(),
    ...studentColumns(),
    ruleId: text().notNull(),
    triggerKey: text().notNull(),
    triggerEventId: uuid().references(() => caseEvents.id),
    program: deadlineProgram().notNull(),
    due: date({ mode: "string" }),
    unit: deadlineUnit().notNull(),
    status: deadlineStatus().notNull(),
    completedOn: date({ mode: "string" }),
    completedBy: uuid().references(() => users.id),
    delayReason: text(),
    delayReasonBy: uuid().references(() => users.id),
    computedAt: timestamp({ withTimezone: true }).notNull(),
    ...timestamps,
  },
  (t) => [
    unique().on(t.studentId, t.ruleId, t.triggerKey),
    // The district admin's paginated queue: a keyset over (due, id) of the district's open deadlines that
    // nobody completed. Partial: completed deadlines keep status open (at 500,000 students ~190,000 of
    // them, most with old due dates, which a full index made the first page step over).
    index()
      .on(t.districtId, t.due, t.id)
      .where(sql`${t.status} = 'open' and ${t.completedOn} is null`),
    index().on(t.studentId, t.due),
    // Work queues driven from the viewer's students: their open deadlines by due date.
    index().on(t.studentId, t.status, t.due),
    index().on(t.districtId, t.ruleId, t.due),
    // D-13 (unit report_card) has one row per report-card date of the same implementing event.
    check(
      "deadlines_trigger",
      sql`${t.triggerKey} = case when ${t.unit}::text = 'report_card' then 'reportCard:' || ${t.due}::text else coalesce(${t.triggerEventId}::text, 'birthDate') end`,
    ),
  ],
);

/** One school year's initial evaluations of one school (see `school_deadline_summaries.initial_evaluations`). */
export interface InitialEvaluationTally {
  met: number;
  late: number;
  overdue: number;
  open: number;
  paused: number;
  stopped: number;
  reasons: Record<string, number>;
}

/**
 * Per-school counts of the open deadlines past due, as of one local date (issue 15): what the district
 * admin's dashboard and work-queue page count, read as one row per school instead of every overdue
 * deadline of the district. Kept by the deadline store in the transaction that changes a school's
 * deadlines (lib/dal/internal/deadline-summaries.ts), and by a job for the day boundary and for what
 * changes outside the app's mutations; a reader treats a row of another date or escalation threshold as
 * missing and counts live instead. Derived numbers only: no student data.
 */
export const schoolDeadlineSummaries = pgTable(
  "school_deadline_summaries",
  {
    schoolId: uuid()
      .primaryKey()
      .references(() => schools.id),
    districtId: uuid()
      .notNull()
      .references(() => districts.id),
    /** The district's local date the counts are for: "past due" means due before it. */
    asOf: date({ mode: "string" }).notNull(),
    /** The district's escalation threshold (school days) the `escalated` count used. */
    escalateAfterSchoolDays: integer().notNull(),
    /** Open deadlines nobody has completed, due before `asOf`. */
    overdue: integer().notNull(),
    /** Of those, overdue by at least the threshold in the school's school days. */
    escalated: integer().notNull(),
    /** Students with at least one of them. */
    students: integer().notNull(),
    oldestDue: date({ mode: "string" }),
    /**
     * The compliance report's reviews of this school: open annual reviews (D-08) and reevaluations (D-09)
     * overdue, due within 30 days and within 31–90 days of `asOf`.
     */
    annualOverdue: integer().notNull().default(0),
    annualDue30: integer().notNull().default(0),
    annualDue90: integer().notNull().default(0),
    triennialOverdue: integer().notNull().default(0),
    triennialDue30: integer().notNull().default(0),
    triennialDue90: integer().notNull().default(0),
    /**
     * The compliance report's initial evaluations (D-01) of this school's students by the school year of
     * the referral: `{ "2026": { met, late, overdue, open, paused, stopped, reasons: { [code]: n } } }`,
     * overdue as of `asOf`, reasons over the late and overdue ones ("" for none recorded).
     */
    initialEvaluations: jsonb().$type<Record<string, InitialEvaluationTally>>().notNull().default({}),
    refreshedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index().on(t.districtId, t.refreshedAt),
    check(
      "school_deadline_summaries_counts",
      sql`${t.escalated} >= 0 and ${t.escalated} <= ${t.overdue} and ${t.students} >= 0 and ${t.students} <= ${t.overdue} and (${t.overdue} = 0) = (${t.oldestDue} is null)`,
    ),
  ],
);
