import "server-only";
import { NextResponse } from "next/server";
import { getViewer } from "@/lib/auth/viewer";
import type { Viewer } from "@/lib/dal/viewer";
import { runForViewer } from "./respond";

export { runForViewer };

/** Wraps a route handler for signed-in viewers: no session → 401 JSON; otherwise {@link runForViewer}. */
export function withViewer<C>(handler: (viewer: Viewer, request: Request, context: C) => Promise<Response>) {
  return async (request: Request, context: C): Promise<Response> => {
    const viewer = await getViewer();
    if (!viewer) return NextResponse.json({ error: "errors.UNAUTHENTICATED" }, { status: 401 });
    return runForViewer(viewer, request, context, handler);
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
