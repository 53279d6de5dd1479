import { z } from "zod";
import { DISABILITY_CATEGORIES, REFERRAL_SOURCES, WRITTEN_REQUEST_FORMS } from "@/lib/referrals/steps";
import { isoDateField } from "./dates";
import { submissionKeySchema, uuidSchema } from "./ids";
import { text } from "./text";

const optionalUuid = (message: string) =>
  z.preprocess((value) => (value === "" || value === null ? undefined : value), z.uuid({ message }).optional());

const optionalDate = (message: string) =>
  z.preprocess((value) => (value === "" || value === null ? undefined : value), isoDateField(message).optional());

const required = (message: string, max: number, tooLong: string) =>
  text({ message }).trim().min(1, { message }).max(max, { message: tooLong });

/** One general-education intervention a student study team tried: what, from, to, outcome. */
export const interventionSchema = z
  .object({
    description: required("validation.referral.interventionDescription", 1000, "validation.referral.tooLong"),
    startedOn: isoDateField("validation.referral.interventionStartedOn"),
    endedOn: isoDateField("validation.referral.interventionEndedOn"),
    outcome: required("validation.referral.interventionOutcome", 1000, "validation.referral.tooLong"),
  })
  .refine((value) => value.endedOn >= value.startedOn, {
    path: ["endedOn"],
    message: "validation.referral.interventionEndsBeforeStart",
  });

/**
 * An initial referral (issue 12): who referred, the day it was received, the concern; a parent's written
 * request its form and date; a student study team its interventions (checked against the source in the
 * data layer too, with the student's birth date for Birth-to-Three).
 */
export const createReferralSchema = z
  .object({
    studentId: uuidSchema,
    source: z.enum(REFERRAL_SOURCES, { message: "validation.referral.source" }),
    receivedOn: isoDateField("validation.referral.receivedOn"),
    concern: required("validation.referral.concern", 2000, "validation.referral.tooLong"),
    requestForm: z.preprocess(
      (value) => (value === "" || value === null ? undefined : value),
      z.enum(WRITTEN_REQUEST_FORMS, { message: "validation.referral.requestForm" }).optional(),
    ),
    requestDatedOn: optionalDate("validation.referral.requestDatedOn"),
    interventions: z
      .array(interventionSchema)
      .max(20, { message: "validation.referral.tooManyInterventions" })
      .default([]),
    submissionKey: submissionKeySchema,
  })
  .superRefine((value, context) => {
    if (value.source === "parent_request") {
      if (!value.requestForm)
        context.addIssue({ code: "custom", path: ["requestForm"], message: "validation.referral.requestForm" });
      if (!value.requestDatedOn)
        context.addIssue({ code: "custom", path: ["requestDatedOn"], message: "validation.referral.requestDatedOn" });
    }
    if (value.source === "student_study_team" && value.interventions.length === 0)
      context.addIssue({
        code: "custom",
        path: ["interventions"],
        message: "validation.referral.interventionsRequired",
      });
  });
export type CreateReferralInput = z.output<typeof createReferralSchema>;

/**
 * The referral PPT's decision: evaluate (the procedural safeguards given that day; the consent request
 * follows) or refuse (the sent PWN refusing the evaluation closes the referral "not evaluated").
 */
export const decideReferralSchema = z
  .object({
    studentId: uuidSchema,
    referralId: uuidSchema,
    meetingId: uuidSchema,
    decision: z.enum(["evaluate", "refuse"], { message: "validation.referral.decision" }),
    decidedOn: isoDateField("validation.referral.decidedOn"),
    safeguardsGivenOn: optionalDate("validation.referral.safeguardsGivenOn"),
    noticeId: optionalUuid("validation.referral.refusalNotice"),
  })
  .superRefine((value, context) => {
    if (value.decision === "evaluate" && !value.safeguardsGivenOn)
      context.addIssue({
        code: "custom",
        path: ["safeguardsGivenOn"],
        message: "validation.referral.safeguardsGivenOn",
      });
    if (value.decision === "refuse" && !value.noticeId)
      context.addIssue({ code: "custom", path: ["noticeId"], message: "validation.referral.refusalNotice" });
  });
export type DecideReferralInput = z.output<typeof decideReferralSchema>;

/** The evaluation completed on a day (after consent to evaluate was granted). */
export const completeEvaluationSchema = z.object({
  studentId: uuidSchema,
  referralId: uuidSchema,
  completedOn: isoDateField("validation.referral.completedOn"),
});
export type CompleteEvaluationInput = z.output<typeof completeEvaluationSchema>;

/** The parent's request for the evaluation report before the eligibility PPT (D-07). */
export const requestReportSchema = z.object({
  studentId: uuidSchema,
  referralId: uuidSchema,
  requestedOn: isoDateField("validation.referral.requestedOn"),
});
export type RequestReportInput = z.output<typeof requestReportSchema>;

/**
 * The eligibility PPT's explicit answer to "does the student need specially designed instruction?"
 * and, when yes, the disability category (300.8(a)).
 */
export const determineEligibilitySchema = z
  .object({
    studentId: uuidSchema,
    referralId: uuidSchema,
    meetingId: uuidSchema,
    needsSdi: z.enum(["yes", "no"], { message: "validation.referral.needsSdi" }),
    disabilityCategory: z.preprocess(
      (value) => (value === "" || value === null ? undefined : value),
      z.enum(DISABILITY_CATEGORIES, { message: "validation.referral.disabilityCategory" }).optional(),
    ),
  })
  .superRefine((value, context) => {
    if (value.needsSdi === "yes" && !value.disabilityCategory)
      context.addIssue({
        code: "custom",
        path: ["disabilityCategory"],
        message: "validation.referral.disabilityCategory",
      });
  });
export type DetermineEligibilityInput = z.output<typeof determineEligibilitySchema>;

/**
 * Closing a referral: not eligible (with the sent PWN) or consent refused (the parent's standing refusal
 * of consent to evaluate or to initial services is found on record).
 */
export const closeReferralSchema = z
  .object({
    studentId: uuidSchema,
    referralId: uuidSchema,
    outcome: z.enum(["not_eligible", "consent_refused"], { message: "validation.referral.outcome" }),
    noticeId: optionalUuid("validation.referral.closingNotice"),
  })
  .superRefine((value, context) => {
    if (value.outcome === "not_eligible" && !value.noticeId)
      context.addIssue({ code: "custom", path: ["noticeId"], message: "validation.referral.closingNotice" });
  });
export type CloseReferralInput = z.output<typeof closeReferralSchema>;

/** The case manager a principal (or district admin) assigns to a student who has none. */
export const assignCaseManagerSchema = z.object({
  studentId: uuidSchema,
  caseManagerId: z.uuid({ message: "validation.caseManager.choose" }),
});
export type AssignCaseManagerInput = z.output<typeof assignCaseManagerSchema>;
