import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { uuidSchema } from "@/lib/validation/ids";

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

/** Where a page of deadlines starts: after the item with this due date (null: due date unknown) and id. */
export interface DeadlineCursor {
  due: string | null;
  id: string;
}

const cursorSchema = z.strictObject({
  due: z.iso.date().nullable(),
  id: uuidSchema,
});

/** The URL form of a {@link DeadlineCursor}. */
export function encodeDeadlineCursor(cursor: DeadlineCursor): string {
  return encodeCursor(cursor);
}

/** Reads a deadline cursor from a URL; anything malformed is NOT_FOUND (no such page). */
export function decodeDeadlineCursor(text: string): DeadlineCursor {
  return decodeCursor(text, cursorSchema);
}
