import { getTranslations } from "next-intl/server";
import Link from "next/link";

export default async function NotFound() {
  const t = await getTranslations("notFound");
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-16 text-center">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-2 text-slate-600">{t("body")}</p>
      <p className="mt-6">
        <Link href="/" className="text-brand-700 underline underline-offset-2">
          {t("home")}
        </Link>
      </p>
    </main>
  );
}
