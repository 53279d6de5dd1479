"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { acknowledgeVersion, logImplementation, logWholeClass, undoWholeClass } from "@/lib/dal/delivery";
import {
  acknowledgeSchema,
  logClassSchema,
  logImplementationSchema,
  undoClassLogSchema,
} from "@/lib/validation/delivery";

export const acknowledgeAction = defineAction(acknowledgeSchema, async (viewer, input) => {
  const result = await acknowledgeVersion(viewer, input);
  revalidatePath("/accommodations");
  return result;
});

export const logImplementationAction = defineAction(logImplementationSchema, async (viewer, input) => {
  const result = await logImplementation(viewer, input);
  revalidatePath("/accommodations");
  return result;
});

export const logWholeClassAction = defineAction(logClassSchema, async (viewer, input) => {
  const result = await logWholeClass(viewer, input);
  revalidatePath("/accommodations");
  return result;
});

export const undoWholeClassAction = defineAction(undoClassLogSchema, async (viewer, input) => {
  const result = await undoWholeClass(viewer, input);
  revalidatePath("/accommodations");
  return result;
});
