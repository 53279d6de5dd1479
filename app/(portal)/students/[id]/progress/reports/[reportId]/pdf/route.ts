import { getProgressReportPdf } from "@/lib/dal/progress-reports";
import type { Viewer } from "@/lib/dal/viewer";
import { attachmentName, withViewer } from "@/lib/http/route";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string; reportId: string }> };

/** An issued progress report exactly as issued: the stored PDF bytes, never re-rendered. */
export const GET = withViewer<Context>(async (viewer: Viewer, _request: Request, { params }: Context) => {
  const { id, reportId } = await params;
  const { pdf, sha256, reportCardDate, version } = await getProgressReportPdf(viewer, id, reportId);
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": attachmentName(`progress-report-${reportCardDate}-v${version}`, "pdf"),
      "Cache-Control": "private, no-store",
      ETag: `"${sha256}"`,
    },
  });
});
