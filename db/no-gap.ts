/**
 * `npm run check:no-gap` (issue 12; CL-9): lists every student with school days on which no plan was
 * in force and no record says why, by student id and days, on the configured database (PGlite or
 * PostgreSQL). Exits 1 when there is any, 0 otherwise. Prints ids and dates only (no student data).
 */
import { findPlanGaps } from "@/lib/dal/internal/no-gap";
import { todayIn } from "@/lib/time";
import { closeDb, driverName, getDb } from "./client";

const today = todayIn();
const gaps = await findPlanGaps(getDb(), { today });
await closeDb();
for (const gap of gaps)
  console.log(`${gap.studentId}: ${gap.days.length} school day(s) without a plan: ${gap.days.join(", ")}`);
console.log(`no-gap check (${driverName()}, up to ${today}): ${gaps.length} student(s) with gaps`);
process.exit(gaps.length > 0 ? 1 : 0);
