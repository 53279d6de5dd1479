import { closeDb, driverName } from "./client";
import { runMigrations } from "./run-migrations";

const started = Date.now();
await runMigrations();
await closeDb();
console.log(`migrations applied (${driverName()}) in ${Date.now() - started} ms`);
