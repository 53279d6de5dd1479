import { getRequestConfig } from "next-intl/server";
import { cookies, headers } from "next/headers";
import { getViewer } from "@/lib/auth/viewer";
import { isLocale, LOCALE_COOKIE, negotiateLocale, type AppLocale } from "./locale";
import { loadMessages } from "./messages";

/** Locale order: the signed-in user's setting, then the language cookie, then the browser. */
async function resolveLocale(): Promise<AppLocale> {
  const viewer = await getViewer().catch(() => null);
  if (viewer?.locale && isLocale(viewer.locale)) return viewer.locale;
  const cookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(cookie)) return cookie;
  return negotiateLocale((await headers()).get("accept-language"));
}

export default getRequestConfig(async () => {
  const locale = await resolveLocale();
  const messages = await loadMessages(locale);
  return { locale, messages, timeZone: "America/New_York" };
});
