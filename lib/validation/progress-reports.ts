import { z } from "zod";
import { PROGRESS_CODES } from "@/lib/progress/report-status";
import { isoDateField } from "./dates";
import { submissionKeySchema, uuidSchema } from "./ids";
import { text } from "./text";

/** How an issued progress report reached the family (`progress_report_delivery`). */
export const REPORT_DELIVERY_METHODS = ["portal", "mail", "in_person", "email", "with_student"] as const;

/** Longest justification of one goal or objective, and of a correction's reason. */
export const JUSTIFICATION_MAX = 4000;

/** One line of the draft as typed: a code (blank while drafting) and the justification. */
const itemSchema = z.object({
  id: uuidSchema,
  code: z.union([z.literal(""), z.enum(PROGRESS_CODES, { message: "validation.progressReport.code" })]),
  justification: text().trim().max(JUSTIFICATION_MAX, { message: "validation.tooLong" }),
});

export const createProgressReportSchema = z.object({
  studentId: uuidSchema,
  reportCardDate: isoDateField("validation.date"),
});
export type CreateProgressReportInput = z.output<typeof createProgressReportSchema>;

export const saveProgressReportSchema = z.object({
  studentId: uuidSchema,
  reportId: uuidSchema,
  lockVersion: z.coerce.number().int().min(1),
  items: z.array(itemSchema).max(400, { message: "validation.tooMany" }),
});
export type SaveProgressReportInput = z.output<typeof saveProgressReportSchema>;

export const issueProgressReportSchema = saveProgressReportSchema.extend({
  deliveryMethod: z.enum(REPORT_DELIVERY_METHODS, { message: "validation.progressReport.deliveryMethod" }),
  issuedOn: isoDateField("validation.progressReport.issuedOn"),
  submissionKey: submissionKeySchema,
});
export type IssueProgressReportInput = z.output<typeof issueProgressReportSchema>;

export const correctProgressReportSchema = z.object({
  studentId: uuidSchema,
  reportId: uuidSchema,
  reason: text()
    .trim()
    .min(1, { message: "validation.progressReport.reasonRequired" })
    .max(JUSTIFICATION_MAX, { message: "validation.tooLong" }),
});
export type CorrectProgressReportInput = z.output<typeof correctProgressReportSchema>;
