"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { closeDueProcessFiling, recordDueProcessFiling } from "@/lib/dal/due-process";
import { closeDueProcessSchema, recordDueProcessSchema } from "@/lib/validation/due-process";

export const recordDueProcessAction = defineAction(recordDueProcessSchema, async (viewer, input) => {
  const result = await recordDueProcessFiling(viewer, input);
  revalidatePath(`/students/${input.studentId}`);
  return result;
});

export const closeDueProcessAction = defineAction(closeDueProcessSchema, async (viewer, input) => {
  await closeDueProcessFiling(viewer, input);
  revalidatePath(`/students/${input.studentId}`);
});
