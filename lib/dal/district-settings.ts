import "server-only";
import { eq, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { districts } from "@/db/schema";
import { complianceSettingsSchema } from "@/lib/compliance";
import { DELIVERY_SETTINGS_KEY, deliverySettingsSchema, parseDeliverySettings } from "@/lib/delivery/rules";
import { parseDeadlineSettings, SETTINGS_KEYS, workQueueSettingsSchema } from "@/lib/deadlines/settings";
import { refreshDeadlines } from "@/lib/dal/internal/deadline-store";
import type { ConsentSettingsView } from "@/lib/dto/consents";
import type { DataSettingsView } from "@/lib/dto/services";
import type { DeadlineSettingsView } from "@/lib/dto/deadlines";
import type { UpdateDeadlineSettingsInput } from "@/lib/validation/deadlines";
import { consentSettingsSchema, parseConsentSettings } from "@/lib/consents/settings";
import { lifecycleSettingsSchema, parseLifecycleSettings } from "@/lib/plans/lifecycle";
import type { UpdateConsentSettingsInput, UpdateDataSettingsInput } from "@/lib/validation/settings";
import { parseProgressSettings, PROGRESS_SETTINGS_KEY, progressSettingsSchema } from "@/lib/progress/settings";
import { parseServicesSettings, SERVICES_SETTINGS_KEY, servicesSettingsSchema } from "@/lib/services/settings";
import { mutate, read } from "./core";
import { districtTarget } from "./district";
import type { Viewer } from "./viewer";
import { districtSettingsOf } from "./internal/settings";

/** The district's stored settings object (`districts.settings`); `forUpdate` locks the row for a change. */
async function settingsOf(db: Executor, districtId: string, forUpdate = false): Promise<Record<string, unknown>> {
  if (!forUpdate) return districtSettingsOf(db, districtId);
  const [row] = await db
    .select({ settings: districts.settings })
    .from(districts)
    .where(eq(districts.id, districtId))
    .for("update");
  return row?.settings ?? {};
}

/** Merges whole sections into `districts.settings` (`settings || sections`): its other keys are kept. */
async function saveSections(db: Executor, districtId: string, sections: Record<string, unknown>): Promise<void> {
  await db
    .update(districts)
    .set({ settings: sql`${districts.settings} || ${JSON.stringify(sections)}::jsonb` })
    .where(eq(districts.id, districtId));
}

/** The keys of a settings section whose values differ (compared as JSON) between before and after. */
function changedKeys<T extends object>(before: T, after: T): string[] {
  return Object.keys(after).filter((k) => JSON.stringify(after[k as keyof T]) !== JSON.stringify(before[k as keyof T]));
}

/** `settings.manage`: the district's deadline rule amounts, acknowledgment and work-queue settings (defaults filled in). */
export async function getDeadlineSettings(viewer: Viewer): Promise<DeadlineSettingsView> {
  await read(viewer, { action: "settings.manage", load: districtTarget() });
  const stored = await settingsOf(getDb(), viewer.districtId);
  const settings = parseDeadlineSettings(stored);
  return {
    compliance: { ...settings.compliance },
    delivery: { ...parseDeliverySettings(stored) },
    workQueue: { ...settings.workQueue },
  };
}

/**
 * `settings.manage`: saves the deadline settings (validated again by the engine's own schema) into
 * `districts.settings`, keeping its other keys, and recomputes every deadline of the district in
 * the same transaction. The audit row lists the names of the settings that changed.
 */
export async function updateDeadlineSettings(
  viewer: Viewer,
  input: UpdateDeadlineSettingsInput,
): Promise<{ changed: string[] }> {
  const compliance = complianceSettingsSchema.parse(input.compliance);
  const workQueue = workQueueSettingsSchema.parse(input.workQueue);
  return mutate(
    viewer,
    { action: "settings.manage", event: "district.settings_updated", load: districtTarget() },
    async ({ tx, details }) => {
      const settings = await settingsOf(tx, viewer.districtId, true);
      const before = parseDeadlineSettings(settings);
      const beforeDelivery = parseDeliverySettings(settings);
      const delivery = input.delivery ? deliverySettingsSchema.parse(input.delivery) : beforeDelivery;
      const changed = [
        ...changedKeys(beforeDelivery, delivery),
        ...changedKeys(before.compliance, compliance),
        ...changedKeys(before.workQueue, workQueue),
      ];
      await saveSections(tx, viewer.districtId, {
        [SETTINGS_KEYS.compliance]: compliance,
        [SETTINGS_KEYS.workQueue]: workQueue,
        [DELIVERY_SETTINGS_KEY]: delivery,
      });
      const refreshed = await refreshDeadlines(tx, { districtId: viewer.districtId, all: true });
      details.changed = changed;
      details.deadlines = refreshed.deadlines;
      return { changed };
    },
  );
}

/** `settings.manage`: the district's consent and plan-activation settings (defaults filled in). */
export async function getConsentSettings(viewer: Viewer): Promise<ConsentSettingsView> {
  await read(viewer, { action: "settings.manage", load: districtTarget() });
  const settings = await settingsOf(getDb(), viewer.districtId);
  return {
    require504WrittenConsent: parseLifecycleSettings(settings).require504WrittenConsent,
    partialConsentTypes: [...parseConsentSettings(settings).partialConsentTypes],
  };
}

/**
 * `settings.manage`: saves whether a 504 plan needs written consent to take effect
 * (`lifecycle.require504WrittenConsent`, read by the activation gate in the DAL and the database
 * trigger) and the types that allow partial consent (`consent.partialConsentTypes`), keeping the
 * other keys of those objects and of `districts.settings`. The audit row lists what changed.
 */
export async function updateConsentSettings(
  viewer: Viewer,
  input: UpdateConsentSettingsInput,
): Promise<{ changed: string[] }> {
  return mutate(
    viewer,
    { action: "settings.manage", event: "district.settings_updated", load: districtTarget() },
    async ({ tx, details }) => {
      const settings = await settingsOf(tx, viewer.districtId, true);
      const lifecycleBefore = parseLifecycleSettings(settings);
      const consentBefore = parseConsentSettings(settings);
      const lifecycle = lifecycleSettingsSchema.parse({
        ...lifecycleBefore,
        require504WrittenConsent: input.require504WrittenConsent,
      });
      const consent = consentSettingsSchema.parse({
        ...consentBefore,
        partialConsentTypes: [...input.partialConsentTypes].sort(),
      });
      const changed = [
        ...changedKeys(lifecycleBefore, lifecycle).filter((k) => k === "require504WrittenConsent"),
        ...changedKeys(
          { partialConsentTypes: [...consentBefore.partialConsentTypes].sort() },
          { partialConsentTypes: consent.partialConsentTypes },
        ),
      ];
      await saveSections(tx, viewer.districtId, { lifecycle, consent });
      details.changed = changed;
      return { changed };
    },
  );
}

/** `settings.manage`: the goal-data, service-minute and progress-reporting settings. */
export async function getDataSettings(viewer: Viewer): Promise<DataSettingsView> {
  await read(viewer, { action: "settings.manage", load: districtTarget() });
  const settings = await settingsOf(getDb(), viewer.districtId);
  const progress = parseProgressSettings(settings);
  const services = parseServicesSettings(settings);
  return {
    backdateReasonSchoolDays: progress.backdateReasonSchoolDays,
    staleGoalSchoolDays: progress.staleGoalSchoolDays,
    masteryPoints: progress.masteryPoints,
    aimlineTolerancePercent: progress.aimlineTolerancePercent,
    flatTrendPercent: progress.flatTrendPercent,
    shortfallPercent: services.shortfallPercent,
    progressReports: services.progressReports,
  };
}

/**
 * `settings.manage`: saves the goal-data settings (`progress.*`, [S]), the service shortfall threshold
 * and the progress-report schedule (`services.*`), keeping the other keys; when the schedule changes,
 * every deadline of the district is recomputed in the same transaction (D-13 follows report-card dates
 * only with report cards). The audit row lists what changed.
 */
export async function updateDataSettings(
  viewer: Viewer,
  input: UpdateDataSettingsInput,
): Promise<{ changed: string[] }> {
  return mutate(
    viewer,
    { action: "settings.manage", event: "district.settings_updated", load: districtTarget() },
    async ({ tx, details }) => {
      const settings = await settingsOf(tx, viewer.districtId, true);
      const progressBefore = parseProgressSettings(settings);
      const servicesBefore = parseServicesSettings(settings);
      const progress = progressSettingsSchema.parse({
        ...progressBefore,
        backdateReasonSchoolDays: input.backdateReasonSchoolDays,
        staleGoalSchoolDays: input.staleGoalSchoolDays,
        masteryPoints: input.masteryPoints,
        aimlineTolerancePercent: input.aimlineTolerancePercent,
        flatTrendPercent: input.flatTrendPercent,
      });
      const services = servicesSettingsSchema.parse({
        ...servicesBefore,
        shortfallPercent: input.shortfallPercent,
        progressReports: input.progressReports,
      });
      const changed = [...changedKeys(progressBefore, progress), ...changedKeys(servicesBefore, services)];
      await saveSections(tx, viewer.districtId, {
        [PROGRESS_SETTINGS_KEY]: progress,
        [SERVICES_SETTINGS_KEY]: services,
      });
      if (changed.includes("progressReports")) {
        const refreshed = await refreshDeadlines(tx, { districtId: viewer.districtId, all: true });
        details.deadlines = refreshed.deadlines;
      }
      details.changed = changed;
      return { changed };
    },
  );
}
