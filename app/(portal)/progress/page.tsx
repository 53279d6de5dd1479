import { getFormatter, getTranslations } from "next-intl/server";
import Link from "next/link";
import { GroupSession } from "@/components/progress/group-session";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireViewer } from "@/lib/auth";
import { listMyGoals } from "@/lib/dal/progress";
import { orNotFound } from "@/lib/http/not-found";
import { recordSessionAction } from "./actions";

export async function generateMetadata() {
  const t = await getTranslations("progress");
  return { title: t("group.title") };
}

export default async function GoalDataPage() {
  const viewer = await requireViewer();
  const data = await orNotFound(listMyGoals(viewer));
  const t = await getTranslations("progress");
  const format = await getFormatter();
  const date = (iso: string) => format.dateTime(new Date(`${iso}T12:00:00Z`), { dateStyle: "medium", timeZone: "UTC" });
  const students = [...new Map(data.goals.map((g) => [g.studentId, g])).values()];
  return (
    <>
      <PageHeader title={t("group.title")} subtitle={t("group.subtitle")} />
      {data.goals.length === 0 ? (
        <Alert tone="info">{t("group.none")}</Alert>
      ) : (
        <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
          <GroupSession
            goals={data.goals}
            today={data.today}
            backdateDays={data.backdateReasonSchoolDays}
            action={recordSessionAction}
          />
          <Card title={t("group.open")} titleId="students-title">
            <ul className="space-y-3">
              {students.map((s) => (
                <li key={s.studentId}>
                  <Link
                    href={`/students/${s.studentId}/progress`}
                    className="inline-flex min-h-11 items-center text-brand-700 underline underline-offset-2"
                  >
                    {s.studentName}
                  </Link>
                  <ul className="text-sm text-slate-700">
                    {data.goals
                      .filter((g) => g.studentId === s.studentId)
                      .map((g) => (
                        <li key={g.goalId}>
                          {t("goalN", { n: g.goalNumber })}:{" "}
                          {g.lastObservedOn
                            ? t("group.lastObserved", { date: date(g.lastObservedOn) })
                            : t("group.never")}
                        </li>
                      ))}
                  </ul>
                </li>
              ))}
            </ul>
          </Card>
        </div>
      )}
    </>
  );
}
