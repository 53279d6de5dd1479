import type { AppLocale } from "../locale";

/**
 * Message catalogs by namespace file. Each domain keeps its own file per locale
 * (`en/<domain>.json`, `es/<domain>.json`) so features do not edit one shared file; namespaces
 * may span files (e.g. each domain adds its own `errors.*`), but a key may be defined only once.
 */
const CATALOGS = {
  en: () =>
    Promise.all([
      import("./en/core.json"),
      import("./en/plans.json"),
      import("./en/delivery.json"),
      import("./en/deadlines.json"),
      import("./en/lifecycle.json"),
      import("./en/consents.json"),
      import("./en/meetings.json"),
      import("./en/services.json"),
      import("./en/progress.json"),
      import("./en/progressReports.json"),
      import("./en/transitions.json"),
      import("./en/referrals.json"),
      import("./en/exits.json"),
    ]),
  es: () =>
    Promise.all([
      import("./es/core.json"),
      import("./es/plans.json"),
      import("./es/delivery.json"),
      import("./es/deadlines.json"),
      import("./es/lifecycle.json"),
      import("./es/consents.json"),
      import("./es/meetings.json"),
      import("./es/services.json"),
      import("./es/progress.json"),
      import("./es/progressReports.json"),
      import("./es/transitions.json"),
      import("./es/referrals.json"),
      import("./es/exits.json"),
    ]),
} satisfies Record<AppLocale, () => Promise<{ default: Record<string, unknown> }[]>>;

type Messages = { [key: string]: string | Messages };

function deepMerge(target: Messages, source: Messages, path: string[] = []): Messages {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    if (typeof value === "object" && typeof existing === "object") {
      target[key] = deepMerge({ ...existing }, value, [...path, key]);
    } else if (existing !== undefined) {
      throw new Error(`message ${[...path, key].join(".")} is defined in two catalog files`);
    } else {
      target[key] = value;
    }
  }
  return target;
}

/** All messages of a locale, deep-merged from its namespace files (a key defined twice is an error). */
export async function loadMessages(locale: AppLocale): Promise<Record<string, unknown>> {
  const parts = await CATALOGS[locale]();
  return parts.reduce<Messages>((all, part) => deepMerge(all, part.default as Messages), {});
}
