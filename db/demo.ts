import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { hashPassword } from "@/lib/auth/password";
import { todayIn } from "@/lib/time";
import { closeDb, driverName, getDb, pgliteDir } from "./client";
import { resetLocalPostgres } from "./reset";
import { runMigrations } from "./run-migrations";
import { seedDemo } from "./seed/demo";
import { DEMO_PASSWORD, PERSONAS } from "./seed/personas";

/**
 * `npm run demo [-- --reset] [-- --no-build]`: builds the app when its sources changed, creates or opens the
 * database (embedded PGlite in .data/ unless DATABASE_URL is set), applies migrations, seeds the
 * demo district (idempotent) and serves the app on PORT (default 3000).
 */
const root = process.cwd();
const dataDir = path.join(root, ".data");
const reset = process.argv.includes("--reset");
const skipBuild = process.argv.includes("--no-build");
const port = process.env.PORT || "3000";
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

function authSecret(): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  const file = path.join(dataDir, "auth-secret");
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
    console.log("generated a local AUTH_SECRET in .data/auth-secret");
  }
  return readFileSync(file, "utf8").trim();
}

function newestSourceTime(): number {
  let newest = 0;
  const visit = (entry: string) => {
    if (!existsSync(entry)) return;
    const stat = statSync(entry);
    if (stat.isDirectory()) {
      for (const child of readdirSync(entry))
        if (!child.startsWith(".") && child !== "node_modules") visit(path.join(entry, child));
    } else if (!/\.test\.tsx?$/.test(entry)) {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  for (const entry of [
    "app",
    "components",
    "lib",
    "db/schema",
    "db/client.ts",
    "proxy.ts",
    "next.config.ts",
    "package-lock.json",
    "postcss.config.mjs",
    "tsconfig.json",
  ]) {
    visit(path.join(root, entry));
  }
  return newest;
}

function buildIfStale(): void {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (skipBuild) {
    if (!existsSync(buildId)) {
      console.error("--no-build: there is no production build; run `npm run build` first.");
      process.exit(2);
    }
    return;
  }
  if (existsSync(buildId) && statSync(buildId).mtimeMs >= newestSourceTime()) {
    console.log("using the existing production build (.next)");
    return;
  }
  console.log("building the app (next build)…");
  const result = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env: process.env });
  if (result.status !== 0) {
    console.error("next build failed; see the output above.");
    process.exit(result.status ?? 1);
  }
}

async function prepareDatabase(): Promise<void> {
  if (reset) {
    if (driverName() === "pglite") {
      rmSync(pgliteDir(), { recursive: true, force: true });
      console.log(`--reset: removed ${pgliteDir()}`);
    } else {
      try {
        await resetLocalPostgres(process.env.DATABASE_URL!);
        console.log("--reset: emptied the local PostgreSQL database");
      } catch (error) {
        console.error(`--reset refused: ${(error as Error).message}`);
        process.exit(2);
      }
    }
  }
  if (driverName() === "pglite") mkdirSync(path.dirname(path.resolve(pgliteDir())), { recursive: true });
  const started = Date.now();
  await runMigrations();
  const result = await seedDemo(getDb(), { passwordHash: await hashPassword(DEMO_PASSWORD), today: todayIn() });
  await closeDb();
  console.log(
    `database ready (${driverName()}): ${result.students} students, ${result.users} users in ${Date.now() - started} ms`,
  );
}

const secret = authSecret();
buildIfStale();
await prepareDatabase();

console.log(`\nPlanPath demo: http://localhost:${port}`);
console.log(
  `Sign in as any persona with the password "${DEMO_PASSWORD}", e.g. ${PERSONAS.caseManagerMaple.email} (case manager).\n`,
);
const server = spawn(process.execPath, [nextBin, "start", "-p", port], {
  stdio: "inherit",
  // The demo is the one production start allowed on the embedded database (lib/startup.ts).
  env: { ...process.env, AUTH_SECRET: secret, NODE_ENV: "production", PLANPATH_ALLOW_EMBEDDED_DB: "true" },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => server.kill(signal));
}
server.on("exit", (code) => process.exit(code ?? 0));
