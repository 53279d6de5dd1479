import { getFormatter, getTranslations } from "next-intl/server";
import type { EvidenceReport } from "@/lib/dto/delivery";
import { Alert } from "../ui/alert";
import { messageKey } from "@/lib/i18n/keys";

/** The evidence report as a page: each accommodation, who was responsible, and the log. */
export async function EvidenceReportView({ report }: { report: EvidenceReport }) {
  const t = await getTranslations();
  const format = await getFormatter();
  const day = (date: string | null) =>
    date
      ? format.dateTime(new Date(date.length === 10 ? `${date}T12:00:00Z` : date), {
          dateStyle: "medium",
          timeZone: date.length === 10 ? "UTC" : undefined,
        })
      : t("delivery.evidence.ongoing");
  if (report.accommodations.length === 0) return <Alert tone="info">{t("delivery.evidence.empty")}</Alert>;
  return (
    <ol className="space-y-6">
      {report.accommodations.map((item) => (
        <li key={item.id} className="break-inside-avoid rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
          <h2 className="text-lg font-semibold">{item.text}</h2>
          <p className="text-sm text-slate-600">
            {t("delivery.evidence.version", {
              type: t(`plans.type.${item.planType}`),
              number: item.versionNumber,
              from: day(item.effectiveOn),
              to: day(item.endedOn),
            })}
          </p>
          <p className="mt-1">{item.teacherAction}</p>
          <h3 className="mt-3 font-semibold">{t("delivery.evidence.responsible")}</h3>
          <ul className="list-disc pl-5 text-sm">
            {item.responsible.map((r, i) => (
              <li key={`${r.name}-${r.section}-${i}`}>
                {r.name} ({t(messageKey(`delivery.evidence.roles.${r.role}`))}
                {r.section ? `, ${r.section}` : ""}) · {day(r.from)} – {day(r.to)} ·{" "}
                {r.acknowledgedAt ? (
                  t("delivery.evidence.acknowledgedOn", { date: day(r.acknowledgedAt) })
                ) : (
                  <strong className="text-red-800">{t("delivery.evidence.notAcknowledged")}</strong>
                )}
              </li>
            ))}
          </ul>
          <h3 className="mt-3 font-semibold">{t("delivery.evidence.entries")}</h3>
          <p className="text-sm">{t("delivery.evidence.counts", item.counts)}</p>
          {item.entries.length === 0 ? (
            <p className="text-sm text-slate-600">{t("delivery.evidence.noEntries")}</p>
          ) : (
            <div className="mt-2 overflow-x-auto">
              <table className="min-w-full text-left text-sm">
                <caption className="sr-only">{t("delivery.evidence.entries")}</caption>
                <thead className="border-b border-slate-200 text-slate-600">
                  <tr>
                    <th scope="col" className="py-1 pr-3 font-medium">
                      {t("delivery.evidence.date")}
                    </th>
                    <th scope="col" className="py-1 pr-3 font-medium">
                      {t("delivery.evidence.section")}
                    </th>
                    <th scope="col" className="py-1 pr-3 font-medium">
                      {t("delivery.evidence.status")}
                    </th>
                    <th scope="col" className="py-1 pr-3 font-medium">
                      {t("delivery.evidence.reason")}
                    </th>
                    {report.showNotes && (
                      <th scope="col" className="py-1 pr-3 font-medium">
                        {t("delivery.evidence.note")}
                      </th>
                    )}
                    <th scope="col" className="py-1 pr-3 font-medium">
                      {t("delivery.evidence.loggedBy")}
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {item.entries.map((e, i) => (
                    <tr key={i} className={e.replaced ? "text-slate-500 line-through" : ""}>
                      <td className="py-1 pr-3 whitespace-nowrap">{day(e.date)}</td>
                      <td className="py-1 pr-3">{e.section ?? "—"}</td>
                      <td className="py-1 pr-3">
                        {t(`delivery.log.status.${e.status}`)}
                        {e.replaced && <span className="sr-only"> ({t("delivery.evidence.replaced")})</span>}
                      </td>
                      <td className="py-1 pr-3">{e.reason ?? ""}</td>
                      {report.showNotes && <td className="py-1 pr-3">{e.note ?? ""}</td>}
                      <td className="py-1 pr-3">{e.loggedBy}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </li>
      ))}
    </ol>
  );
}
