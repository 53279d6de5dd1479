import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";

/** True when the database answers a trivial query. Unscoped (health route): reads no data. */
export async function unsafeCheckDatabase(): Promise<boolean> {
  try {
    await getDb().execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}
