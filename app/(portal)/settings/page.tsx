import { getLocale, getTranslations } from "next-intl/server";
import { SettingsForm } from "@/components/settings-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireViewer } from "@/lib/auth";
import { isLocale } from "@/lib/i18n/locale";
import { updateSettingsAction } from "./actions";

export async function generateMetadata() {
  const t = await getTranslations("settings");
  return { title: t("title") };
}

export default async function SettingsPage() {
  const viewer = await requireViewer();
  const t = await getTranslations("settings");
  const current = viewer.locale ?? (await getLocale());
  return (
    <>
      <PageHeader title={t("title")} subtitle={t("subtitle", { email: viewer.email })} />
      <Card>
        <SettingsForm locale={isLocale(current) ? current : "en"} action={updateSettingsAction} />
      </Card>
    </>
  );
}
