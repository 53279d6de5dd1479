import { renderToBuffer } from "@react-pdf/renderer";
import type { Viewer } from "@/lib/dal/viewer";
import { getLocale, getTranslations } from "next-intl/server";
import { DocumentPdf } from "@/components/pdf/document-pdf";
import { planPdfSections } from "@/components/pdf/plan-sections";
import { getPlanView } from "@/lib/dal/plan-views";
import { AppError } from "@/lib/errors";
import { queuedPdf } from "@/lib/http/render-queue";
import { attachmentName, withViewer } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** The plan version as a PDF (plan.read; guardians only versions shared with them). */
export const GET = withViewer<{ params: Promise<{ planId: string }> }>(
  queuedPdf(async (viewer: Viewer, request: Request, { params }: { params: Promise<{ planId: string }> }) => {
    const { planId } = await params;
    const version = new URL(request.url).searchParams.get("version") ?? undefined;
    const view = await getPlanView(viewer, planId, version, "plan.document_downloaded");
    if (!view.selected) throw new AppError("NOT_FOUND");
    const t = await getTranslations("plans");
    const title = t("page.title", { type: t(`typeLong.${view.plan.type}`), name: view.student.name });
    const subtitle = `${view.student.schoolName} · ${t("versionLabel", { number: view.selected.number })} · ${t(`status.${view.selected.status}`)}`;
    const footer = view.selected.contentHash ? t("page.contentHash", { hash: view.selected.contentHash }) : title;
    const pdf = await renderToBuffer(
      <DocumentPdf
        title={title}
        subtitle={subtitle}
        footer={footer}
        language={await getLocale()}
        sections={planPdfSections(view.plan.type, view.selected.content, (key, values) =>
          t(key as never, values as never),
        )}
      />,
    );
    return new Response(new Uint8Array(pdf), {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Disposition": attachmentName(`${view.plan.type}-${view.student.name}-v${view.selected.number}`, "pdf"),
        "Cache-Control": "private, no-store",
      },
    });
  }),
);
