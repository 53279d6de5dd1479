import { assertSafeTestDatabaseUrl } from "./safety";

/**
 * Runs once per `vitest run`. On PostgreSQL, refuses anything but a local `*_test` database and
 * applies the migrations once; on PGlite each file migrates its own in-memory database.
 */
export default async function globalSetup(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) return;
  assertSafeTestDatabaseUrl(url);
  const { runMigrations } = await import("../run-migrations");
  const { closeDb } = await import("../client");
  await runMigrations();
  await closeDb();
}
