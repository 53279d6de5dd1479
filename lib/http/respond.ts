import { NextResponse } from "next/server";
import { describeUnexpected } from "@/db/query-errors";
import type { Viewer } from "@/lib/dal/viewer";
import { httpStatusFor, isAppError } from "@/lib/errors";

/**
 * Runs a route handler for a viewer: an AppError → its 4xx status with a message key (NOT_FOUND and
 * FORBIDDEN both answer 404, never revealing that a record exists; RATE_LIMITED answers 429 with
 * Retry-After); anything else → 500 without details.
 */
export async function runForViewer<C>(
  viewer: Viewer,
  request: Request,
  context: C,
  handler: (viewer: Viewer, request: Request, context: C) => Promise<Response>,
): Promise<Response> {
  try {
    return await handler(viewer, request, context);
  } catch (error) {
    if (isAppError(error)) {
      const code = error.code === "FORBIDDEN" ? "NOT_FOUND" : error.code;
      const retryAfter = error.details?.retryAfterSeconds;
      return NextResponse.json(
        { error: code === "RATE_LIMITED" ? error.messageKey : `errors.${code}` },
        {
          status: httpStatusFor[code],
          headers: typeof retryAfter === "number" ? { "Retry-After": String(retryAfter) } : undefined,
        },
      );
    }
    console.error(`[route] unexpected error: ${describeUnexpected(error)}`);
    return NextResponse.json({ error: "errors.unexpected" }, { status: 500 });
  }
}
