import { z } from "zod";

export const SERVICES_SETTINGS_KEY = "services";

/** When progress reports go to parents: with report cards, or on another schedule the IEP writes. */
export const PROGRESS_REPORT_SCHEDULES = ["report_cards", "iep_schedule"] as const;

/**
 * District settings for service minutes and progress reporting (`districts.settings.services`).
 * - `shortfallPercent` ([S], rule SM-3): a service whose shortfall to date reaches this share of the
 *   minutes required to date appears on the case manager's work queue (10 %).
 * - `progressReports` ([U], compliance.md D-13, legal-review PM-2): "report_cards" — progress
 *   reports are due on each report-card date (D-13 in the engine); "iep_schedule" — each IEP writes
 *   its own schedule, and D-13 is not computed from report-card dates.
 */
export const servicesSettingsSchema = z
  .strictObject({
    shortfallPercent: z.number().int().min(1).max(100).default(10),
    progressReports: z.enum(PROGRESS_REPORT_SCHEDULES).default("report_cards"),
  })
  .prefault({});

export type ServicesSettings = z.output<typeof servicesSettingsSchema>;

/** Reads the services settings from `districts.settings`, falling back to the defaults when invalid. */
export function parseServicesSettings(settings: Record<string, unknown>): ServicesSettings {
  const parsed = servicesSettingsSchema.safeParse(settings[SERVICES_SETTINGS_KEY] ?? {});
  return parsed.success ? parsed.data : servicesSettingsSchema.parse({});
}
