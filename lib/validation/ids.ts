import { z } from "zod";

export const uuidSchema = z.uuid({ message: "validation.invalidId" });

/** True for a syntactically valid UUID: anything else in a URL is a 404 before any query runs. */
export function isUuid(value: unknown): value is string {
  return uuidSchema.safeParse(value).success;
}

/**
 * The key of one rendered form (a random UUID made when the form is shown): the server applies
 * the first submission with a key and answers every repeat (double click, retry) with its result.
 */
export const submissionKeySchema = z.preprocess(
  (value) => (value === "" || value === null ? undefined : value),
  z.uuid({ message: "validation.invalidId" }).optional(),
);
