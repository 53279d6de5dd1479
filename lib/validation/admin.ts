import { z } from "zod";
import { uuidSchema } from "./ids";

export const designateCoordinatorSchema = z.object({
  schoolId: uuidSchema,
  userId: uuidSchema,
});

export const removeCoordinatorSchema = designateCoordinatorSchema;

export const setUserActiveSchema = z.object({
  userId: uuidSchema,
  active: z.boolean({ message: "validation.invalid" }),
});

export const setGuardianshipRestrictionSchema = z.object({
  studentId: uuidSchema,
  guardianshipId: uuidSchema,
  restricted: z.boolean({ message: "validation.invalid" }),
});
