import { z } from "zod";
import { addDays, addMonths, addYears, isValidIsoDate, toDayNumber, type IsoDate } from "./dates";
import {
  complianceSettingsSchema,
  consentTypes,
  ctRules,
  defaultComplianceSettings,
  eventTypes,
  ruleAmount,
  ruleDescription,
  type ComplianceSettings,
  type ConsentType,
  type DeadlineRule,
  type DeadlineUnit,
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

const consentEvent = <T extends "consent_requested" | "consent_granted" | "consent_refused">(type: T) =>
  z.strictObject({ type: z.literal(type), consent: consentSchema, date: isoDateSchema });

const eventSchema = z.discriminatedUnion(
  "type",
  [
    dateOnlyEvent("referral_received"),
    consentEvent("consent_requested"),
    consentEvent("consent_granted"),
    consentEvent("consent_refused"),
    dateOnlyEvent("eligibility_determined"),
    dateOnlyEvent("ppt_meeting_held"),
    z.strictObject({ type: z.literal("meeting_scheduled"), date: isoDateSchema, meetingDate: isoDateSchema }),
    z.strictObject({
      type: z.literal("pwn_sent"),
      date: isoDateSchema,
      agreedImplementationDate: isoDateSchema.optional(),
    }),
    dateOnlyEvent("iep_implemented"),
    dateOnlyEvent("records_request_received"),
    dateOnlyEvent("disciplinary_change_of_placement"),
    dateOnlyEvent("plan504_activated"),
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
 * `meetingDate` is required on `meeting_scheduled`; `agreedImplementationDate` is allowed (optional)
 * on `pwn_sent` only; school years need `firstDay <= lastDay` and may not overlap.
 * `calendar.closures`, `calendar.extraDays`, `student`, `student.birthDate` and `settings` may be
 * omitted; settings are filled with the CT defaults.
 */
export const deadlineInputSchema = z.strictObject({
  calendar: z.strictObject({
    schoolYears: schoolYearsSchema,
    closures: z.array(isoDateSchema).default([]),
    extraDays: z.array(isoDateSchema).default([]),
  }),
  student: z.strictObject({ birthDate: isoDateSchema.optional() }).optional(),
  events: z.array(eventSchema),
  settings: complianceSettingsSchema,
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
 * unanswered (`due` is null); `stopped`: a refusal ended the clock (`due` is null).
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

function consentOf(event: DeadlineEvent): ConsentType | undefined {
  return "consent" in event ? event.consent : undefined;
}

function isTriggeredBy(rule: DeadlineRule, event: DeadlineEvent): boolean {
  if (rule.trigger.kind !== "event" || event.type !== rule.trigger.event) return false;
  const consent = consentOf(event);
  return rule.trigger.consents === undefined || (consent !== undefined && rule.trigger.consents.includes(consent));
}

function laterOf(a: IndexedEvent, b: IndexedEvent): IndexedEvent {
  return b.day > a.day || (b.day === a.day && b.index > a.index) ? b : a;
}

function earliest(events: IndexedEvent[]): IndexedEvent | undefined {
  return events.reduce<IndexedEvent | undefined>(
    (best, candidate) =>
      best === undefined || candidate.day < best.day || (candidate.day === best.day && candidate.index < best.index)
        ? candidate
        : best,
    undefined,
  );
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
        candidate.event.type === completion.event &&
        (candidate.event.type === trigger.event.type ? candidate.day > trigger.day : candidate.day >= trigger.day),
    ),
  );
}

class RuleContext {
  constructor(
    readonly events: IndexedEvent[],
    readonly calendar: SchoolCalendar,
    readonly settings: ComplianceSettings,
  ) {}

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

  compute(rule: DeadlineRule, trigger: IndexedEvent): Computed {
    const { event } = trigger;
    const completion = completingEvent(rule, trigger, this.events);
    const clock = rule.consentClock ? this.consentClock(rule.consentClock.consents, trigger, completion) : undefined;
    if (clock === "stopped") return { due: null, status: "stopped" };
    const agreed =
      rule.agreedDateField === "agreedImplementationDate" && "agreedImplementationDate" in event
        ? event.agreedImplementationDate
        : undefined;
    const start = rule.countFrom === "meetingDate" && "meetingDate" in event ? event.meetingDate : event.date;
    let due = agreed ?? this.countFrom(rule, start, clock?.skip);
    if (due === null && clock?.waiting) return { due: null, status: "paused" };
    if (rule.dueBeforeMeeting) due = this.capBeforeMeeting(trigger, due);
    return { due, status: this.statusFor(rule, due, completion) };
  }
}

/**
 * Computes every deadline for one student.
 *
 * Pure: no clock, no I/O. The input must be valid per {@link deadlineInputSchema} (use
 * {@link parseDeadlineInput} on untrusted data); settings left out take the CT defaults.
 *
 * Decisions where the issue is silent:
 * - Order: by the triggering event's input position, then by rule order in `rules`; birthday rules
 *   come last, in rule order.
 * - Events may be in any order: every comparison uses event dates; `event` is always the position in
 *   the input array. Ties on the same date are broken by input position.
 * - Completion: a rule with no completing event stays `open` (D-05b, D-06, D-08, D-09, D-10, D-11,
 *   D-14, D-19). D-01 and D-05 are completed by the first `iep_implemented` on or after the trigger
 *   date; D-03 by the first `ppt_meeting_held` on or after the determination date; 504-R by the next
 *   `plan504_activated` (strictly later date), so earlier activations do not stay open forever.
 * - D-23 entries are produced for every initial-evaluation or initial-services consent request:
 *   `open` while unanswered, `met` when answered (granted or refused) on or before the due date,
 *   `late` when answered after it. Reevaluation requests have no D-23 entry.
 * - D-01: one entry per referral. Every initial consent request counts, even one dated before the
 *   referral (only its days after the referral matter). Consent events dated after the completing
 *   `iep_implemented` are ignored. A refusal dated on or after the referral (and not after the
 *   completion) stops the clock for good; a new referral starts a new one. A request's answer is the
 *   earliest grant or refusal of the same consent dated on or after it (one answer may close several
 *   requests). An unanswered request pauses only if it was made before the 45th counted day, and
 *   then `paused` wins over a completion.
 * - When the calendar has too few school days, `due` is null; the status is then `met` if the
 *   completing event falls on or before the calendar's last school day (the due date could only be
 *   later), otherwise `open`.
 * - D-14: the earliest qualifying meeting counts, whenever it was scheduled; the due date is never
 *   earlier than the request date. When the 10th school day is beyond the calendar, meetings up to the
 *   calendar's last school day still qualify.
 * - D-05 with `agreedImplementationDate`: that date is the due date even if earlier than the PWN;
 *   `unit` stays `school` (the rule's unit).
 * - D-08 / D-09: one entry, from the latest event by date (ties: later input position); none when
 *   there is no such event. D-10 / D-11: none when `student.birthDate` is missing.
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
  const events: IndexedEvent[] = input.events.map((event, index) => ({ index, day: toDayNumber(event.date), event }));
  const context = new RuleContext(events, calendar, settings);
  const rows: { order: number; position: number; deadline: Deadline }[] = [];

  rules.forEach((rule, order) => {
    if (rule.trigger.kind === "birthday") {
      const birthDate = input.student?.birthDate;
      if (birthDate === undefined) return;
      const due = context.countFrom(rule, birthDate);
      rows.push({
        order,
        position: Number.POSITIVE_INFINITY,
        deadline: { rule: rule.id, due, unit: rule.unit, status: "open" },
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
