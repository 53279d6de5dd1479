"use client";

import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/actions/types";
import { schoolYearSchema, updateSchoolYearSchema } from "@/lib/validation/calendar";
import { describedBy, FormAlerts } from "../forms/form-alerts";
import { useServerForm } from "../forms/use-server-form";
import { Button } from "../ui/button";
import { Field, inputClass } from "../ui/field";
import { messageKey } from "@/lib/i18n/keys";

type YearInput = { schoolId: string; label: string; firstDay: string; lastDay: string; yearId?: string };

/** Adds a school year, or (with `year`) changes one's label and first and last days. */
export function SchoolYearForm({
  schoolId,
  year,
  action,
}: {
  schoolId: string;
  year?: { id: string; label: string; firstDay: string; lastDay: string };
  action: (input: YearInput) => Promise<ActionResult<unknown>>;
}) {
  const t = useTranslations();
  const prefix = year ? `year-${year.id}` : "year-new";
  const defaults = year
    ? { schoolId, yearId: year.id, label: year.label, firstDay: year.firstDay, lastDay: year.lastDay }
    : { schoolId, label: "", firstDay: "", lastDay: "" };
  const { form, onSubmit, formError, saved, errorKey } = useServerForm({
    schema: year ? updateSchoolYearSchema : schoolYearSchema,
    defaultValues: defaults,
    action,
    onSuccess: () => {
      if (!year) form.reset(defaults);
    },
  });
  const errors = (name: string) => {
    const key = errorKey(name);
    return key ? [t(messageKey(key))] : undefined;
  };
  const field = (name: "label" | "firstDay" | "lastDay", type: "text" | "date") => (
    <Field id={`${prefix}-${name}`} label={t(`calendar.year.${name}`)} errors={errors(name)}>
      <input
        id={`${prefix}-${name}`}
        type={type}
        className={inputClass}
        {...(type === "text" ? { maxLength: 40 } : {})}
        {...describedBy(`${prefix}-${name}`, errorKey(name))}
        {...form.register(name)}
      />
    </Field>
  );
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormAlerts
        formError={formError}
        saved={saved}
        savedKey={year ? "calendar.year.updated" : "calendar.year.added"}
      />
      <input type="hidden" {...form.register("schoolId")} />
      <div className="grid gap-4 sm:grid-cols-3">
        {field("label", "text")}
        {field("firstDay", "date")}
        {field("lastDay", "date")}
      </div>
      <Button type="submit" variant={year ? "secondary" : "primary"} disabled={form.formState.isSubmitting}>
        {year ? t("calendar.year.save", { label: year.label }) : t("calendar.year.add")}
      </Button>
    </form>
  );
}
