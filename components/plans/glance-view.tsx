import { getFormatter, getTranslations } from "next-intl/server";
import type { GlanceView } from "@/lib/dto/plans";
import { Alert } from "../ui/alert";
import { Card } from "../ui/card";
import { keyIn } from "@/lib/i18n/keys";

/** The one-page "at a glance" for implementers: what to do, flagged for class and tests. */
export async function GlanceContent({ glance }: { glance: GlanceView }) {
  const t = await getTranslations("plans");
  const format = await getFormatter();
  if (!glance.version) return <Alert tone="info">{t("glance.noActive")}</Alert>;
  return (
    <div className="space-y-6">
      <p className="text-slate-700">
        {t("glance.subtitle", {
          name: glance.student.name,
          grade: glance.student.grade,
          type: t(`type.${glance.plan.type}`),
          number: glance.version.number,
          date: glance.version.effectiveOn
            ? format.dateTime(new Date(`${glance.version.effectiveOn}T12:00:00Z`), {
                dateStyle: "medium",
                timeZone: "UTC",
              })
            : "—",
        })}
      </p>
      <Alert tone="info">{t("glance.intro")}</Alert>
      <ul className="grid gap-4 md:grid-cols-2">
        {glance.accommodations.map((item) => (
          <li key={item.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <h2 className="font-semibold">{item.text}</h2>
            <p className="mt-1">{item.teacherAction}</p>
            <p className="mt-2 flex flex-wrap gap-2 text-xs font-semibold">
              {item.classroom && (
                <span className="rounded bg-sky-100 px-2 py-0.5 text-sky-900">{t("glance.classroom")}</span>
              )}
              {item.testing && (
                <span className="rounded bg-amber-100 px-2 py-0.5 text-amber-900">{t("glance.testing")}</span>
              )}
              {item.kind === "modification" && (
                <span className="rounded bg-purple-100 px-2 py-0.5 text-purple-900">{t("glance.modification")}</span>
              )}
            </p>
            {item.responsible && (
              <p className="mt-1 text-sm text-slate-600">
                {t("fields.responsible")}: {item.responsible}
              </p>
            )}
          </li>
        ))}
      </ul>
      {glance.myServices.length > 0 && (
        <Card title={t("glance.myServices")} titleId="my-services">
          <ul className="list-disc pl-5">
            {glance.myServices.map((s) => (
              <li key={s.id}>
                {t("glance.serviceLine", {
                  type: s.serviceType,
                  minutes: s.minutes,
                  frequency: t(keyIn("plans", `options.frequency.${s.frequency}`)),
                })}
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}
