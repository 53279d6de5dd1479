"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";
import type { ActionResult } from "@/lib/actions/types";
import { messageKey } from "@/lib/i18n/keys";
import { reportCardDateSchema } from "@/lib/validation/calendar";
import { describedBy, FormAlerts } from "../forms/form-alerts";
import { useServerForm } from "../forms/use-server-form";
import { Button } from "../ui/button";
import { Field, inputClass } from "../ui/field";

/** Adds a report-card date to a school's calendar (progress reports are due on it, D-13). */
export function ReportCardForm({
  schoolId,
  today,
  action,
}: {
  schoolId: string;
  today: string;
  action: (input: { schoolId: string; date: string; label: string }) => Promise<ActionResult<unknown>>;
}) {
  const t = useTranslations();
  const id = useId();
  const defaults = { schoolId, date: today, label: "" };
  const { form, onSubmit, formError, saved, errorKey } = useServerForm({
    schema: reportCardDateSchema,
    defaultValues: defaults,
    action,
    onSuccess: () => form.reset(defaults),
  });
  const errors = (name: string) => {
    const key = errorKey(name);
    return key ? [t(messageKey(key))] : undefined;
  };
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormAlerts formError={formError} saved={saved} savedKey="calendar.reportCards.saved" />
      <input type="hidden" {...form.register("schoolId")} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id={`${id}-date`} label={t("calendar.reportCards.date")} errors={errors("date")}>
          <input
            id={`${id}-date`}
            type="date"
            className={inputClass}
            {...describedBy(`${id}-date`, errorKey("date"))}
            {...form.register("date")}
          />
        </Field>
        <Field id={`${id}-label`} label={t("calendar.reportCards.label")} errors={errors("label")}>
          <input
            id={`${id}-label`}
            type="text"
            maxLength={120}
            className={inputClass}
            {...describedBy(`${id}-label`, errorKey("label"))}
            {...form.register("label")}
          />
        </Field>
      </div>
      <Button type="submit" disabled={form.formState.isSubmitting}>
        {t("calendar.reportCards.add")}
      </Button>
    </form>
  );
}
