import { z } from "zod";
import { CONSENT_REQUEST_TYPES } from "@/lib/validation/consents";

/**
 * The district's consent settings (`districts.settings.consent`). `partialConsentTypes`: the consent
 * types a signer may consent to in part ([U], compliance.md C-02 "partial consent to specific
 * services", legal-review CL-2: route to counsel); empty by default, so partial consent is not offered.
 */
export const consentSettingsSchema = z
  .strictObject({
    partialConsentTypes: z.array(z.enum(CONSENT_REQUEST_TYPES)).default([]),
  })
  .prefault({});

export type ConsentSettings = z.output<typeof consentSettingsSchema>;

/** Reads the consent settings out of `districts.settings`, defaults filled in (an unreadable value: defaults). */
export function parseConsentSettings(settings: Record<string, unknown>): ConsentSettings {
  const parsed = consentSettingsSchema.safeParse(settings.consent ?? {});
  return parsed.success ? parsed.data : consentSettingsSchema.parse({});
}
