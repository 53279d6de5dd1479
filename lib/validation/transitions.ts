import { z } from "zod";
import { IEP_END_REASONS, PLAN504_END_REASONS } from "@/lib/plans/transitions";
import { uuidSchema } from "./ids";
import { text } from "./text";

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
});
export type End504Input = z.output<typeof end504Schema>;
