import { z } from "zod";

export const uuidSchema = z.uuid({ message: "validation.invalidId" });

/** True for a syntactically valid UUID: anything else in a URL is a 404 before any query runs. */
export function isUuid(value: unknown): value is string {
  return uuidSchema.safeParse(value).success;
}
