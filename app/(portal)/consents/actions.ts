"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { requestMoreTime, respondToConsent } from "@/lib/dal/consents";
import { requestMoreTimeSchema, respondToConsentSchema } from "@/lib/validation/consents";

export const respondToConsentAction = defineAction(respondToConsentSchema, async (viewer, input) => {
  const result = await respondToConsent(viewer, input);
  revalidatePath(`/consents/${input.requestId}`);
  return result;
});

export const requestMoreTimeAction = defineAction(requestMoreTimeSchema, async (viewer, input) => {
  await requestMoreTime(viewer, input);
});
