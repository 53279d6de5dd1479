import type { z } from "zod";
import { AppError } from "@/lib/errors";

/**
 * Keyset-pagination cursors in URLs: the sort key of the last row of a page, as base64url JSON. A cursor
 * only says where the next page starts; the list's own scope decides what is listed.
 */
export function encodeCursor(key: unknown): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

/** Reads a cursor made by {@link encodeCursor}; anything malformed is NOT_FOUND (no such page). */
export function decodeCursor<T>(text: string, schema: z.ZodType<T>): T {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    throw new AppError("NOT_FOUND");
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AppError("NOT_FOUND");
  return parsed.data;
}
