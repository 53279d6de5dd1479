import { getFormatter, getTranslations } from "next-intl/server";
import type { ServiceMinutesView } from "@/lib/dto/services";
import type { MinutesLine } from "@/lib/services/minutes";
import { DataTable } from "../ui/data-table";

/** Required vs delivered minutes of one service: the totals, then by week and by month (latest first). */
export async function MinutesTables({ service, weeks = 8 }: { service: ServiceMinutesView; weeks?: number }) {
  const t = await getTranslations("services.page");
  const format = await getFormatter();
  const day = (date: string) =>
    format.dateTime(new Date(`${date}T12:00:00Z`), { dateStyle: "medium", timeZone: "UTC" });
  const month = (date: string) =>
    format.dateTime(new Date(`${date}T12:00:00Z`), { month: "long", year: "numeric", timeZone: "UTC" });
  const columns = (first: string) => [
    { label: first },
    { label: t("required"), align: "right" as const },
    { label: t("delivered"), align: "right" as const },
    { label: t("excused"), align: "right" as const },
    { label: t("owed"), align: "right" as const },
    { label: t("shortfall"), align: "right" as const },
  ];
  const row = (line: MinutesLine, label: string) => (
    <tr key={line.start} className="border-b border-slate-100">
      <th scope="row" className="py-2 pr-4 font-normal" data-label={label}>
        {label === t("weekOf") ? day(line.start) : month(line.start)}
      </th>
      <td className="py-2 pr-4 text-right" data-label={t("required")}>
        {line.required}
      </td>
      <td className="py-2 pr-4 text-right" data-label={t("delivered")}>
        {line.delivered}
      </td>
      <td className="py-2 pr-4 text-right" data-label={t("excused")}>
        {line.excused}
      </td>
      <td className="py-2 pr-4 text-right" data-label={t("owed")}>
        {line.owed}
      </td>
      <td
        className={`py-2 pr-4 text-right ${line.shortfall > 0 ? "font-semibold text-red-800" : ""}`}
        data-label={t("shortfall")}
      >
        {line.shortfall}
      </td>
    </tr>
  );
  const id = `service-${service.serviceId}`;
  return (
    <div className="space-y-4">
      <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-5" data-testid={`${id}-totals`}>
        {(["required", "delivered", "excused", "owed", "shortfall"] as const).map((key) => (
          <div key={key} className="rounded border border-slate-200 p-2">
            <dt className="text-slate-600">{t(key)}</dt>
            <dd className="text-lg font-semibold" data-testid={`${id}-${key}`}>
              {service.total[key]}
            </dd>
          </div>
        ))}
      </dl>
      <h4 id={`${id}-weeks`} className="font-medium">
        {t("weeksTitle")}
      </h4>
      <DataTable labelledBy={`${id}-weeks`} columns={columns(t("weekOf"))} stackOnPhone>
        {service.weeks.slice(0, weeks).map((line) => row(line, t("weekOf")))}
      </DataTable>
      <h4 id={`${id}-months`} className="font-medium">
        {t("monthsTitle")}
      </h4>
      <DataTable labelledBy={`${id}-months`} columns={columns(t("month"))} stackOnPhone>
        {service.months.map((line) => row(line, t("month")))}
      </DataTable>
    </div>
  );
}
