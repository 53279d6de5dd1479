"use client";

import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/actions/types";
import { calendarDaySchema } from "@/lib/validation/calendar";
import { describedBy, FormAlerts } from "../forms/form-alerts";
import { useServerForm } from "../forms/use-server-form";
import { Button } from "../ui/button";
import { Field, inputClass } from "../ui/field";
import { messageKey } from "@/lib/i18n/keys";

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
  const { form, onSubmit, formError, saved, errorKey } = useServerForm({
    schema: calendarDaySchema,
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
      <FormAlerts formError={formError} saved={saved} savedKey="calendar.daySaved" />
      <input type="hidden" {...form.register("schoolId")} />
      <div className="grid gap-4 sm:grid-cols-3">
        <Field id="day-date" label={t("calendar.date")} errors={errors("date")}>
          <input
            id="day-date"
            type="date"
            className={inputClass}
            {...describedBy("day-date", errorKey("date"))}
            {...form.register("date")}
          />
        </Field>
        <Field id="day-kind" label={t("calendar.kind")} errors={errors("kind")}>
          <select
            id="day-kind"
            className={inputClass}
            {...describedBy("day-kind", errorKey("kind"))}
            {...form.register("kind")}
          >
            <option value="closure">{t("calendar.kinds.closure")}</option>
            <option value="extra_day">{t("calendar.kinds.extra_day")}</option>
          </select>
        </Field>
        <Field id="day-reason" label={t("calendar.reason")} errors={errors("reason")}>
          <input
            id="day-reason"
            type="text"
            maxLength={120}
            className={inputClass}
            {...describedBy("day-reason", errorKey("reason"))}
            {...form.register("reason")}
          />
        </Field>
      </div>
      <Button type="submit" disabled={form.formState.isSubmitting}>
        {t("calendar.addDay")}
      </Button>
    </form>
  );
}
