import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { EvidenceReportView } from "@/components/delivery/evidence-report";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { requireViewer } from "@/lib/auth";
import { orNotFound } from "@/lib/http/not-found";
import { getEvidenceReport } from "@/lib/dal/delivery-reports";
import { evidenceRange } from "@/lib/delivery/evidence-range";

export async function generateMetadata() {
  const t = await getTranslations("delivery.evidence");
  return { title: t("title") };
}

export default async function EvidencePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await requireViewer();
  const { id } = await params;
  const range = evidenceRange(await searchParams, viewer.today);
  const report = await orNotFound(getEvidenceReport(viewer, id, range));
  const t = await getTranslations("delivery.evidence");
  const query = `from=${range.from}&to=${range.to}`;
  return (
    <>
      <PageHeader
        title={t("title")}
        subtitle={
          <Link href={`/students/${report.student.id}`} className="underline underline-offset-2">
            {t("subtitle", {
              name: report.student.name,
              grade: report.student.grade,
              school: report.student.schoolName,
            })}
          </Link>
        }
        actions={
          <div className="no-print flex flex-wrap gap-3 text-sm">
            <a href={`/students/${report.student.id}/evidence/csv?${query}`} className="text-brand-700 underline">
              {t("csv")}
            </a>
            <a href={`/students/${report.student.id}/evidence/pdf?${query}`} className="text-brand-700 underline">
              {t("pdf")}
            </a>
          </div>
        }
      />
      <form method="get" className="no-print mb-6 flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="evidence-from" className="block text-sm font-medium">
            {t("from")}
          </label>
          <input
            id="evidence-from"
            name="from"
            type="date"
            defaultValue={range.from}
            max={viewer.today}
            className={inputClass}
          />
        </div>
        <div>
          <label htmlFor="evidence-to" className="block text-sm font-medium">
            {t("to")}
          </label>
          <input
            id="evidence-to"
            name="to"
            type="date"
            defaultValue={range.to}
            max={viewer.today}
            className={inputClass}
          />
        </div>
        <Button type="submit" variant="secondary">
          {t("show")}
        </Button>
      </form>
      <EvidenceReportView report={report} />
    </>
  );
}
