import path from "node:path";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import { getDb, getDriver, type Schema } from "./client";

export const migrationsFolder = path.join(process.cwd(), "db", "migrations");

/** Applies every committed migration to the configured database (either driver); idempotent. */
export async function runMigrations(): Promise<void> {
  const db = getDb();
  if (getDriver() === "postgres") {
    await migratePostgres(db as unknown as PostgresJsDatabase<Schema>, { migrationsFolder });
  } else {
    await migratePglite(db as unknown as PgliteDatabase<Schema>, { migrationsFolder });
  }
}
