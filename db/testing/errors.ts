import { AppError } from "@/lib/errors";

/** A predicate for `rejects.toSatisfy`: the error is an AppError with this code. */
export const hasCode = (code: string) => (error: unknown) => error instanceof AppError && error.code === code;

/** The field errors (message keys) of a rejected VALIDATION AppError, or undefined. */
export async function fieldErrorsOf(promise: Promise<unknown>): Promise<Record<string, string[]> | undefined> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  return error instanceof AppError && error.code === "VALIDATION" ? error.fieldErrors : undefined;
}

/** A predicate for `rejects.toSatisfy`: an AppError with this code and, when given, this message key. */
export const failsWith = (code: string, key?: string) => (error: unknown) =>
  error instanceof AppError && error.code === code && (key === undefined || error.messageKey === key);

/** A predicate for `rejects.toSatisfy`: an AppError (of `code`, when given) whose field errors put `key` on `field`. */
export const failsOnField = (field: string, key: string, code?: string) => (error: unknown) =>
  error instanceof AppError &&
  (code === undefined || error.code === code) &&
  (error.fieldErrors?.[field] ?? []).includes(key);

/** A predicate for `rejects.toSatisfy`: the database refused the statement with a message matching `pattern`. */
export const dbError = (pattern: RegExp) => (error: unknown) =>
  pattern.test(String((error as { cause?: Error }).cause?.message ?? (error as Error).message));
