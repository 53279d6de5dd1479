import { spawn } from "node:child_process";
import { mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import type { Database } from "./client";
import { grantAppPrivileges, roleOf } from "./privileges";

/**
 * Backup and restore of the whole database (issue 15), with a manifest of every table's row count and
 * checksum taken from the same snapshot as the copy, so a restore proves itself: after restoring, the
 * same checksums are computed on the new database and compared.
 *
 * - PostgreSQL: `pg_dump --format=custom` inside an exported snapshot (the manifest and the dump see the
 *   same committed state while the app keeps writing), restored by `pg_restore --single-transaction`
 *   into an empty database (all or nothing), then the app role's grants are applied as after a
 *   migration (db/privileges.ts). The `pgboss` schema (the job queue) is left out: the app recreates it
 *   and re-schedules its jobs at start.
 * - PGlite (the embedded database of the demo): the data directory as a gzipped tarball
 *   (`dumpDataDir`), restored into a new directory. Stop the app first: one PGlite directory has one
 *   user at a time.
 */

/** The schemas whose tables are the record (the app's tables and the migration journal). */
export const BACKED_UP_SCHEMAS = ["public", "drizzle"] as const;

export interface TableChecksum {
  table: string;
  rows: number;
  checksum: string;
}

export interface BackupManifest {
  format: "planpath-backup/1";
  driver: "postgres" | "pglite";
  createdAt: string;
  tables: TableChecksum[];
}

/** Runs one SQL text and returns its rows (postgres.js `unsafe` or PGlite `query`). */
export type RunSql = (text: string) => Promise<Record<string, unknown>[]>;

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Row count and an order-independent checksum of every base table in the backed-up schemas: the md5
 * of the rows' text forms sorted and joined, so two databases with the same rows give the same value
 * whatever their physical order.
 */
export async function tableChecksums(run: RunSql): Promise<TableChecksum[]> {
  const schemas = BACKED_UP_SCHEMAS.map((s) => `'${s}'`).join(", ");
  const tables = await run(
    `select table_schema as schema, table_name as name from information_schema.tables
     where table_type = 'BASE TABLE' and table_schema in (${schemas}) order by 1, 2`,
  );
  const result: TableChecksum[] = [];
  for (const t of tables) {
    const qualified = `${quoteIdent(String(t.schema))}.${quoteIdent(String(t.name))}`;
    const [row] = await run(
      `select count(*)::int as rows,
              coalesce(md5(string_agg(r::text, E'\\n' order by r::text)), md5('')) as checksum
       from ${qualified} r`,
    );
    result.push({ table: `${t.schema}.${t.name}`, rows: Number(row!.rows), checksum: String(row!.checksum) });
  }
  return result;
}

/** The tables whose rows differ between a manifest and a restored database (missing ones included). */
export function compareChecksums(expected: TableChecksum[], actual: TableChecksum[]): string[] {
  const byTable = new Map(actual.map((t) => [t.table, t]));
  const problems: string[] = [];
  for (const e of expected) {
    const a = byTable.get(e.table);
    if (!a) problems.push(`${e.table}: missing after restore`);
    else if (a.rows !== e.rows) problems.push(`${e.table}: ${e.rows} rows backed up, ${a.rows} restored`);
    else if (a.checksum !== e.checksum) problems.push(`${e.table}: same row count, different contents`);
    byTable.delete(e.table);
  }
  for (const extra of byTable.keys()) problems.push(`${extra}: not in the backup`);
  return problems;
}

export const manifestPath = (file: string) => `${file}.manifest.json`;

/** Connection settings for the PostgreSQL command-line tools, passed in the environment (never argv). */
function libpqEnv(url: string): NodeJS.ProcessEnv {
  const u = new URL(url);
  return {
    ...process.env,
    PGHOST: u.hostname || u.searchParams.get("host") || "127.0.0.1",
    PGPORT: u.port || "5432",
    PGUSER: decodeURIComponent(u.username),
    PGPASSWORD: decodeURIComponent(u.password),
    PGDATABASE: decodeURIComponent(u.pathname.replace(/^\//, "")),
  };
}

function runTool(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", (e) => reject(new Error(`${command} could not start (${e.message}): is it installed?`)));
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} failed (exit ${code}): ${stderr.trim().slice(0, 2000)}`)),
    );
  });
}

/** pg_restore's arguments: the database by name only (host, role and password travel in the environment). */
function restoreArgs(url: string, file: string): string[] {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ""));
  return ["--exit-on-error", "--single-transaction", "--no-owner", "--no-privileges", `--dbname=${name}`, file];
}

/** Dumps a PostgreSQL database to `file` (custom format) and writes its manifest beside it. */
export async function backupPostgres(url: string, file: string): Promise<BackupManifest> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const session = await client.reserve();
    try {
      await session.unsafe("begin isolation level repeatable read read only");
      const [{ snapshot }] = (await session.unsafe("select pg_export_snapshot() as snapshot")) as unknown as [
        { snapshot: string },
      ];
      const tables = await tableChecksums((text) => session.unsafe(text) as Promise<Record<string, unknown>[]>);
      await mkdir(path.dirname(path.resolve(file)), { recursive: true });
      await runTool(
        "pg_dump",
        ["--format=custom", `--snapshot=${snapshot}`, "--exclude-schema=pgboss", `--file=${file}`],
        libpqEnv(url),
      );
      await session.unsafe("commit");
      const manifest: BackupManifest = {
        format: "planpath-backup/1",
        driver: "postgres",
        createdAt: new Date().toISOString(),
        tables,
      };
      await writeFile(manifestPath(file), JSON.stringify(manifest, null, 2));
      return manifest;
    } finally {
      session.release();
    }
  } finally {
    await client.end({ timeout: 5 });
  }
}

async function readManifest(file: string): Promise<BackupManifest> {
  const manifest = JSON.parse(await readFile(manifestPath(file), "utf8")) as BackupManifest;
  if (manifest.format !== "planpath-backup/1")
    throw new Error(`${manifestPath(file)} is not a PlanPath backup manifest`);
  return manifest;
}

export interface RestoreResult {
  tables: number;
  rows: number;
  /** Tables whose restored rows differ from the manifest; empty when the restore is exact. */
  problems: string[];
}

/**
 * Restores a PostgreSQL backup into `ownerUrl`'s database, which must be empty, as one transaction;
 * grants `appRole` its rights (when given) and verifies every table against the manifest.
 */
export async function restorePostgres(file: string, ownerUrl: string, appRole?: string | null): Promise<RestoreResult> {
  const manifest = await readManifest(file);
  if (manifest.driver !== "postgres") throw new Error(`${file} is a ${manifest.driver} backup, not a PostgreSQL one`);
  const client = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  try {
    const schemas = BACKED_UP_SCHEMAS.map((s) => `'${s}'`).join(", ");
    const [{ count }] = (await client.unsafe(
      `select count(*)::int as count from information_schema.tables where table_schema in (${schemas})`,
    )) as unknown as [{ count: number }];
    if (count > 0)
      throw new Error("Refusing to restore: the target database is not empty (restore into a new database).");
    await runTool("pg_restore", restoreArgs(ownerUrl, file), libpqEnv(ownerUrl));
    if (appRole && appRole !== roleOf(ownerUrl)) {
      await grantAppPrivileges(drizzle(client, { casing: "snake_case" }) as unknown as Database, appRole);
    }
    const actual = await tableChecksums((text) => client.unsafe(text) as Promise<Record<string, unknown>[]>);
    return summary(manifest, actual);
  } finally {
    await client.end({ timeout: 5 });
  }
}

function summary(manifest: BackupManifest, actual: TableChecksum[]): RestoreResult {
  return {
    tables: actual.length,
    rows: actual.reduce((n, t) => n + t.rows, 0),
    problems: compareChecksums(manifest.tables, actual),
  };
}

const pgliteRun =
  (db: PGlite): RunSql =>
  async (text) =>
    (await db.query<Record<string, unknown>>(text)).rows;

/** Copies an open PGlite database to `file` (a gzipped tarball of its data directory) with its manifest. */
export async function backupPglite(db: PGlite, file: string): Promise<BackupManifest> {
  const tables = await tableChecksums(pgliteRun(db));
  const dump = await db.dumpDataDir("gzip");
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  const manifest: BackupManifest = {
    format: "planpath-backup/1",
    driver: "pglite",
    createdAt: new Date().toISOString(),
    tables,
  };
  await writeFile(manifestPath(file), JSON.stringify(manifest, null, 2));
  return manifest;
}

/** Whether a directory is missing or empty (PGlite restores only into a new directory). */
async function isFreshDirectory(dir: string): Promise<boolean> {
  try {
    if (!(await stat(dir)).isDirectory()) return false;
    return (await readdir(dir)).length === 0;
  } catch {
    return true;
  }
}

/**
 * Restores a PGlite backup into `dir` (`memory://` or a new directory) and verifies it against the
 * manifest. Returns the opened database with the result; the caller closes it.
 */
export async function restorePglite(file: string, dir: string): Promise<RestoreResult & { db: PGlite }> {
  const manifest = await readManifest(file);
  if (manifest.driver !== "pglite") throw new Error(`${file} is a ${manifest.driver} backup, not an embedded one`);
  if (!dir.startsWith("memory://") && !(await isFreshDirectory(dir))) {
    throw new Error(`Refusing to restore: ${dir} is not empty (restore into a new directory).`);
  }
  const data = await readFile(file);
  const db = new PGlite(dir, { loadDataDir: new Blob([data], { type: "application/x-gzip" }) });
  await db.waitReady;
  const actual = await tableChecksums(pgliteRun(db));
  return { ...summary(manifest, actual), db };
}
