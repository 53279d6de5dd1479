"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/types";
import type { NotificationSettingsView } from "@/lib/dto/deadlines";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { messageKey } from "@/lib/i18n/keys";

/**
 * Deadline notifications in the settings page: the daily digest e-mail (overdue notices cannot be
 * turned off) and the personal calendar feed link, shown once when created, revocable.
 */
export function NotificationSettings({
  settings,
  actions,
}: {
  settings: NotificationSettingsView;
  actions: {
    update: (input: { digestEmails: boolean }) => Promise<ActionResult<unknown>>;
    createFeed: (input: Record<string, never>) => Promise<ActionResult<{ path: string }>>;
    revokeFeed: (input: Record<string, never>) => Promise<ActionResult<unknown>>;
  };
}) {
  const t = useTranslations();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [digest, setDigest] = useState(settings.digestEmails);
  const [status, setStatus] = useState<{ tone: "success" | "error"; key: string } | null>(null);
  const [feedUrl, setFeedUrl] = useState<string | null>(null);
  const run = (
    work: () => Promise<ActionResult<unknown>>,
    successKey: string,
    after?: (result: ActionResult<unknown>) => void,
  ) =>
    startTransition(async () => {
      setStatus(null);
      const result = await work();
      if (result.ok) {
        setStatus({ tone: "success", key: successKey });
        after?.(result);
        router.refresh();
      } else setStatus({ tone: "error", key: result.formError ?? "errors.unexpected" });
    });
  return (
    <div className="space-y-6">
      {status && (
        <Alert tone={status.tone} live>
          {t(messageKey(status.key))}
        </Alert>
      )}
      <form
        className="space-y-3"
        onSubmit={(event) => {
          event.preventDefault();
          run(() => actions.update({ digestEmails: digest }), "notifications.settings.saved");
        }}
      >
        <label className="flex items-start gap-2 text-sm">
          <input
            type="checkbox"
            className="mt-1"
            checked={digest}
            onChange={(e) => setDigest(e.target.checked)}
            aria-describedby="digest-hint"
          />
          <span>{t("notifications.settings.digest")}</span>
        </label>
        <p id="digest-hint" className="text-sm text-slate-600">
          {t("notifications.settings.digestHint")}
        </p>
        <Button type="submit" variant="secondary" disabled={pending}>
          {t("notifications.settings.save")}
        </Button>
      </form>
      <div className="space-y-3 border-t border-slate-200 pt-4">
        <h3 className="font-semibold">{t("notifications.feed.title")}</h3>
        <p className="text-sm text-slate-600">{t("notifications.feed.intro")}</p>
        {feedUrl && (
          <div className="space-y-1">
            <label htmlFor="feed-url" className="block text-sm font-medium">
              {t("notifications.feed.url")}
            </label>
            <input
              id="feed-url"
              readOnly
              value={feedUrl}
              className="block w-full rounded-md border border-slate-400 bg-slate-50 px-3 py-2 font-mono text-xs"
              onFocus={(e) => e.target.select()}
            />
            <p className="text-sm text-slate-600">{t("notifications.feed.copyOnce")}</p>
          </div>
        )}
        <p className="text-sm">{settings.feedActive ? t("notifications.feed.active") : t("notifications.feed.none")}</p>
        <div className="flex flex-wrap gap-2">
          <Button
            type="button"
            variant="secondary"
            disabled={pending}
            onClick={() =>
              run(
                () => actions.createFeed({}),
                "notifications.feed.created",
                (result) => {
                  if (result.ok) setFeedUrl(`${window.location.origin}${(result.data as { path: string }).path}`);
                },
              )
            }
          >
            {settings.feedActive ? t("notifications.feed.regenerate") : t("notifications.feed.create")}
          </Button>
          {settings.feedActive && (
            <Button
              type="button"
              variant="danger"
              disabled={pending}
              onClick={() => {
                if (!window.confirm(t("notifications.feed.revokeConfirm"))) return;
                run(
                  () => actions.revokeFeed({}),
                  "notifications.feed.revoked",
                  () => setFeedUrl(null),
                );
              }}
            >
              {t("notifications.feed.revoke")}
            </Button>
          )}
        </div>
      </div>
    </div>
  );
}
