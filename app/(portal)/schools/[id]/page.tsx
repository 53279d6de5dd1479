import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { DesignateCoordinatorForm } from "@/components/designate-coordinator-form";
import { PlanCells, PlanHeaderCells } from "@/components/plans/plan-cells";
import { ActionButton } from "@/components/ui/action-button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Stat } from "@/components/ui/stat";
import { requireViewer } from "@/lib/auth";
import { orNotFound } from "@/lib/http/not-found";
import { getSchoolOverview } from "@/lib/dal/schools";
import { designateCoordinatorAction, removeCoordinatorAction } from "./actions";
import { keyIn } from "@/lib/i18n/keys";

export async function generateMetadata() {
  const t = await getTranslations("school");
  return { title: t("title") };
}

export default async function SchoolPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await requireViewer();
  const { id } = await params;
  const query = await searchParams;
  const page = typeof query.page === "string" && /^\d{1,6}$/.test(query.page) ? Number(query.page) : 1;
  const t = await getTranslations("school");
  const school = await orNotFound(getSchoolOverview(viewer, id, page));
  return (
    <>
      <PageHeader
        title={school.name}
        subtitle={t(keyIn("school", `levels.${school.level}`))}
        actions={
          <Link href={`/schools/${school.id}/calendar`} className="text-brand-700 underline underline-offset-2">
            {t("calendarLink")}
          </Link>
        }
      />
      <div className="space-y-6">
        <Card title={t("countsTitle")} titleId="counts-title">
          <dl className="grid gap-3 sm:grid-cols-3">
            <Stat label={t("studentCount")} value={school.studentCount} />
            <Stat label={t("onCaseload")} value={school.onCaseloadCount} />
            <Stat label={t("gradeCount")} value={school.gradeCounts.length} />
          </dl>
          <h3 className="mt-5 mb-2 font-medium">{t("byGrade")}</h3>
          <ul className="flex flex-wrap gap-2 text-sm">
            {school.gradeCounts.map((g) => (
              <li key={g.grade} className="rounded-md bg-slate-100 px-3 py-1">
                {t("gradeCountItem", { grade: g.grade, count: g.count })}
              </li>
            ))}
          </ul>
        </Card>
        <Card title={t("coordinatorsTitle")} titleId="coordinators-title">
          {school.coordinators.length === 0 ? (
            <p className="mb-4 text-slate-600">{t("noCoordinator")}</p>
          ) : (
            <ul className="mb-4 divide-y divide-slate-100">
              {school.coordinators.map((c) => (
                <li key={c.userId} className="flex items-center justify-between gap-2 py-2">
                  <span>{c.name}</span>
                  {school.canDesignateCoordinator && (
                    <ActionButton
                      action={removeCoordinatorAction}
                      input={{ schoolId: school.id, userId: c.userId }}
                      label={t("coordinatorRemove", { name: c.name })}
                      variant="danger"
                    />
                  )}
                </li>
              ))}
            </ul>
          )}
          {school.canDesignateCoordinator && (
            <DesignateCoordinatorForm
              schoolId={school.id}
              staff={school.staffOptions}
              action={designateCoordinatorAction}
            />
          )}
        </Card>
        <Card title={t("studentsTitle")} titleId="students-title">
          <div className="overflow-x-auto">
            <table className="min-w-full text-left text-sm" aria-labelledby="students-title">
              <thead className="border-b border-slate-200 text-slate-600">
                <tr>
                  <th scope="col" className="py-2 pr-4 font-medium">
                    {t("student")}
                  </th>
                  <th scope="col" className="py-2 pr-4 font-medium">
                    {t("grade")}
                  </th>
                  <PlanHeaderCells />
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {school.students.map((s) => (
                  <tr key={s.id}>
                    <th scope="row" className="py-2 pr-4 font-medium">
                      <Link href={`/students/${s.id}`} className="text-brand-700 underline-offset-2 hover:underline">
                        {s.name}
                      </Link>
                    </th>
                    <td className="py-2 pr-4">{s.grade}</td>
                    <PlanCells plan={s.plan} />
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {school.pageCount > 1 && (
            <nav aria-label={t("pagination")} className="mt-4 flex items-center gap-4 text-sm">
              {school.page > 1 && (
                <Link href={`/schools/${school.id}?page=${school.page - 1}`} className="text-brand-700 underline">
                  {t("previous")}
                </Link>
              )}
              <span>{t("pageOf", { page: school.page, count: school.pageCount })}</span>
              {school.page < school.pageCount && (
                <Link href={`/schools/${school.id}?page=${school.page + 1}`} className="text-brand-700 underline">
                  {t("next")}
                </Link>
              )}
            </nav>
          )}
        </Card>
      </div>
    </>
  );
}
