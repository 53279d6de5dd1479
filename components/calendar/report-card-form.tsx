"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";
import type { ActionResult } from "@/lib/actions/types";
import { reportCardDateSchema } from "@/lib/validation/calendar";
import { useFieldMessages } from "../forms/field-messages";
import { FormFrame, frameState } from "../forms/form-frame";
import { useServerForm } from "../forms/use-server-form";
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
  const server = useServerForm({
    schema: reportCardDateSchema,
    defaultValues: defaults,
    action,
    onSuccess: () => server.form.reset(defaults),
  });
  const { form } = server;
  const { errors, control } = useFieldMessages(id, server.errorKey);
  return (
    <FormFrame
      layout="plain"
      savedKey="calendar.reportCards.saved"
      submitLabel={t("calendar.reportCards.add")}
      {...frameState(server)}
    >
      <input type="hidden" {...form.register("schoolId")} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id={`${id}-date`} label={t("calendar.reportCards.date")} errors={errors("date")}>
          <input type="date" className={inputClass} {...control("date")} {...form.register("date")} />
        </Field>
        <Field id={`${id}-label`} label={t("calendar.reportCards.label")} errors={errors("label")}>
          <input type="text" maxLength={120} className={inputClass} {...control("label")} {...form.register("label")} />
        </Field>
      </div>
    </FormFrame>
  );
}
