import { getFormatter, getTranslations } from "next-intl/server";
import Link from "next/link";
import { StudentProgress } from "@/components/progress/goal-progress";
import { PageHeader } from "@/components/ui/page-header";
import { requireViewer } from "@/lib/auth";
import { getStudentProgress } from "@/lib/dal/progress";
import { listReportingPeriods } from "@/lib/dal/report-cards";
import { orNotFound } from "@/lib/http/not-found";
import {
  assignCollectorAction,
  correctGoalDataAction,
  recordGoalDataAction,
  removeCollectorAction,
} from "../../../progress/actions";

export async function generateMetadata() {
  const t = await getTranslations("progress");
  return { title: t("title") };
}

export default async function StudentProgressPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireViewer();
  const { id } = await params;
  const view = await orNotFound(getStudentProgress(viewer, id));
  // Report-period bands behind each chart: the report-card periods, or the IEP's own schedule (D-13 setting).
  const reporting =
    view.periodStart && view.periodEnd
      ? await listReportingPeriods(viewer, id, { from: view.periodStart, to: view.periodEnd })
      : null;
  const bands = reporting?.periods.map((p) => ({ from: p.start, to: p.end })) ?? [];
  const t = await getTranslations("progress");
  const tr = await getTranslations("progressReports.page");
  const format = await getFormatter();
  const date = (iso: string) => format.dateTime(new Date(`${iso}T12:00:00Z`), { dateStyle: "medium", timeZone: "UTC" });
  return (
    <>
      <PageHeader
        title={`${t("title")}: ${view.studentName}`}
        subtitle={
          view.versionNumber && view.periodStart && view.periodEnd
            ? t("subtitle", { number: view.versionNumber, start: date(view.periodStart), end: date(view.periodEnd) })
            : undefined
        }
        actions={
          <div className="flex flex-wrap gap-x-4">
            <Link
              href={`/students/${view.studentId}/progress/reports`}
              className="inline-flex min-h-11 items-center font-medium text-brand-700 underline underline-offset-2"
            >
              {tr("openReports")}
            </Link>
            <Link
              href={`/students/${view.studentId}`}
              className="inline-flex min-h-11 items-center text-brand-700 underline underline-offset-2"
            >
              {t("backToStudent")}
            </Link>
          </div>
        }
      />
      <StudentProgress
        view={view}
        bands={bands}
        actions={{
          record: recordGoalDataAction,
          correct: correctGoalDataAction,
          assign: assignCollectorAction,
          remove: removeCollectorAction,
        }}
      />
    </>
  );
}
