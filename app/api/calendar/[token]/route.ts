import { NextResponse } from "next/server";
import { listWorkQueue } from "@/lib/dal/work-queue";
import { unsafeViewerForFeedToken } from "@/lib/dal/notification-settings";
import { workQueueIcs } from "@/lib/deadlines/feeds";
import { appUrl } from "@/lib/notifications/app-url";

export const dynamic = "force-dynamic";

/**
 * A user's deadlines as an iCalendar feed, reached by the secret token of their feed link
 * (`/api/calendar/<token>.ics`). An unknown, revoked or malformed token is a 404, whatever the
 * reason. Each read is logged as a list read of the students in the feed.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const viewer = await unsafeViewerForFeedToken(token.replace(/\.ics$/, ""));
  if (!viewer)
    return NextResponse.json({ error: "not_found" }, { status: 404, headers: { "cache-control": "no-store" } });
  const queue = await listWorkQueue(viewer, "calendarFeed");
  return new Response(await workQueueIcs(queue, viewer.locale, appUrl()), {
    headers: {
      "content-type": "text/calendar; charset=utf-8",
      "content-disposition": 'inline; filename="planpath-deadlines.ics"',
      "cache-control": "no-store",
    },
  });
}
