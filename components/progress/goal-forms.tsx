"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import type { ActionResult } from "@/lib/actions/types";
import type { CollectorView, ObjectiveView } from "@/lib/dto/progress";
import { messageKey } from "@/lib/i18n/keys";
import type { GoalMeasure } from "@/lib/validation/goal-measure";
import { ObservationFields, useObservation } from "./observation-fields";

type Action<T> = (input: unknown) => Promise<ActionResult<T>>;

/** Runs an action, refreshes the page on success, keeps field errors (message keys) on failure. */
export function useActionRunner() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const run = <T,>(action: () => Promise<ActionResult<T>>, onOk?: (data: T) => void) =>
    startTransition(async () => {
      setFieldErrors({});
      setFormError(null);
      const result = await action();
      if (result.ok) {
        onOk?.(result.data);
        router.refresh();
      } else {
        setFieldErrors(result.fieldErrors ?? {});
        if (!result.fieldErrors) setFormError(result.formError ?? "errors.unexpected");
      }
    });
  return { pending, fieldErrors, formError, run };
}

const touch = "min-h-11";

/** The value control for a measure: a level picker for rubrics, a number field otherwise (none for narrative goals). */
export function ValueInput({
  id,
  measure,
  value,
  onChange,
  invalid,
  describedBy,
}: {
  id: string;
  measure: GoalMeasure | null;
  value: string;
  onChange: (value: string) => void;
  invalid?: boolean;
  describedBy?: string;
}) {
  const t = useTranslations("progress");
  if (measure?.unit === "rubric") {
    return (
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className={`${inputClass} ${touch}`}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
      >
        <option value="">{t("entry.chooseLevel")}</option>
        {measure.levels.map((level, i) => (
          <option key={level} value={String(i + 1)}>
            {i + 1}. {level}
          </option>
        ))}
      </select>
    );
  }
  return (
    <input
      id={id}
      type="text"
      inputMode="decimal"
      autoComplete="off"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      className={`${inputClass} ${touch}`}
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy}
    />
  );
}

function errorsOf(t: (key: ReturnType<typeof messageKey>) => string, errors: Record<string, string[]>, field: string) {
  return errors[field]?.map((key) => t(messageKey(key)));
}

/** Quick entry of one data point on a goal (or one of its objectives): one row, large targets. */
export function GoalEntryForm({
  goalId,
  measure,
  objectives,
  today,
  backdateDays,
  action,
}: {
  goalId: string;
  measure: GoalMeasure | null;
  objectives: ObjectiveView[];
  today: string;
  backdateDays: number;
  action: Action<{ id: string }>;
}) {
  const t = useTranslations("progress");
  const tAll = useTranslations();
  const id = useId();
  const { pending, fieldErrors, formError, run } = useActionRunner();
  const { observation, set } = useObservation(today);
  const [objectiveId, setObjectiveId] = useState("");
  const [value, setValue] = useState("");
  const [note, setNote] = useState("");
  const [saved, setSaved] = useState(false);
  const objectiveMeasure = objectives.find((o) => o.id === objectiveId)?.measure ?? null;
  const activeMeasure = objectiveMeasure ?? measure;
  const narrative = !activeMeasure || activeMeasure.unit === "qualitative";
  const err = (field: string) => errorsOf(tAll, fieldErrors, field);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setSaved(false);
    run(
      () => action({ goalId, objectiveId, ...observation, value: narrative ? "" : value, note }),
      () => {
        setValue("");
        setNote("");
        set("lateReason")("");
        setSaved(true);
      },
    );
  };
  return (
    <form onSubmit={submit} className="space-y-3" aria-label={t("entry.title")}>
      <ObservationFields
        id={id}
        today={today}
        backdateDays={backdateDays}
        observation={observation}
        set={set}
        errors={err}
        gridClassName="grid gap-3 sm:grid-cols-2 lg:grid-cols-4"
        between={
          <>
            {objectives.length > 0 && (
              <Field id={`${id}-on`} label={t("entry.on")} errors={err("objectiveId")}>
                <select
                  id={`${id}-on`}
                  value={objectiveId}
                  onChange={(e) => setObjectiveId(e.target.value)}
                  className={`${inputClass} ${touch}`}
                >
                  <option value="">{t("table.goal")}</option>
                  {objectives.map((o) => (
                    <option key={o.id} value={o.id}>
                      {t("objectiveN", { n: o.position + 1 })}
                    </option>
                  ))}
                </select>
              </Field>
            )}
            {!narrative && (
              <Field
                id={`${id}-value`}
                label={
                  activeMeasure?.unit === "rubric"
                    ? t("entry.level")
                    : `${t("entry.value")} (${t(`measure.unit.${activeMeasure!.unit}`)})`
                }
                errors={err("value")}
              >
                <ValueInput
                  id={`${id}-value`}
                  measure={activeMeasure}
                  value={value}
                  onChange={setValue}
                  invalid={Boolean(err("value"))}
                  describedBy={err("value") ? `${id}-value-error` : undefined}
                />
              </Field>
            )}
          </>
        }
        after={
          <Field id={`${id}-note`} label={narrative ? t("entry.noteRequired") : t("entry.note")} errors={err("note")}>
            <textarea
              id={`${id}-note`}
              rows={2}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              className={inputClass}
              aria-invalid={err("note") ? true : undefined}
            />
          </Field>
        }
      />
      {formError && (
        <Alert tone="error" live>
          {tAll(messageKey(formError))}
        </Alert>
      )}
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending} className={touch}>
          {pending ? t("entry.saving") : t("entry.save")}
        </Button>
        <p role="status" className="text-sm text-emerald-800">
          {saved && !pending ? t("entry.saved") : ""}
        </p>
      </div>
    </form>
  );
}

/** Corrects (or withdraws) one recorded point, with a required reason. */
export function CorrectionForm({
  pointId,
  date,
  measure,
  action,
}: {
  pointId: string;
  date: string;
  measure: GoalMeasure | null;
  action: Action<{ id: string }>;
}) {
  const t = useTranslations("progress");
  const tAll = useTranslations();
  const id = useId();
  const { pending, fieldErrors, formError, run } = useActionRunner();
  const [value, setValue] = useState("");
  const [reason, setReason] = useState("");
  const [withdraw, setWithdraw] = useState(false);
  const narrative = !measure || measure.unit === "qualitative";
  const err = (field: string) => errorsOf(tAll, fieldErrors, field);
  return (
    <details>
      <summary className="cursor-pointer text-brand-700 underline underline-offset-2">{t("correct.open")}</summary>
      <form
        className="mt-2 space-y-2"
        onSubmit={(e) => {
          e.preventDefault();
          run(() => action({ pointId, value: withdraw || narrative ? "" : value, note: "", withdraw, reason }));
        }}
      >
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium">{t("correct.legend", { date })}</legend>
          {!narrative && !withdraw && (
            <Field id={`${id}-value`} label={t("correct.value")} errors={err("value")}>
              <ValueInput
                id={`${id}-value`}
                measure={measure}
                value={value}
                onChange={setValue}
                invalid={Boolean(err("value"))}
              />
            </Field>
          )}
          <Field id={`${id}-reason`} label={t("correct.reason")} errors={err("reason")}>
            <input
              id={`${id}-reason`}
              type="text"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              className={`${inputClass} ${touch}`}
              aria-invalid={err("reason") ? true : undefined}
            />
          </Field>
          <label className="flex min-h-11 items-center gap-2 text-sm">
            <input
              type="checkbox"
              className="h-5 w-5"
              checked={withdraw}
              onChange={(e) => setWithdraw(e.target.checked)}
            />
            {t("correct.withdraw")}
          </label>
        </fieldset>
        {formError && (
          <Alert tone="error" live>
            {tAll(messageKey(formError))}
          </Alert>
        )}
        <Button type="submit" variant="secondary" disabled={pending} className={touch}>
          {t("correct.save")}
        </Button>
      </form>
    </details>
  );
}

/** The case manager names teachers or providers to collect data on one goal, or removes them. */
export function CollectorsPanel({
  goalId,
  collectors,
  candidates,
  canAssign,
  assign,
  remove,
}: {
  goalId: string;
  collectors: CollectorView[];
  candidates: { userId: string; name: string }[];
  canAssign: boolean;
  assign: Action<{ assigned: boolean }>;
  remove: Action<null>;
}) {
  const t = useTranslations("progress");
  const tAll = useTranslations();
  const id = useId();
  const { pending, fieldErrors, formError, run } = useActionRunner();
  const [userId, setUserId] = useState("");
  const open = candidates.filter((c) => !collectors.some((x) => x.userId === c.userId));
  const error = [...(fieldErrors.userId ?? []), ...(formError ? [formError] : [])].map((k) => tAll(messageKey(k)));
  return (
    <div className="space-y-2 text-sm">
      <p>{t("collectors.caseManager")}</p>
      {collectors.length === 0 ? (
        <p>{t("collectors.none")}</p>
      ) : (
        <ul className="space-y-1">
          {collectors.map((c) => (
            <li key={c.id} className="flex flex-wrap items-center gap-2">
              <span>{c.name}</span>
              {canAssign && (
                <Button
                  type="button"
                  variant="secondary"
                  className={touch}
                  disabled={pending}
                  onClick={() => run(() => remove({ collectorId: c.id }))}
                >
                  {t("collectors.remove", { name: c.name })}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canAssign && open.length > 0 && (
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            run(
              () => assign({ goalId, userId }),
              () => setUserId(""),
            );
          }}
        >
          <Field id={`${id}-collector`} label={t("collectors.choose")} errors={error.length ? error : undefined}>
            <select
              id={`${id}-collector`}
              value={userId}
              onChange={(e) => setUserId(e.target.value)}
              className={`${inputClass} ${touch}`}
            >
              <option value="">{t("collectors.chooseOption")}</option>
              {open.map((c) => (
                <option key={c.userId} value={c.userId}>
                  {c.name}
                </option>
              ))}
            </select>
          </Field>
          <Button type="submit" variant="secondary" disabled={pending || !userId} className={touch}>
            {t("collectors.assign")}
          </Button>
        </form>
      )}
    </div>
  );
}
