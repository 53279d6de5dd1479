"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { recordCourtGuardianship } from "@/lib/dal/adult-students";
import { recordCourtGuardianshipSchema } from "@/lib/validation/transitions";

export const recordCourtGuardianshipAction = defineAction(recordCourtGuardianshipSchema, async (viewer, input) => {
  const result = await recordCourtGuardianship(viewer, input);
  revalidatePath(`/students/${input.studentId}`);
  return result;
});
