import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseloads, staffAssignments, students, users } from "@/db/schema";
import { setupTestDatabase } from "@/db/testing/database";
import { givenEvents, schoolDaysFrom } from "@/db/testing/deadlines";
import { createWorld, viewerFor, type World } from "@/db/testing/factories";
import { buildWorkQueue } from "./work-queue";

// Issue 15: statements per work-queue build, counted by the bench's statement counter (db/query-count.ts),
// which only the PostgreSQL pool has. Set before this file's first connection is opened.
const dir = mkdtempSync(path.join(tmpdir(), "planpath-wq-count-"));
const file = path.join(dir, "count");
writeFileSync(file, "");
process.env.PLANPATH_QUERY_COUNT_FILE = file;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const db = setupTestDatabase();
let world: World;
let large: { id: string };
let small: { id: string };

beforeAll(async () => {
  if (!process.env.DATABASE_URL) return;
  world = await createWorld();
  const { district, schoolA, today } = world;
  const past = "2020-01-01";
  const manager = async (name: string, caseload: number) => {
    const [user] = await db()
      .insert(users)
      .values({ districtId: district.id, email: `${name}.${district.slug}@test.example`, name, role: "case_manager" })
      .returning();
    await db()
      .insert(staffAssignments)
      .values({ userId: user!.id, schoolId: schoolA.id, role: "case_manager", startsOn: past });
    const rows = await db()
      .insert(students)
      .values(
        Array.from({ length: caseload }, (_, i) => ({
          districtId: district.id,
          schoolId: schoolA.id,
          sasid: String(Math.floor(1_000_000_000 + Math.random() * 8_999_999_999)),
          firstName: `S${i}`,
          lastName: `${name}${district.slug}`,
          birthDate: "2017-05-01",
          grade: "3",
        })),
      )
      .returning();
    await db()
      .insert(caseloads)
      .values(rows.map((s) => ({ studentId: s.id, caseManagerId: user!.id, startsOn: past })));
    // Every student with an overdue referral: an item each.
    const received = await schoolDaysFrom(schoolA.id, today, 60);
    for (const s of rows) await givenEvents(s, [{ type: "referral_received", date: received }]);
    return user!;
  };
  large = await manager("Large", 25);
  small = await manager("Small", 1);
});

const statementsOf = async (run: () => Promise<unknown>) => {
  const before = readFileSync(file, "utf8").length;
  await run();
  return readFileSync(file, "utf8").length - before;
};

describe.runIf(process.env.DATABASE_URL)("statements per work-queue build", () => {
  it("the same for a caseload of 1 and of 25, and bounded", async () => {
    const counts: number[] = [];
    for (const user of [large, small]) {
      const viewer = await viewerFor(user);
      await buildWorkQueue(viewer); // warm the pool's connections (their first use reads the types)
      const queue = await buildWorkQueue(viewer);
      expect(queue.items.filter((i) => i.source === "deadline").length).toBeGreaterThanOrEqual(user === large ? 25 : 1);
      counts.push(await statementsOf(() => buildWorkQueue(viewer)));
    }
    expect(counts[0]).toBe(counts[1]);
    console.info(`work-queue build: ${counts[0]} statements (caseload of 25 and of 1)`);
    // 14 before the providers were gated by role, merged and batched (issue 15 targets 10 per render). Outside a
    // request scope (as here) the settings and the viewer's calendars are read (2); then the acknowledgments (the
    // assignments with their acknowledgments), the other providers' reads together (deadlines, service minutes,
    // goal data, progress reports, referrals: one statement), and the calendar of the school the items are at.
    expect(counts[0]).toBeLessThanOrEqual(5);
  });

  it("a teacher's and a principal's builds are bounded too", async () => {
    const teacher = await viewerFor(world.users.teacher);
    const principal = await viewerFor(world.users.principalA);
    const counts = [];
    for (const viewer of [teacher, principal]) {
      await buildWorkQueue(viewer);
      counts.push(await statementsOf(() => buildWorkQueue(viewer)));
    }
    console.info(`work-queue build: teacher ${counts[0]}, principal ${counts[1]} statements`);
    // Before: teacher 7 (deadline and referral queries that can route nothing to a teacher, the assignments in
    // two halves, their acknowledgments apart), principal 11.
    expect(counts[0]).toBeLessThanOrEqual(4);
    expect(counts[1]).toBeLessThanOrEqual(5);
  });
});
