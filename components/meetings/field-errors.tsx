"use client";

import { useTranslations } from "next-intl";
import { messageKey } from "@/lib/i18n/keys";

/** The translated error messages of one field, linked to its control by `id`. */
export function FieldErrors({ id, keys }: { id: string; keys?: string[] }) {
  const t = useTranslations();
  if (!keys || keys.length === 0) return null;
  return (
    <ul id={id} className="text-sm text-red-800">
      {keys.map((key) => (
        <li key={key}>{t(messageKey(key))}</li>
      ))}
    </ul>
  );
}

/** Every field error of a result that no control shows (e.g. a check across fields). */
export function otherErrors(fieldErrors: Record<string, string[]>, shown: readonly string[]): string[] {
  return Object.entries(fieldErrors)
    .filter(([field]) => !shown.includes(field))
    .flatMap(([, keys]) => keys);
}
