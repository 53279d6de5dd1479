import path from "node:path";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { getDb, getDriver, type Database, type Schema } from "./client";
import { grantAppPrivileges, roleOf } from "./privileges";

export const migrationsFolder = path.join(process.cwd(), "db", "migrations");

/**
 * Applies every committed migration to the configured database (either driver); idempotent.
 *
 * On PostgreSQL the app connects (DATABASE_URL) as a least-privilege role and migrations run as the
 * schema owner, `DATABASE_MIGRATION_URL`: after migrating, the owner grants the app role its rights
 * on every table (db/privileges.ts). Without DATABASE_MIGRATION_URL the app's own connection
 * migrates (a single owner or superuser role, as in a quick local demo) and nothing is granted.
 */
export async function runMigrations(): Promise<void> {
  if (getDriver() !== "postgres") {
    await migratePglite(getDb() as unknown as PgliteDatabase<Schema>, { migrationsFolder });
    return;
  }
  const ownerUrl = process.env.DATABASE_MIGRATION_URL;
  const appRole = roleOf(process.env.DATABASE_URL);
  if (!ownerUrl || roleOf(ownerUrl) === appRole) {
    await migratePostgres(getDb() as unknown as PostgresJsDatabase<Schema>, { migrationsFolder });
    return;
  }
  const client = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  try {
    const owner = drizzlePostgres(client, { casing: "snake_case" });
    await migratePostgres(owner, { migrationsFolder });
    if (appRole) await grantAppPrivileges(owner as unknown as Database, appRole);
  } finally {
    await client.end({ timeout: 5 });
  }
}
