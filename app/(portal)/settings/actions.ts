"use server";

import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { signIn } from "@/lib/auth";
import { changeMyPassword, updateMySettings } from "@/lib/dal/users";
import { LOCALE_COOKIE } from "@/lib/i18n/locale";
import { changePasswordSchema } from "@/lib/validation/auth";
import { updateSettingsSchema } from "@/lib/validation/settings";

export const updateSettingsAction = defineAction(updateSettingsSchema, async (viewer, input) => {
  await updateMySettings(viewer, input);
  (await cookies()).set(LOCALE_COOKIE, input.locale, {
    path: "/",
    sameSite: "lax",
    httpOnly: true,
    maxAge: 31_536_000,
  });
  revalidatePath("/", "layout");
  return { locale: input.locale };
});

export const changePasswordAction = defineAction(changePasswordSchema, async (viewer, input) => {
  await changeMyPassword(viewer, input);
  // The bumped session version ends every session, this one included: sign this browser in again.
  await signIn("credentials", { email: viewer.email, password: input.newPassword, redirect: false });
  return { changed: true };
});
