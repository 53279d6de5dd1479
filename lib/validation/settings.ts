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

const wholeNumber = (min: number, max: number) =>
  z.coerce
    .number({ message: "validation.wholeNumber" })
    .int({ message: "validation.wholeNumber" })
    .min(min, { message: "validation.settingRange" })
    .max(max, { message: "validation.settingRange" });

/**
 * A district admin's goal-data, service-minute and progress-reporting settings: back-dated data needing
 * a reason (`progress.backdateReasonSchoolDays`, [S]), a goal without data on the queue
 * (`progress.staleGoalSchoolDays`, [S]), the progress-report suggestion's judgement calls
 * (`progress.masteryPoints`, `progress.aimlineTolerancePercent`, `progress.flatTrendPercent`, [S]), the service shortfall threshold (`services.shortfallPercent`,
 * [S], SM-3) and when progress reports are due (`services.progressReports`, [U], D-13). The bounds are
 * those of the stored settings' schemas (lib/progress/settings.ts, lib/services/settings.ts).
 */
export const updateDataSettingsSchema = z.object({
  backdateReasonSchoolDays: wholeNumber(0, 60),
  staleGoalSchoolDays: wholeNumber(1, 90),
  masteryPoints: wholeNumber(1, 10),
  aimlineTolerancePercent: wholeNumber(0, 50),
  flatTrendPercent: wholeNumber(0, 50),
  shortfallPercent: wholeNumber(1, 100),
  progressReports: z.enum(["report_cards", "iep_schedule"], { message: "validation.invalid" }),
});
export type UpdateDataSettingsInput = z.infer<typeof updateDataSettingsSchema>;
