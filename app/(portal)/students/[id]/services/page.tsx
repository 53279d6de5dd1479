import { getFormatter, getTranslations } from "next-intl/server";
import Link from "next/link";
import { MinutesTables } from "@/components/services/minutes-tables";
import { SessionForm } from "@/components/services/session-form";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { PageHeader } from "@/components/ui/page-header";
import { requireViewer } from "@/lib/auth";
import { getStudentServices } from "@/lib/dal/services";
import { orNotFound } from "@/lib/http/not-found";
import { logServiceSessionAction } from "../../../services/actions";

export async function generateMetadata() {
  const t = await getTranslations("services.page");
  return { title: t("link") };
}

export default async function StudentServicesPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireViewer();
  const { id } = await params;
  const view = await orNotFound(getStudentServices(viewer, id));
  const t = await getTranslations("services");
  const format = await getFormatter();
  const day = (date: string) =>
    format.dateTime(new Date(`${date}T12:00:00Z`), { dateStyle: "medium", timeZone: "UTC" });
  return (
    <>
      <PageHeader
        title={t("page.title", { name: view.student.name })}
        subtitle={
          <Link href={`/students/${view.student.id}`} className="underline underline-offset-2">
            {view.student.name}
          </Link>
        }
        actions={
          view.canExport && (
            <a href={`/students/${view.student.id}/services/csv`} className="text-sm text-brand-700 underline" download>
              {t("page.export")}
            </a>
          )
        }
      />
      <div className="mb-6 space-y-2 text-sm">
        <p>{t("page.intro")}</p>
        <p className="text-slate-700">{t("page.rule")}</p>
        {view.canExport && <p className="text-slate-700">{t("page.exportHint")}</p>}
      </div>
      {view.services.length === 0 && <p>{t("page.noServices")}</p>}
      <div className="space-y-6">
        {view.services.map((service) => {
          const titleId = `service-title-${service.serviceId}`;
          return (
            <Card
              key={service.serviceId}
              titleId={titleId}
              title={`${service.serviceType} · ${t("requirement", { minutes: service.minutes, frequency: service.frequency })}`}
            >
              <div className="space-y-4" data-testid={`service-${service.serviceId}`}>
                <p className="text-sm text-slate-700">
                  {t("page.version", { number: service.versionNumber })}
                  {service.provider && <> · {t("page.provider", { name: service.provider })}</>} ·{" "}
                  {t("page.counted", { from: day(service.from), to: day(service.to) })}
                </p>
                <Alert tone={service.short ? "warning" : "success"}>
                  {service.short ? t("page.short", { percent: view.shortfallPercent }) : t("page.onTrack")}
                </Alert>
                <MinutesTables service={service} />
                <h4 id={`${titleId}-sessions`} className="font-medium">
                  {t("page.sessionsTitle")}
                </h4>
                {service.sessions.length === 0 ? (
                  <p className="text-sm">{t("page.noSessions")}</p>
                ) : (
                  <DataTable
                    labelledBy={`${titleId}-sessions`}
                    stackOnPhone
                    columns={[
                      { label: t("page.date") },
                      { label: t("page.minutes"), align: "right" },
                      { label: t("page.status") },
                      { label: t("page.group") },
                      { label: t("page.goals"), align: "right" },
                      ...(service.sessions.some((s) => s.loggedBy !== null)
                        ? [{ label: t("page.loggedBy") }, { label: t("page.note") }]
                        : []),
                    ]}
                  >
                    {service.sessions.map((s) => (
                      <tr key={s.id} className="border-b border-slate-100">
                        <td className="py-2 pr-4" data-label={t("page.date")}>
                          {day(s.date)}
                        </td>
                        <td className="py-2 pr-4 text-right" data-label={t("page.minutes")}>
                          {s.minutes}
                        </td>
                        <td className="py-2 pr-4" data-label={t("page.status")}>
                          {t(`status.${s.status}`)}
                          {s.makeUp && <> · {t("page.makeUp")}</>}
                          {s.corrected && <> · {t("page.corrected")}</>}
                        </td>
                        <td className="py-2 pr-4" data-label={t("page.group")}>
                          {s.groupSize > 1 ? t("page.groupOf", { size: s.groupSize }) : t("page.individual")}
                        </td>
                        <td className="py-2 pr-4 text-right" data-label={t("page.goals")}>
                          {s.goals}
                        </td>
                        {s.loggedBy !== null && (
                          <>
                            <td className="py-2 pr-4" data-label={t("page.loggedBy")}>
                              {s.loggedBy}
                            </td>
                            <td className="py-2 pr-4" data-label={t("page.note")}>
                              {s.note}
                            </td>
                          </>
                        )}
                      </tr>
                    ))}
                  </DataTable>
                )}
                {service.canLog && (
                  <SessionForm
                    serviceId={service.serviceId}
                    defaultMinutes={service.minutes}
                    today={view.today}
                    goals={service.goals}
                    missed={service.missed}
                    action={logServiceSessionAction}
                  />
                )}
              </div>
            </Card>
          );
        })}
      </div>
    </>
  );
}
