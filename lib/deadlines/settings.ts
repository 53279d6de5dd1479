import { z } from "zod";
import { complianceSettingsSchema, type ComplianceSettings } from "@/lib/compliance";
import { DELAY_REASON_CODES } from "./delay-reasons";

/** Keys of `districts.settings` (jsonb) that hold the deadline settings. */
export const SETTINGS_KEYS = { compliance: "compliance", workQueue: "workQueue" } as const;

/**
 * District settings of the work queue and notifications (the rule amounts themselves are the
 * engine's `complianceSettingsSchema`).
 */
export const workQueueSettingsSchema = z
  .strictObject({
    /** An overdue item escalates to the principal once it is this many school days overdue (5). */
    escalateAfterSchoolDays: z.number().int().min(1).max(60).default(5),
    /** Digests list items due within this many school days, and every overdue item (5). */
    digestWindowSchoolDays: z.number().int().min(1).max(60).default(5),
    /**
     * Staff may record that a parent agreed in writing to a meeting notice shorter than D-06 (true).
     * [U]: whether a parent may waive the notice is not settled in Connecticut (legal-review.md E8).
     */
    shorterNoticeByAgreement: z.boolean().default(true),
    /** Delay reason codes staff may record on a late D-01 (all by default). */
    delayReasons: z
      .array(z.enum(DELAY_REASON_CODES))
      .min(1)
      .default([...DELAY_REASON_CODES]),
  })
  .prefault({});

export type WorkQueueSettings = z.output<typeof workQueueSettingsSchema>;

/** Everything the deadline features read from a district's settings, defaults filled in. */
export interface DeadlineSettings {
  compliance: ComplianceSettings;
  workQueue: WorkQueueSettings;
}

/**
 * Parses one group of stored settings, dropping only the values that no longer validate (a hand
 * edit, an older version, a value beyond a legal bound added later): each falls back to its
 * Connecticut default while the district's other choices stay in force.
 */
function parseKeepingValid<S extends z.ZodType<object>>(schema: S, stored: unknown): z.output<S> {
  const parsed = schema.safeParse(stored ?? {});
  if (parsed.success) return parsed.data;
  const kept: Record<string, unknown> =
    stored && typeof stored === "object" && !Array.isArray(stored) ? { ...(stored as Record<string, unknown>) } : {};
  for (const issue of parsed.error.issues) {
    if (issue.code === "unrecognized_keys") for (const key of issue.keys) delete kept[key];
    const key = issue.path[0];
    if (typeof key === "string") delete kept[key];
  }
  const retried = schema.safeParse(kept);
  return retried.success ? retried.data : schema.parse({});
}

/** Reads the deadline settings out of `districts.settings`, defaults filled in for missing or invalid values. */
export function parseDeadlineSettings(settings: Record<string, unknown>): DeadlineSettings {
  return {
    compliance: parseKeepingValid(complianceSettingsSchema, settings[SETTINGS_KEYS.compliance]),
    workQueue: parseKeepingValid(workQueueSettingsSchema, settings[SETTINGS_KEYS.workQueue]),
  };
}
