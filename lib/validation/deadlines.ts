import { z } from "zod";
import {
  addDays,
  complianceSettingBounds,
  consentTypes,
  eligibilityKinds,
  eventTypes,
  exitReasons,
  meetingPurposes,
  pwnActions,
  pwnSubjects,
  type EventType,
} from "@/lib/compliance";
import { DELAY_REASON_CODES } from "@/lib/deadlines/delay-reasons";
import { workQueueSettingsSchema } from "@/lib/deadlines/settings";
import { isoDateField } from "./dates";
import { submissionKeySchema, uuidSchema } from "./ids";
import { deliverySettingsSchema } from "@/lib/delivery/rules";
import { text } from "./text";

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

export { isoDateField };

const optionalDate = (message: string) => z.preprocess(blankToUndefined, isoDateField(message).optional());

const CONSENT_EVENTS: readonly EventType[] = ["consent_requested", "consent_granted", "consent_refused"];

/** Whether an event type carries a consent type (consent requested, granted, refused). */
export function isConsentEvent(type: EventType): boolean {
  return CONSENT_EVENTS.includes(type);
}

/** A checkbox or JSON boolean: `true`/`"true"`/`"on"` is true, absent or `false`/`"false"`/`""` is false. */
const checkbox = z.preprocess((value) => value === true || value === "true" || value === "on", z.boolean());

/** A yes/no select (`"true"` / `"false"`) or a JSON boolean; blank is absent. */
const yesNo = (message: string) =>
  z.preprocess(
    (value) => (value === "true" ? true : value === "false" ? false : blankToUndefined(value)),
    z.boolean({ message }).optional(),
  );

const optionalEnum = <const T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z.preprocess(blankToUndefined, z.enum(values, { message }).optional());

/**
 * How a meeting scheduled with less than the notice period (D-06) is recorded: `agreed` = the parent
 * agreed in writing to a shorter notice (when the district allows it, [U]); `late` = the notice is
 * late. Blank when the notice is on time; the server asks for one of the two when it is not.
 */
export const SHORT_NOTICE_CHOICES = ["agreed", "late"] as const;

/** The longest a meeting or an agreed implementation date may lie after the event that names it. */
export const MAX_DAYS_AHEAD = 366;

/**
 * A case event recorded on the student page. Fields that do not belong to the chosen type are
 * dropped; the type's own fields are required; dates must be real and in order. Checks against
 * today and the birth date need the server's data: see {@link caseEventDateErrors}.
 */
export const recordCaseEventSchema = z
  .object({
    studentId: uuidSchema,
    type: z.enum(eventTypes, { message: "validation.caseEvent.type" }),
    date: isoDateField("validation.caseEvent.date"),
    consent: z.preprocess(
      blankToUndefined,
      z.enum(consentTypes, { message: "validation.caseEvent.consent" }).optional(),
    ),
    meetingDate: optionalDate("validation.caseEvent.meetingDate"),
    agreedImplementationDate: optionalDate("validation.caseEvent.agreedDate"),
    birthToThree: checkbox.optional(),
    /** `referral_received` for a student with an IEP in force: staff confirm it is not a reevaluation request. */
    notReevaluation: checkbox.optional(),
    eligibilityKind: optionalEnum(eligibilityKinds, "validation.caseEvent.eligibilityKind"),
    eligible: yesNo("validation.caseEvent.eligible"),
    purposes: z.preprocess(
      (value) => (typeof value === "string" ? [value] : value === false || value === null ? [] : value),
      z.array(z.enum(meetingPurposes, { message: "validation.caseEvent.purposes" })).optional(),
    ),
    pwnAction: optionalEnum(pwnActions, "validation.caseEvent.pwnAction"),
    pwnSubject: optionalEnum(pwnSubjects, "validation.caseEvent.pwnSubject"),
    exitReason: optionalEnum(exitReasons, "validation.caseEvent.exitReason"),
    shortNotice: optionalEnum(SHORT_NOTICE_CHOICES, "validation.caseEvent.shortNotice"),
    note: z.preprocess(
      blankToUndefined,
      text().trim().max(1000, { message: "validation.caseEvent.noteTooLong" }).optional(),
    ),
    submissionKey: submissionKeySchema,
  })
  .transform((input) => ({
    submissionKey: input.submissionKey,
    studentId: input.studentId,
    type: input.type,
    date: input.date,
    consent: isConsentEvent(input.type) ? input.consent : undefined,
    meetingDate: input.type === "meeting_scheduled" ? input.meetingDate : undefined,
    agreedImplementationDate: input.type === "pwn_sent" ? input.agreedImplementationDate : undefined,
    birthToThree: input.type === "referral_received" && input.birthToThree === true ? true : undefined,
    notReevaluation: input.type === "referral_received" && input.notReevaluation === true ? true : undefined,
    eligibilityKind: input.type === "eligibility_determined" ? input.eligibilityKind : undefined,
    eligible: input.type === "eligibility_determined" ? input.eligible : undefined,
    purposes: input.type === "ppt_meeting_held" ? input.purposes : undefined,
    pwnAction: input.type === "pwn_sent" ? input.pwnAction : undefined,
    pwnSubject: input.type === "pwn_sent" ? input.pwnSubject : undefined,
    exitReason: input.type === "exited" ? input.exitReason : undefined,
    shortNotice: input.type === "meeting_scheduled" ? input.shortNotice : undefined,
    note: input.note,
  }))
  .superRefine((input, context) => {
    if (isConsentEvent(input.type) && !input.consent) {
      context.addIssue({ code: "custom", path: ["consent"], message: "validation.caseEvent.consentRequired" });
    }
    if (input.type === "meeting_scheduled" && !input.meetingDate) {
      context.addIssue({ code: "custom", path: ["meetingDate"], message: "validation.caseEvent.meetingDateRequired" });
    }
    if (input.type === "ppt_meeting_held" && input.purposes !== undefined && input.purposes.length === 0) {
      context.addIssue({ code: "custom", path: ["purposes"], message: "validation.caseEvent.purposesRequired" });
    }
    if (input.type === "exited" && !input.exitReason) {
      context.addIssue({ code: "custom", path: ["exitReason"], message: "validation.caseEvent.exitReasonRequired" });
    }
  });

export type RecordCaseEventInput = z.output<typeof recordCaseEventSchema>;

/**
 * The date checks that need today (the district's local date) and the student's birth date: an
 * event cannot lie in the future or before the student was born; a meeting cannot come before it
 * was scheduled, nor an agreed implementation date before its notice, and neither more than a year
 * ahead. Returns field errors (message keys), empty when the dates are possible.
 */
export function caseEventDateErrors(
  input: Pick<RecordCaseEventInput, "date" | "meetingDate" | "agreedImplementationDate">,
  context: { today: string; birthDate: string },
): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  const add = (field: string, key: string) => (errors[field] ??= []).push(key);
  if (input.date > context.today) add("date", "validation.caseEvent.dateInFuture");
  if (input.date < context.birthDate) add("date", "validation.caseEvent.dateBeforeBirth");
  const ahead = (value: string) => value > addDays(input.date, MAX_DAYS_AHEAD);
  if (input.meetingDate !== undefined) {
    if (input.meetingDate < input.date) add("meetingDate", "validation.caseEvent.meetingBeforeScheduling");
    else if (ahead(input.meetingDate)) add("meetingDate", "validation.caseEvent.meetingTooFar");
  }
  if (input.agreedImplementationDate !== undefined) {
    if (input.agreedImplementationDate < input.date)
      add("agreedImplementationDate", "validation.caseEvent.agreedBeforeNotice");
    else if (ahead(input.agreedImplementationDate))
      add("agreedImplementationDate", "validation.caseEvent.agreedTooFar");
  }
  return errors;
}

/** Voiding a case event: the reason is required and stays on file with the event. */
export const voidCaseEventSchema = z.object({
  studentId: uuidSchema,
  eventId: uuidSchema,
  reason: text({ message: "validation.caseEvent.voidReasonRequired" })
    .trim()
    .min(1, { message: "validation.caseEvent.voidReasonRequired" })
    .max(500, { message: "validation.caseEvent.voidReasonTooLong" }),
});

export const completeDeadlineSchema = z.object({
  studentId: uuidSchema,
  deadlineId: uuidSchema,
  completedOn: isoDateField("validation.deadline.completedOn"),
});

export const delayReasonSchema = z.object({
  studentId: uuidSchema,
  deadlineId: uuidSchema,
  reason: z.enum(DELAY_REASON_CODES, { message: "validation.deadline.delayReason" }),
});

/** A whole-number setting as the form sends it (a string) or as JSON (a number). */
export interface NumberSetting {
  key: string;
  min: number;
  max: number;
  defaultValue: number;
  /** The bound the law sets ([V] rules), and where: a value beyond it gets its own message. */
  legal?: { bound: "min" | "max"; citation: string };
}

function numberSettings(shape: Record<string, z.ZodType>): NumberSetting[] {
  return Object.entries(shape).flatMap(([key, field]) => {
    const def = (field as unknown as { _zod: { def: { defaultValue?: unknown; innerType?: z.ZodType } } })._zod.def;
    const inner = def.innerType as unknown as { minValue: number | null; maxValue: number | null } | undefined;
    if (!inner || typeof def.defaultValue !== "number" || inner.minValue === null || inner.maxValue === null) return [];
    return [{ key, min: inner.minValue, max: inner.maxValue, defaultValue: def.defaultValue }];
  });
}

/**
 * The rule amounts a district may change, with the engine's own bounds (a [V] rule's legal bound
 * included, see `complianceSettingBounds`).
 */
export const COMPLIANCE_NUMBER_SETTINGS: NumberSetting[] = Object.entries(complianceSettingBounds).map(
  ([key, bounds]) => ({
    key,
    min: bounds.min,
    max: bounds.max,
    defaultValue: bounds.default,
    ...("legal" in bounds ? { legal: bounds.legal } : {}),
  }),
);
/** The work-queue numbers a district may change (escalation threshold, digest window). */
export const WORK_QUEUE_NUMBER_SETTINGS = numberSettings(workQueueSettingsSchema.unwrap().shape);
export const DELIVERY_NUMBER_SETTINGS = numberSettings(deliverySettingsSchema.unwrap().shape);

function numberField(setting: NumberSetting) {
  return z.preprocess(
    (value) => (typeof value === "string" && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value),
    z
      .number({ message: "validation.settings.wholeNumber" })
      .int({ message: "validation.settings.wholeNumber" })
      .min(setting.min, {
        message:
          setting.legal?.bound === "min" ? "validation.settings.beyondLegalBound" : "validation.settings.outOfRange",
      })
      .max(setting.max, {
        message:
          setting.legal?.bound === "max" ? "validation.settings.beyondLegalBound" : "validation.settings.outOfRange",
      }),
  );
}

const fieldsOf = (settings: NumberSetting[]) => Object.fromEntries(settings.map((s) => [s.key, numberField(s)]));

/**
 * The district deadline settings form: every rule amount (bounds from the engine's
 * `complianceSettingsSchema`), the accommodation-acknowledgment numbers, the work-queue numbers,
 * and the delay reasons staff may choose.
 */
export const updateDeadlineSettingsSchema = z.object({
  compliance: z.object(fieldsOf(COMPLIANCE_NUMBER_SETTINGS)),
  delivery: z.object(fieldsOf(DELIVERY_NUMBER_SETTINGS)).optional(),
  workQueue: z.object({
    ...fieldsOf(WORK_QUEUE_NUMBER_SETTINGS),
    shorterNoticeByAgreement: checkbox,
    delayReasons: z
      .array(z.enum(DELAY_REASON_CODES, { message: "validation.settings.delayReasons" }), {
        message: "validation.settings.delayReasons",
      })
      .min(1, { message: "validation.settings.delayReasons" }),
  }),
});

export type UpdateDeadlineSettingsInput = z.output<typeof updateDeadlineSettingsSchema>;

export const notificationSettingsSchema = z.object({ digestEmails: z.boolean({ message: "validation.invalid" }) });

export const complianceReportQuerySchema = z.object({
  year: z.preprocess(
    (value) => (typeof value === "string" && /^\d{4}$/.test(value) ? Number(value) : value),
    z
      .number({ message: "validation.report.year" })
      .int()
      .min(2000, { message: "validation.report.year" })
      .max(2100, { message: "validation.report.year" }),
  ),
});

/** The compliance page's page of schools in its reviews table (`?reviews=2`); anything else is the first page. */
export const reviewsPageSchema = z.preprocess(
  (value) => (typeof value === "string" && /^\d{1,4}$/.test(value) ? Number(value) : 1),
  z.number().int().min(1),
);
