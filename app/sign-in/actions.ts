"use server";

import { CredentialsSignin } from "next-auth";
import { AuthError } from "next-auth";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { defineAction } from "@/lib/actions/define-action";
import { signIn } from "@/lib/auth";
import { AppError } from "@/lib/errors";
import { LOCALE_COOKIE } from "@/lib/i18n/locale";
import { signInSchema } from "@/lib/validation/auth";
import { setLocaleSchema } from "@/lib/validation/locale";
import { safeCallbackPath } from "@/lib/validation/navigation";

export const signInAction = defineAction(
  signInSchema,
  async (_viewer, input) => {
    try {
      await signIn("credentials", { email: input.email, password: input.password, redirect: false });
    } catch (error) {
      if (error instanceof CredentialsSignin && error.code === "locked") {
        throw new AppError("RATE_LIMITED", "errors.signInLocked");
      }
      if (error instanceof AuthError) throw new AppError("UNAUTHENTICATED", "errors.signInInvalid");
      throw error;
    }
    redirect(safeCallbackPath(input.callbackUrl));
  },
  { public: true },
);

export const setLanguageAction = defineAction(
  setLocaleSchema,
  async (_viewer, input) => {
    (await cookies()).set(LOCALE_COOKIE, input.locale, {
      path: "/",
      sameSite: "lax",
      httpOnly: true,
      maxAge: 60 * 60 * 24 * 365,
    });
    return { locale: input.locale };
  },
  { public: true },
);
