import { renderToBuffer } from "@react-pdf/renderer";
import type { Viewer } from "@/lib/dal/viewer";
import { getLocale } from "next-intl/server";
import { buildEvidenceDocument } from "@/lib/documents/evidence-report";
import { LegalDocumentPdf } from "@/lib/documents/pdf";
import { getEvidenceReport } from "@/lib/dal/delivery-reports";
import { evidenceRange } from "@/lib/delivery/evidence-range";
import { queuedPdf } from "@/lib/http/render-queue";
import { attachmentName, withViewer } from "@/lib/http/route";
import { translatorFor } from "@/lib/notifications/translator";

export const dynamic = "force-dynamic";

/** The evidence report as a PDF, for an OCR complaint response or a PPT/504 meeting. */
export const GET = withViewer<{ params: Promise<{ id: string }> }>(
  queuedPdf(async (viewer: Viewer, request: Request, { params }: { params: Promise<{ id: string }> }) => {
    const { id } = await params;
    const range = evidenceRange(Object.fromEntries(new URL(request.url).searchParams), viewer.today);
    const report = await getEvidenceReport(viewer, id, range, "evidence.exported");
    const doc = buildEvidenceDocument(report, range, await translatorFor(await getLocale()));
    const pdf = await renderToBuffer(<LegalDocumentPdf doc={doc} />);
    return new Response(new Uint8Array(pdf), {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Disposition": attachmentName(`evidence-${report.student.name}-${range.from}-${range.to}`, "pdf"),
        "Cache-Control": "private, no-store",
      },
    });
  }),
);
