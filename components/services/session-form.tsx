"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/types";
import { messageKey } from "@/lib/i18n/keys";
import { SESSION_STATUSES, type SessionStatusName } from "@/lib/validation/services";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field, inputClass } from "../ui/field";

export interface LogSessionInput {
  date: string;
  minutes: number;
  status: SessionStatusName;
  groupSize?: number;
  entries: { serviceId: string; goalIds: string[] }[];
  makeUpForId?: string;
  note?: string;
}

export type LogSessionAction = (
  input: LogSessionInput,
) => Promise<ActionResult<{ sessions: number; groupId: string | null }>>;

/** The detailed entry of one session of one service: any status, group size, goals, make-up, note. */
export function SessionForm({
  serviceId,
  defaultMinutes,
  today,
  goals,
  missed,
  action,
}: {
  serviceId: string;
  defaultMinutes: number;
  today: string;
  goals: { id: string; area: string; text: string }[];
  missed: { id: string; date: string; minutes: number }[];
  action: LogSessionAction;
}) {
  const t = useTranslations("services");
  const tr = useTranslations();
  const format = useFormatter();
  const router = useRouter();
  const id = useId();
  const [pending, startTransition] = useTransition();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const day = (date: string) =>
    format.dateTime(new Date(`${date}T12:00:00Z`), { dateStyle: "medium", timeZone: "UTC" });

  function submit(form: FormData) {
    const value = (name: string) => String(form.get(name) ?? "");
    const input: LogSessionInput = {
      date: value("date"),
      minutes: Number(value("minutes")),
      status: value("status") as SessionStatusName,
      groupSize: Number(value("groupSize")) || 1,
      entries: [{ serviceId, goalIds: form.getAll("goalIds").map(String) }],
      makeUpForId: value("makeUpForId"),
      note: value("note"),
    };
    startTransition(async () => {
      setSaved(false);
      setFormError(null);
      const result = await action(input);
      if (result.ok) {
        setErrors({});
        setSaved(true);
        router.refresh();
      } else {
        setErrors(result.fieldErrors ?? {});
        setFormError(result.fieldErrors ? null : (result.formError ?? "errors.unexpected"));
      }
    });
  }
  const err = (name: string) => errors[name]?.map((key) => tr(messageKey(key)));
  const described = (name: string) => (errors[name]?.length ? `${id}-${name}-error` : undefined);
  return (
    <form action={submit} className="space-y-3" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`} className="font-medium">
        {t("form.title")}
      </h4>
      {formError && (
        <Alert tone="error" live>
          {tr(messageKey(formError))}
        </Alert>
      )}
      {saved && (
        <Alert tone="success" live>
          {t("form.saved")}
        </Alert>
      )}
      <div className="grid gap-3 sm:grid-cols-3">
        <Field id={`${id}-date`} label={t("form.date")} errors={err("date")}>
          <input
            id={`${id}-date`}
            name="date"
            type="date"
            required
            max={today}
            defaultValue={today}
            className={`${inputClass} min-h-11`}
            aria-invalid={Boolean(errors.date?.length)}
            aria-describedby={described("date")}
          />
        </Field>
        <Field id={`${id}-minutes`} label={t("form.minutes")} errors={err("minutes")}>
          <input
            id={`${id}-minutes`}
            name="minutes"
            type="number"
            min={1}
            max={600}
            required
            defaultValue={defaultMinutes}
            className={`${inputClass} min-h-11`}
            aria-invalid={Boolean(errors.minutes?.length)}
            aria-describedby={described("minutes")}
          />
        </Field>
        <Field id={`${id}-status`} label={t("form.status")} errors={err("status")}>
          <select
            id={`${id}-status`}
            name="status"
            defaultValue="delivered"
            className={`${inputClass} min-h-11`}
            aria-invalid={Boolean(errors.status?.length)}
            aria-describedby={described("status")}
          >
            {SESSION_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`status.${status}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field id={`${id}-groupSize`} label={t("form.groupSize")} errors={err("groupSize")}>
          <input
            id={`${id}-groupSize`}
            name="groupSize"
            type="number"
            min={1}
            max={30}
            defaultValue={1}
            className={`${inputClass} min-h-11`}
            aria-invalid={Boolean(errors.groupSize?.length)}
            aria-describedby={described("groupSize")}
          />
        </Field>
        {missed.length > 0 && (
          <Field id={`${id}-makeUp`} label={t("form.makeUpFor")} errors={err("makeUpForId")}>
            <select
              id={`${id}-makeUp`}
              name="makeUpForId"
              defaultValue=""
              className={`${inputClass} min-h-11`}
              aria-invalid={Boolean(errors.makeUpForId?.length)}
              aria-describedby={described("makeUpForId")}
            >
              <option value="">{t("form.makeUpNone")}</option>
              {missed.map((m) => (
                <option key={m.id} value={m.id}>
                  {t("form.missedOption", { date: day(m.date), minutes: m.minutes })}
                </option>
              ))}
            </select>
          </Field>
        )}
      </div>
      {goals.length > 0 && (
        <fieldset className="space-y-1">
          <legend className="text-sm font-medium text-slate-800">{t("form.goals")}</legend>
          {goals.map((goal) => (
            <label key={goal.id} className="flex min-h-11 items-start gap-2 text-sm">
              <input type="checkbox" name="goalIds" value={goal.id} className="mt-1 h-5 w-5" />
              <span>{goal.text}</span>
            </label>
          ))}
          {err("entries") && <p className="text-sm text-red-800">{err("entries")!.join(" ")}</p>}
        </fieldset>
      )}
      <Field id={`${id}-note`} label={t("form.note")} errors={err("note")}>
        <textarea id={`${id}-note`} name="note" rows={2} maxLength={1000} className={inputClass} />
      </Field>
      <Button type="submit" disabled={pending} className="min-h-11">
        {t("form.submit")}
      </Button>
    </form>
  );
}
