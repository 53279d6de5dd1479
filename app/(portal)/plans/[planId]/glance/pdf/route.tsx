import { renderToBuffer } from "@react-pdf/renderer";
import type { Viewer } from "@/lib/dal/viewer";
import { getLocale, getTranslations } from "next-intl/server";
import { DocumentPdf } from "@/components/pdf/document-pdf";
import { glancePdfSections } from "@/components/pdf/plan-sections";
import { getGlance } from "@/lib/dal/plan-views";
import { AppError } from "@/lib/errors";
import { queuedPdf } from "@/lib/http/render-queue";
import { attachmentName, withViewer } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** The one-page "at a glance" PDF for implementers (plan.glance.read). */
export const GET = withViewer<{ params: Promise<{ planId: string }> }>(
  queuedPdf(async (viewer: Viewer, _request: Request, { params }: { params: Promise<{ planId: string }> }) => {
    const { planId } = await params;
    const glance = await getGlance(viewer, planId, "plan.document_downloaded");
    if (!glance.version) throw new AppError("NOT_FOUND");
    const t = await getTranslations("plans");
    const title = `${t("glance.title")}: ${glance.student.name}`;
    const subtitle = t("glance.subtitle", {
      name: glance.student.name,
      grade: glance.student.grade,
      type: t(`type.${glance.plan.type}`),
      number: glance.version.number,
      date: glance.version.effectiveOn ?? "—",
    });
    const pdf = await renderToBuffer(
      <DocumentPdf
        title={title}
        subtitle={subtitle}
        footer={t("glance.intro")}
        language={await getLocale()}
        sections={glancePdfSections(glance, (key, values) => t(key as never, values as never))}
      />,
    );
    return new Response(new Uint8Array(pdf), {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Disposition": attachmentName(`at-a-glance-${glance.student.name}`, "pdf"),
        "Cache-Control": "private, no-store",
      },
    });
  }),
);
