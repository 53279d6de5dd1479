"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { designate504Coordinator, remove504Coordinator } from "@/lib/dal/schools";
import { designateCoordinatorSchema, removeCoordinatorSchema } from "@/lib/validation/admin";

export const designateCoordinatorAction = defineAction(designateCoordinatorSchema, async (viewer, input) => {
  await designate504Coordinator(viewer, input);
  revalidatePath(`/schools/${input.schoolId}`);
});

export const removeCoordinatorAction = defineAction(removeCoordinatorSchema, async (viewer, input) => {
  await remove504Coordinator(viewer, input);
  revalidatePath(`/schools/${input.schoolId}`);
});
