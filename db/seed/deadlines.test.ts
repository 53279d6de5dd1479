import { and, eq, isNull, ne } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { caseEvents, deadlines, users } from "@/db/schema";
import { setupTestDatabase } from "@/db/testing/database";
import { viewerFor } from "@/db/testing/factories";
import { buildWorkQueue, listOwnedOpenDeadlineIds } from "@/lib/dal/work-queue";
import { todayIn } from "@/lib/time";
import { DEMO_IDS, seedDemo } from "./demo";

const db = setupTestDatabase();
const today = todayIn("America/New_York");

beforeAll(async () => {
  if (!process.env.DATABASE_URL) await seedDemo(db(), { passwordHash: "not-a-real-hash", today });
}, 240_000); // the whole demo district on in-memory PGlite

const queueOf = async (persona: Parameters<typeof DEMO_IDS.user>[0]) =>
  (await buildWorkQueue(await viewerFor({ id: DEMO_IDS.user(persona) }))).items;

describe.skipIf(Boolean(process.env.DATABASE_URL))("demo seed: a realistic work queue on first launch", () => {
  it("the Maple case manager has overdue items and items due soon, from her caseload only", async () => {
    const items = await queueOf("caseManagerMaple");
    expect(items.some((i) => i.overdue)).toBe(true);
    expect(items.some((i) => i.dueSoon)).toBe(true);
    expect(items.every((i) => ["caseload", "planLead", "goalData"].includes(i.reason))).toBe(true);
    // PM-5: Mateo's math goal has gone quiet (no data for 10 school days); in the summer no school
    // days pass, so nothing goes stale (the default test day is a school Monday).
    const quiet = items.filter((i) => i.reason === "goalData").map((i) => [i.studentName, i.title.values?.goal]);
    expect(quiet.every(([name, goal]) => name === "Mateo García" && goal === 2)).toBe(true);
    if (!process.env.PLANPATH_NOW) expect(quiet).toEqual([["Mateo García", 2]]);
    expect(items.map((i) => i.studentName)).toContain("Mateo García");
    expect(items.filter((i) => i.reason === "planLead").map((i) => [i.studentName, i.title.values?.teacher])).toEqual([
      ["Mateo García", "Samuel Brooks"],
    ]);
  });

  it("principals see their school's 504 items and escalations; the district admin sees everything overdue", async () => {
    const maple = await queueOf("principalMaple");
    expect(new Set(maple.map((i) => i.reason))).toEqual(new Set(["school504", "escalation"]));
    const high = await queueOf("principalHigh");
    // Jaylen (504 plan, no case manager) has a consent request unanswered past D-23: the 504 lead's
    // item, with the step to record the refusal (legal-review.md E10 case Z, E17).
    expect(high.filter((i) => i.studentName === "Jaylen Johnson" && i.source === "deadline")).toMatchObject([
      {
        title: { key: "deadlines.rules.D-23.title" },
        reason: "lead504",
        step: { key: "workQueue.steps.recordConsentRefusal" },
      },
    ]);
    const admin = await queueOf("admin");
    expect(admin.length).toBeGreaterThanOrEqual(4);
    expect(admin.every((i) => i.overdue)).toBe(true);
    expect(await queueOf("teacherMaple3")).toEqual([]);
    expect((await queueOf("teacherMath")).map((i) => [i.source, i.reason, i.overdue])).toEqual(
      expect.arrayContaining([["acknowledgment", "implementer", true]]),
    );
  });

  it("E10: every open deadline of the demo district has at least one owner (nothing is owned by nobody)", async () => {
    const staff = await db()
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.districtId, DEMO_IDS.district), ne(users.role, "parent"), eq(users.isActive, true)));
    const owned = new Set<string>();
    for (const user of staff) for (const id of await listOwnedOpenDeadlineIds(await viewerFor(user))) owned.add(id);
    const open = await db()
      .select({ id: deadlines.id, ruleId: deadlines.ruleId, studentId: deadlines.studentId })
      .from(deadlines)
      .where(
        and(eq(deadlines.districtId, DEMO_IDS.district), eq(deadlines.status, "open"), isNull(deadlines.completedOn)),
      );
    expect(open.length).toBeGreaterThan(10);
    expect(open.filter((row) => !owned.has(row.id))).toEqual([]);
  });

  it("one initial evaluation finished late with its reason recorded; seeding again adds nothing", async () => {
    const [late] = await db()
      .select()
      .from(deadlines)
      .where(and(eq(deadlines.studentId, DEMO_IDS.student("s03")), eq(deadlines.ruleId, "D-01")));
    expect(late).toMatchObject({ status: "late", delayReason: "parent_unavailable" });
    const events = await db().select({ id: caseEvents.id }).from(caseEvents);
    const rows = await db().select({ id: deadlines.id }).from(deadlines);
    await seedDemo(db(), { passwordHash: "not-a-real-hash", today });
    expect(await db().select({ id: caseEvents.id }).from(caseEvents)).toHaveLength(events.length);
    expect((await db().select({ id: deadlines.id }).from(deadlines)).map((r) => r.id).sort()).toEqual(
      rows.map((r) => r.id).sort(),
    );
  });
});
