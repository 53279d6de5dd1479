import { NextResponse } from "next/server";
import { getViewer } from "@/lib/auth";
import { getComplianceReport } from "@/lib/dal/compliance-report";
import { complianceReportCsv } from "@/lib/deadlines/feeds";
import { httpStatusFor, isAppError } from "@/lib/errors";
import { complianceReportQuerySchema } from "@/lib/validation/deadlines";

export const dynamic = "force-dynamic";

/** The compliance report of one school year as a CSV download (`?year=2026` for 2026–27), district admins only. */
export async function GET(request: Request) {
  const viewer = await getViewer();
  if (!viewer) return NextResponse.json({ error: "unauthenticated" }, { status: 401 });
  const parsed = complianceReportQuerySchema.safeParse({
    year: new URL(request.url).searchParams.get("year") ?? undefined,
  });
  if (!parsed.success) return NextResponse.json({ error: "invalid_year", path: "year" }, { status: 400 });
  const { year } = parsed.data;
  try {
    const report = await getComplianceReport(viewer, year, "complianceReportCsv");
    return new Response(`\uFEFF${await complianceReportCsv(report, viewer.locale)}`, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="compliance-report-${year}-${year + 1}.csv"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    if (isAppError(error)) return NextResponse.json({ error: error.code }, { status: httpStatusFor[error.code] });
    throw error;
  }
}
