"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { createPlan } from "@/lib/dal/plans";
import { setGuardianshipRestriction } from "@/lib/dal/users";
import { setGuardianshipRestrictionSchema } from "@/lib/validation/admin";
import { createPlanSchema } from "@/lib/validation/plans";

export const setGuardianshipRestrictionAction = defineAction(
  setGuardianshipRestrictionSchema,
  async (viewer, input) => {
    await setGuardianshipRestriction(viewer, input);
    revalidatePath(`/students/${input.studentId}`);
  },
);

export const createPlanAction = defineAction(createPlanSchema, async (viewer, input) => {
  const created = await createPlan(viewer, input);
  revalidatePath(`/students/${input.studentId}`);
  return created;
});
