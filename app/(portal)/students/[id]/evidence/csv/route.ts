import { getTranslations } from "next-intl/server";
import { toCsv } from "@/lib/csv";
import { getEvidenceReport } from "@/lib/dal/delivery-reports";
import { evidenceRange } from "@/lib/delivery/evidence-range";
import { attachmentName, withViewer } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** The evidence report as CSV: one row per log entry (and one per accommodation with none). */
export const GET = withViewer<{ params: Promise<{ id: string }> }>(async (viewer, request, { params }) => {
  const { id } = await params;
  const range = evidenceRange(Object.fromEntries(new URL(request.url).searchParams), viewer.today);
  const report = await getEvidenceReport(viewer, id, range, "evidence.exported");
  const t = await getTranslations();
  const header = [
    t("plans.columns.plan"),
    t("delivery.evidence.versionColumn"),
    t("plans.fields.accommodationText"),
    t("plans.fields.teacherAction"),
    t("delivery.evidence.responsible"),
    t("delivery.evidence.date"),
    t("delivery.evidence.section"),
    t("delivery.evidence.status"),
    t("delivery.evidence.reason"),
    t("delivery.evidence.note"),
    t("delivery.evidence.loggedBy"),
    t("delivery.evidence.replaced"),
  ];
  const rows: (string | number | null)[][] = [header];
  for (const item of report.accommodations) {
    const responsible = item.responsible
      .map((r) => `${r.name}${r.acknowledgedAt ? ` (${r.acknowledgedAt.slice(0, 10)})` : ""}`)
      .join("; ");
    const base = [t(`plans.type.${item.planType}`), item.versionNumber, item.text, item.teacherAction, responsible];
    if (item.entries.length === 0) rows.push([...base, "", "", "", "", "", "", ""]);
    for (const e of item.entries) {
      rows.push([
        ...base,
        e.date,
        e.section ?? "",
        t(`delivery.log.status.${e.status}`),
        e.reason ?? "",
        e.note ?? "",
        e.loggedBy,
        e.replaced ? "x" : "",
      ]);
    }
  }
  return new Response(`\uFEFF${toCsv(rows)}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": attachmentName(`evidence-${report.student.name}-${range.from}-${range.to}`, "csv"),
      "Cache-Control": "private, no-store",
    },
  });
});
