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
 * Reads the deadline settings out of `districts.settings`. Values are validated when they are
 * saved; a stored value that no longer validates (a hand edit, an older version) falls back to
 * the Connecticut defaults for that group rather than stopping every deadline computation.
 */
export function parseDeadlineSettings(settings: Record<string, unknown>): DeadlineSettings {
  const compliance = complianceSettingsSchema.safeParse(settings[SETTINGS_KEYS.compliance] ?? {});
  const workQueue = workQueueSettingsSchema.safeParse(settings[SETTINGS_KEYS.workQueue] ?? {});
  return {
    compliance: compliance.success ? compliance.data : complianceSettingsSchema.parse({}),
    workQueue: workQueue.success ? workQueue.data : workQueueSettingsSchema.parse({}),
  };
}
