import { z } from "zod";
import { addDays, addMonths, addYears, isValidIsoDate, toDayNumber, type IsoDate } from "./dates";
import {
  complianceSettingsSchema,
  consentTypes,
  ctRules,
  defaultComplianceSettings,
  eligibilityKinds,
  eventTypes,
  exitReasons,
  iepCaseEventTypes,
  meetingPurposes,
  pwnActions,
  pwnSubjects,
  ruleAmount,
  ruleDescription,
  v1MeetingPurposes,
  type ComplianceSettings,
  type ConsentType,
  type DeadlineRule,
  type DeadlineUnit,
  type EligibilityKind,
  type EventMatcher,
  type MeetingPurpose,
  type PwnAction,
  type PwnSubject,
  type VerificationTag,
} from "./rules";
import { createSchoolCalendar, type SchoolCalendar } from "./school-calendar";

const isoDateSchema = z
  .string({
    error: (issue) => (issue.input === undefined ? "Required" : "Expected a date string in YYYY-MM-DD format"),
  })
  .refine(isValidIsoDate, {
    error: (issue) => `Invalid date ${JSON.stringify(issue.input)}: expected a real date in YYYY-MM-DD format`,
  });

const consentSchema = z.enum(consentTypes, {
  error: (issue) =>
    issue.input === undefined ? "Required" : `Invalid consent: expected one of ${consentTypes.join(", ")}`,
});

const dateOnlyEvent = <T extends (typeof eventTypes)[number]>(type: T) =>
  z.strictObject({ type: z.literal(type), date: isoDateSchema });

const oneOf = <const T extends readonly [string, ...string[]]>(name: string, values: T) =>
  z.enum(values, {
    error: (issue) =>
      issue.input === undefined ? "Required" : `Invalid ${name}: expected one of ${values.join(", ")}`,
  });

const booleanField = (name: string) =>
  z.boolean({ error: (issue) => `Invalid ${name} ${JSON.stringify(issue.input)}: expected true or false` });

const consentEvent = <T extends "consent_requested" | "consent_granted" | "consent_refused">(type: T) =>
  z.strictObject({ type: z.literal(type), consent: consentSchema, date: isoDateSchema });

const eventSchema = z.discriminatedUnion(
  "type",
  [
    z.strictObject({
      type: z.literal("referral_received"),
      date: isoDateSchema,
      birthToThree: booleanField("birthToThree").optional(),
    }),
    consentEvent("consent_requested"),
    consentEvent("consent_granted"),
    consentEvent("consent_refused"),
    z.strictObject({
      type: z.literal("eligibility_determined"),
      date: isoDateSchema,
      kind: oneOf("kind", eligibilityKinds).optional(),
      eligible: booleanField("eligible").optional(),
    }),
    z.strictObject({
      type: z.literal("ppt_meeting_held"),
      date: isoDateSchema,
      purposes: z
        .array(oneOf("purpose", meetingPurposes), {
          error: "Expected an array of purposes",
        })
        .min(1, { error: "Expected at least one purpose (leave purposes out for an annual review)" })
        .optional(),
    }),
    z.strictObject({ type: z.literal("meeting_scheduled"), date: isoDateSchema, meetingDate: isoDateSchema }),
    z.strictObject({
      type: z.literal("pwn_sent"),
      date: isoDateSchema,
      agreedImplementationDate: isoDateSchema.optional(),
      action: oneOf("action", pwnActions).optional(),
      subject: oneOf("subject", pwnSubjects).optional(),
    }),
    dateOnlyEvent("iep_implemented"),
    dateOnlyEvent("records_request_received"),
    dateOnlyEvent("disciplinary_change_of_placement"),
    dateOnlyEvent("plan504_activated"),
    dateOnlyEvent("plan504_ended"),
    z.strictObject({ type: z.literal("exited"), date: isoDateSchema, reason: oneOf("reason", exitReasons) }),
    dateOnlyEvent("progress_report_sent"),
  ],
  {
    error: (issue) => {
      const { input } = issue;
      if (typeof input !== "object" || input === null || Array.isArray(input)) return "Expected an event object";
      const prefix = "type" in input ? "Unknown event type" : "Required";
      return `${prefix}: expected one of ${eventTypes.join(", ")}`;
    },
  },
);

const schoolYearSchema = z.strictObject({ firstDay: isoDateSchema, lastDay: isoDateSchema });

const schoolYearsSchema = z.array(schoolYearSchema).superRefine((years, context) => {
  const ranges: { index: number; first: number; last: number }[] = [];
  years.forEach((year, index) => {
    if (!isValidIsoDate(year.firstDay) || !isValidIsoDate(year.lastDay)) return;
    const first = toDayNumber(year.firstDay);
    const last = toDayNumber(year.lastDay);
    if (first > last) {
      context.addIssue({
        code: "custom",
        message: `firstDay ${year.firstDay} is after lastDay ${year.lastDay}`,
        path: [index, "firstDay"],
      });
      return;
    }
    const overlapped = ranges.find((range) => first <= range.last && range.first <= last);
    if (overlapped) {
      context.addIssue({
        code: "custom",
        message: `School year ${year.firstDay}..${year.lastDay} overlaps school year ${overlapped.index}`,
        path: [index, "firstDay"],
      });
    }
    ranges.push({ index, first, last });
  });
});

/**
 * Validates a deadline input exactly: unknown fields anywhere are rejected; dates must be real
 * `YYYY-MM-DD` dates; `type` must be a known event type; `consent` is required on consent events;
 * `meetingDate` is required on `meeting_scheduled`; `reason` on `exited`; `agreedImplementationDate`,
 * `action` and `subject` are allowed (optional) on `pwn_sent` only, `kind` and `eligible` on
 * `eligibility_determined`, `purposes` (one or more) on `ppt_meeting_held`, `birthToThree` on
 * `referral_received` (then `student.birthDate` is required); school years need
 * `firstDay <= lastDay` and may not overlap; settings must be within their bounds (a [V] rule's
 * legal bound included). `calendar.closures`, `calendar.extraDays`, `calendar.reportCardDates`,
 * `student`, `student.birthDate` and `settings` may be omitted; settings are filled with the CT
 * defaults.
 */
export const deadlineInputSchema = z
  .strictObject({
    calendar: z.strictObject({
      schoolYears: schoolYearsSchema,
      closures: z.array(isoDateSchema).default([]),
      extraDays: z.array(isoDateSchema).default([]),
      reportCardDates: z.array(isoDateSchema).default([]),
    }),
    student: z.strictObject({ birthDate: isoDateSchema.optional() }).optional(),
    events: z.array(eventSchema),
    settings: complianceSettingsSchema,
  })
  .superRefine((input, context) => {
    if (input.student?.birthDate !== undefined) return;
    const index = input.events.findIndex((event) => event.type === "referral_received" && event.birthToThree);
    if (index >= 0) {
      context.addIssue({
        code: "custom",
        message: `Required: a Birth-to-Three referral (events.${index}) needs the student's birth date`,
        path: ["student", "birthDate"],
      });
    }
  });

/** A deadline input as callers may write it (optional parts may be left out). */
export type DeadlineInput = z.input<typeof deadlineInputSchema>;

/** A validated deadline input, with defaults filled in. */
export type ParsedDeadlineInput = z.output<typeof deadlineInputSchema>;

/** One case event. */
export type DeadlineEvent = z.output<typeof eventSchema>;

/**
 * `open`: not completed (or the rule has no completing event); `met`: the completing event came on
 * or before `due`; `late`: it came after; `paused`: the clock is stopped while a consent request is
 * unanswered (`due` is null); `stopped`: a refusal (of consent, or a PWN refusing the evaluation)
 * ended the clock (`due` is null), or the case or 504 plan ended before the due date (`due` kept).
 */
export type DeadlineStatus = "open" | "met" | "late" | "paused" | "stopped";

/** One rule instance. `event` is the input position of the triggering event (absent for birthday rules). */
export interface Deadline {
  rule: string;
  due: IsoDate | null;
  unit: DeadlineUnit;
  status: DeadlineStatus;
  event?: number;
}

/** The engine's result. */
export interface DeadlineResult {
  deadlines: Deadline[];
}

/** Extra inputs for {@link computeDeadlines}. */
export interface ComputeOptions {
  /**
   * A calendar already built from `input.calendar` (see `createSchoolCalendar`), to share one
   * calendar across many students of a district instead of rebuilding it for each.
   */
  calendar?: SchoolCalendar;
}

/** A validation failure: a message and the dotted path of the bad field (`""` for the whole document). */
export interface InputError {
  error: string;
  path: string;
}

interface IndexedEvent {
  index: number;
  day: number;
  event: DeadlineEvent;
}

interface Computed {
  due: IsoDate | null;
  status: DeadlineStatus;
}

type ConsentClock = "stopped" | { skip: (date: IsoDate, day: number) => boolean; waiting: boolean };

const UNANSWERED = Number.POSITIVE_INFINITY;

function issuePath(issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String);
  if (issue.code === "unrecognized_keys" && issue.keys[0] !== undefined) path.push(issue.keys[0]);
  return path.join(".");
}

function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === "unrecognized_keys") return `Unknown field ${JSON.stringify(issue.keys[0])}`;
  return issue.message;
}

/**
 * Validates raw input (for example parsed JSON) with {@link deadlineInputSchema}.
 * On failure returns the first problem as `{ error, path }`, where `path` names the bad field with
 * dots (`events.2.date`, `calendar.schoolYears.0.firstDay`, `settings.unknownKey`; `""` when the
 * document itself is not an object).
 */
export function parseDeadlineInput(
  value: unknown,
): { success: true; data: ParsedDeadlineInput } | { success: false; error: InputError } {
  const result = deadlineInputSchema.safeParse(value, {
    error: (issue) =>
      issue.code === "invalid_type" && issue.input === undefined ? `Required: expected ${issue.expected}` : undefined,
  });
  if (result.success) return { success: true, data: result.data };
  const issue = result.error.issues[0];
  if (!issue) return { success: false, error: { error: "Invalid input", path: "" } };
  return { success: false, error: { error: issueMessage(issue), path: issuePath(issue) } };
}

function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return toDayNumber(a) >= toDayNumber(b) ? a : b;
}

function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return toDayNumber(a) <= toDayNumber(b) ? a : b;
}

function consentOf(event: DeadlineEvent): ConsentType | undefined {
  return "consent" in event ? event.consent : undefined;
}

/** A meeting's purposes; absent means version 1's "developed or reviewed an IEP". */
function purposesOf(event: DeadlineEvent): readonly MeetingPurpose[] {
  return event.type === "ppt_meeting_held" ? (event.purposes ?? v1MeetingPurposes) : [];
}

function pwnOf(event: DeadlineEvent): { action: PwnAction; subject: PwnSubject } | undefined {
  return event.type === "pwn_sent"
    ? { action: event.action ?? "propose", subject: event.subject ?? "fape" }
    : undefined;
}

function determinationOf(event: DeadlineEvent): { kind: EligibilityKind; eligible: boolean } | undefined {
  return event.type === "eligibility_determined"
    ? { kind: event.kind ?? "initial", eligible: event.eligible ?? true }
    : undefined;
}

/** Whether an event has the matcher's type and passes its filter (absent fields take their defaults). */
function matches(matcher: EventMatcher, event: DeadlineEvent): boolean {
  if (event.type !== matcher.event) return false;
  const { consents, purposes, pwnActions: actions, pwnSubjects: subjects, eligibilityKinds: kinds, eligible } = matcher;
  const consent = consentOf(event);
  if (consents !== undefined && (consent === undefined || !consents.includes(consent))) return false;
  if (purposes !== undefined && !purposesOf(event).some((purpose) => purposes.includes(purpose))) return false;
  const pwn = pwnOf(event);
  if (actions !== undefined && (pwn === undefined || !actions.includes(pwn.action))) return false;
  if (subjects !== undefined && (pwn === undefined || !subjects.includes(pwn.subject))) return false;
  const determination = determinationOf(event);
  if (kinds !== undefined && (determination === undefined || !kinds.includes(determination.kind))) return false;
  if (eligible !== undefined && (determination === undefined || determination.eligible !== eligible)) return false;
  return true;
}

function isTriggeredBy(rule: DeadlineRule, event: DeadlineEvent): boolean {
  return rule.trigger.kind === "event" && matches(rule.trigger, event);
}

/** An event that ends the IEP case: `exited`, or a reevaluation finding the student not eligible. */
function isExit(event: DeadlineEvent): boolean {
  const determination = determinationOf(event);
  return event.type === "exited" || (determination?.kind === "reevaluation" && !determination.eligible);
}

/** Whether `a` comes after `b` (by date, then input position). */
function isAfter(a: IndexedEvent, b: IndexedEvent): boolean {
  return a.day > b.day || (a.day === b.day && a.index > b.index);
}

function laterOf(a: IndexedEvent, b: IndexedEvent): IndexedEvent {
  return isAfter(b, a) ? b : a;
}

function earliest(events: IndexedEvent[]): IndexedEvent | undefined {
  return events.reduce<IndexedEvent | undefined>(
    (best, candidate) => (best === undefined || isAfter(best, candidate) ? candidate : best),
    undefined,
  );
}

function latest(events: IndexedEvent[]): IndexedEvent | undefined {
  return events.reduce<IndexedEvent | undefined>(
    (best, candidate) => (best === undefined ? candidate : laterOf(best, candidate)),
    undefined,
  );
}

/**
 * The events that count: IEP-case events (see `iepCaseEventTypes`) dated after an exit are dropped
 * until a later `referral_received` starts a new case. Input positions are kept.
 */
function caseEvents(all: IndexedEvent[]): IndexedEvent[] {
  const ordered = [...all].sort((a, b) => a.day - b.day || a.index - b.index);
  const kept = new Set<number>();
  let closedAfter: number | undefined;
  for (const candidate of ordered) {
    const { event, day } = candidate;
    if (closedAfter !== undefined && day > closedAfter) {
      if (event.type === "referral_received") closedAfter = undefined;
      else if (iepCaseEventTypes.includes(event.type)) continue;
    }
    kept.add(candidate.index);
    if (closedAfter === undefined && isExit(event)) closedAfter = day;
  }
  return all.filter((candidate) => kept.has(candidate.index));
}

function answerTo(request: IndexedEvent, events: IndexedEvent[]): IndexedEvent | undefined {
  const consent = consentOf(request.event);
  return earliest(
    events.filter(
      (candidate) =>
        (candidate.event.type === "consent_granted" || candidate.event.type === "consent_refused") &&
        consentOf(candidate.event) === consent &&
        candidate.day >= request.day,
    ),
  );
}

function completingEvent(rule: DeadlineRule, trigger: IndexedEvent, events: IndexedEvent[]): IndexedEvent | undefined {
  const completion = rule.completion;
  if (!completion) return undefined;
  if (completion.kind === "consent_response") return answerTo(trigger, events);
  return earliest(
    events.filter(
      (candidate) =>
        matches(completion, candidate.event) &&
        (candidate.event.type === trigger.event.type ? candidate.day > trigger.day : candidate.day >= trigger.day),
    ),
  );
}

/** The first `answeredBy` event whose latest triggering event on or before it is `trigger`. */
function answeringEvent(rule: DeadlineRule, trigger: IndexedEvent, events: IndexedEvent[]): IndexedEvent | undefined {
  const answeredBy = rule.answeredBy;
  if (!answeredBy) return undefined;
  const triggers = events.filter(({ event }) => isTriggeredBy(rule, event));
  return earliest(
    events.filter((candidate) => {
      if (!matches(answeredBy, candidate.event) || candidate.day < trigger.day) return false;
      return latest(triggers.filter((other) => other.day <= candidate.day)) === trigger;
    }),
  );
}

const iepStarts: readonly EventMatcher[] = [
  { event: "eligibility_determined", eligibilityKinds: ["initial"], eligible: true },
  { event: "iep_implemented" },
];

const annualReviewMeeting: EventMatcher = { event: "ppt_meeting_held", purposes: ["initial_iep", "annual_review"] };

class RuleContext {
  readonly exits: IndexedEvent[];
  readonly plan504Ends: IndexedEvent[];

  constructor(
    readonly events: IndexedEvent[],
    readonly calendar: SchoolCalendar,
    readonly settings: ComplianceSettings,
    readonly birthDate: IsoDate | undefined,
  ) {
    this.exits = events.filter(({ event }) => isExit(event));
    this.plan504Ends = events.filter(({ event }) => event.type === "plan504_ended");
  }

  countFrom(rule: DeadlineRule, start: IsoDate, skip?: (date: IsoDate, day: number) => boolean): IsoDate | null {
    const amount = ruleAmount(rule, this.settings);
    const sign = rule.direction === "before" ? -1 : 1;
    switch (rule.unit) {
      case "school":
        return sign < 0
          ? this.calendar.nthSchoolDayBefore(start, amount)
          : this.calendar.nthSchoolDayAfter(start, amount, { skip });
      case "calendar":
        return addDays(start, sign * amount);
      case "months":
        return addMonths(start, sign * amount);
      case "years":
      case "birthday":
        return addYears(start, sign * amount);
      case "report_card":
        return start;
    }
  }

  statusFor(rule: DeadlineRule, due: IsoDate | null, completion: IndexedEvent | undefined): DeadlineStatus {
    if (!completion) return "open";
    if (due !== null) return completion.day <= toDayNumber(due) ? "met" : "late";
    const lastSchoolDay = this.calendar.lastSchoolDay;
    const provablyMet =
      rule.unit === "school" &&
      rule.direction !== "before" &&
      lastSchoolDay !== null &&
      completion.day <= toDayNumber(lastSchoolDay);
    return provablyMet ? "met" : "open";
  }

  capBeforeMeeting(trigger: IndexedEvent, counted: IsoDate | null): IsoDate | null {
    const lastSchoolDay = this.calendar.lastSchoolDay;
    const limit =
      counted !== null ? toDayNumber(counted) : lastSchoolDay !== null ? toDayNumber(lastSchoolDay) + 1 : null;
    if (limit === null) return counted;
    let earliestMeeting: number | undefined;
    let earliestMeetingDate: IsoDate | undefined;
    for (const { event } of this.events) {
      if (event.type !== "meeting_scheduled") continue;
      const meeting = toDayNumber(event.meetingDate);
      if (meeting > trigger.day && meeting < limit && (earliestMeeting === undefined || meeting < earliestMeeting)) {
        earliestMeeting = meeting;
        earliestMeetingDate = event.meetingDate;
      }
    }
    if (earliestMeetingDate === undefined) return counted;
    const before = this.calendar.lastSchoolDayBefore(earliestMeetingDate);
    return before === null ? trigger.event.date : maxDate(before, trigger.event.date);
  }

  capAtBirthday(rule: DeadlineRule, trigger: IndexedEvent, due: IsoDate | null): IsoDate | null {
    const cap = rule.capAtBirthday;
    const { event } = trigger;
    if (!cap || this.birthDate === undefined || !(cap.flag in event && event[cap.flag] === true)) return due;
    const birthday = addYears(this.birthDate, cap.age);
    return due === null ? birthday : minDate(due, birthday);
  }

  consentClock(
    consents: readonly ConsentType[],
    trigger: IndexedEvent,
    completion: IndexedEvent | undefined,
  ): ConsentClock {
    const end = completion?.day ?? Number.POSITIVE_INFINITY;
    const relevant = this.events.filter(({ event, day }) => {
      const consent = consentOf(event);
      return consent !== undefined && consents.includes(consent) && day <= end;
    });
    if (relevant.some(({ event, day }) => event.type === "consent_refused" && day >= trigger.day)) return "stopped";
    const pauses = relevant
      .filter(({ event }) => event.type === "consent_requested")
      .map((request) => ({ from: request.day, to: answerTo(request, this.events)?.day ?? UNANSWERED }));
    return {
      skip: (_date, day) => pauses.some((pause) => day > pause.from && day <= pause.to),
      waiting: pauses.some((pause) => pause.to === UNANSWERED),
    };
  }

  /**
   * `stopped` (due kept) when the case or the 504 plan ended after `trigger` and before `due`, and
   * the rule was not completed by then; otherwise `status`.
   */
  endedStatus(
    rule: DeadlineRule,
    trigger: IndexedEvent,
    due: IsoDate | null,
    done: IndexedEvent | undefined,
    status: DeadlineStatus,
  ): DeadlineStatus {
    if (rule.endsWith === undefined || due === null) return status;
    const enders = rule.endsWith === "exit" ? this.exits : this.plan504Ends;
    const end = earliest(enders.filter((candidate) => isAfter(candidate, trigger)));
    if (end === undefined || toDayNumber(due) <= end.day) return status;
    return done !== undefined && done.day <= end.day ? status : "stopped";
  }

  compute(rule: DeadlineRule, trigger: IndexedEvent): Computed {
    const { event } = trigger;
    const completion = completingEvent(rule, trigger, this.events);
    const answer = answeringEvent(rule, trigger, this.events);
    const answered = answer !== undefined && (completion === undefined || isAfter(completion, answer));
    const done = answered ? answer : completion;
    const stoppedBy = rule.stoppedBy;
    if (stoppedBy) {
      const stop = this.events.find(
        (candidate) =>
          matches(stoppedBy, candidate.event) &&
          candidate.day >= trigger.day &&
          (done === undefined || candidate.day < done.day),
      );
      if (stop) return { due: null, status: "stopped" };
    }
    const clock = rule.consentClock ? this.consentClock(rule.consentClock.consents, trigger, done) : undefined;
    if (clock === "stopped") return { due: null, status: "stopped" };
    const agreed =
      rule.agreedDateField === "agreedImplementationDate" && "agreedImplementationDate" in event
        ? event.agreedImplementationDate
        : undefined;
    const start = rule.countFrom === "meetingDate" && "meetingDate" in event ? event.meetingDate : event.date;
    let due = agreed ?? this.countFrom(rule, start, clock?.skip);
    const paused = due === null && clock !== undefined && clock.waiting;
    if (paused && !answered) return { due: null, status: "paused" };
    if (!paused) due = this.capAtBirthday(rule, trigger, due);
    if (rule.ceilingCalendarDays !== undefined) {
      const ceiling = addDays(start, rule.ceilingCalendarDays);
      due = due === null ? ceiling : minDate(due, ceiling);
    }
    if (rule.dueBeforeMeeting) due = this.capBeforeMeeting(trigger, due);
    const status: DeadlineStatus = answered
      ? due === null || answer.day <= toDayNumber(due)
        ? "met"
        : "late"
      : this.statusFor(rule, due, completion);
    return { due, status: this.endedStatus(rule, trigger, due, done, status) };
  }

  /**
   * A report-card rule's entries (D-13): one per report-card date `R` on which an IEP is in force —
   * after an `iep_implemented` (strictly before `R`) and before any exit after it (an exit on `R`
   * ends it). The entry's `event` is that `iep_implemented`. Status: `met` when a completing event
   * falls after the previous report-card date and on or before `R`; else `late` when one falls after
   * `R` and before the next report-card date; else `open`.
   */
  reportCards(rule: DeadlineRule, dates: readonly IsoDate[]): { trigger: IndexedEvent; computed: Computed }[] {
    const completion = rule.completion;
    const sorted = [...new Set(dates)].sort();
    const days = sorted.map(toDayNumber);
    const implemented = this.events.filter(({ event }) => event.type === "iep_implemented");
    const reports = completion?.kind === "event" ? this.events.filter(({ event }) => matches(completion, event)) : [];
    const out: { trigger: IndexedEvent; computed: Computed }[] = [];
    sorted.forEach((date, i) => {
      const day = days[i]!;
      const start = latest(implemented.filter((candidate) => candidate.day < day));
      if (start === undefined) return;
      if (this.exits.some((exit) => isAfter(exit, start) && exit.day <= day)) return;
      const previous = days[i - 1];
      const next = days[i + 1];
      const met = reports.some((r) => (previous === undefined || r.day > previous) && r.day <= day);
      const late = !met && reports.some((r) => r.day > day && (next === undefined || r.day < next));
      out.push({ trigger: start, computed: { due: date, status: met ? "met" : late ? "late" : "open" } });
    });
    return out;
  }

  /**
   * A birthday rule's entry, or undefined when it has none: with `whileInIep`, only when the student
   * has an IEP on that birthday (an initial eligible determination or an implemented IEP on or before
   * it, with no exit between it and the birthday).
   */
  birthday(rule: DeadlineRule, birthDate: IsoDate): Computed | undefined {
    const { trigger } = rule;
    if (trigger.kind !== "birthday") return undefined;
    const birthday = this.countFrom(rule, birthDate);
    if (birthday === null) return undefined;
    if (!trigger.whileInIep) return { due: birthday, status: "open" };
    const day = toDayNumber(birthday);
    const start = latest(
      this.events.filter(
        (candidate) => candidate.day <= day && iepStarts.some((matcher) => matches(matcher, candidate.event)),
      ),
    );
    if (start === undefined) return undefined;
    if (this.exits.some((exit) => isAfter(exit, start) && exit.day <= day)) return undefined;
    let due = birthday;
    const window = trigger.dueAtReviewWithinDays;
    const meeting = latest(
      this.events.filter((candidate) => candidate.day < day && matches(annualReviewMeeting, candidate.event)),
    );
    if (window !== undefined && meeting !== undefined) {
      const review = addYears(meeting.event.date, 1);
      const reviewDay = toDayNumber(review);
      if (reviewDay < day && reviewDay >= day - window) due = review;
    }
    return { due, status: this.endedStatus(rule, start, due, undefined, "open") };
  }
}

/**
 * Computes every deadline for one student.
 *
 * Pure: no clock, no I/O. The input must be valid per {@link deadlineInputSchema} (use
 * {@link parseDeadlineInput} on untrusted data); settings left out take the CT defaults.
 *
 * Decisions where the contract is silent:
 * - Order: by the triggering event's input position, then by rule order in `rules`; birthday rules
 *   come last, in rule order.
 * - Events may be in any order: every comparison uses event dates; `event` is always the position in
 *   the input array. Ties on the same date are broken by input position.
 * - Completion: a rule with no completing event stays `open` (D-05b, D-06, D-08, D-09, D-10, D-11,
 *   D-14, D-19). D-01 and D-05 are completed by the first `iep_implemented` on or after the trigger
 *   date; D-01 also by an initial not-eligible determination answering it; D-03 by the first
 *   `ppt_meeting_held` with purpose `initial_iep` (or without purposes, as in version 1) on or after
 *   the determination date; 504-R by the next `plan504_activated` (strictly later date), so earlier
 *   activations do not stay open forever.
 * - D-23 entries are produced for every initial-evaluation or initial-services consent request:
 *   `open` while unanswered, `met` when answered (granted or refused) on or before the due date,
 *   `late` when answered after it. Reevaluation requests have no D-23 entry.
 * - D-01: one entry per referral. Every initial consent request counts, even one dated before the
 *   referral (only its days after the referral matter). Consent events dated after the completing
 *   event are ignored. A refusal dated on or after the referral (and not after the completion) stops
 *   the clock for good; so does a PWN refusing an evaluation or identification dated on or after the
 *   referral and before the completion; a new referral starts a new one. A request's answer is the
 *   earliest grant or refusal of the same consent dated on or after it (one answer may close several
 *   requests). An unanswered request pauses only if it was made before the 45th counted day, and
 *   then `paused` wins over an `iep_implemented` (a not-eligible answer makes it `met`, due null).
 *   A Birth-to-Three referral's due date is capped at the third birthday, except while paused.
 * - When the calendar has too few school days, `due` is null; the status is then `met` if the
 *   completing event falls on or before the calendar's last school day (the due date could only be
 *   later), otherwise `open`. D-14 is never null (its 45-day ceiling).
 * - D-14: the earliest qualifying meeting counts, whenever it was scheduled; the due date is never
 *   earlier than the request date.
 * - D-05 with `agreedImplementationDate`: that date is the due date even if earlier than the PWN;
 *   `unit` stays `school` (the rule's unit).
 * - D-08 / D-09: one entry, from the latest qualifying event by date (ties: later input position);
 *   none when there is no such event. D-10 / D-11: none when `student.birthDate` is missing.
 * - Exits: an exit (or plan504_ended) on the trigger's date counts only when it comes later in the
 *   input; an exit on a birthday means no IEP on that birthday.
 * - D-13: one entry per report-card date on which an IEP is in force (see `reportCards`), ordered
 *   by the implementing event's position, then by date; `event` is that `iep_implemented`. One
 *   `progress_report_sent` may make one date `late` and the next `met`.
 *
 * @param input the student's calendar, events, birth date and settings.
 * @param rules the rule set (Connecticut by default).
 * @param options a prebuilt calendar to reuse (see {@link ComputeOptions}).
 * @throws RangeError when the input holds invalid dates, and ZodError when `input.settings` holds
 * an unknown key or a bad value (the input was not validated).
 */
export function computeDeadlines(
  input: DeadlineInput,
  rules: readonly DeadlineRule[] = ctRules,
  options: ComputeOptions = {},
): DeadlineResult {
  const settings = complianceSettingsSchema.parse(input.settings ?? {});
  const calendar = options.calendar ?? createSchoolCalendar(input.calendar);
  const all: IndexedEvent[] = input.events.map((event, index) => ({ index, day: toDayNumber(event.date), event }));
  const events = caseEvents(all);
  const birthDate = input.student?.birthDate;
  const context = new RuleContext(events, calendar, settings, birthDate);
  const rows: { order: number; position: number; deadline: Deadline }[] = [];

  rules.forEach((rule, order) => {
    if (rule.trigger.kind === "reportCard") {
      for (const { trigger, computed } of context.reportCards(rule, input.calendar.reportCardDates ?? [])) {
        rows.push({
          order,
          position: trigger.index,
          deadline: {
            rule: rule.id,
            due: computed.due,
            unit: rule.unit,
            status: computed.status,
            event: trigger.index,
          },
        });
      }
      return;
    }
    if (rule.trigger.kind === "birthday") {
      if (birthDate === undefined) return;
      const computed = context.birthday(rule, birthDate);
      if (computed === undefined) return;
      rows.push({
        order,
        position: Number.POSITIVE_INFINITY,
        deadline: { rule: rule.id, due: computed.due, unit: rule.unit, status: computed.status },
      });
      return;
    }
    let triggers = events.filter(({ event }) => isTriggeredBy(rule, event));
    if (rule.occurrence === "latest" && triggers.length > 0) triggers = [triggers.reduce(laterOf)];
    for (const trigger of triggers) {
      const { due, status } = context.compute(rule, trigger);
      rows.push({
        order,
        position: trigger.index,
        deadline: { rule: rule.id, due, unit: rule.unit, status, event: trigger.index },
      });
    }
  });

  rows.sort((a, b) => a.position - b.position || a.order - b.order);
  return { deadlines: rows.map((row) => row.deadline) };
}

/** A rule's plain-language summary, for display (the app translates by `id`). */
export interface RuleDescription {
  id: string;
  title: string;
  description: string;
  unit: DeadlineUnit;
  amount: number;
  citation: string;
  tag: VerificationTag;
}

/**
 * Looks a rule up by id and describes it in plain English, with the amount in effect under
 * `settings` (the CT defaults when omitted). Returns undefined for an unknown id.
 */
export function describeRule(
  ruleId: string,
  rules: readonly DeadlineRule[] = ctRules,
  settings: ComplianceSettings = defaultComplianceSettings,
): RuleDescription | undefined {
  const rule = rules.find((candidate) => candidate.id === ruleId);
  if (!rule) return undefined;
  return {
    id: rule.id,
    title: rule.title,
    description: ruleDescription(rule, settings),
    unit: rule.unit,
    amount: ruleAmount(rule, settings),
    citation: rule.citation,
    tag: rule.tag,
  };
}
