import { getLocale, getTranslations } from "next-intl/server";
import { NotificationSettings } from "@/components/deadlines/notification-settings";
import { ChangePasswordForm } from "@/components/password-forms";
import { SettingsForm } from "@/components/settings-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireViewer } from "@/lib/auth";
import { getMyNotificationSettings } from "@/lib/dal/notification-settings";
import { isLocale } from "@/lib/i18n/locale";
import { changePasswordAction, updateSettingsAction } from "./actions";
import {
  createCalendarFeedAction,
  revokeCalendarFeedAction,
  updateNotificationSettingsAction,
} from "./notification-actions";

export async function generateMetadata() {
  const t = await getTranslations("settings");
  return { title: t("title") };
}

export default async function SettingsPage() {
  const viewer = await requireViewer();
  const t = await getTranslations("settings");
  const tp = await getTranslations("changePassword");
  const current = viewer.locale ?? (await getLocale());
  return (
    <>
      <PageHeader title={t("title")} subtitle={t("subtitle", { email: viewer.email })} />
      <Card>
        <SettingsForm locale={isLocale(current) ? current : "en"} action={updateSettingsAction} />
      </Card>
      <div className="mt-6">
        <Card title={tp("title")} titleId="password-title">
          <ChangePasswordForm action={changePasswordAction} />
        </Card>
      </div>
      {viewer.role !== "parent" && (
        <div className="mt-6">
          <Card title={t("notificationsTitle")} titleId="notifications-title">
            <NotificationSettings
              settings={await getMyNotificationSettings(viewer)}
              actions={{
                update: updateNotificationSettingsAction,
                createFeed: createCalendarFeedAction,
                revokeFeed: revokeCalendarFeedAction,
              }}
            />
          </Card>
        </div>
      )}
    </>
  );
}
