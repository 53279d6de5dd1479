import { getMeetingNoticePdf } from "@/lib/dal/meetings";
import type { Viewer } from "@/lib/dal/viewer";
import { attachmentName, withViewer } from "@/lib/http/route";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string; meetingId: string }> };

/** The meeting notice exactly as sent: the stored PDF bytes, never re-rendered. */
export const GET = withViewer<Context>(async (viewer: Viewer, _request: Request, { params }: Context) => {
  const { id, meetingId } = await params;
  const { pdf, sha256, scheduledOn } = await getMeetingNoticePdf(viewer, id, meetingId);
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": attachmentName(`meeting-notice-${scheduledOn}`, "pdf"),
      "Cache-Control": "private, no-store",
      ETag: `"${sha256}"`,
    },
  });
});
