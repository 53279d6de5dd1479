import { drizzle } from "drizzle-orm/postgres-js";
import type postgres from "postgres";
import type { Database } from "../client";
import * as schema from "../schema";
import { invariantViolations } from "../seed/invariants";

/**
 * `bench:seed --check`: runs the seeded-data invariants (db/seed/invariants.ts) on a generated
 * district, prints each with its number of violations (and a few offending rows) and returns the
 * number of invariants that failed. Offending rows are counted, never printed (they name students).
 */
export async function checkGenerated(sql: postgres.Sql, districtId: string, today: string): Promise<number> {
  const db = drizzle(sql, { schema, casing: "snake_case" }) as unknown as Database;
  const started = performance.now();
  const violations = await invariantViolations(db, districtId, today, { limit: 5 });
  let failed = 0;
  for (const v of violations) {
    console.log(
      `${v.rows.length === 0 ? "ok  " : `FAIL (${v.rows.length}${v.rows.length === 5 ? "+" : ""} rows)`} ${v.name}`,
    );
    if (v.rows.length) failed++;
  }
  console.log(
    `invariants: ${violations.length - failed} hold, ${failed} broken (${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );
  return failed;
}
