import { z } from "zod";
import { isoDateField } from "./dates";
import { uuidSchema } from "./ids";
import { text } from "./text";

export const SESSION_STATUSES = ["delivered", "student_absent", "provider_absent", "school_closed"] as const;
export type SessionStatusName = (typeof SESSION_STATUSES)[number];

/** Longest session that can be logged (a school day); the database holds the same bound. */
export const MAX_SESSION_MINUTES = 600;
/** Largest group a session may be logged for (the database holds the same bound). */
export const MAX_GROUP_SIZE = 30;

const isoDate = isoDateField("validation.date");

/**
 * One service session, for one student or for a group (one entry per student of the group, each
 * naming a service of that student's IEP and the goals the session addressed). `groupSize` counts
 * every student in the room (some may not be on the provider's list); it defaults to the number of
 * entries. A make-up or a correction concerns exactly one student.
 */
export const logServiceSessionSchema = z
  .object({
    date: isoDate,
    minutes: z.coerce
      .number({ message: "services.validation.minutes" })
      .int({ message: "services.validation.minutes" })
      .min(1, { message: "services.validation.minutes" })
      .max(MAX_SESSION_MINUTES, { message: "services.validation.minutes" }),
    status: z.enum(SESSION_STATUSES, { message: "validation.invalid" }),
    groupSize: z.coerce
      .number({ message: "services.validation.groupSize" })
      .int({ message: "services.validation.groupSize" })
      .min(1, { message: "services.validation.groupSize" })
      .max(MAX_GROUP_SIZE, { message: "services.validation.groupSize" })
      .optional(),
    entries: z
      .array(
        z.object({
          serviceId: uuidSchema,
          goalIds: z.array(uuidSchema).max(40, { message: "validation.tooMany" }).default([]),
        }),
      )
      .min(1, { message: "services.validation.noStudent" })
      .max(MAX_GROUP_SIZE, { message: "services.validation.groupSize" }),
    makeUpForId: z.union([uuidSchema, z.literal("")]).default(""),
    replacesId: z.union([uuidSchema, z.literal("")]).default(""),
    note: text().trim().max(1000, { message: "validation.tooLong" }).optional().default(""),
  })
  .refine((input) => new Set(input.entries.map((e) => e.serviceId)).size === input.entries.length, {
    message: "services.validation.duplicateStudent",
    path: ["entries"],
  })
  .refine((input) => input.groupSize === undefined || input.groupSize >= input.entries.length, {
    message: "services.validation.groupTooSmall",
    path: ["groupSize"],
  })
  .refine((input) => !input.makeUpForId || input.status === "delivered", {
    message: "services.validation.makeUpDelivered",
    path: ["status"],
  })
  .refine((input) => (!input.makeUpForId && !input.replacesId) || input.entries.length === 1, {
    message: "services.validation.oneStudent",
    path: ["entries"],
  });
export type LogServiceSessionInput = z.infer<typeof logServiceSessionSchema>;

/** The range of a service export or view (both inclusive). */
export const serviceRangeSchema = z
  .object({ from: isoDate, to: isoDate })
  .refine((r) => r.from <= r.to, { message: "validation.rangeOrder", path: ["to"] });
