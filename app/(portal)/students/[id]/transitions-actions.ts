"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { cancelPlanEnd, holdPlanEndForStayPut, recordRecordsTransfer, resolveHeldEnd } from "@/lib/dal/exits";
import { end504Plan, endIep } from "@/lib/dal/transitions";
import {
  cancelPlanEndSchema,
  end504Schema,
  endIepSchema,
  holdPlanEndSchema,
  recordTransferSchema,
  resolveHeldEndSchema,
} from "@/lib/validation/transitions";

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

export const cancelPlanEndAction = defineAction(cancelPlanEndSchema, async (viewer, input) => {
  await cancelPlanEnd(viewer, input);
  revalidatePath(`/students/${input.studentId}`);
});

export const holdPlanEndAction = defineAction(holdPlanEndSchema, async (viewer, input) => {
  await holdPlanEndForStayPut(viewer, input);
  revalidatePath(`/students/${input.studentId}`);
});

export const resolveHeldEndAction = defineAction(resolveHeldEndSchema, async (viewer, input) => {
  const result = await resolveHeldEnd(viewer, input);
  revalidatePath(`/students/${input.studentId}`);
  return result;
});

export const recordTransferAction = defineAction(recordTransferSchema, async (viewer, input) => {
  const result = await recordRecordsTransfer(viewer, input);
  revalidatePath(`/students/${input.studentId}`);
  return result;
});
