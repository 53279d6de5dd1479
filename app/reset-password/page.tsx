import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { ResetPasswordForm } from "@/components/password-forms";
import { resetPasswordAction } from "../forgot-password/actions";

export async function generateMetadata() {
  const t = await getTranslations("passwordReset");
  return { title: t("resetTitle") };
}

export default async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const token = typeof params.token === "string" ? params.token.slice(0, 100) : "";
  const t = await getTranslations();
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-4 py-12">
      <div className="rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        <p className="text-sm font-semibold tracking-wide text-brand-700 uppercase">{t("app.name")}</p>
        <h1 className="mt-1 mb-6 text-2xl font-bold text-slate-900">{t("passwordReset.resetTitle")}</h1>
        <ResetPasswordForm token={token} action={resetPasswordAction} />
        <p className="mt-6 text-sm">
          <Link href="/sign-in" className="text-brand-700 underline">
            {t("passwordReset.backToSignIn")}
          </Link>
        </p>
      </div>
    </main>
  );
}
