"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import {
  createMyCalendarFeed,
  revokeMyCalendarFeed,
  updateMyNotificationSettings,
} from "@/lib/dal/notification-settings";
import { notificationSettingsSchema } from "@/lib/validation/deadlines";

export const updateNotificationSettingsAction = defineAction(notificationSettingsSchema, async (viewer, input) => {
  await updateMyNotificationSettings(viewer, input);
  revalidatePath("/settings");
});

export const createCalendarFeedAction = defineAction(z.object({}), async (viewer) => {
  const { token } = await createMyCalendarFeed(viewer);
  revalidatePath("/settings");
  return { path: `/api/calendar/${token}.ics` };
});

export const revokeCalendarFeedAction = defineAction(z.object({}), async (viewer) => {
  await revokeMyCalendarFeed(viewer);
  revalidatePath("/settings");
});
