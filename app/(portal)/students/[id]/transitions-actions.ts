"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { end504Plan, endIep } from "@/lib/dal/transitions";
import { end504Schema, endIepSchema } from "@/lib/validation/transitions";

export const endIepAction = defineAction(endIepSchema, async (viewer, input) => {
  const result = await endIep(viewer, input);
  revalidatePath(`/students/${input.studentId}`);
  return result;
});

export const end504Action = defineAction(end504Schema, async (viewer, input) => {
  const result = await end504Plan(viewer, input);
  revalidatePath(`/students/${input.studentId}`);
  return result;
});
