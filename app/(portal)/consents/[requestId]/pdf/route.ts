import { getConsentPdf } from "@/lib/dal/consents";
import type { Viewer } from "@/lib/dal/viewer";
import { withViewer } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/**
 * The consent form exactly as stored and shown for signature (never re-rendered), or with
 * `?document=` the uploaded scan of a signed paper answer to it (consent.read).
 */
export const GET = withViewer<{ params: Promise<{ requestId: string }> }>(
  async (viewer: Viewer, request: Request, { params }: { params: Promise<{ requestId: string }> }) => {
    const { requestId } = await params;
    const documentId = new URL(request.url).searchParams.get("document") ?? undefined;
    const { pdf, sha256 } = await getConsentPdf(viewer, requestId, documentId);
    return new Response(new Uint8Array(pdf), {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Disposition": `attachment; filename="consent-${sha256.slice(0, 12)}.pdf"`,
        "Cache-Control": "private, no-store",
      },
    });
  },
);
