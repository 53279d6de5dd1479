"use client";

import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/actions/types";
import type { DeadlineSettingsView } from "@/lib/dto/deadlines";
import { DELAY_REASON_CODES } from "@/lib/deadlines/delay-reasons";
import {
  COMPLIANCE_NUMBER_SETTINGS,
  DELIVERY_NUMBER_SETTINGS,
  updateDeadlineSettingsSchema,
  WORK_QUEUE_NUMBER_SETTINGS,
  type NumberSetting,
} from "@/lib/validation/deadlines";
import { describedBy, FormAlerts } from "../forms/form-alerts";
import { useServerForm } from "../forms/use-server-form";
import { Button } from "../ui/button";
import { Field, inputClass } from "../ui/field";
import { messageKey } from "@/lib/i18n/keys";

const asText = (values: Record<string, number>) =>
  Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)]));

/** The district's deadline settings: every rule amount, the escalation threshold, the digest window and the delay reasons. */
export function DeadlineSettingsForm({
  settings,
  action,
}: {
  settings: DeadlineSettingsView;
  action: (input: unknown) => Promise<ActionResult<unknown>>;
}) {
  const t = useTranslations();
  const { delayReasons, shorterNoticeByAgreement, ...queueNumbers } = settings.workQueue;
  const { form, onSubmit, formError, saved, errorKey } = useServerForm({
    schema: updateDeadlineSettingsSchema,
    defaultValues: {
      compliance: asText(settings.compliance),
      delivery: asText(settings.delivery),
      workQueue: { ...asText(queueNumbers), shorterNoticeByAgreement, delayReasons },
    },
    action,
  });
  const numberField = (group: "compliance" | "delivery" | "workQueue", setting: NumberSetting) => {
    const name = `${group}.${setting.key}`;
    const id = `setting-${setting.key}`;
    const key = errorKey(name);
    return (
      <Field
        key={setting.key}
        id={id}
        label={t(messageKey(`districtSettings.fields.${setting.key}`))}
        hint={
          setting.legal
            ? t(`districtSettings.legalRange.${setting.legal.bound}`, {
                min: setting.min,
                max: setting.max,
                default: setting.defaultValue,
                citation: setting.legal.citation,
              })
            : t("districtSettings.range", { min: setting.min, max: setting.max, default: setting.defaultValue })
        }
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
          {...form.register(name as Parameters<typeof form.register>[0])}
        />
      </Field>
    );
  };
  const reasonsError = errorKey("workQueue.delayReasons");
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-8">
      <FormAlerts formError={formError} saved={saved} savedKey="districtSettings.saved" />
      <fieldset className="space-y-4">
        <legend className="text-lg font-semibold">{t("districtSettings.rulesTitle")}</legend>
        <p className="text-sm text-slate-600">{t("districtSettings.rulesIntro")}</p>
        <div className="grid gap-4 md:grid-cols-2">
          {COMPLIANCE_NUMBER_SETTINGS.map((s) => numberField("compliance", s))}
        </div>
      </fieldset>
      <fieldset className="space-y-4">
        <legend className="text-lg font-semibold">{t("districtSettings.deliveryTitle")}</legend>
        <p className="text-sm text-slate-600">{t("districtSettings.deliveryIntro")}</p>
        <div className="grid gap-4 md:grid-cols-2">
          {DELIVERY_NUMBER_SETTINGS.map((s) => numberField("delivery", s))}
        </div>
      </fieldset>
      <fieldset className="space-y-4">
        <legend className="text-lg font-semibold">{t("districtSettings.queueTitle")}</legend>
        <div className="grid gap-4 md:grid-cols-2">
          {WORK_QUEUE_NUMBER_SETTINGS.map((s) => numberField("workQueue", s))}
        </div>
        <div>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              aria-describedby="setting-shorterNoticeByAgreement-hint"
              {...form.register("workQueue.shorterNoticeByAgreement")}
            />
            {t("districtSettings.fields.shorterNoticeByAgreement")}
          </label>
          <p id="setting-shorterNoticeByAgreement-hint" className="text-sm text-slate-600">
            {t("districtSettings.shorterNoticeHint")}
          </p>
        </div>
      </fieldset>
      <fieldset className="space-y-2" aria-describedby={reasonsError ? "delay-reasons-error" : undefined}>
        <legend className="text-lg font-semibold">{t("districtSettings.delayReasonsTitle")}</legend>
        <p className="text-sm text-slate-600">{t("districtSettings.delayReasonsIntro")}</p>
        {DELAY_REASON_CODES.map((code) => (
          <label key={code} className="flex items-center gap-2 text-sm">
            <input type="checkbox" value={code} {...form.register("workQueue.delayReasons")} />
            {t(`deadlines.delayReasons.${code}`)}
          </label>
        ))}
        {reasonsError && (
          <p id="delay-reasons-error" className="text-sm text-red-800">
            {t(messageKey(reasonsError))}
          </p>
        )}
      </fieldset>
      <Button type="submit" disabled={form.formState.isSubmitting}>
        {t("districtSettings.save")}
      </Button>
    </form>
  );
}
