import { afterAll, beforeAll } from "vitest";
import { closeDb, getDb, getDriver, type Database } from "../client";
import { runMigrations } from "../run-migrations";

/**
 * Registers the hooks an integration test file needs: on PGlite each file migrates its own
 * in-memory database; on PostgreSQL the global setup migrated it once. Returns the database.
 */
export function setupTestDatabase(): () => Database {
  beforeAll(async () => {
    if (getDriver() === "pglite") await runMigrations();
  });
  afterAll(async () => {
    await closeDb();
  });
  return () => getDb();
}
