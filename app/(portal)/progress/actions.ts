"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import {
  assignGoalCollector,
  correctGoalData,
  recordGoalData,
  recordSession,
  removeGoalCollector,
} from "@/lib/dal/progress";
import {
  assignCollectorSchema,
  correctGoalDataSchema,
  recordGoalDataSchema,
  recordSessionSchema,
  removeCollectorSchema,
} from "@/lib/validation/progress";

export const recordGoalDataAction = defineAction(recordGoalDataSchema, async (viewer, input) => {
  const result = await recordGoalData(viewer, input);
  revalidatePath("/students/[id]/progress", "page");
  return result;
});

export const correctGoalDataAction = defineAction(correctGoalDataSchema, async (viewer, input) => {
  const result = await correctGoalData(viewer, input);
  revalidatePath("/students/[id]/progress", "page");
  return result;
});

export const recordSessionAction = defineAction(recordSessionSchema, async (viewer, input) => {
  const result = await recordSession(viewer, input);
  revalidatePath("/progress");
  return result;
});

export const assignCollectorAction = defineAction(assignCollectorSchema, async (viewer, input) => {
  const result = await assignGoalCollector(viewer, input);
  revalidatePath("/students/[id]/progress", "page");
  return result;
});

export const removeCollectorAction = defineAction(removeCollectorSchema, async (viewer, input) => {
  await removeGoalCollector(viewer, input);
  revalidatePath("/students/[id]/progress", "page");
  return null;
});
