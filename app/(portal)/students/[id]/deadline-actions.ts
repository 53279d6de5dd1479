"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { completeDeadline, recordCaseEvent, recordDelayReason, voidCaseEvent } from "@/lib/dal/case-events";
import {
  completeDeadlineSchema,
  delayReasonSchema,
  recordCaseEventSchema,
  voidCaseEventSchema,
} from "@/lib/validation/deadlines";

export const recordCaseEventAction = defineAction(recordCaseEventSchema, async (viewer, input) => {
  const result = await recordCaseEvent(viewer, input);
  revalidatePath(`/students/${input.studentId}`);
  return result;
});

export const voidCaseEventAction = defineAction(voidCaseEventSchema, async (viewer, input) => {
  await voidCaseEvent(viewer, input);
  revalidatePath(`/students/${input.studentId}`);
});

export const completeDeadlineAction = defineAction(completeDeadlineSchema, async (viewer, input) => {
  await completeDeadline(viewer, input);
  revalidatePath(`/students/${input.studentId}`);
});

export const recordDelayReasonAction = defineAction(delayReasonSchema, async (viewer, input) => {
  await recordDelayReason(viewer, input);
  revalidatePath(`/students/${input.studentId}`);
});
