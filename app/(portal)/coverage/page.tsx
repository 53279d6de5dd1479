import { getFormatter, getTranslations } from "next-intl/server";
import Link from "next/link";
import { AsOf } from "@/components/dashboard/delivery-summary";
import { CoverageTable } from "@/components/delivery/coverage-tables";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { requireViewer } from "@/lib/auth";
import { orNotFound } from "@/lib/http/not-found";
import { getCoverage } from "@/lib/dal/delivery-reports";
import { isUuid } from "@/lib/validation/ids";

export async function generateMetadata() {
  const t = await getTranslations("delivery.coverage");
  return { title: t("title") };
}

export default async function CoveragePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await requireViewer();
  const query = await searchParams;
  const school = typeof query.school === "string" ? query.school : undefined;
  if (school !== undefined && !isUuid(school)) notFound();
  const page = typeof query.page === "string" && /^\d{1,6}$/.test(query.page) ? Number(query.page) : 1;
  const coverage = await orNotFound(getCoverage(viewer, { schoolId: school, page }));
  const t = await getTranslations("delivery.coverage");
  const format = await getFormatter();
  const day = (date: string) =>
    format.dateTime(new Date(`${date}T12:00:00Z`), { dateStyle: "medium", timeZone: "UTC" });
  return (
    <>
      <PageHeader
        title={coverage.school ? t("schoolTitle", { school: coverage.school.name }) : t("title")}
        subtitle={
          <>
            {coverage.school ? (
              <Link href="/coverage" className="text-brand-700 underline underline-offset-2">
                {t("allSchools")}
              </Link>
            ) : (
              t(`subtitle.${coverage.scope}`)
            )}
            {coverage.windowFrom && (
              <span className="block text-sm">
                {t("window", { from: day(coverage.windowFrom), to: day(coverage.windowTo) })}
              </span>
            )}
            {coverage.asOf && <AsOf asOf={coverage.asOf} />}
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
        {coverage.scope === "district" ? (
          <>
            <CoverageTable title={t("bySchool")} id="coverage-schools" rows={coverage.bySchool} dimension="school" />
            {coverage.pageCount > 1 && (
              <nav aria-label={t("pagination")} className="flex items-center gap-4 text-sm">
                {coverage.page > 1 && (
                  <Link href={`/coverage?page=${coverage.page - 1}`} className="text-brand-700 underline">
                    {t("previous")}
                  </Link>
                )}
                <span>{t("pageOf", { page: coverage.page, pages: coverage.pageCount })}</span>
                {coverage.page < coverage.pageCount && (
                  <Link href={`/coverage?page=${coverage.page + 1}`} className="text-brand-700 underline">
                    {t("next")}
                  </Link>
                )}
              </nav>
            )}
          </>
        ) : (
          <>
            <CoverageTable
              title={t("byTeacher")}
              id="coverage-teachers"
              rows={coverage.byTeacher}
              dimension="teacher"
            />
            <CoverageTable
              title={t("bySection")}
              id="coverage-sections"
              rows={coverage.bySection}
              dimension="section"
            />
          </>
        )}
      </div>
    </>
  );
}
