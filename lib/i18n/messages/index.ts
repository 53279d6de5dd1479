import type { AppLocale } from "../locale";

/**
 * Message catalogs by namespace file. Each domain keeps its own file per locale
 * (`en/<domain>.json`, `es/<domain>.json`) so features do not edit one shared file; a key may be
 * defined in only one file.
 */
const CATALOGS = {
  en: () => Promise.all([import("./en/core.json"), import("./en/plans.json")]),
  es: () => Promise.all([import("./es/core.json"), import("./es/plans.json")]),
} satisfies Record<AppLocale, () => Promise<{ default: Record<string, unknown> }[]>>;

/** All messages of a locale, merged from its namespace files. */
export async function loadMessages(locale: AppLocale): Promise<Record<string, unknown>> {
  const parts = await CATALOGS[locale]();
  return Object.assign({}, ...parts.map((part) => part.default));
}
