import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { ComplianceReportView } from "@/components/deadlines/compliance-report-view";
import { PageHeader } from "@/components/ui/page-header";
import { requireViewer } from "@/lib/auth";
import { getComplianceReport, schoolYearOf } from "@/lib/dal/compliance-report";
import { isAppError } from "@/lib/errors";
import { complianceReportQuerySchema } from "@/lib/validation/deadlines";

export async function generateMetadata() {
  const t = await getTranslations("complianceReport");
  return { title: t("title") };
}

export default async function ComplianceReportPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireViewer();
  const query = complianceReportQuerySchema.safeParse(await searchParams);
  const t = await getTranslations("complianceReport");
  let report;
  try {
    report = await getComplianceReport(viewer, query.success ? query.data.year : schoolYearOf(viewer.today));
  } catch (error) {
    if (isAppError(error) && (error.code === "NOT_FOUND" || error.code === "FORBIDDEN")) notFound();
    throw error;
  }
  return (
    <>
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <ComplianceReportView report={report} />
    </>
  );
}
