"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { setUserActive } from "@/lib/dal/users";
import { setUserActiveSchema } from "@/lib/validation/admin";

export const setUserActiveAction = defineAction(setUserActiveSchema, async (viewer, input) => {
  await setUserActive(viewer, input);
  revalidatePath("/admin/staff");
});
