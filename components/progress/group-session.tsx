"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import type { ActionResult } from "@/lib/actions/types";
import type { MyGoalRow } from "@/lib/dto/progress";
import { messageKey } from "@/lib/i18n/keys";
import { percentOf } from "@/lib/validation/goal-measure";
import { useActionRunner, ValueInput } from "./goal-forms";
import { ObservationFields, useObservation } from "./observation-fields";

interface RowState {
  correct: number;
  incorrect: number;
  count: number | null;
  value: string;
  note: string;
}

const EMPTY: RowState = { correct: 0, incorrect: 0, count: null, value: "", note: "" };
const touch = "min-h-11 min-w-11";

/** The value a row would record: percent of trials, a tally, a typed value, or none. */
function valueOf(row: MyGoalRow, state: RowState): string {
  const unit = row.measure?.unit;
  if (unit === "percent" && state.correct + state.incorrect > 0) {
    return String(percentOf(state.correct, state.incorrect));
  }
  if ((unit === "count" || unit === "minutes") && state.count !== null) return String(state.count);
  if (!row.measure || unit === "qualitative") return "";
  return state.value;
}

/**
 * A group session: one date and method for the viewer's students, one row per goal — tap +correct /
 * +incorrect for percent goals, +1/−1 for counts, a level or a number otherwise, a note for narrative
 * goals. Rows left empty are not saved; the session is saved in one request (all or nothing).
 */
export function GroupSession({
  goals,
  today,
  backdateDays,
  action,
}: {
  goals: MyGoalRow[];
  today: string;
  backdateDays: number;
  action: (input: unknown) => Promise<ActionResult<{ recorded: number }>>;
}) {
  const t = useTranslations("progress");
  const tAll = useTranslations();
  const id = useId();
  const { pending, fieldErrors, formError, run } = useActionRunner();
  const { observation, set } = useObservation(today);
  const [rows, setRows] = useState<Record<string, RowState>>({});
  const [sentGoals, setSentGoals] = useState<string[]>([]);
  const [saved, setSaved] = useState<number | null>(null);
  const stateOf = (goalId: string) => rows[goalId] ?? EMPTY;
  const update = (goalId: string, change: (s: RowState) => Partial<RowState>) =>
    setRows((all) => ({ ...all, [goalId]: { ...(all[goalId] ?? EMPTY), ...change(all[goalId] ?? EMPTY) } }));
  const err = (field: string) => fieldErrors[field]?.map((key) => tAll(messageKey(key)));
  const rowError = (goalId: string) => {
    const index = sentGoals.indexOf(goalId);
    if (index < 0) return undefined;
    return [...(err(`entries.${index}.value`) ?? []), ...(err(`entries.${index}.note`) ?? [])];
  };

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setSaved(null);
    const entries = goals
      .map((g) => ({
        goalId: g.goalId,
        objectiveId: "",
        value: valueOf(g, stateOf(g.goalId)),
        note: stateOf(g.goalId).note,
      }))
      .filter((entry) => entry.value !== "" || entry.note.trim() !== "");
    setSentGoals(entries.map((entry) => entry.goalId));
    run(
      () => action({ ...observation, entries }),
      (data) => {
        setRows({});
        set("lateReason")("");
        setSaved(data.recorded);
      },
    );
  };

  return (
    <form onSubmit={submit} className="space-y-4" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="text-lg font-semibold">
        {t("group.session")}
      </h2>
      <p className="text-sm text-slate-700">{t("group.sessionHint")}</p>
      <ObservationFields
        id={id}
        today={today}
        backdateDays={backdateDays}
        observation={observation}
        set={set}
        errors={err}
        gridClassName="grid gap-3 sm:grid-cols-3"
      />
      <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
        {goals.map((g) => {
          const state = stateOf(g.goalId);
          const unit = g.measure?.unit;
          const label = `${g.studentName} · ${t("goalN", { n: g.goalNumber })}`;
          const errors = rowError(g.goalId);
          const rowId = `${id}-${g.goalId}`;
          return (
            <li key={g.goalId} className="space-y-2 p-3" aria-labelledby={`${rowId}-label`}>
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <p id={`${rowId}-label`} className="font-medium">
                  {label}
                </p>
                <p className="text-sm text-slate-700">
                  {g.measure ? t(`measure.unit.${g.measure.unit}`) : t("measure.unit.qualitative")}
                </p>
              </div>
              <p className="line-clamp-2 text-sm text-slate-700">{g.text}</p>
              <div className="flex flex-wrap items-center gap-2">
                {unit === "percent" && (
                  <>
                    <Button
                      type="button"
                      className={touch}
                      aria-describedby={`${rowId}-tally`}
                      onClick={() => update(g.goalId, (s) => ({ correct: s.correct + 1 }))}
                    >
                      {t("group.correct")}
                    </Button>
                    <Button
                      type="button"
                      variant="secondary"
                      className={touch}
                      aria-describedby={`${rowId}-tally`}
                      onClick={() => update(g.goalId, (s) => ({ incorrect: s.incorrect + 1 }))}
                    >
                      {t("group.incorrect")}
                    </Button>
                    <output id={`${rowId}-tally`} aria-live="polite" className="text-sm">
                      {state.correct + state.incorrect > 0
                        ? t("group.trials", {
                            correct: state.correct,
                            total: state.correct + state.incorrect,
                            percent: percentOf(state.correct, state.incorrect) ?? 0,
                          })
                        : t("group.noTrials")}
                    </output>
                  </>
                )}
                {(unit === "count" || unit === "minutes") && (
                  <>
                    <Button
                      type="button"
                      variant="secondary"
                      className={touch}
                      aria-label={`${t("group.minus")} ${label}`}
                      onClick={() => update(g.goalId, (s) => ({ count: Math.max(0, (s.count ?? 0) - 1) }))}
                    >
                      {t("group.minus")}
                    </Button>
                    <Button
                      type="button"
                      className={touch}
                      aria-label={`${t("group.plus")} ${label}`}
                      onClick={() => update(g.goalId, (s) => ({ count: (s.count ?? 0) + 1 }))}
                    >
                      {t("group.plus")}
                    </Button>
                    <output aria-live="polite" className="text-sm">
                      {t("group.count", { count: state.count ?? 0 })}
                    </output>
                  </>
                )}
                {(unit === "rate_per_minute" || unit === "rubric") && (
                  <div className="w-48">
                    <label htmlFor={`${rowId}-value`} className="sr-only">
                      {`${t("entry.value")} · ${label}`}
                    </label>
                    <ValueInput
                      id={`${rowId}-value`}
                      measure={g.measure}
                      value={state.value}
                      onChange={(value) => update(g.goalId, () => ({ value }))}
                      invalid={Boolean(errors?.length)}
                    />
                  </div>
                )}
                {(state.correct + state.incorrect > 0 ||
                  state.count !== null ||
                  state.value !== "" ||
                  state.note !== "") && (
                  <Button
                    type="button"
                    variant="secondary"
                    className={touch}
                    aria-label={`${t("group.reset")} · ${label}`}
                    onClick={() => update(g.goalId, () => EMPTY)}
                  >
                    {t("group.reset")}
                  </Button>
                )}
              </div>
              {(!g.measure || unit === "qualitative") && (
                <div>
                  <label htmlFor={`${rowId}-note`} className="text-sm font-medium">
                    {`${t("entry.noteRequired")} · ${label}`}
                  </label>
                  <textarea
                    id={`${rowId}-note`}
                    rows={2}
                    value={state.note}
                    onChange={(e) => update(g.goalId, () => ({ note: e.target.value }))}
                    className={inputClass}
                  />
                </div>
              )}
              {errors && errors.length > 0 && (
                <ul className="text-sm text-red-800">
                  {errors.map((message) => (
                    <li key={message}>{message}</li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
      {(formError || err("entries")) && (
        <Alert tone="error" live>
          {formError ? tAll(messageKey(formError)) : err("entries")![0]}
        </Alert>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending} className="min-h-11">
          {pending ? t("entry.saving") : t("group.save")}
        </Button>
        <p role="status" className="text-sm text-emerald-800">
          {saved !== null && !pending ? t("group.saved", { count: saved }) : ""}
        </p>
      </div>
    </form>
  );
}
