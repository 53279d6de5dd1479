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
