"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { updateDeadlineSettings } from "@/lib/dal/district-settings";
import { updateDeadlineSettingsSchema } from "@/lib/validation/deadlines";

export const updateDeadlineSettingsAction = defineAction(updateDeadlineSettingsSchema, async (viewer, input) => {
  const result = await updateDeadlineSettings(viewer, input);
  revalidatePath("/", "layout");
  return result;
});
