import { sql } from "drizzle-orm";
import { getDb } from "./client";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

/**
 * Empties a PostgreSQL database on this machine (drops the public, drizzle and pgboss schemas) so the
 * migrations and seed start from nothing. Refuses any non-local host.
 */
export async function resetLocalPostgres(url: string): Promise<void> {
  const host = new URL(url).hostname;
  if (!LOCAL_HOSTS.has(host)) throw new Error(`host "${host}" is not local`);
  const db = getDb();
  await db.execute(sql`drop schema if exists drizzle cascade`);
  await db.execute(sql`drop schema if exists pgboss cascade`);
  await db.execute(sql`drop schema if exists public cascade`);
  await db.execute(sql`create schema public`);
}
