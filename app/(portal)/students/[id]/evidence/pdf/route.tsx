import { renderToBuffer } from "@react-pdf/renderer";
import type { Viewer } from "@/lib/dal/viewer";
import { getLocale } from "next-intl/server";
import { DocumentPdf, type PdfSection } from "@/components/pdf/document-pdf";
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
    const { t, formatDate, locale } = await translatorFor(await getLocale());
    const stamp = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "America/New_York" });
    const day = (date: string | null) =>
      !date ? t("delivery.evidence.ongoing") : date.length === 10 ? formatDate(date) : stamp.format(new Date(date));
    const sections: PdfSection[] = report.accommodations.map((item) => ({
      heading: `${item.text} — ${t("delivery.evidence.version", { type: t(`plans.type.${item.planType}`), number: item.versionNumber, from: day(item.effectiveOn), to: day(item.endedOn) })}`,
      lines: [
        { text: item.teacherAction },
        { text: t("delivery.evidence.responsible"), strong: true },
        ...item.responsible.map((r) => ({
          text: `${r.name}${r.section ? ` (${r.section})` : ""}: ${day(r.from)} – ${day(r.to)} · ${r.acknowledgedAt ? t("delivery.evidence.acknowledgedOn", { date: day(r.acknowledgedAt) }) : t("delivery.evidence.notAcknowledged")}`,
          indent: true,
        })),
        { text: `${t("delivery.evidence.entries")}: ${t("delivery.evidence.counts", item.counts)}`, strong: true },
        ...(item.entries.length
          ? item.entries.map((e) => ({
              text: `${day(e.date)} · ${e.section ?? "—"} · ${t(`delivery.log.status.${e.status}`)}${e.reason ? ` · ${e.reason}` : ""}${e.note ? ` · ${e.note}` : ""} · ${e.loggedBy}${e.replaced ? ` (${t("delivery.evidence.replaced")})` : ""}`,
              indent: true,
            }))
          : [{ text: t("delivery.evidence.noEntries"), indent: true }]),
      ],
    }));
    const title = t("delivery.evidence.title");
    const subtitle = `${t("delivery.evidence.subtitle", { name: report.student.name, grade: report.student.grade, school: report.student.schoolName })} · ${day(range.from)} – ${day(range.to)}`;
    const pdf = await renderToBuffer(
      <DocumentPdf
        title={title}
        subtitle={subtitle}
        footer={`${title} · ${report.student.name}`}
        language={locale}
        sections={sections.length ? sections : [{ heading: title, lines: [{ text: t("delivery.evidence.empty") }] }]}
      />,
    );
    return new Response(new Uint8Array(pdf), {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Disposition": attachmentName(`evidence-${report.student.name}-${range.from}-${range.to}`, "pdf"),
        "Cache-Control": "private, no-store",
      },
    });
  }),
);
