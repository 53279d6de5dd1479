import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import type { Viewer } from "@/lib/dal/viewer";
import { AppError, isAppError } from "@/lib/errors";
import { describeUnexpected, toAppError } from "./db-errors";
import type { ActionResult } from "./types";

export type Handler<S extends z.ZodType, T, V> = (viewer: V, input: z.infer<S>) => Promise<T>;

function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_form";
    (fields[key] ??= []).push(issue.message.startsWith("validation.") ? issue.message : "validation.invalid");
  }
  return fields;
}

function failure(error: AppError): ActionResult<never> {
  return {
    ok: false,
    code: error.code,
    formError: error.fieldErrors ? undefined : error.messageKey,
    fieldErrors: error.fieldErrors,
    ...(error.details ? { details: error.details } : {}),
  };
}

/**
 * The action pipeline, with the viewer source injected: resolve the viewer (none →
 * UNAUTHENTICATED unless `public`), parse the untrusted input (bad input → VALIDATION with
 * per-field message keys), run the handler, and turn every failure into an ActionResult —
 * never a stack trace or a raw row. Next.js redirects and notFound() pass through.
 */
export function buildAction<S extends z.ZodType, T>(
  resolveViewer: () => Promise<Viewer | null>,
  schema: S,
  handler: Handler<S, T, Viewer | null>,
  options?: { public: true },
): (input: unknown) => Promise<ActionResult<T>> {
  return async (rawInput: unknown) => {
    try {
      const viewer = await resolveViewer();
      if (!viewer && !options?.public) throw new AppError("UNAUTHENTICATED");
      const input = rawInput instanceof FormData ? Object.fromEntries(rawInput) : rawInput;
      const parsed = schema.safeParse(input);
      if (!parsed.success) return { ok: false, code: "VALIDATION", fieldErrors: fieldErrorsOf(parsed.error) };
      return { ok: true, data: await handler(viewer, parsed.data) };
    } catch (error) {
      unstable_rethrow(error);
      if (isAppError(error)) return failure(error);
      const mapped = toAppError(error);
      if (mapped) return failure(mapped);
      console.error(`[action] unexpected error: ${describeUnexpected(error)}`);
      return { ok: false, code: "INTERNAL", formError: "errors.unexpected" };
    }
  };
}
