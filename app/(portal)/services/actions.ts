"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { logServiceSession } from "@/lib/dal/services";
import { logServiceSessionSchema } from "@/lib/validation/services";

export const logServiceSessionAction = defineAction(logServiceSessionSchema, async (viewer, input) => {
  const result = await logServiceSession(viewer, input);
  revalidatePath("/services");
  revalidatePath("/students/[id]/services", "page");
  return result;
});
