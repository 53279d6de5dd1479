export type AppErrorCode = "UNAUTHENTICATED" | "NOT_FOUND" | "FORBIDDEN" | "VALIDATION" | "CONFLICT" | "RATE_LIMITED";

/**
 * A failure the user can be told about. `messageKey` is a next-intl key under `errors.*`;
 * `fieldErrors` maps form fields to message keys. Never carries stack traces to the client.
 */
export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly messageKey: string;
  readonly fieldErrors?: Record<string, string[]>;
  readonly details?: Record<string, unknown>;

  constructor(
    code: AppErrorCode,
    messageKey?: string,
    extra?: { fieldErrors?: Record<string, string[]>; details?: Record<string, unknown> },
  ) {
    super(`${code}${messageKey ? `: ${messageKey}` : ""}`);
    this.name = "AppError";
    this.code = code;
    this.messageKey = messageKey ?? `errors.${code}`;
    this.fieldErrors = extra?.fieldErrors;
    this.details = extra?.details;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

export const httpStatusFor: Record<AppErrorCode, number> = {
  UNAUTHENTICATED: 401,
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  VALIDATION: 422,
  CONFLICT: 409,
  RATE_LIMITED: 429,
};

/** A VALIDATION error on one form field: `key` is the message key shown next to that field. */
export function fieldError(field: string, key: string): AppError {
  return new AppError("VALIDATION", key, { fieldErrors: { [field]: [key] } });
}
