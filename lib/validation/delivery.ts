import { z } from "zod";
import { isoDateField } from "./dates";
import { uuidSchema } from "./ids";
import { text } from "./text";

export const IMPLEMENTATION_STATUSES = ["provided", "not_needed", "declined", "not_provided"] as const;
export type ImplementationStatusName = (typeof IMPLEMENTATION_STATUSES)[number];

const isoDate = isoDateField("validation.date");

export const acknowledgeSchema = z.object({ versionId: uuidSchema });

/** One tap of the implementation log. "Not provided" needs a reason; notes are optional. */
export const logImplementationSchema = z
  .object({
    accommodationId: uuidSchema,
    sectionId: z.union([uuidSchema, z.literal("")]).default(""),
    date: isoDate,
    status: z.enum(IMPLEMENTATION_STATUSES, { message: "validation.invalid" }),
    reason: text().trim().max(500, { message: "validation.tooLong" }).optional().default(""),
    note: text().trim().max(1000, { message: "validation.tooLong" }).optional().default(""),
  })
  .refine((input) => input.status !== "not_provided" || input.reason.length > 0, {
    message: "validation.reasonRequired",
    path: ["reason"],
  });
export type LogImplementationInput = z.infer<typeof logImplementationSchema>;

/** "Log the whole class for today": every daily accommodation without an entry is marked provided. */
export const logClassSchema = z.object({ sectionId: uuidSchema, date: isoDate });

/** How long a whole-class log may be undone (the button's life and the server's limit). */
export const CLASS_LOG_UNDO_MS = 10_000;

/** Undo of one whole-class log, named by the batch id the log returned. */
export const undoClassLogSchema = z.object({ sectionId: uuidSchema, batchId: uuidSchema });

export const evidenceRangeSchema = z
  .object({ from: isoDate, to: isoDate })
  .refine((r) => r.from <= r.to, { message: "validation.rangeOrder", path: ["to"] });
