"use client";

import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/actions/types";
import type { DataSettingsView } from "@/lib/dto/services";
import { messageKey } from "@/lib/i18n/keys";
import { updateDataSettingsSchema } from "@/lib/validation/settings";
import { describedBy, FormAlerts } from "../forms/form-alerts";
import { useServerForm } from "../forms/use-server-form";
import { Button } from "../ui/button";
import { Field, inputClass } from "../ui/field";

const NUMBERS = [
  { key: "backdateReasonSchoolDays", min: 0, max: 60, defaultValue: 5 },
  { key: "staleGoalSchoolDays", min: 1, max: 90, defaultValue: 10 },
  { key: "masteryPoints", min: 1, max: 10, defaultValue: 3 },
  { key: "aimlineTolerancePercent", min: 0, max: 50, defaultValue: 5 },
  { key: "flatTrendPercent", min: 0, max: 50, defaultValue: 2 },
  { key: "shortfallPercent", min: 1, max: 100, defaultValue: 10 },
] as const;

/**
 * The district's goal-data and service-minute settings ([S]) and when progress reports are due ([U],
 * D-13): with report cards, or on a schedule each IEP writes.
 */
export function DataSettingsForm({
  settings,
  action,
}: {
  settings: DataSettingsView;
  action: (input: unknown) => Promise<ActionResult<unknown>>;
}) {
  const t = useTranslations();
  const { form, onSubmit, formError, saved, errorKey } = useServerForm({
    schema: updateDataSettingsSchema,
    defaultValues: {
      backdateReasonSchoolDays: String(settings.backdateReasonSchoolDays),
      staleGoalSchoolDays: String(settings.staleGoalSchoolDays),
      masteryPoints: String(settings.masteryPoints),
      aimlineTolerancePercent: String(settings.aimlineTolerancePercent),
      flatTrendPercent: String(settings.flatTrendPercent),
      shortfallPercent: String(settings.shortfallPercent),
      progressReports: settings.progressReports,
    },
    action,
  });
  const scheduleError = errorKey("progressReports");
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6">
      <FormAlerts formError={formError} saved={saved} savedKey="districtSettings.data.saved" />
      {NUMBERS.map((setting) => {
        const id = `setting-${setting.key}`;
        const key = errorKey(setting.key);
        return (
          <Field
            key={setting.key}
            id={id}
            label={t(`districtSettings.data.fields.${setting.key}`)}
            hint={t("districtSettings.range", { min: setting.min, max: setting.max, default: setting.defaultValue })}
            errors={key ? [t(messageKey(key))] : undefined}
          >
            <input
              id={id}
              type="number"
              inputMode="numeric"
              min={setting.min}
              max={setting.max}
              step={1}
              className={`${inputClass} max-w-32`}
              {...describedBy(id, key, true)}
              {...form.register(setting.key)}
            />
          </Field>
        );
      })}
      <fieldset className="space-y-2" aria-describedby="progress-reports-hint">
        <legend className="font-semibold">{t("districtSettings.data.progressReports")}</legend>
        <p id="progress-reports-hint" className="text-sm text-slate-600">
          {t("districtSettings.data.progressReportsHint")}
        </p>
        {(["report_cards", "iep_schedule"] as const).map((schedule) => (
          <label key={schedule} className="flex items-center gap-2 text-sm">
            <input type="radio" value={schedule} {...form.register("progressReports")} />
            {t(`districtSettings.data.schedules.${schedule}`)}
          </label>
        ))}
        {scheduleError && <p className="text-sm text-red-800">{t(messageKey(scheduleError))}</p>}
      </fieldset>
      <Button type="submit" disabled={form.formState.isSubmitting}>
        {t("districtSettings.data.save")}
      </Button>
    </form>
  );
}
