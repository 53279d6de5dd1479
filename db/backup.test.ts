import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import {
  backupPglite,
  backupPostgres,
  compareChecksums,
  manifestPath,
  restorePglite,
  restorePostgres,
  tableChecksums,
} from "./backup";
import { getDriver } from "./client";
import { roleOf } from "./privileges";
import { setupTestDatabase } from "./testing/database";
import { createWorld } from "./testing/factories";

// Issue 15, "Backup and restore": restore into a fresh database and compare row counts and checksums
// of every table.
const db = setupTestDatabase();
const dirs: string[] = [];
const tempDir = async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "planpath-backup-"));
  dirs.push(dir);
  return dir;
};
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe("table checksums", () => {
  it("names each table that differs, is missing or is extra", () => {
    const a = [
      { table: "public.a", rows: 2, checksum: "x" },
      { table: "public.b", rows: 1, checksum: "y" },
      { table: "public.c", rows: 1, checksum: "z" },
    ];
    const b = [
      { table: "public.a", rows: 2, checksum: "x" },
      { table: "public.b", rows: 1, checksum: "changed" },
      { table: "public.d", rows: 0, checksum: "w" },
    ];
    expect(compareChecksums(a, a)).toEqual([]);
    expect(compareChecksums(a, b)).toEqual([
      "public.b: same row count, different contents",
      "public.c: missing after restore",
      "public.d: not in the backup",
    ]);
  });
});

describe.runIf(getDriver() === "pglite")("embedded database (PGlite)", () => {
  it("restores a copy whose every table matches the backup, and the check catches a changed row", async () => {
    await createWorld();
    const client = (db() as unknown as { $client: PGlite }).$client;
    const file = path.join(await tempDir(), "demo.tar.gz");
    const manifest = await backupPglite(client, file);
    const users = manifest.tables.find((t) => t.table === "public.users");
    expect(users?.rows).toBeGreaterThan(5);
    expect(manifest.tables.some((t) => t.table === "drizzle.__drizzle_migrations" && t.rows > 0)).toBe(true);

    const restored = await restorePglite(file, "memory://");
    try {
      expect(restored.problems).toEqual([]);
      expect(restored.tables).toBe(manifest.tables.length);
      await restored.db.query(
        "update users set name = name || ' (changed)' where id = (select id from users order by id limit 1)",
      );
      const after = await tableChecksums(async (text) => (await restored.db.query<Record<string, unknown>>(text)).rows);
      expect(compareChecksums(manifest.tables, after)).toEqual(["public.users: same row count, different contents"]);
    } finally {
      await restored.db.close();
    }
  });

  it("refuses a manifest that is not a PlanPath backup", async () => {
    const file = path.join(await tempDir(), "other.tar.gz");
    await writeFile(file, "not a backup");
    await writeFile(manifestPath(file), JSON.stringify({ format: "something-else" }));
    await expect(restorePglite(file, "memory://")).rejects.toThrow(/not a PlanPath backup manifest/);
  });
});

const ownerUrl = process.env.DATABASE_MIGRATION_URL;
describe.runIf(getDriver() === "postgres" && !!ownerUrl)("PostgreSQL (pg_dump / pg_restore)", () => {
  it("restores into a fresh database whose every table matches, with the app role's grants", async () => {
    await createWorld();
    const source = new URL(ownerUrl!);
    const sourceName = source.pathname.slice(1);
    // A sibling database named like a test database (the safety rule: local, *_test).
    const targetName = `${sourceName.replace(/_test$/, "")}_restore_${process.pid}_test`;
    const admin = postgres(ownerUrl!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists "${targetName}" with (force)`);
    await admin.unsafe(`create database "${targetName}"`);
    const target = new URL(ownerUrl!);
    target.pathname = `/${targetName}`;
    const appUrl = new URL(process.env.DATABASE_URL!);
    appUrl.pathname = `/${targetName}`;
    const app = postgres(appUrl.toString(), { max: 1, onnotice: () => {} });
    try {
      const file = path.join(await tempDir(), "planpath.dump");
      const manifest = await backupPostgres(ownerUrl!, file);
      expect(manifest.tables.find((t) => t.table === "public.users")!.rows).toBeGreaterThan(5);

      const result = await restorePostgres(file, target.toString(), roleOf(process.env.DATABASE_URL));
      expect(result.problems).toEqual([]);
      expect(result.tables).toBe(manifest.tables.length);
      expect(result.rows).toBe(manifest.tables.reduce((n, t) => n + t.rows, 0));

      // The restored database serves the app role with the same least privilege as after a migration.
      const [{ count }] = await app<[{ count: number }]>`select count(*)::int as count from users`;
      expect(count).toBe(manifest.tables.find((t) => t.table === "public.users")!.rows);
      if (roleOf(process.env.DATABASE_URL) !== roleOf(ownerUrl)) {
        await expect(app`update audit_events set action = action`).rejects.toThrow(/permission denied/);
      }

      // A second restore into the now non-empty database is refused before it touches anything.
      await expect(restorePostgres(file, target.toString())).rejects.toThrow(/not empty/);
    } finally {
      await app.end({ timeout: 5 });
      await admin.unsafe(`drop database if exists "${targetName}" with (force)`);
      await admin.end({ timeout: 5 });
    }
  });
});
