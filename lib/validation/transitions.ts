import { z } from "zod";
import { IEP_END_REASONS, PLAN504_END_REASONS } from "@/lib/plans/transitions";
import { isoDateField } from "./dates";
import { uuidSchema } from "./ids";
import { text } from "./text";

const receiving = (message: string) =>
  text({ message })
    .trim()
    .max(300, { message: "validation.transition.receivingTooLong" })
    .transform((value) => (value ? value : undefined))
    .optional();

const summary = (message: string) =>
  text({ message }).trim().max(4000, { message: "validation.transition.tooLong" }).optional();

/**
 * Ending an IEP in force (an exit or IEP→504, issue 12): the reason, the sent PWN proposing it and,
 * for graduation and aging out, the Summary of Performance (300.305(e)(3)).
 */
export const endIepSchema = z
  .object({
    studentId: uuidSchema,
    versionId: uuidSchema,
    reason: z.enum(IEP_END_REASONS, { message: "validation.transition.reason" }),
    noticeId: uuidSchema,
    summaryAcademic: summary("validation.transition.summaryAcademic"),
    summaryFunctional: summary("validation.transition.summaryFunctional"),
    summaryRecommendations: summary("validation.transition.summaryRecommendations"),
    receivingDistrict: receiving("validation.transition.receivingDistrict"),
    receivingSchool: receiving("validation.transition.receivingSchool"),
  })
  .superRefine((value, context) => {
    if (value.reason !== "graduated" && value.reason !== "aged_out") return;
    for (const field of ["summaryAcademic", "summaryFunctional", "summaryRecommendations"] as const)
      if (!value[field]) context.addIssue({ code: "custom", path: [field], message: `validation.transition.${field}` });
  });
export type EndIepInput = z.output<typeof endIepSchema>;

/** Ending a 504 plan by its team's decision (no longer needed, moved), with the notice to the parent. */
export const end504Schema = z.object({
  studentId: uuidSchema,
  versionId: uuidSchema,
  reason: z.enum(PLAN504_END_REASONS, { message: "validation.transition.reason" }),
  noticeId: uuidSchema,
  receivingDistrict: receiving("validation.transition.receivingDistrict"),
  receivingSchool: receiving("validation.transition.receivingSchool"),
});
export type End504Input = z.output<typeof end504Schema>;

const reasonText = (message: string, max = 2000) =>
  text({ message }).trim().min(1, { message }).max(max, { message: "validation.transition.reasonTooLong" });

/** Cancelling a scheduled plan end before its date (its lead), with the reason (audited, kept). */
export const cancelPlanEndSchema = z.object({
  studentId: uuidSchema,
  endId: uuidSchema,
  reason: reasonText("validation.transition.cancelReason"),
});
export type CancelPlanEndInput = z.output<typeof cancelPlanEndSchema>;

/** Marking a scheduled end as held: the plan continues under stay-put (CL-7, 300.518). */
export const holdPlanEndSchema = z.object({
  studentId: uuidSchema,
  endId: uuidSchema,
});
export type HoldPlanEndInput = z.output<typeof holdPlanEndSchema>;

/**
 * After the due-process filing is closed: the held end is cancelled (the plan continues) or
 * rescheduled to a new first day without the plan, per the outcome, with a note of the outcome.
 */
export const resolveHeldEndSchema = z
  .object({
    studentId: uuidSchema,
    endId: uuidSchema,
    outcome: z.enum(["reschedule", "cancel"], { message: "validation.transition.outcome" }),
    endsOn: isoDateField("validation.transition.endsOn")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    note: reasonText("validation.transition.outcomeNote"),
  })
  .superRefine((value, context) => {
    if (value.outcome === "reschedule" && !value.endsOn)
      context.addIssue({ code: "custom", path: ["endsOn"], message: "validation.transition.endsOn" });
  });
export type ResolveHeldEndInput = z.output<typeof resolveHeldEndSchema>;

/** A records transfer to the school where the student enrolls (FERPA 99.31(a)(2), 99.34; logged per 99.32). */
export const recordTransferSchema = z.object({
  studentId: uuidSchema,
  endId: uuidSchema.optional().or(z.literal("").transform(() => undefined)),
  disclosedOn: isoDateField("validation.disclosure.disclosedOn"),
  recipient: reasonText("validation.disclosure.recipient", 500),
  records: reasonText("validation.disclosure.records"),
  legitimateInterest: reasonText("validation.disclosure.legitimateInterest"),
});
export type RecordTransferInput = z.output<typeof recordTransferSchema>;

/** A court's appointment of a guardian for an adult student (CL-10; 300.520(b)). */
export const recordCourtGuardianshipSchema = z
  .object({
    studentId: uuidSchema,
    guardianshipId: uuidSchema,
    court: reasonText("validation.courtGuardianship.court", 300),
    orderDate: isoDateField("validation.courtGuardianship.orderDate"),
    startsOn: isoDateField("validation.courtGuardianship.startsOn"),
    documentReference: reasonText("validation.courtGuardianship.documentReference", 500),
  })
  .superRefine((value, context) => {
    if (value.startsOn < value.orderDate)
      context.addIssue({
        code: "custom",
        path: ["startsOn"],
        message: "validation.courtGuardianship.startsBeforeOrder",
      });
  });
export type RecordCourtGuardianshipInput = z.output<typeof recordCourtGuardianshipSchema>;
