"use client";

import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/actions/types";
import { schoolYearSchema, updateSchoolYearSchema } from "@/lib/validation/calendar";
import { useFieldMessages } from "../forms/field-messages";
import { FormFrame, frameState } from "../forms/form-frame";
import { useServerForm } from "../forms/use-server-form";
import { Field, inputClass } from "../ui/field";

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
  const server = useServerForm({
    schema: year ? updateSchoolYearSchema : schoolYearSchema,
    defaultValues: defaults,
    action,
    onSuccess: () => {
      if (!year) server.form.reset(defaults);
    },
  });
  const { form } = server;
  const { errors, control } = useFieldMessages(prefix, server.errorKey);
  const field = (name: "label" | "firstDay" | "lastDay", type: "text" | "date") => (
    <Field id={`${prefix}-${name}`} label={t(`calendar.year.${name}`)} errors={errors(name)}>
      <input
        type={type}
        className={inputClass}
        {...(type === "text" ? { maxLength: 40 } : {})}
        {...control(name)}
        {...form.register(name)}
      />
    </Field>
  );
  return (
    <FormFrame
      layout="plain"
      savedKey={year ? "calendar.year.updated" : "calendar.year.added"}
      submitLabel={year ? t("calendar.year.save", { label: year.label }) : t("calendar.year.add")}
      submitVariant={year ? "secondary" : "primary"}
      {...frameState(server)}
    >
      <input type="hidden" {...form.register("schoolId")} />
      <div className="grid gap-4 sm:grid-cols-3">
        {field("label", "text")}
        {field("firstDay", "date")}
        {field("lastDay", "date")}
      </div>
    </FormFrame>
  );
}
