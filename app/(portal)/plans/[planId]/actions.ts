"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { searchAccommodationBank, searchGoalBank } from "@/lib/dal/banks";
import {
  activateVersion,
  discardDraft,
  finalizeVersion,
  proposeVersion,
  returnToDraft,
  saveDraft,
  startAmendment,
} from "@/lib/dal/plans";
import { activateVersionSchema, bankSearchSchema, saveDraftSchema, versionActionSchema } from "@/lib/validation/plans";

export const savePlanDraftAction = defineAction(saveDraftSchema, (viewer, input) => saveDraft(viewer, input));

export const proposeVersionAction = defineAction(versionActionSchema, async (viewer, input) => {
  await proposeVersion(viewer, input);
  revalidatePath("/plans", "layout");
});

export const returnToDraftAction = defineAction(versionActionSchema, async (viewer, input) => {
  await returnToDraft(viewer, input);
  revalidatePath("/plans", "layout");
});

export const finalizeVersionAction = defineAction(versionActionSchema, async (viewer, input) => {
  await finalizeVersion(viewer, input);
  revalidatePath("/plans", "layout");
});

export const activateVersionAction = defineAction(activateVersionSchema, async (viewer, input) => {
  await activateVersion(viewer, input);
  revalidatePath("/", "layout");
});

export const startAmendmentAction = defineAction(versionActionSchema, async (viewer, input) => {
  const result = await startAmendment(viewer, input);
  revalidatePath("/plans", "layout");
  return result;
});

export const discardDraftAction = defineAction(versionActionSchema, async (viewer, input) => {
  const result = await discardDraft(viewer, input);
  revalidatePath("/", "layout");
  return result;
});

export const searchAccommodationBankAction = defineAction(bankSearchSchema, (viewer, input) =>
  searchAccommodationBank(viewer, input),
);

export const searchGoalBankAction = defineAction(bankSearchSchema, (viewer, input) => searchGoalBank(viewer, input));
