import { hashPassword } from "@/lib/auth/password";
import { todayIn } from "@/lib/time";
import { closeDb, driverName, getDb } from "../client";
import { seedDemo } from "./demo";
import { DEMO_PASSWORD } from "./personas";

/** `npm run db:seed`: seeds the demo district into the configured database (migrate first). */
const started = Date.now();
const result = await seedDemo(getDb(), { passwordHash: await hashPassword(DEMO_PASSWORD), today: todayIn() });
await closeDb();
console.log(
  `demo district seeded (${driverName()}): ${result.students} students, ${result.users} users in ${Date.now() - started} ms`,
);
