import path from "node:path";
import { parseArgs } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import { backupPglite, backupPostgres, restorePglite, restorePostgres, type RestoreResult } from "./backup";
import { pgliteDir } from "./client";
import { roleOf } from "./privileges";

/**
 * `npm run db:backup [-- --out FILE]` and `npm run db:restore -- --from FILE [--into URL|DIR]`.
 *
 * PostgreSQL when DATABASE_URL is set (the owner's DATABASE_MIGRATION_URL is used when given: it can
 * read every table and owns what it restores); otherwise the embedded database in PGLITE_DIR
 * (default .data/pglite) — stop the app first. Every restore is verified table by table against the
 * backup's manifest and exits 1 when anything differs.
 */
const [command, ...rest] = process.argv.slice(2);
const { values } = parseArgs({
  args: rest,
  options: { out: { type: "string" }, from: { type: "string" }, into: { type: "string" } },
});

const postgresUrl = process.env.DATABASE_MIGRATION_URL || process.env.DATABASE_URL;
const stamp = new Date().toISOString().replace(/[:.]/g, "-");

function report(result: RestoreResult): never {
  if (result.problems.length === 0) {
    console.log(`restored and verified: ${result.tables} tables, ${result.rows} rows match the backup's manifest`);
    process.exit(0);
  }
  console.error(`restore does NOT match the backup (${result.problems.length} tables):`);
  for (const problem of result.problems) console.error(`  ${problem}`);
  process.exit(1);
}

async function main(): Promise<void> {
  if (command === "backup") {
    if (postgresUrl) {
      const file = values.out ?? path.join("backups", `planpath-${stamp}.dump`);
      const manifest = await backupPostgres(postgresUrl, file);
      console.log(`backed up ${manifest.tables.length} tables to ${file} (manifest: ${file}.manifest.json)`);
    } else {
      const file = values.out ?? path.join("backups", `planpath-${stamp}.tar.gz`);
      const db = new PGlite(pgliteDir());
      try {
        const manifest = await backupPglite(db, file);
        console.log(`backed up ${manifest.tables.length} tables to ${file} (manifest: ${file}.manifest.json)`);
      } finally {
        await db.close();
      }
    }
    return;
  }
  if (command === "restore") {
    if (!values.from) throw new Error("--from FILE is required");
    if (postgresUrl || values.into?.startsWith("postgres")) {
      const target = values.into ?? postgresUrl!;
      report(await restorePostgres(values.from, target, roleOf(process.env.DATABASE_URL)));
    }
    const restored = await restorePglite(values.from, values.into ?? pgliteDir());
    await restored.db.close();
    report(restored);
  }
  throw new Error("usage: db/backup-command.ts backup [--out FILE] | restore --from FILE [--into URL|DIR]");
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
