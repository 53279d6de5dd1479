import { getTranslations } from "next-intl/server";
import { ComplianceReportView } from "@/components/deadlines/compliance-report-view";
import { PageHeader } from "@/components/ui/page-header";
import { requireViewer } from "@/lib/auth";
import { orNotFound } from "@/lib/http/not-found";
import { getComplianceReport } from "@/lib/dal/compliance-report";
import { schoolYearOf } from "@/lib/deadlines/school-year";
import { complianceReportQuerySchema, reviewsPageSchema } from "@/lib/validation/deadlines";

export async function generateMetadata() {
  const t = await getTranslations("complianceReport");
  return { title: t("title") };
}

export default async function ComplianceReportPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await requireViewer();
  const params = await searchParams;
  const query = complianceReportQuerySchema.safeParse(params);
  const reviewsPage = reviewsPageSchema.safeParse(params.reviews);
  const t = await getTranslations("complianceReport");
  const report = await orNotFound(
    getComplianceReport(viewer, query.success ? query.data.year : schoolYearOf(viewer.today), "complianceReport", {
      detail: "late",
      reviewsPage: reviewsPage.success ? reviewsPage.data : 1,
    }),
  );
  return (
    <>
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <ComplianceReportView report={report} />
    </>
  );
}
