import { z } from "zod";
import { meetingPurposes, pwnActions, pwnSubjects } from "@/lib/compliance";
import { isoDateField } from "./dates";
import { submissionKeySchema, uuidSchema } from "./ids";
import { text } from "./text";

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const asArray = (value: unknown) =>
  typeof value === "string" ? [value] : value === undefined || value === null || value === false ? [] : value;
const checkbox = z.preprocess((value) => value === true || value === "true" || value === "on", z.boolean());

export const MEETING_PROGRAMS = ["iep", "504"] as const;

/** Roles a person may hold at a meeting (the `participant_role` enum). */
export const PARTICIPANT_ROLES = [
  "parent",
  "student",
  "general_education_teacher",
  "special_education_teacher",
  "district_representative",
  "evaluation_interpreter",
  "principal",
  "coordinator_504",
  "related_service_provider",
  "interpreter",
  "agency_representative",
  "other",
] as const;

export const DELIVERY_METHODS = ["in_person", "mail", "email", "portal"] as const;

/** The seven required contents of a prior written notice (34 CFR 300.503(b), N-01), in order. */
export const PWN_ELEMENTS = [
  "actionDescription",
  "reasons",
  "evaluationsUsed",
  "safeguardsStatement",
  "helpSources",
  "optionsConsidered",
  "otherFactors",
] as const;
export type PwnElement = (typeof PWN_ELEMENTS)[number];

const optionalText = (max: number, message: string) =>
  z.preprocess(blankToUndefined, text().trim().max(max, { message }).optional());

const invitee = z.object({
  role: z.enum(PARTICIPANT_ROLES, { message: "validation.meeting.role" }),
  userId: z.preprocess(blankToUndefined, uuidSchema.optional()),
  guardianshipId: z.preprocess(blankToUndefined, uuidSchema.optional()),
  name: optionalText(200, "validation.meeting.nameTooLong"),
});

const meetingDetails = {
  studentId: uuidSchema,
  scheduledOn: isoDateField("validation.meeting.scheduledOn"),
  startsAt: text({ message: "validation.meeting.startsAt" })
    .trim()
    .regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, { message: "validation.meeting.startsAt" }),
  location: optionalText(300, "validation.meeting.locationTooLong"),
  videoLink: z.preprocess(
    blankToUndefined,
    text()
      .trim()
      .max(500, { message: "validation.meeting.videoLink" })
      .regex(/^https:\/\/\S+$/, { message: "validation.meeting.videoLink" })
      .optional(),
  ),
  purposes: z.preprocess(
    asArray,
    z
      .array(z.enum(meetingPurposes, { message: "validation.meeting.purposes" }))
      .min(1, { message: "validation.meeting.purposesRequired" }),
  ),
  invitees: z.array(invitee).max(40, { message: "validation.meeting.tooManyInvitees" }).default([]),
  /** The plan version the meeting develops or reviews, when known. */
  planVersionId: z.preprocess(blankToUndefined, uuidSchema.optional()),
  submissionKey: submissionKeySchema,
};

const placeRequired = (input: { location?: string; videoLink?: string }, context: z.RefinementCtx) => {
  if (!input.location && !input.videoLink) {
    context.addIssue({ code: "custom", path: ["location"], message: "validation.meeting.placeRequired" });
  }
};

/** A PPT (program `iep`) or 504 team meeting to schedule: when, where, why, who is invited. */
export const scheduleMeetingSchema = z
  .object({ ...meetingDetails, program: z.enum(MEETING_PROGRAMS, { message: "validation.meeting.program" }) })
  .superRefine(placeRequired);
export type ScheduleMeetingInput = z.output<typeof scheduleMeetingSchema>;

/** Sends a scheduled meeting's notice today; `shortNoticeAgreed` records the parent's written agreement (D-06). */
export const sendMeetingNoticeSchema = z.object({
  studentId: uuidSchema,
  meetingId: uuidSchema,
  shortNoticeAgreed: checkbox.optional(),
  submissionKey: submissionKeySchema,
});
export type SendMeetingNoticeInput = z.output<typeof sendMeetingNoticeSchema>;

/** Holding a meeting: the day, attendance of each invitee, decisions (required) and notes. */
export const holdMeetingSchema = z.object({
  studentId: uuidSchema,
  meetingId: uuidSchema,
  heldOn: isoDateField("validation.meeting.heldOn"),
  attendance: z
    .array(
      z.object({
        participantId: uuidSchema,
        attended: checkbox,
        excused: checkbox.optional(),
        excusalConsentRequestId: z.preprocess(blankToUndefined, uuidSchema.optional()),
        writtenInputReceived: checkbox.optional(),
      }),
    )
    .max(60),
  decisions: text({ message: "validation.meeting.decisionsRequired" })
    .trim()
    .min(1, { message: "validation.meeting.decisionsRequired" })
    .max(20000, { message: "validation.meeting.decisionsTooLong" }),
  notes: optionalText(20000, "validation.meeting.notesTooLong"),
  submissionKey: submissionKeySchema,
});
export type HoldMeetingInput = z.output<typeof holdMeetingSchema>;

const reason = text({ message: "validation.meeting.reasonRequired" })
  .trim()
  .min(1, { message: "validation.meeting.reasonRequired" })
  .max(1000, { message: "validation.meeting.reasonTooLong" });

/** Cancels a scheduled meeting with a reason. */
export const cancelMeetingSchema = z.object({
  studentId: uuidSchema,
  meetingId: uuidSchema,
  reason,
  submissionKey: submissionKeySchema,
});
export type CancelMeetingInput = z.output<typeof cancelMeetingSchema>;

/** Reschedules: cancels the meeting with a reason and schedules a new one pointing back at it. */
export const rescheduleMeetingSchema = z
  .object({ ...meetingDetails, meetingId: uuidSchema, reason })
  .superRefine(placeRequired);
export type RescheduleMeetingInput = z.output<typeof rescheduleMeetingSchema>;

/** A new prior written notice draft: what it does (propose/refuse) about what, and what it concerns. */
export const createNoticeSchema = z.object({
  studentId: uuidSchema,
  program: z.enum(MEETING_PROGRAMS, { message: "validation.meeting.program" }),
  action: z.enum(pwnActions, { message: "validation.notice.action" }),
  subject: z.enum(pwnSubjects, { message: "validation.notice.subject" }),
  planVersionId: z.preprocess(blankToUndefined, uuidSchema.optional()),
  meetingId: z.preprocess(blankToUndefined, uuidSchema.optional()),
  submissionKey: submissionKeySchema,
});
export type CreateNoticeInput = z.output<typeof createNoticeSchema>;

const element = text().trim().max(20000, { message: "validation.notice.tooLong" }).default("");

/** The seven 300.503(b) contents of a draft (blank allowed while drafting; required to send). */
export const updateNoticeSchema = z.object({
  studentId: uuidSchema,
  noticeId: uuidSchema,
  actionDescription: element,
  reasons: element,
  evaluationsUsed: element,
  safeguardsStatement: element,
  helpSources: element,
  optionsConsidered: element,
  otherFactors: element,
});
export type UpdateNoticeInput = z.output<typeof updateNoticeSchema>;

/** Sends a complete draft: how and when, and a date agreed with the parent if any (D-05). */
export const sendNoticeSchema = z.object({
  studentId: uuidSchema,
  noticeId: uuidSchema,
  deliveryMethod: z.enum(DELIVERY_METHODS, { message: "validation.notice.deliveryMethod" }),
  sentOn: isoDateField("validation.notice.sentOn"),
  agreedImplementationDate: z.preprocess(blankToUndefined, isoDateField("validation.notice.agreedDate").optional()),
  submissionKey: submissionKeySchema,
});
export type SendNoticeInput = z.output<typeof sendNoticeSchema>;

/** The required contents still blank (the completeness check of 300.503(b)). */
export function missingPwnElements(notice: Record<PwnElement, string>): PwnElement[] {
  return PWN_ELEMENTS.filter((key) => notice[key].trim().length === 0);
}
