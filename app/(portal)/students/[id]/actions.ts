"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { setGuardianshipRestriction } from "@/lib/dal/users";
import { setGuardianshipRestrictionSchema } from "@/lib/validation/admin";

export const setGuardianshipRestrictionAction = defineAction(setGuardianshipRestrictionSchema, async (viewer, input) => {
  await setGuardianshipRestriction(viewer, input);
  revalidatePath(`/students/${input.studentId}`);
});
