import { useFormatter, useLocale, useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/actions/types";
import type { GoalProgressView, StudentProgressView } from "@/lib/dto/progress";
import { keyIn } from "@/lib/i18n/keys";
import { formatMeasureValue } from "@/lib/progress/format";
import { chartSeries } from "@/lib/progress/series";
import type { GoalMeasure } from "@/lib/validation/goal-measure";
import { GoalChart } from "./goal-chart";
import { CollectorsPanel, CorrectionForm, GoalEntryForm } from "./goal-forms";

type Action<T> = (input: unknown) => Promise<ActionResult<T>>;

export interface ProgressActions {
  record: Action<{ id: string }>;
  correct: Action<{ id: string }>;
  assign: Action<{ assigned: boolean }>;
  remove: Action<null>;
}

function useValueText() {
  const locale = useLocale();
  return (measure: GoalMeasure | null, value: number | null) => formatMeasureValue(measure, value, locale);
}

function MeasureSummary({ measure }: { measure: GoalMeasure | null }) {
  const t = useTranslations("progress.measure");
  const format = useFormatter();
  const valueText = useValueText();
  if (!measure) return <p className="text-sm text-slate-700">{t("none")}</p>;
  if (measure.unit === "qualitative") return <p className="text-sm text-slate-700">{t("qualitative")}</p>;
  return (
    <p className="text-sm text-slate-800">
      <span className="font-medium">{t(`unit.${measure.unit}`)}</span> · {t(`direction.${measure.direction}`)} ·{" "}
      {t("summary", {
        baseline: valueText(measure, measure.baseline),
        target: valueText(measure, measure.target),
        date: measure.baselineDate
          ? format.dateTime(new Date(`${measure.baselineDate}T12:00:00Z`), { dateStyle: "medium", timeZone: "UTC" })
          : "—",
      })}
    </p>
  );
}

/** A reporting period drawn behind the chart (from the day after one report-card date to the next). */
export interface ReportBand {
  from: string;
  to: string;
}

function GoalCard({
  goal,
  view,
  actions,
  bands,
}: {
  goal: GoalProgressView;
  view: StudentProgressView;
  actions: ProgressActions;
  bands: ReportBand[];
}) {
  const t = useTranslations("progress");
  const tp = useTranslations("plans");
  const format = useFormatter();
  const valueText = useValueText();
  const n = goal.position + 1;
  const date = (iso: string) => format.dateTime(new Date(`${iso}T12:00:00Z`), { dateStyle: "medium", timeZone: "UTC" });
  const goalPoints = goal.points.filter((p) => p.objectiveId === null && p.value !== null);
  const legend = { data: t("chart.data"), aimline: t("chart.aimline"), trend: t("chart.trend") };
  const period = { periodStart: view.periodStart, periodEnd: view.periodEnd, bands };
  const series = chartSeries({ measure: goal.measure, points: goalPoints, ...period });
  const measureOf = (objectiveId: string | null) =>
    (objectiveId ? goal.objectives.find((o) => o.id === objectiveId)?.measure : null) ?? goal.measure;
  const headingId = `goal-${goal.id}-title`;
  return (
    <section
      aria-labelledby={headingId}
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
    >
      <div>
        <h2 id={headingId} className="text-lg font-semibold">
          {t("goalN", { n })} · {tp(keyIn("plans", `options.area.${goal.area}`))}
        </h2>
        <p className="mt-1">{goal.text}</p>
        <MeasureSummary measure={goal.measure} />
      </div>
      {series && <GoalChart label={t("chart.label", { n })} legend={legend} series={series} />}
      {goal.points.some((p) => p.observedOn < (view.periodStart ?? "")) && (
        <p className="text-sm text-slate-700">{t("chart.earlierVersions")}</p>
      )}
      {goal.points.length === 0 ? (
        <p className="text-sm text-slate-700">{t("chart.noData")}</p>
      ) : (
        <details>
          <summary className="cursor-pointer font-medium text-brand-700 underline underline-offset-2">
            {t("chart.tableSummary", { count: goal.points.length })}
          </summary>
          <div className="mt-2 overflow-x-auto">
            <table className="min-w-full text-left text-sm">
              <caption className="sr-only">{t("table.caption", { n })}</caption>
              <thead>
                <tr className="border-b border-slate-300">
                  <th scope="col" className="py-2 pr-3">
                    {t("table.date")}
                  </th>
                  <th scope="col" className="py-2 pr-3">
                    {t("table.value")}
                  </th>
                  {goal.objectives.length > 0 && (
                    <th scope="col" className="py-2 pr-3">
                      {t("table.on")}
                    </th>
                  )}
                  {view.staffView && (
                    <>
                      <th scope="col" className="py-2 pr-3">
                        {t("table.method")}
                      </th>
                      <th scope="col" className="py-2 pr-3">
                        {t("table.note")}
                      </th>
                      <th scope="col" className="py-2 pr-3">
                        {t("table.collector")}
                      </th>
                      <th scope="col" className="py-2 pr-3">
                        {t("table.status")}
                      </th>
                    </>
                  )}
                </tr>
              </thead>
              <tbody>
                {goal.points.map((p) => {
                  const objective = goal.objectives.find((o) => o.id === p.objectiveId);
                  return (
                    <tr key={p.id} className="border-b border-slate-100 align-top">
                      <td className="py-2 pr-3 whitespace-nowrap">{date(p.observedOn)}</td>
                      <td className="py-2 pr-3">{valueText(measureOf(p.objectiveId), p.value)}</td>
                      {goal.objectives.length > 0 && (
                        <td className="py-2 pr-3">
                          {objective ? t("objectiveN", { n: objective.position + 1 }) : t("table.goal")}
                        </td>
                      )}
                      {view.staffView && (
                        <>
                          <td className="py-2 pr-3">
                            {p.method}
                            {p.setting ? ` · ${p.setting}` : ""}
                          </td>
                          <td className="py-2 pr-3">{p.note}</td>
                          <td className="py-2 pr-3">{p.collectorName}</td>
                          <td className="py-2 pr-3">
                            {p.corrected && p.correctionReason
                              ? t("table.corrected", { reason: p.correctionReason })
                              : ""}
                            {goal.canRecord && (
                              <CorrectionForm
                                pointId={p.id}
                                date={date(p.observedOn)}
                                measure={measureOf(p.objectiveId)}
                                action={actions.correct}
                              />
                            )}
                          </td>
                        </>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </details>
      )}
      {goal.objectives.map((objective) => {
        const points = goal.points.filter((p) => p.objectiveId === objective.id && p.value !== null);
        const objectiveSeries = chartSeries({ measure: objective.measure, points, ...period });
        if (!objectiveSeries || points.length === 0) return null;
        const values = { n, objective: objective.position + 1 };
        return (
          <div key={objective.id} className="space-y-2 border-t border-slate-200 pt-4">
            <h3 className="font-semibold">{t("objectiveN", { n: objective.position + 1 })}</h3>
            <p className="text-sm">{objective.text}</p>
            <MeasureSummary measure={objective.measure} />
            <GoalChart label={t("chart.objectiveLabel", values)} legend={legend} series={objectiveSeries} />
            <details>
              <summary className="cursor-pointer font-medium text-brand-700 underline underline-offset-2">
                {t("chart.objectiveTableSummary", { ...values, count: points.length })}
              </summary>
              <table className="mt-2 min-w-full text-left text-sm">
                <caption className="sr-only">{t("table.objectiveCaption", values)}</caption>
                <thead>
                  <tr className="border-b border-slate-300">
                    <th scope="col" className="py-2 pr-3">
                      {t("table.date")}
                    </th>
                    <th scope="col" className="py-2 pr-3">
                      {t("table.value")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {points.map((p) => (
                    <tr key={p.id} className="border-b border-slate-100">
                      <td className="py-2 pr-3 whitespace-nowrap">{date(p.observedOn)}</td>
                      <td className="py-2 pr-3">{valueText(objective.measure, p.value)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          </div>
        );
      })}
      {goal.canRecord && (
        <div className="border-t border-slate-200 pt-4">
          <h3 className="mb-2 font-semibold">{t("entry.title")}</h3>
          <GoalEntryForm
            goalId={goal.id}
            measure={goal.measure}
            objectives={goal.objectives}
            today={view.today}
            backdateDays={view.backdateReasonSchoolDays}
            action={actions.record}
          />
        </div>
      )}
      {view.staffView && (
        <div className="border-t border-slate-200 pt-4">
          <h3 className="mb-2 font-semibold">{t("collectors.title")}</h3>
          <CollectorsPanel
            goalId={goal.id}
            collectors={goal.collectors}
            candidates={view.candidates}
            canAssign={view.canAssign}
            assign={actions.assign}
            remove={actions.remove}
          />
        </div>
      )}
    </section>
  );
}

/** A student's goals: measure, chart against the aimline, data table, quick entry and collectors. */
export function StudentProgress({
  view,
  actions,
  bands = [],
}: {
  view: StudentProgressView;
  actions: ProgressActions;
  bands?: ReportBand[];
}) {
  const t = useTranslations("progress");
  if (!view.versionId) return <p>{t("noPlan")}</p>;
  if (view.goals.length === 0) return <p>{t("noGoals")}</p>;
  return (
    <div className="space-y-6">
      {view.goals.map((goal) => (
        <GoalCard key={goal.id} goal={goal} view={view} actions={actions} bands={bands} />
      ))}
    </div>
  );
}
