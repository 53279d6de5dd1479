import { AppError } from "@/lib/errors";

const VALIDATION_CODES = new Set(["22021", "22P02", "22007", "22008", "22001", "22003", "23502", "23514"]);

function pgCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === "object"; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Maps a PostgreSQL constraint or data error (possibly wrapped by Drizzle) to the AppError a user
 * should see: a unique violation is a CONFLICT, a check/type/not-null violation is VALIDATION.
 * Returns null for anything else (a real bug, logged and reported as unexpected).
 */
export function toAppError(error: unknown): AppError | null {
  const code = pgCode(error);
  if (!code) return null;
  if (code === "23505") return new AppError("CONFLICT", "errors.duplicate");
  if (code === "40001" || code === "40P01") return new AppError("CONFLICT", "errors.retry");
  if (VALIDATION_CODES.has(code) || code === "23503") return new AppError("VALIDATION", "errors.invalidData");
  return null;
}

export { describeUnexpected } from "@/db/query-errors";
