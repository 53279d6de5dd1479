import type { AppErrorCode } from "@/lib/errors";

/** What every server action returns to the browser: data, or message keys — never a stack trace. */
export type ActionResult<T> =
  | { ok: true; data: T }
  | {
      ok: false;
      code: AppErrorCode | "INTERNAL";
      /** next-intl key of a message for the whole form. */
      formError?: string;
      /** next-intl keys per field. */
      fieldErrors?: Record<string, string[]>;
      /** Structured facts for the form (a conflicting draft, the list of missing items). */
      details?: Record<string, unknown>;
    };
