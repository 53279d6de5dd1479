import { getTranslations } from "next-intl/server";
import { ConsentSettingsForm } from "@/components/consents/consent-settings-form";
import { DeadlineSettingsForm } from "@/components/deadlines/deadline-settings-form";
import { DataSettingsForm } from "@/components/services/data-settings-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireViewer } from "@/lib/auth";
import { orNotFound } from "@/lib/http/not-found";
import { ctRules, ruleAmount, type ComplianceSettings } from "@/lib/compliance";
import { getConsentSettings, getDataSettings, getDeadlineSettings } from "@/lib/dal/district-settings";
import { updateConsentSettingsAction, updateDataSettingsAction, updateDeadlineSettingsAction } from "./actions";
import type { DeadlineRuleKey } from "@/lib/i18n/keys";

export async function generateMetadata() {
  const t = await getTranslations("districtSettings");
  return { title: t("title") };
}

export default async function DistrictSettingsPage() {
  const viewer = await requireViewer();
  const t = await getTranslations("districtSettings");
  const tr = await getTranslations("deadlines");
  const settings = await orNotFound(getDeadlineSettings(viewer));
  const consentSettings = await orNotFound(getConsentSettings(viewer));
  const dataSettings = await orNotFound(getDataSettings(viewer));
  return (
    <>
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <Card>
        <DeadlineSettingsForm settings={settings} action={updateDeadlineSettingsAction} />
      </Card>
      <div className="mt-6">
        <Card title={t("consent.title")} titleId="consent-settings-title">
          <ConsentSettingsForm settings={consentSettings} action={updateConsentSettingsAction} />
        </Card>
      </div>
      <div className="mt-6">
        <Card title={t("data.title")} titleId="data-settings-title">
          <DataSettingsForm settings={dataSettings} action={updateDataSettingsAction} />
        </Card>
      </div>
      <div className="mt-6">
        <Card title={t("referenceTitle")} titleId="rules-reference-title">
          <dl className="space-y-3 text-sm">
            {ctRules.map((rule) => (
              <div key={rule.id}>
                <dt className="font-medium">
                  {tr(`rules.${rule.id as DeadlineRuleKey}.title`)} ({rule.id})
                </dt>
                <dd className="text-slate-700">
                  {tr(`rules.${rule.id as DeadlineRuleKey}.description`, {
                    amount: ruleAmount(rule, settings.compliance as ComplianceSettings),
                  })}
                </dd>
              </div>
            ))}
          </dl>
        </Card>
      </div>
    </>
  );
}
