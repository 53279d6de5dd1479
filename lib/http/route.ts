import "server-only";
import { NextResponse } from "next/server";
import { getViewer } from "@/lib/auth/viewer";
import type { Viewer } from "@/lib/dal/viewer";
import { describeUnexpected } from "@/lib/actions/db-errors";
import { httpStatusFor, isAppError } from "@/lib/errors";

/**
 * Wraps a route handler for signed-in viewers: no session → 401 JSON; an AppError → its 4xx status
 * with a message key (NOT_FOUND and FORBIDDEN both answer 404, never revealing that a record
 * exists); anything else → 500 without details.
 */
export function withViewer<C>(handler: (viewer: Viewer, request: Request, context: C) => Promise<Response>) {
  return async (request: Request, context: C): Promise<Response> => {
    const viewer = await getViewer();
    if (!viewer) return NextResponse.json({ error: "errors.UNAUTHENTICATED" }, { status: 401 });
    try {
      return await handler(viewer, request, context);
    } catch (error) {
      if (isAppError(error)) {
        const code = error.code === "FORBIDDEN" ? "NOT_FOUND" : error.code;
        return NextResponse.json({ error: `errors.${code}` }, { status: httpStatusFor[code] });
      }
      console.error(`[route] unexpected error: ${describeUnexpected(error)}`);
      return NextResponse.json({ error: "errors.unexpected" }, { status: 500 });
    }
  };
}

/** A safe ASCII file name for Content-Disposition. */
export function attachmentName(base: string, extension: string): string {
  const cleaned =
    base
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^\w.-]+/g, "-")
      .replace(/-+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 80) || "document";
  return `attachment; filename="${cleaned}.${extension}"`;
}
