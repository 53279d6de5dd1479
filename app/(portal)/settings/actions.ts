"use server";

import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { updateMySettings } from "@/lib/dal/users";
import { LOCALE_COOKIE } from "@/lib/i18n/locale";
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
