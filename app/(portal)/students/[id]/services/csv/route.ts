import { getTranslations } from "next-intl/server";
import { NextResponse } from "next/server";
import { toCsv } from "@/lib/csv";
import { exportStudentServiceSessions } from "@/lib/dal/services";
import { attachmentName, withViewer } from "@/lib/http/route";
import { serviceExportRange } from "@/lib/services/export-range";

export const dynamic = "force-dynamic";

/**
 * The student's service sessions as CSV (what compensatory-services decisions and Medicaid claims
 * need): one row per session, corrections kept and flagged. `?from=&to=` (default: the 365 days up to
 * today; a bad parameter is a 400 naming it); staff who hold the whole record only.
 */
export const GET = withViewer<{ params: Promise<{ id: string }> }>(async (viewer, request, { params }) => {
  const { id } = await params;
  const parsed = serviceExportRange(Object.fromEntries(new URL(request.url).searchParams), viewer.today);
  if ("error" in parsed) return NextResponse.json(parsed, { status: 400 });
  const { range } = parsed;
  const out = await exportStudentServiceSessions(viewer, id, range);
  const t = await getTranslations();
  const rows: (string | number | null)[][] = [
    [
      t("services.csv.student"),
      t("services.csv.sasid"),
      t("services.csv.service"),
      t("services.csv.category"),
      t("services.csv.version"),
      t("services.csv.provider"),
      t("services.csv.loggedBy"),
      t("services.csv.date"),
      t("services.csv.minutes"),
      t("services.csv.groupSize"),
      t("services.csv.status"),
      t("services.csv.makeUpFor"),
      t("services.csv.goals"),
      t("services.csv.replaced"),
    ],
  ];
  for (const r of out.rows) {
    rows.push([
      r.student,
      r.sasid,
      r.service,
      r.category,
      r.versionNumber,
      r.provider ?? "",
      r.loggedBy,
      r.date,
      r.minutes,
      r.groupSize,
      t(`services.status.${r.status}`),
      r.makeUpFor ?? "",
      r.goals,
      r.replaced ? "x" : "",
    ]);
  }
  return new Response(`\uFEFF${toCsv(rows)}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": attachmentName(`service-sessions-${out.student.name}-${range.from}-${range.to}`, "csv"),
      "Cache-Control": "private, no-store",
    },
  });
});
