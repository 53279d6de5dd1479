import { drizzle } from "drizzle-orm/postgres-js";
import type postgres from "postgres";
import { refreshAllSummaries } from "@/lib/dal/internal/coverage";
import { refreshAllDeadlineSummaries } from "@/lib/dal/internal/deadline-summaries";
import type { Database } from "../client";
import * as schema from "../schema";

/**
 * Fills the delivery and deadline summaries (school_delivery_summaries, school_deadline_summaries) of a generated district as of its
 * `today`, through the app's own refresh, so a bench database starts as a running one would: the
 * dashboards read the rows the job and the mutations keep. Returns the number of schools.
 */
export async function refreshGeneratedSummaries(sql: postgres.Sql, districtId: string, today: string) {
  const db = drizzle(sql, { schema, casing: "snake_case" }) as unknown as Database;
  const schools = (await refreshAllSummaries(db, { districtId, today })).schools;
  await refreshAllDeadlineSummaries(db, { districtId, today });
  return schools;
}
