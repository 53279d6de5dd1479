import { parseArgs } from "node:util";
import postgres from "postgres";
import { hashPassword } from "@/lib/auth/password";
import { todayIn } from "@/lib/time";
import { closeDb } from "../client";
import { resetLocalPostgres } from "../reset";
import { runMigrations } from "../run-migrations";
import { DEMO_PASSWORD } from "../seed/personas";
import { generateDistrict } from "./generate";
import { checkGenerated } from "./check";

/**
 * `npm run bench:seed -- --students 500000 [--seed 42] [--today YYYY-MM-DD] [--database-url URL]
 * [--reset] [--check] [--row-by-row]`: migrates the database, refuses one that already holds a
 * district (unless `--reset`), generates the district (db/bench/generate.ts) and prints each phase's
 * rows, rows/second and time, then rows per table and the database size. `--check` then runs the
 * seeded-data invariants (db/seed/invariants.ts) and exits 1 on any violation. `--row-by-row` keeps
 * every index and foreign key in place during the load (slower; for comparison).
 */
const { values } = parseArgs({
  options: {
    students: { type: "string" },
    seed: { type: "string", default: "42" },
    today: { type: "string" },
    "database-url": { type: "string" },
    reset: { type: "boolean", default: false },
    check: { type: "boolean", default: false },
    "row-by-row": { type: "boolean", default: false },
  },
});

const students = Number(values.students);
const seed = Number(values.seed);
if (!Number.isInteger(students) || students < 100) throw new Error("--students must be an integer of at least 100");
if (!Number.isInteger(seed) || seed < 0 || seed > 999) throw new Error("--seed must be an integer from 0 to 999");
const url = values["database-url"] ?? process.env.DATABASE_URL;
if (!url)
  throw new Error("give --database-url or DATABASE_URL (a PostgreSQL database; the generator is PostgreSQL-only)");
process.env.DATABASE_URL = url;
const ownerUrl = process.env.DATABASE_MIGRATION_URL ?? url;
const today = values.today ?? todayIn();
if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new Error("--today must be YYYY-MM-DD");

const started = performance.now();
if (values.reset) await resetLocalPostgres(url);
await runMigrations();
await closeDb();
console.log(`migrations applied in ${((performance.now() - started) / 1000).toFixed(1)} s`);

const sql = postgres(ownerUrl, { max: 1, onnotice: () => {}, connection: { application_name: "planpath-bench-seed" } });
const reader = postgres(ownerUrl, {
  max: 1,
  onnotice: () => {},
  connection: { application_name: "planpath-bench-seed" },
});
const writer = postgres(ownerUrl, {
  max: 1,
  onnotice: () => {},
  connection: { application_name: "planpath-bench-seed" },
});
try {
  const [{ n }] = (await sql`select count(*)::int as n from districts`) as unknown as [{ n: number }];
  if (n > 0) {
    console.error("the database already holds a district: run with --reset to empty it first");
    process.exit(1);
  }
  console.log(`generating ${students} students (seed ${seed}, today ${today})`);
  const result = await generateDistrict(sql, {
    students,
    seed,
    today,
    passwordHash: await hashPassword(DEMO_PASSWORD),
    deferIndexesAndForeignKeys: !values["row-by-row"],
    reader,
    writer,
    log: (line) => console.log(line),
  });
  const total = result.phases.reduce((sum, p) => sum + p.rows, 0);
  console.log(
    `generated in ${(result.totalMs / 1000).toFixed(1)} s (${Math.round((total / result.totalMs) * 1000)} rows/s overall); total with migrations ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  const tables = (await sql`
    select relname as table, n_live_tup::bigint as rows from pg_stat_user_tables
    where schemaname = 'public' and n_live_tup > 0 order by n_live_tup desc`) as unknown as {
    table: string;
    rows: string;
  }[];
  for (const t of tables) console.log(`  ${t.table.padEnd(28)} ${String(t.rows).padStart(10)}`);
  const [size] = (await sql`select pg_size_pretty(pg_database_size(current_database())) as size`) as unknown as [
    { size: string },
  ];
  console.log(`database size ${size.size}`);
  if (values.check) {
    const failures = await checkGenerated(sql, result.districtId, today);
    if (failures > 0) process.exitCode = 1;
  }
} finally {
  await writer.end({ timeout: 5 });
  await reader.end({ timeout: 5 });
  await sql.end({ timeout: 5 });
}
