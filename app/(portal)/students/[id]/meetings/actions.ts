"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { cancelMeeting, holdMeeting, rescheduleMeeting, scheduleMeeting, sendMeetingNotice } from "@/lib/dal/meetings";
import {
  cancelMeetingSchema,
  holdMeetingSchema,
  rescheduleMeetingSchema,
  scheduleMeetingSchema,
  sendMeetingNoticeSchema,
} from "@/lib/validation/meetings";

const refresh = (studentId: string) => revalidatePath(`/students/${studentId}`, "layout");

export const scheduleMeetingAction = defineAction(scheduleMeetingSchema, async (viewer, input) => {
  const result = await scheduleMeeting(viewer, input);
  refresh(input.studentId);
  return result;
});

export const rescheduleMeetingAction = defineAction(rescheduleMeetingSchema, async (viewer, input) => {
  const result = await rescheduleMeeting(viewer, input);
  refresh(input.studentId);
  return result;
});

export const sendMeetingNoticeAction = defineAction(sendMeetingNoticeSchema, async (viewer, input) => {
  await sendMeetingNotice(viewer, input);
  refresh(input.studentId);
});

export const holdMeetingAction = defineAction(holdMeetingSchema, async (viewer, input) => {
  await holdMeeting(viewer, input);
  refresh(input.studentId);
});

export const cancelMeetingAction = defineAction(cancelMeetingSchema, async (viewer, input) => {
  await cancelMeeting(viewer, input);
  refresh(input.studentId);
});
