"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { createNotice, sendNotice, updateNotice } from "@/lib/dal/notices";
import { createNoticeSchema, sendNoticeSchema, updateNoticeSchema } from "@/lib/validation/meetings";

const refresh = (studentId: string) => revalidatePath(`/students/${studentId}`, "layout");

export const createNoticeAction = defineAction(createNoticeSchema, async (viewer, input) => {
  const result = await createNotice(viewer, input);
  refresh(input.studentId);
  return result;
});

export const updateNoticeAction = defineAction(updateNoticeSchema, async (viewer, input) => {
  const result = await updateNotice(viewer, input);
  refresh(input.studentId);
  return result;
});

export const sendNoticeAction = defineAction(sendNoticeSchema, async (viewer, input) => {
  const result = await sendNotice(viewer, input);
  refresh(input.studentId);
  return result;
});
