import { renderToBuffer } from "@react-pdf/renderer";
import { getLocale } from "next-intl/server";
import { withChartImages } from "@/lib/documents/chart-images";
import { buildPlanDocument } from "@/lib/documents/plan";
import { LegalDocumentPdf } from "@/lib/documents/pdf";
import type { Viewer } from "@/lib/dal/viewer";
import { getPlanViewWithProgress } from "@/lib/dal/plan-views";
import { AppError } from "@/lib/errors";
import { queuedPdf } from "@/lib/http/render-queue";
import { attachmentName, withViewer } from "@/lib/http/route";
import { translatorFor } from "@/lib/notifications/translator";

export const dynamic = "force-dynamic";

/**
 * The plan version as a PDF (plan.read; guardians only versions shared with them), drawn from the
 * plan's document model in the viewer's language (a family's own language for a guardian). An IEP
 * version that is or was in force carries its goal data: a chart and data table per measured goal
 * and objective, drawn from the same series as the progress page.
 */
export const GET = withViewer<{ params: Promise<{ planId: string }> }>(
  queuedPdf(async (viewer: Viewer, request: Request, { params }: { params: Promise<{ planId: string }> }) => {
    const { planId } = await params;
    const version = new URL(request.url).searchParams.get("version") ?? undefined;
    const view = await getPlanViewWithProgress(viewer, planId, version, "plan.document_downloaded");
    if (!view.selected) throw new AppError("NOT_FOUND");
    const doc = buildPlanDocument(
      { type: view.plan.type, student: view.student, version: view.selected, progress: view.progress },
      await translatorFor(await getLocale()),
    );
    const pdf = await renderToBuffer(<LegalDocumentPdf doc={await withChartImages(doc)} />);
    return new Response(new Uint8Array(pdf), {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Disposition": attachmentName(`${view.plan.type}-${view.student.name}-v${view.selected.number}`, "pdf"),
        "Cache-Control": "private, no-store",
      },
    });
  }),
);
