import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { afterAll } from "vitest";
import { getDb, type Database } from "../client";
import { assertSafeTestDatabaseUrl } from "./safety";

let owner: { db: Database; close: () => Promise<void> } | undefined;

/**
 * The schema owner's connection (DATABASE_MIGRATION_URL) for tests that prove a database trigger
 * holds even for a role that may write the table; the app's connection when there is no separate
 * owner (PGlite, or a single PostgreSQL role). Closed after the file.
 */
export function ownerDb(): Database {
  const url = process.env.DATABASE_MIGRATION_URL;
  if (!url || !process.env.DATABASE_URL) return getDb();
  if (!owner) {
    assertSafeTestDatabaseUrl(url);
    const client = postgres(url, { max: 1, onnotice: () => {} });
    owner = { db: drizzle(client, { casing: "snake_case" }) as unknown as Database, close: () => client.end() };
  }
  return owner.db;
}

afterAll(async () => {
  await owner?.close();
  owner = undefined;
});
