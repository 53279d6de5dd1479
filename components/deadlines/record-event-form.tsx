"use client";

import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/actions/types";
import { consentTypes, type EventType } from "@/lib/compliance";
import { caseEventDateErrors, isConsentEvent, recordCaseEventSchema } from "@/lib/validation/deadlines";
import { describedBy, FormAlerts } from "../forms/form-alerts";
import { useServerForm } from "../forms/use-server-form";
import { Button } from "../ui/button";
import { Field, inputClass } from "../ui/field";

/** Records one case event; the fields shown follow the event type. Dates are checked here and again on the server. */
export function RecordEventForm({
  studentId,
  today,
  birthDate,
  types,
  action,
}: {
  studentId: string;
  today: string;
  birthDate: string;
  types: { value: EventType; label: string }[];
  action: (input: Record<string, unknown>) => Promise<ActionResult<unknown>>;
}) {
  const t = useTranslations();
  const defaults = {
    studentId,
    type: types[0]!.value,
    date: today,
    consent: "",
    meetingDate: "",
    agreedImplementationDate: "",
    note: "",
  };
  const { form, onSubmit, formError, saved, errorKey } = useServerForm({
    schema: recordCaseEventSchema,
    defaultValues: defaults,
    action,
    check: (values) => caseEventDateErrors(values, { today, birthDate }),
    onSuccess: (_data, values) => form.reset({ ...defaults, type: values.type }),
  });
  const { register, watch } = form;
  const type = watch("type") as EventType;
  const errors = (name: string) => {
    const key = errorKey(name);
    return key ? [t(key as never)] : undefined;
  };
  const aria = (name: string, hint = false) => describedBy(`event-${name}`, errorKey(name), hint);

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="space-y-4 border-t border-slate-200 pt-4"
      aria-labelledby="record-event-title"
    >
      <h4 id="record-event-title" className="font-semibold">
        {t("deadlines.form.title")}
      </h4>
      <FormAlerts formError={formError} saved={saved} savedKey="deadlines.form.saved" />
      <input type="hidden" {...register("studentId")} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="event-type" label={t("deadlines.form.type")} errors={errors("type")}>
          <select id="event-type" className={inputClass} {...aria("type")} {...register("type")}>
            {types.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </Field>
        <Field
          id="event-date"
          label={t(type === "meeting_scheduled" ? "deadlines.form.scheduledOn" : "deadlines.form.date")}
          errors={errors("date")}
        >
          <input
            id="event-date"
            type="date"
            max={today}
            className={inputClass}
            {...aria("date")}
            {...register("date")}
          />
        </Field>
        {isConsentEvent(type) && (
          <Field id="event-consent" label={t("deadlines.form.consent")} errors={errors("consent")}>
            <select id="event-consent" className={inputClass} {...aria("consent")} {...register("consent")}>
              <option value="">{t("deadlines.form.choose")}</option>
              {consentTypes.map((consent) => (
                <option key={consent} value={consent}>
                  {t(`deadlines.consents.${consent}`)}
                </option>
              ))}
            </select>
          </Field>
        )}
        {type === "meeting_scheduled" && (
          <Field id="event-meetingDate" label={t("deadlines.form.meetingDate")} errors={errors("meetingDate")}>
            <input
              id="event-meetingDate"
              type="date"
              min={today}
              className={inputClass}
              {...aria("meetingDate")}
              {...register("meetingDate")}
            />
          </Field>
        )}
        {type === "pwn_sent" && (
          <Field
            id="event-agreedImplementationDate"
            label={t("deadlines.form.agreedDate")}
            hint={t("deadlines.form.agreedHint")}
            errors={errors("agreedImplementationDate")}
          >
            <input
              id="event-agreedImplementationDate"
              type="date"
              className={inputClass}
              {...aria("agreedImplementationDate", true)}
              {...register("agreedImplementationDate")}
            />
          </Field>
        )}
      </div>
      <Field
        id="event-note"
        label={t("deadlines.form.note")}
        hint={t("deadlines.form.noteHint")}
        errors={errors("note")}
      >
        <textarea
          id="event-note"
          rows={2}
          maxLength={1000}
          className={inputClass}
          {...aria("note", true)}
          {...register("note")}
        />
      </Field>
      <Button type="submit" disabled={form.formState.isSubmitting}>
        {t("deadlines.form.submit")}
      </Button>
    </form>
  );
}
