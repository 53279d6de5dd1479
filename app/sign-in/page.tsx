import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { redirect } from "next/navigation";
import { LanguageSwitcher } from "@/components/language-switcher";
import { SignInForm } from "@/components/sign-in-form";
import { getViewer } from "@/lib/auth";
import { safeCallbackPath } from "@/lib/validation/navigation";
import { setLanguageAction, signInAction } from "./actions";

export async function generateMetadata() {
  const t = await getTranslations("signIn");
  return { title: t("title") };
}

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const callback = typeof params.callbackUrl === "string" ? safeCallbackPath(params.callbackUrl) : "/";
  if (await getViewer()) redirect(callback);
  const t = await getTranslations();
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-4 py-12">
      <div className="mb-4 flex justify-end">
        <LanguageSwitcher action={setLanguageAction} />
      </div>
      <div className="rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        <p className="text-sm font-semibold tracking-wide text-brand-700 uppercase">{t("app.name")}</p>
        <h1 className="mt-1 text-2xl font-bold text-slate-900">{t("signIn.title")}</h1>
        <p className="mt-2 mb-6 text-slate-600">{t("signIn.intro")}</p>
        <SignInForm action={signInAction} callbackUrl={callback} />
        <p className="mt-4 text-sm">
          <Link href="/forgot-password" className="text-brand-700 underline">
            {t("passwordReset.forgotLink")}
          </Link>
        </p>
      </div>
    </main>
  );
}
