import { renderToBuffer } from "@react-pdf/renderer";
import { getLocale } from "next-intl/server";
import { buildGlanceDocument } from "@/lib/documents/at-a-glance";
import { LegalDocumentPdf } from "@/lib/documents/pdf";
import type { Viewer } from "@/lib/dal/viewer";
import { getGlance } from "@/lib/dal/plan-views";
import { AppError } from "@/lib/errors";
import { queuedPdf } from "@/lib/http/render-queue";
import { attachmentName, withViewer } from "@/lib/http/route";
import { translatorFor } from "@/lib/notifications/translator";

export const dynamic = "force-dynamic";

/** The one-page "at a glance" PDF for implementers (plan.glance.read), in the viewer's language. */
export const GET = withViewer<{ params: Promise<{ planId: string }> }>(
  queuedPdf(async (viewer: Viewer, _request: Request, { params }: { params: Promise<{ planId: string }> }) => {
    const { planId } = await params;
    const glance = await getGlance(viewer, planId, "plan.document_downloaded");
    if (!glance.version) throw new AppError("NOT_FOUND");
    const doc = buildGlanceDocument({ ...glance, version: glance.version }, await translatorFor(await getLocale()));
    const pdf = await renderToBuffer(<LegalDocumentPdf doc={doc} />);
    return new Response(new Uint8Array(pdf), {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Disposition": attachmentName(`at-a-glance-${glance.student.name}`, "pdf"),
        "Cache-Control": "private, no-store",
      },
    });
  }),
);
