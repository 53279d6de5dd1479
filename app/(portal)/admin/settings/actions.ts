"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { updateConsentSettings, updateDataSettings, updateDeadlineSettings } from "@/lib/dal/district-settings";
import { updateDeadlineSettingsSchema } from "@/lib/validation/deadlines";
import { updateConsentSettingsSchema, updateDataSettingsSchema } from "@/lib/validation/settings";

export const updateDeadlineSettingsAction = defineAction(updateDeadlineSettingsSchema, async (viewer, input) => {
  const result = await updateDeadlineSettings(viewer, input);
  revalidatePath("/", "layout");
  return result;
});

export const updateConsentSettingsAction = defineAction(updateConsentSettingsSchema, async (viewer, input) => {
  const result = await updateConsentSettings(viewer, input);
  revalidatePath("/admin/settings");
  return result;
});

export const updateDataSettingsAction = defineAction(updateDataSettingsSchema, async (viewer, input) => {
  const result = await updateDataSettings(viewer, input);
  revalidatePath("/", "layout");
  return result;
});
