import { createTranslator } from "next-intl";
import { isLocale, type AppLocale } from "@/lib/i18n/locale";
import { loadMessages } from "@/lib/i18n/messages";

/** A translator for one locale outside a request (jobs, feeds, exports): full keys, ICU messages. */
export async function translatorFor(locale: string | null | undefined) {
  const resolved: AppLocale = isLocale(locale) ? locale : "en";
  const messages = await loadMessages(resolved);
  const t = createTranslator({ locale: resolved, messages });
  const translate = (key: string, values?: Record<string, string | number>) =>
    (t as unknown as (k: string, v?: Record<string, string | number>) => string)(key, values);
  const formatDate = (date: string) =>
    new Intl.DateTimeFormat(resolved, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${date}T12:00:00Z`));
  return { locale: resolved, t: translate, formatDate };
}
