"use client";

import { useTranslations } from "next-intl";
import { useTransition } from "react";
import type { ActionResult } from "@/lib/actions/types";
import { clearAllBackups } from "@/lib/plans/draft-backup";

export function SignOutButton({
  action,
}: {
  action: (input: Record<string, never>) => Promise<ActionResult<unknown>>;
}) {
  const t = useTranslations("nav");
  const [pending, startTransition] = useTransition();
  return (
    <button
      type="button"
      disabled={pending}
      onClick={() => {
        clearAllBackups(window.localStorage);
        startTransition(async () => void (await action({})));
      }}
      className="rounded-md border border-white/40 px-3 py-1.5 text-sm text-white hover:bg-white/10"
    >
      {t("signOut")}
    </button>
  );
}
