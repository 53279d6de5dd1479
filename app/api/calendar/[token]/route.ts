import { NextResponse } from "next/server";
import { calendarFeedDetailsAllowed, unsafeViewerForFeedToken } from "@/lib/dal/notification-settings";
import { listWorkQueue } from "@/lib/dal/work-queue";
import { workQueueIcs } from "@/lib/deadlines/feeds";
import { httpStatusFor, isAppError } from "@/lib/errors";
import { appUrl } from "@/lib/notifications/app-url";

export const dynamic = "force-dynamic";

const noStore = { "cache-control": "no-store" };

/**
 * A user's deadlines as an iCalendar feed, reached by the secret token of their feed link
 * (`/api/calendar/<token>.ics`). An unknown, revoked or malformed token, or one of a deactivated
 * or signed-out-everywhere user, is a 404, whatever the reason; a user without a work queue (a
 * parent) gets 403. Each read is logged as a list read of the students in the feed.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const viewer = await unsafeViewerForFeedToken(token.replace(/\.ics$/, ""));
  if (!viewer) return NextResponse.json({ error: "errors.NOT_FOUND" }, { status: 404, headers: noStore });
  try {
    const queue = await listWorkQueue(viewer, "calendarFeed");
    const details = await calendarFeedDetailsAllowed(viewer);
    return new Response(await workQueueIcs(queue, viewer.locale, appUrl(), { details }), {
      headers: {
        "content-type": "text/calendar; charset=utf-8",
        "content-disposition": 'inline; filename="planpath-deadlines.ics"',
        ...noStore,
      },
    });
  } catch (error) {
    if (!isAppError(error)) throw error;
    return NextResponse.json(
      { error: `errors.${error.code}` },
      { status: httpStatusFor[error.code], headers: noStore },
    );
  }
}
