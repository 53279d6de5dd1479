import type { AppLocale } from "../locale";

/**
 * Message catalogs by namespace file. Each domain keeps its own file per locale
 * (`en/<domain>.json`, `es/<domain>.json`) so features do not edit one shared file. Files are
 * merged key by key (a domain may add keys under a shared namespace such as `validation`), and a
 * key may be defined in only one file.
 */
const CATALOGS = {
  en: () => Promise.all([import("./en/core.json"), import("./en/deadlines.json")]),
  es: () => Promise.all([import("./es/core.json"), import("./es/deadlines.json")]),
} satisfies Record<AppLocale, () => Promise<{ default: Record<string, unknown> }[]>>;

type Tree = Record<string, unknown>;
const isTree = (value: unknown): value is Tree => typeof value === "object" && value !== null && !Array.isArray(value);

function mergeInto(target: Tree, source: Tree, path: string): void {
  for (const [key, value] of Object.entries(source)) {
    const at = path ? `${path}.${key}` : key;
    const existing = target[key];
    if (existing === undefined) target[key] = isTree(value) ? structuredClone(value) : value;
    else if (isTree(existing) && isTree(value)) mergeInto(existing, value, at);
    else throw new Error(`message key "${at}" is defined in more than one catalog file`);
  }
}

/** All messages of a locale, merged from its namespace files. */
export async function loadMessages(locale: AppLocale): Promise<Record<string, unknown>> {
  const parts = await CATALOGS[locale]();
  const messages: Tree = {};
  for (const part of parts) mergeInto(messages, part.default, "");
  return messages;
}
