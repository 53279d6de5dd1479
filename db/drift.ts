/**
 * Migration drift check (CI): generating a migration from the Drizzle schema must produce nothing,
 * i.e. every schema change has its committed migration. Refuses to run on a dirty db/migrations
 * (it would not know which files it created); removes what it generated before failing.
 */
import { execFileSync } from "node:child_process";

const git = (...args: string[]) => execFileSync("git", args, { encoding: "utf8" });
const changes = () => git("status", "--porcelain", "--untracked-files=all", "--", "db/migrations").trim();

if (changes()) {
  console.error("db/migrations has uncommitted changes; commit them before checking for drift:\n" + changes());
  process.exit(2);
}
execFileSync("npx", ["drizzle-kit", "generate", "--name", "schema_drift"], { stdio: "ignore" });
const generated = changes();
if (generated) {
  git("checkout", "-q", "--", "db/migrations");
  git("clean", "-fdq", "--", "db/migrations");
  console.error(
    "The Drizzle schema differs from the migrations; run `npm run db:generate -- --name verb_noun`:\n" + generated,
  );
  process.exit(1);
}
console.log("No migration drift: the schema matches the migrations.");
