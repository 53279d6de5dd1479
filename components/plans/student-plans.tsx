import { getFormatter, getTranslations } from "next-intl/server";
import Link from "next/link";
import type { ReactNode } from "react";
import type { StudentCase } from "@/lib/dto/plans";
import { Card } from "../ui/card";
import { StatusBadge } from "./status-badge";

function formatDay(format: Awaited<ReturnType<typeof getFormatter>>, date: string) {
  return format.dateTime(new Date(`${date}T12:00:00Z`), { dateStyle: "medium", timeZone: "UTC" });
}

/** The plans part of the case page: each plan, its current and open versions, and what the viewer may open. */
export async function StudentPlans({ data, createButtons }: { data: StudentCase; createButtons?: ReactNode }) {
  const t = await getTranslations("plans");
  const format = await getFormatter();
  return (
    <Card title={t("casePlansTitle")} titleId="plans-title" actions={createButtons}>
      {data.plans.length === 0 ? (
        <p className="text-slate-600">{t("casePlansEmpty")}</p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {data.plans.map((plan) => (
            <li key={plan.id} className="py-3">
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-semibold">{t(`typeLong.${plan.type}`)}</span>
                {plan.current && <StatusBadge status={plan.current.status} />}
                {plan.current && (
                  <span className="text-sm text-slate-600">{t("versionLabel", { number: plan.current.number })}</span>
                )}
              </div>
              {plan.current?.status === "active" && (
                <p className="text-sm text-slate-700">
                  {plan.current.effectiveOn && t("activeSince", { date: formatDay(format, plan.current.effectiveOn) })}
                  {plan.current.reviewDue && (
                    <> · {t("reviewDue", { date: formatDay(format, plan.current.reviewDue) })}</>
                  )}
                </p>
              )}
              <p className="mt-1 flex flex-wrap gap-4 text-sm">
                {plan.canRead && (
                  <Link href={`/plans/${plan.id}`} className="text-brand-700 underline underline-offset-2">
                    {t("openPlan", { type: t(`type.${plan.type}`) })}
                  </Link>
                )}
                {plan.openDraft && plan.openDraft.status === "draft" && (
                  <Link
                    href={`/plans/${plan.id}/versions/${plan.openDraft.id}/edit`}
                    className="text-brand-700 underline underline-offset-2"
                  >
                    {t("editDraft", { number: plan.openDraft.number })}
                  </Link>
                )}
                {plan.canGlance && plan.current?.status === "active" && (
                  <Link href={`/plans/${plan.id}/glance`} className="text-brand-700 underline underline-offset-2">
                    {t("openGlance")}
                  </Link>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

/** The case timeline: lifecycle events of every plan the viewer may read, newest first. */
export async function CaseTimeline({ data }: { data: StudentCase }) {
  const t = await getTranslations("plans");
  const format = await getFormatter();
  return (
    <Card title={t("timelineTitle")} titleId="timeline-title">
      {data.timeline.length === 0 ? (
        <p className="text-slate-600">{t("timelineEmpty")}</p>
      ) : (
        <ol className="space-y-2 border-l-2 border-slate-200 pl-4 text-sm">
          {data.timeline.map((entry) => (
            <li key={`${entry.planId}-${entry.versionNumber}-${entry.event}`}>
              <time dateTime={entry.at} className="block text-slate-600">
                {format.dateTime(new Date(entry.at), { dateStyle: "medium" })}
              </time>
              <Link href={`/plans/${entry.planId}`} className="text-brand-700 underline-offset-2 hover:underline">
                {t(`timeline.${entry.event}`, { type: t(`type.${entry.planType}`), number: entry.versionNumber })}
              </Link>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
