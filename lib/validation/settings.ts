import { z } from "zod";
import { CONSENT_REQUEST_TYPES } from "./consents";

export const LOCALES = ["en", "es"] as const;

export const updateSettingsSchema = z.object({
  locale: z.enum(LOCALES, { message: "validation.locale" }),
});
export type UpdateSettingsInput = z.infer<typeof updateSettingsSchema>;

/**
 * A district admin's consent and activation settings: whether a 504 plan needs the parent's written
 * consent before it takes effect (`lifecycle.require504WrittenConsent`, [U]) and the consent types
 * that allow partial consent (`consent.partialConsentTypes`, [U]).
 */
export const updateConsentSettingsSchema = z.object({
  require504WrittenConsent: z.preprocess(
    (value) => value === "on" || value === "true" || value,
    z.boolean({ message: "validation.invalid" }),
  ),
  partialConsentTypes: z.preprocess(
    (value) => (Array.isArray(value) ? value : typeof value === "string" ? [value] : value === false ? [] : value),
    z
      .array(z.enum(CONSENT_REQUEST_TYPES, { message: "validation.invalid" }), { message: "validation.invalid" })
      .max(CONSENT_REQUEST_TYPES.length, { message: "validation.invalid" })
      .refine((types) => new Set(types).size === types.length, { message: "validation.invalid" }),
  ),
});
export type UpdateConsentSettingsInput = z.infer<typeof updateConsentSettingsSchema>;
