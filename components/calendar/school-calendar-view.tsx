import { getFormatter, getTranslations } from "next-intl/server";
import type { ActionResult } from "@/lib/actions/types";
import type { CalendarImportResult, SchoolCalendarView as Calendar } from "@/lib/dto/deadlines";
import { CALENDAR_CSV_HEADER } from "@/lib/calendar/csv-import";
import { DATE_FORMAT, isoDateValue } from "../deadlines/dates";
import { ActionButton } from "../ui/action-button";
import { DataTable } from "../ui/data-table";
import { Card } from "../ui/card";
import { CalendarDayForm } from "./calendar-day-form";
import { CalendarImportForm } from "./calendar-import-form";
import { ReportCardForm } from "./report-card-form";
import { SchoolYearForm } from "./school-year-form";

type Action<I, R = unknown> = (input: I) => Promise<ActionResult<R>>;

export interface CalendarActions {
  addDay: Action<{ schoolId: string; date: string; kind: "closure" | "extra_day"; reason: string }>;
  removeDay: Action<{ schoolId: string; dayId: string }>;
  addYear: Action<{ schoolId: string; label: string; firstDay: string; lastDay: string }>;
  updateYear: Action<{ schoolId: string; label: string; firstDay: string; lastDay: string; yearId?: string }>;
  removeYear: Action<{ schoolId: string; yearId: string }>;
  importFile: Action<{ schoolId: string; fileName: string; content: string }, CalendarImportResult>;
  addReportCard: Action<{ schoolId: string; date: string; label: string }>;
  removeReportCard: Action<{ schoolId: string; reportCardId: string }>;
}

/** A school's calendar: each school year with its closures and make-up days, and (for district admins) the forms to change it. */
export async function SchoolCalendarView({ calendar, actions }: { calendar: Calendar; actions: CalendarActions }) {
  const t = await getTranslations("calendar");
  const format = await getFormatter();
  const date = (value: string) => format.dateTime(isoDateValue(value), DATE_FORMAT);
  const { schoolId, canManage } = calendar;
  return (
    <div className="space-y-6">
      {canManage && (
        <Card title={t("addDayTitle")} titleId="add-day-title">
          <p className="mb-4 text-sm text-slate-600">{t("addDayIntro")}</p>
          <CalendarDayForm schoolId={schoolId} today={calendar.today} action={actions.addDay} />
        </Card>
      )}
      {calendar.years.length === 0 && (
        <Card>
          <p className="text-slate-600">{t("noYears")}</p>
        </Card>
      )}
      {calendar.years.map((year) => (
        <Card
          key={year.id}
          title={t("yearTitle", { label: year.label, first: date(year.firstDay), last: date(year.lastDay) })}
          titleId={`year-${year.id}-title`}
          actions={
            canManage && !year.inUse ? (
              <ActionButton
                action={actions.removeYear}
                input={{ schoolId, yearId: year.id }}
                label={t("year.remove", { label: year.label })}
                confirm={t("year.removeConfirm", { label: year.label })}
                variant="danger"
              />
            ) : undefined
          }
        >
          <p className="mb-3 text-sm text-slate-600">{t("schoolDays", { count: year.schoolDays })}</p>
          {year.days.length === 0 ? (
            <p className="text-slate-600">{t("noDays")}</p>
          ) : (
            <details open={year.lastDay >= calendar.today}>
              <summary className="mb-2 cursor-pointer text-sm font-medium text-brand-700">
                {t("daysSummary", { count: year.days.length })}
              </summary>
              <DataTable
                labelledBy={`year-${year.id}-title`}
                columns={[
                  ...(["date", "kind", "reason"] as const).map((c) => ({ label: t(c) })),
                  ...(canManage ? [{ label: t("actions"), srOnly: true }] : []),
                ]}
              >
                {year.days.map((day) => (
                  <tr key={day.id}>
                    <th scope="row" className="py-1.5 pr-4 font-medium whitespace-nowrap">
                      {date(day.date)}
                    </th>
                    <td className="py-1.5 pr-4">{t(`kinds.${day.kind}`)}</td>
                    <td className="py-1.5 pr-4">{day.reason}</td>
                    {canManage && (
                      <td className="py-1.5 pr-4">
                        <ActionButton
                          action={actions.removeDay}
                          input={{ schoolId, dayId: day.id }}
                          label={t("removeDay", { date: date(day.date) })}
                          variant="secondary"
                        />
                      </td>
                    )}
                  </tr>
                ))}
              </DataTable>
            </details>
          )}
          <h3 id={`year-${year.id}-report-cards`} className="mt-4 mb-2 font-medium">
            {t("reportCards.title")}
          </h3>
          {year.reportCards.length === 0 ? (
            <p className="text-sm text-slate-600">{t("reportCards.none")}</p>
          ) : (
            <ul aria-labelledby={`year-${year.id}-report-cards`} className="space-y-1 text-sm">
              {year.reportCards.map((card) => (
                <li key={card.id} className="flex flex-wrap items-center gap-3">
                  <span className="font-medium">{date(card.date)}</span>
                  <span>{card.label}</span>
                  {canManage && (
                    <ActionButton
                      action={actions.removeReportCard}
                      input={{ schoolId, reportCardId: card.id }}
                      label={t("reportCards.remove", { date: date(card.date) })}
                      variant="secondary"
                    />
                  )}
                </li>
              ))}
            </ul>
          )}
          {canManage && (
            <details className="mt-4">
              <summary className="cursor-pointer text-sm font-medium text-brand-700">
                {t("year.edit", { label: year.label })}
              </summary>
              <div className="mt-3">
                <SchoolYearForm schoolId={schoolId} year={year} action={actions.updateYear} />
              </div>
            </details>
          )}
        </Card>
      ))}
      {canManage && (
        <>
          <Card title={t("reportCards.addTitle")} titleId="add-report-card-title">
            <p className="mb-4 text-sm text-slate-600">{t("reportCards.intro")}</p>
            <ReportCardForm schoolId={schoolId} today={calendar.today} action={actions.addReportCard} />
          </Card>
          <Card title={t("year.addTitle")} titleId="add-year-title">
            <SchoolYearForm schoolId={schoolId} action={actions.addYear} />
          </Card>
          <Card title={t("importTitle")} titleId="import-title">
            <p className="mb-2 text-sm text-slate-600">{t("importIntro")}</p>
            <details className="mb-4 text-sm">
              <summary className="cursor-pointer font-medium text-brand-700">{t("csvFormatTitle")}</summary>
              <p className="mt-2 text-slate-600">{t("csvFormat")}</p>
              <pre className="mt-2 overflow-x-auto rounded bg-slate-100 p-3 text-xs">
                {[
                  CALENDAR_CSV_HEADER.join(","),
                  "year,2026-08-26,2027-06-10,2026-2027",
                  "closure,2026-11-25,2026-11-27,Thanksgiving recess",
                  "closure,2027-02-01,,Snow day",
                  "extra_day,2027-06-11,,Make-up day",
                ].join("\n")}
              </pre>
            </details>
            <CalendarImportForm schoolId={schoolId} action={actions.importFile} />
          </Card>
        </>
      )}
    </div>
  );
}
