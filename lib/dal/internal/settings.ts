import { eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { districts } from "@/db/schema";
import { perRequest, shareable } from "./request-cache";

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
  return shareable(db) ? perRequest(`district-settings:${districtId}`, load) : load();
}
