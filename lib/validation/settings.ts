import { z } from "zod";

export const LOCALES = ["en", "es"] as const;

export const updateSettingsSchema = z.object({
  locale: z.enum(LOCALES, { message: "validation.locale" }),
});
export type UpdateSettingsInput = z.infer<typeof updateSettingsSchema>;
