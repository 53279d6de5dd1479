import { getFormatter, getTranslations } from "next-intl/server";
import { CoverageTable } from "@/components/delivery/coverage-tables";
import { PageHeader } from "@/components/ui/page-header";
import { requireViewer } from "@/lib/auth";
import { orNotFound } from "@/lib/http/not-found";
import { getCoverage } from "@/lib/dal/delivery-reports";

export async function generateMetadata() {
  const t = await getTranslations("delivery.coverage");
  return { title: t("title") };
}

export default async function CoveragePage() {
  const viewer = await requireViewer();
  const coverage = await orNotFound(getCoverage(viewer));
  const t = await getTranslations("delivery.coverage");
  const format = await getFormatter();
  const day = (date: string) =>
    format.dateTime(new Date(`${date}T12:00:00Z`), { dateStyle: "medium", timeZone: "UTC" });
  return (
    <>
      <PageHeader
        title={t("title")}
        subtitle={
          <>
            {t(`subtitle.${coverage.scope}`)}
            {coverage.windowFrom && (
              <span className="block text-sm">
                {t("window", { from: day(coverage.windowFrom), to: day(coverage.windowTo) })}
              </span>
            )}
          </>
        }
      />
      <div className="space-y-6">
        <CoverageTable
          title={t("totals")}
          id="coverage-totals"
          rows={[{ ...coverage.totals, label: t("totals") }]}
          dimension={null}
        />
        {coverage.scope === "district" && (
          <CoverageTable title={t("bySchool")} id="coverage-schools" rows={coverage.bySchool} dimension="school" />
        )}
        <CoverageTable title={t("byTeacher")} id="coverage-teachers" rows={coverage.byTeacher} dimension="teacher" />
        <CoverageTable title={t("bySection")} id="coverage-sections" rows={coverage.bySection} dimension="section" />
      </div>
    </>
  );
}
