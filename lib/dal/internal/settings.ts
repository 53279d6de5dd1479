import { eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { districts } from "@/db/schema";
import { perRequest, rememberForRequest, shareable } from "./request-cache";

const keyOf = (districtId: string) => `district-settings:${districtId}`;

/**
 * The district's stored settings object (`districts.settings`, parsed by each section's own reader).
 * Through the app's pool it is read once per request and shared by every loader of that request
 * (lib/dal/internal/request-cache.ts); through an open transaction it is read fresh. Callers only
 * read it: the object is shared.
 */
export function districtSettingsOf(db: Executor, districtId: string): Promise<Record<string, unknown>> {
  const load = async () => {
    const [row] = await db.select({ settings: districts.settings }).from(districts).where(eq(districts.id, districtId));
    return row?.settings ?? {};
  };
  return shareable(db) ? perRequest(keyOf(districtId), load) : load();
}

/**
 * Keeps the settings the viewer's query read with the user (lib/dal/viewer.ts) for the rest of the
 * request: in a render, no loader reads them again.
 */
export function rememberDistrictSettings(districtId: string, settings: Record<string, unknown>): void {
  rememberForRequest(keyOf(districtId), settings);
}
