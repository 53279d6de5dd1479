import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { ForgotPasswordForm } from "@/components/password-forms";
import { requestPasswordResetAction } from "./actions";

export async function generateMetadata() {
  const t = await getTranslations("passwordReset");
  return { title: t("requestTitle") };
}

export default async function ForgotPasswordPage() {
  const t = await getTranslations();
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-4 py-12">
      <div className="rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        <p className="text-sm font-semibold tracking-wide text-brand-700 uppercase">{t("app.name")}</p>
        <h1 className="mt-1 text-2xl font-bold text-slate-900">{t("passwordReset.requestTitle")}</h1>
        <p className="mt-2 mb-6 text-slate-600">{t("passwordReset.requestIntro")}</p>
        <ForgotPasswordForm action={requestPasswordResetAction} />
        <p className="mt-6 text-sm">
          <Link href="/sign-in" className="text-brand-700 underline">
            {t("passwordReset.backToSignIn")}
          </Link>
        </p>
      </div>
    </main>
  );
}
