import { PGlite } from "@electric-sql/pglite";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { statementCounter } from "./query-count";
import { installQueryErrorSanitizer } from "./query-errors";
import * as schema from "./schema";

// Query errors never carry parameters (student data) into a log: see db/query-errors.ts.
installQueryErrorSanitizer();

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything that can run a query: the database or an open transaction. */
export type Executor = Database | Transaction;

export type DriverName = "postgres" | "pglite";

interface Connection {
  driver: DriverName;
  db: Database;
  close: () => Promise<void>;
}

const DEFAULT_PGLITE_DIR = ".data/pglite";

/** Where the embedded database lives: `PGLITE_DIR`, or `.data/pglite`; `memory://` keeps it in memory. */
export function pgliteDir(): string {
  return process.env.PGLITE_DIR || DEFAULT_PGLITE_DIR;
}

export function driverName(): DriverName {
  return process.env.DATABASE_URL ? "postgres" : "pglite";
}

const positive = (value: string | undefined, fallback: number) => {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};

/**
 * The app's PostgreSQL pool (README "Connection pool and timeouts"): `DATABASE_POOL_MAX` connections
 * per server process (default 10; instances × pool must stay under the server's max_connections;
 * measured under 200 concurrent users, 20 served no more than 10 — Node's CPU is the limit, README),
 * and server-side limits so one slow query or an abandoned transaction cannot hold a connection:
 * `DATABASE_STATEMENT_TIMEOUT_MS` (default 15 s) and `DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS`
 * (default 30 s). Idle connections close after 5 minutes. JIT compilation is off: the work queue's
 * routing flags made the planner's cost estimate pass `jit_above_cost`, and compiling ~700 functions
 * took ~1 s of a query that runs in ~40 ms (measured by `npm run bench`, e2e/perf/RESULTS.md). `PLANPATH_QUERY_COUNT_FILE` (the benchmark
 * only) counts statements into a file (db/query-count.ts).
 */
export function postgresOptions(env: Record<string, string | undefined>) {
  return {
    max: positive(env.DATABASE_POOL_MAX, 10),
    idle_timeout: 300,
    connect_timeout: 10,
    onnotice: () => {},
    connection: {
      application_name: "planpath",
      jit: "off",
      statement_timeout: positive(env.DATABASE_STATEMENT_TIMEOUT_MS, 15_000),
      idle_in_transaction_session_timeout: positive(env.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS, 30_000),
    },
    ...statementCounter(env),
  } satisfies postgres.Options<Record<string, never>>;
}

function connect(): Connection {
  const url = process.env.DATABASE_URL;
  if (url) {
    const sql = postgres(url, postgresOptions(process.env));
    const db = drizzlePostgres(sql, { schema, casing: "snake_case" }) as unknown as Database;
    return { driver: "postgres", db, close: () => sql.end({ timeout: 5 }) };
  }
  const client = new PGlite(pgliteDir());
  const db = drizzlePglite(client, { schema, casing: "snake_case" }) as unknown as Database;
  return { driver: "pglite", db, close: () => client.close() };
}

const globalForDb = globalThis as unknown as { __planpathDb?: Connection };

function connection(): Connection {
  globalForDb.__planpathDb ??= connect();
  return globalForDb.__planpathDb;
}

/** The process-wide Drizzle database (cached on globalThis so dev reloads reuse one PGlite). */
export function getDb(): Database {
  return connection().db;
}

export function getDriver(): DriverName {
  return connection().driver;
}

/** Closes the process-wide connection (scripts and tests); the next getDb() opens a new one. */
export async function closeDb(): Promise<void> {
  const current = globalForDb.__planpathDb;
  globalForDb.__planpathDb = undefined;
  if (current) await current.close();
}

export { schema };
