import "server-only";
import { eq } from "drizzle-orm";
import { districts } from "@/db/schema";
import type { Loader } from "./core";

type DistrictEntity = { id: string; name: string };

/** Loader for the viewer's own district; district admins hold `districtAdmin` on it. */
export function districtTarget(): Loader<DistrictEntity> {
  return async (db, viewer) => {
    const [row] = await db
      .select({ id: districts.id, name: districts.name })
      .from(districts)
      .where(eq(districts.id, viewer.districtId))
      .limit(1);
    if (!row) return null;
    return {
      entity: row,
      entityType: "district",
      entityId: row.id,
      relationships: new Set(viewer.role === "district_admin" ? ["districtAdmin" as const] : []),
    };
  };
}
