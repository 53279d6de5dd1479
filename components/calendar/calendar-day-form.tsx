"use client";

import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/actions/types";
import { calendarDaySchema } from "@/lib/validation/calendar";
import { useFieldMessages } from "../forms/field-messages";
import { FormFrame, frameState } from "../forms/form-frame";
import { useServerForm } from "../forms/use-server-form";
import { Field, inputClass } from "../ui/field";

/** Adds a closure (a snow day) or a make-up day to a school's calendar. */
export function CalendarDayForm({
  schoolId,
  today,
  action,
}: {
  schoolId: string;
  today: string;
  action: (input: {
    schoolId: string;
    date: string;
    kind: "closure" | "extra_day";
    reason: string;
  }) => Promise<ActionResult<unknown>>;
}) {
  const t = useTranslations();
  const defaults = { schoolId, date: today, kind: "closure" as const, reason: "" };
  const server = useServerForm({
    schema: calendarDaySchema,
    defaultValues: defaults,
    action,
    onSuccess: () => server.form.reset(defaults),
  });
  const { form } = server;
  const { errors, control } = useFieldMessages("day", server.errorKey);
  return (
    <FormFrame layout="plain" savedKey="calendar.daySaved" submitLabel={t("calendar.addDay")} {...frameState(server)}>
      <input type="hidden" {...form.register("schoolId")} />
      <div className="grid gap-4 sm:grid-cols-3">
        <Field id="day-date" label={t("calendar.date")} errors={errors("date")}>
          <input type="date" className={inputClass} {...control("date")} {...form.register("date")} />
        </Field>
        <Field id="day-kind" label={t("calendar.kind")} errors={errors("kind")}>
          <select className={inputClass} {...control("kind")} {...form.register("kind")}>
            <option value="closure">{t("calendar.kinds.closure")}</option>
            <option value="extra_day">{t("calendar.kinds.extra_day")}</option>
          </select>
        </Field>
        <Field id="day-reason" label={t("calendar.reason")} errors={errors("reason")}>
          <input
            type="text"
            maxLength={120}
            className={inputClass}
            {...control("reason")}
            {...form.register("reason")}
          />
        </Field>
      </div>
    </FormFrame>
  );
}
