import { z } from "zod";
import { isoDateField } from "./dates";
import { uuidSchema } from "./ids";
import { text } from "./text";

const isoDate = isoDateField("validation.date");
/** A value as typed: empty (narrative only) or a number with at most two decimals. */
const valueText = text()
  .trim()
  .regex(/^(\d{1,6}(\.\d{1,2})?)?$/, { message: "validation.decimal" });
const optionalId = z
  .union([z.literal(""), uuidSchema])
  .optional()
  .default("");
const method = text().trim().min(1, { message: "validation.required" }).max(200, { message: "validation.tooLong" });
const shortOptional = text().trim().max(200, { message: "validation.tooLong" }).optional().default("");
const note = text().trim().max(2000, { message: "validation.tooLong" }).optional().default("");

/** One data point on a goal (or one of its objectives). Checked against the measure in the data layer. */
export const recordGoalDataSchema = z.object({
  goalId: uuidSchema,
  objectiveId: optionalId,
  observedOn: isoDate,
  value: valueText,
  method,
  setting: shortOptional,
  note,
  lateReason: text().trim().max(500, { message: "validation.tooLong" }).optional().default(""),
});
export type RecordGoalDataInput = z.infer<typeof recordGoalDataSchema>;

/** A correction of a recorded point: a new value (or a withdrawal) with a required reason. */
export const correctGoalDataSchema = z
  .object({
    pointId: uuidSchema,
    value: valueText,
    note,
    withdraw: z.boolean().optional().default(false),
    reason: text().trim().max(500, { message: "validation.tooLong" }),
  })
  .refine((input) => input.reason.length > 0, { message: "validation.reasonRequired", path: ["reason"] });
export type CorrectGoalDataInput = z.infer<typeof correctGoalDataSchema>;

/** A group session: one date and method, one value per student goal (empty values are skipped). */
export const recordSessionSchema = z.object({
  observedOn: isoDate,
  method,
  setting: shortOptional,
  lateReason: text().trim().max(500, { message: "validation.tooLong" }).optional().default(""),
  entries: z
    .array(z.object({ goalId: uuidSchema, objectiveId: optionalId, value: valueText, note }))
    .min(1, { message: "progress.errors.noEntries" })
    .max(40, { message: "validation.tooMany" }),
});
export type RecordSessionInput = z.infer<typeof recordSessionSchema>;

export const assignCollectorSchema = z.object({ goalId: uuidSchema, userId: uuidSchema });
export const removeCollectorSchema = z.object({ collectorId: uuidSchema });
