"use client";

import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/actions/types";
import type { ConsentSettingsView } from "@/lib/dto/consents";
import { messageKey } from "@/lib/i18n/keys";
import { CONSENT_REQUEST_TYPES } from "@/lib/validation/consents";
import { updateConsentSettingsSchema } from "@/lib/validation/settings";
import { FormAlerts } from "../forms/form-alerts";
import { useServerForm } from "../forms/use-server-form";
import { Button } from "../ui/button";

/**
 * The district's consent and activation settings (both [U], to be confirmed by counsel): written
 * consent before a 504 plan takes effect, and the consent types that allow partial consent.
 */
export function ConsentSettingsForm({
  settings,
  action,
}: {
  settings: ConsentSettingsView;
  action: (input: unknown) => Promise<ActionResult<unknown>>;
}) {
  const t = useTranslations();
  const { form, onSubmit, formError, saved, errorKey } = useServerForm({
    schema: updateConsentSettingsSchema,
    defaultValues: {
      require504WrittenConsent: settings.require504WrittenConsent,
      partialConsentTypes: settings.partialConsentTypes as (typeof CONSENT_REQUEST_TYPES)[number][],
    },
    action,
  });
  const partialError = errorKey("partialConsentTypes");
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6">
      <FormAlerts formError={formError} saved={saved} savedKey="districtSettings.consent.saved" />
      <div>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            aria-describedby="setting-require504WrittenConsent-hint"
            {...form.register("require504WrittenConsent")}
          />
          {t("districtSettings.consent.require504WrittenConsent")}
        </label>
        <p id="setting-require504WrittenConsent-hint" className="text-sm text-slate-600">
          {t("districtSettings.consent.require504WrittenConsentHint")}
        </p>
      </div>
      <fieldset className="space-y-2" aria-describedby={partialError ? "partial-types-error" : "partial-types-hint"}>
        <legend className="font-semibold">{t("districtSettings.consent.partialTitle")}</legend>
        <p id="partial-types-hint" className="text-sm text-slate-600">
          {t("districtSettings.consent.partialHint")}
        </p>
        {CONSENT_REQUEST_TYPES.map((type) => (
          <label key={type} className="flex items-center gap-2 text-sm">
            <input type="checkbox" value={type} {...form.register("partialConsentTypes")} />
            {t(`consents.types.${type}`)}
          </label>
        ))}
        {partialError && (
          <p id="partial-types-error" className="text-sm text-red-800">
            {t(messageKey(partialError))}
          </p>
        )}
      </fieldset>
      <Button type="submit" disabled={form.formState.isSubmitting}>
        {t("districtSettings.consent.save")}
      </Button>
    </form>
  );
}
