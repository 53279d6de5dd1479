import { drizzle } from "drizzle-orm/postgres-js";
import type postgres from "postgres";
import { refreshSchoolSummaries } from "@/lib/dal/internal/coverage";
import { refreshAllDeadlineSummaries } from "@/lib/dal/internal/deadline-summaries";
import type { Database } from "../client";
import * as schema from "../schema";

/** Schools per refresh transaction, as the summary job batches them (lib/dal/internal/coverage.ts). */
const BATCH = 20;

/**
 * Fills the delivery and deadline summaries (school_delivery_summaries, school_deadline_summaries) of a generated district as of its
 * `today`, through the app's own refresh, so a bench database starts as a running one would: the
 * dashboards read the rows the job and the mutations keep. Every school is refreshed, as
 * `refreshAllSummaries` does (in school order, batches of 20, each batch one transaction), with the
 * batches shared out over the given connections (each takes the next batch when it is done; the
 * batches touch different schools, so their advisory locks never meet). Returns the number of schools.
 */
export async function refreshGeneratedSummaries(
  connections: readonly postgres.Sql[],
  districtId: string,
  today: string,
) {
  const dbs = connections.map((c) => drizzle(c, { schema, casing: "snake_case" }) as unknown as Database);
  const schoolIds = (
    (await connections[0]!.unsafe(`select id from schools where district_id = $1 order by id`, [
      districtId,
    ])) as unknown as { id: string }[]
  ).map((r) => r.id);
  let next = 0;
  let refreshed = 0;
  await Promise.all(
    dbs.map(async (db) => {
      for (let start = next; start < schoolIds.length; start = next) {
        next += BATCH;
        const batch = schoolIds.slice(start, start + BATCH);
        const rows = await db.transaction((tx) => refreshSchoolSummaries(tx, { districtId, schoolIds: batch, today }));
        refreshed += rows;
      }
    }),
  );
  // The deadline summaries (school_deadline_summaries): the store's own refresh, school batches of 50.
  await refreshAllDeadlineSummaries(dbs[0]!, { districtId, today });
  return refreshed;
}
