import { getTranslations } from "next-intl/server";
import { CaseloadTable } from "@/components/dashboard/caseload-table";
import { ChildrenList } from "@/components/dashboard/children-list";
import { SchoolTable } from "@/components/dashboard/school-table";
import { CoverageSummary, OutstandingAcknowledgments } from "@/components/dashboard/delivery-summary";
import { TeacherSections } from "@/components/dashboard/teacher-sections";
import { WorkQueueSummary } from "@/components/deadlines/work-queue-summary";
import { PageHeader } from "@/components/ui/page-header";
import { requireViewer } from "@/lib/auth";
import { orNotFound } from "@/lib/http/not-found";
import { listMyAccommodations } from "@/lib/dal/delivery";
import { getCoverage, getCoverageSummary } from "@/lib/dal/delivery-reports";
import { listSchools } from "@/lib/dal/schools";
import { listMySections } from "@/lib/dal/sections";
import { listCaseload, listMyChildren } from "@/lib/dal/students";
import { summarizeWorkQueue } from "@/lib/dal/work-queue";

export async function generateMetadata() {
  const t = await getTranslations("dashboard");
  return { title: t("title") };
}

export default async function DashboardPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await requireViewer();
  const t = await getTranslations("dashboard");
  let body;
  switch (viewer.role) {
    case "case_manager": {
      const coverage = await getCoverage(viewer);
      body = (
        <div className="space-y-6">
          <CoverageSummary {...coverage.totals} />
          <CaseloadTable rows={await listCaseload(viewer)} />
        </div>
      );
      break;
    }
    case "principal":
    case "district_admin": {
      const coverage = await getCoverageSummary(viewer);
      const { schools: after } = await searchParams;
      const schools = await orNotFound(listSchools(viewer, typeof after === "string" ? after : null));
      body = (
        <div className="space-y-6">
          <CoverageSummary {...coverage.totals} asOf={coverage.asOf} />
          <SchoolTable schools={schools.schools} next={schools.next} paged={after !== undefined} />
        </div>
      );
      break;
    }
    case "teacher":
    case "provider": {
      const accommodations = await listMyAccommodations(viewer, null);
      body = (
        <div className="space-y-6">
          <OutstandingAcknowledgments count={accommodations.outstanding} />
          <TeacherSections sections={await listMySections(viewer)} />
        </div>
      );
      break;
    }
    case "parent":
      body = <ChildrenList items={await listMyChildren(viewer)} />;
      break;
  }
  return (
    <>
      <PageHeader title={t("greeting", { name: viewer.name })} subtitle={t(`subtitle.${viewer.role}`)} />
      {body}
      {viewer.role !== "parent" && <WorkQueueSummary summary={await summarizeWorkQueue(viewer)} />}
    </>
  );
}
