import { getNoticePdf } from "@/lib/dal/notices";
import type { Viewer } from "@/lib/dal/viewer";
import { attachmentName, withViewer } from "@/lib/http/route";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string; noticeId: string }> };

/** The prior written notice exactly as sent: the stored PDF bytes, never re-rendered. */
export const GET = withViewer<Context>(async (viewer: Viewer, _request: Request, { params }: Context) => {
  const { id, noticeId } = await params;
  const { pdf, sha256, sentOn } = await getNoticePdf(viewer, id, noticeId);
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": attachmentName(`prior-written-notice-${sentOn}`, "pdf"),
      "Cache-Control": "private, no-store",
      ETag: `"${sha256}"`,
    },
  });
});
