import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { getDb, type Database } from "./client";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

/**
 * Empties a PostgreSQL database on this machine (drops the public, drizzle and pgboss schemas) so the
 * migrations and seed start from nothing. Refuses any non-local host.
 */
export async function resetLocalPostgres(url: string): Promise<void> {
  // The schemas belong to the owner: reset through DATABASE_MIGRATION_URL when the app has its own role.
  const ownerUrl = process.env.DATABASE_MIGRATION_URL;
  for (const candidate of [url, ownerUrl]) {
    const host = candidate ? new URL(candidate).hostname : "localhost";
    if (!LOCAL_HOSTS.has(host)) throw new Error(`host "${host}" is not local`);
  }
  const client = ownerUrl ? postgres(ownerUrl, { max: 1, onnotice: () => {} }) : null;
  const db = client ? (drizzle(client) as unknown as Database) : getDb();
  try {
    await db.execute(sql`drop schema if exists drizzle cascade`);
    await db.execute(sql`drop schema if exists pgboss cascade`);
    await db.execute(sql`drop schema if exists public cascade`);
    await db.execute(sql`create schema public`);
  } finally {
    await client?.end({ timeout: 5 });
  }
}
