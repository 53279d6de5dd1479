import { z } from "zod";

export const PROGRESS_SETTINGS_KEY = "progress";

/**
 * District settings for goal data ([S]: district choices, not law; the defaults are ours).
 */
export const progressSettingsSchema = z
  .strictObject({
    /** A data point entered more than this many school days after the day observed needs a reason (5). */
    backdateReasonSchoolDays: z.number().int().min(0).max(60).default(5),
    /** A goal with no data for this many school days appears on the case manager's work queue (10). */
    staleGoalSchoolDays: z.number().int().min(1).max(90).default(10),
    /**
     * Progress-report suggestion (D-13, lib/progress/report-status.ts), [S] judgement calls of the
     * district, never law: the last N standing points at or past the target suggest Mastered (3).
     */
    masteryPoints: z.number().int().min(1).max(10).default(3),
    /** The period's mean may fall this percent of the baseline-to-target span short of the aimline and still be "at the aimline" (5). */
    aimlineTolerancePercent: z.number().min(0).max(50).default(5),
    /** A trend whose change over the period is below this percent of the span counts as flat (No Progress) (2). */
    flatTrendPercent: z.number().min(0).max(50).default(2),
  })
  .prefault({});

export type ProgressSettings = z.output<typeof progressSettingsSchema>;

/** Reads the goal-data settings from `districts.settings`, falling back to the defaults when invalid. */
export function parseProgressSettings(settings: Record<string, unknown>): ProgressSettings {
  const parsed = progressSettingsSchema.safeParse(settings[PROGRESS_SETTINGS_KEY] ?? {});
  return parsed.success ? parsed.data : progressSettingsSchema.parse({});
}
