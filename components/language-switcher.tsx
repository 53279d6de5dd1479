"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import type { ActionResult } from "@/lib/actions/types";

const LANGUAGES = [
  { locale: "en", label: "English" },
  { locale: "es", label: "Español" },
] as const;

export function LanguageSwitcher({
  action,
}: {
  action: (input: { locale: string }) => Promise<ActionResult<unknown>>;
}) {
  const t = useTranslations("common");
  const current = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <nav aria-label={t("language")} className="flex gap-2 text-sm">
      {LANGUAGES.map(({ locale, label }) => (
        <button
          key={locale}
          type="button"
          lang={locale}
          disabled={pending}
          aria-current={current === locale ? "true" : undefined}
          className="rounded px-2 py-1 text-brand-700 underline-offset-2 hover:underline aria-[current=true]:font-semibold aria-[current=true]:text-slate-900 aria-[current=true]:no-underline"
          onClick={() =>
            startTransition(async () => {
              const result = await action({ locale });
              if (result.ok) router.refresh();
            })
          }
        >
          {label}
        </button>
      ))}
    </nav>
  );
}
