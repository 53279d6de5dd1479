import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, getDriver } from "@/db/client";
import { caseloads, planAccommodations, schoolDeliverySummaries, users } from "@/db/schema";
import { setupTestDatabase } from "@/db/testing/database";
import { createWorld, viewerFor, type World } from "@/db/testing/factories";
import { legalRecordFor } from "@/db/testing/lifecycle-fixtures";
import { completeIepContent } from "@/db/testing/plan-fixtures";
import { countStatements } from "@/db/testing/statements";
import { addDays, weekday } from "@/lib/compliance/dates";
import { acknowledgeVersion, listMyAccommodations, logImplementation } from "./delivery";
import { runSummaryRefresh } from "./internal/coverage";
import { withRequestScope } from "./internal/request-cache";
import { activateVersion, createPlan, finalizeVersion, saveDraft } from "./plans";
import { unsafeLoadViewer, type Viewer } from "./viewer";

/**
 * Issue 15: the SQL statements of the teacher's two benchmarked actions, counted as `npm run bench`
 * counts them (postgres.js's debug hook: each query, `begin` and `commit`) — one request: the viewer
 * loaded as `requireViewer()` does, then the action's DAL call (its transaction: target, checks,
 * insert, summary update, audit row). The /accommodations render the action's response carries is
 * counted by lib/dal/statements.test.ts. A count, never a time.
 */
const db = setupTestDatabase();
const onPostgres = getDriver() === "postgres";

/**
 * Before the summary became incremental (the school's row recomputed in each transaction): 19 for
 * an acknowledgment, 22 for a log entry (27–31 and 30 per request with the /accommodations render).
 * Acknowledgment: viewer, begin, target (with the relationship checks, the settings, the school's
 * calendar and the accommodations), insert, the school's shared summary lock, the assignment's
 * state, the summary update, audit row, commit.
 */
const ACKNOWLEDGE_BOUND = 9;
/** The acknowledgment of the school's earliest escalated one also reads the school's escalated assignments (5 statements). */
const EARLIEST_ESCALATED_BOUND = ACKNOWLEDGE_BOUND + 5;
/**
 * viewer, begin, target (with the relationship checks, the settings, the school's calendar and the
 * entry's lock), the loggable facts with the day's latest entry, insert, the school's shared summary
 * lock, the day's coverage facts, the summary update, audit row, commit.
 */
const LOG_BOUND = 10;

let world: World;
let teacher: Viewer;
let versionIds: string[];

function lastWeekday(date: string): string {
  let d = date;
  while (weekday(d) === 0 || weekday(d) === 6) d = addDays(d, -1);
  return d;
}

async function activePlanFor(lead: Viewer, studentId: string, effectiveOn: string) {
  const created = await createPlan(lead, { studentId, type: "iep" });
  await saveDraft(lead, {
    versionId: created.versionId,
    lockVersion: 1,
    content: completeIepContent({ meetingDate: addDays(effectiveOn, -20) }),
  });
  await legalRecordFor(getDb(), created.versionId, lead.userId);
  await finalizeVersion(lead, { versionId: created.versionId });
  await activateVersion(lead, { versionId: created.versionId, effectiveOn });
  return created.versionId;
}

/**
 * One request: the viewer loaded as `requireViewer()` does, then `body`; the statements it sent. A
 * server action runs outside a React render, so nothing is shared through the request cache.
 */
async function request<T>(viewer: Viewer, body: (viewer: Viewer) => Promise<T>) {
  const [row] = await db().select({ v: users.sessionVersion }).from(users).where(eq(users.id, viewer.userId));
  return countStatements(async () => {
    const fresh = await unsafeLoadViewer(viewer.userId, row!.v);
    return body(fresh!);
  });
}

beforeAll(async () => {
  if (!onPostgres) return;
  world = await createWorld();
  const caseManager = await viewerFor(world.users.caseManager);
  teacher = await viewerFor(world.users.teacher);
  await db()
    .insert(caseloads)
    .values(
      [world.students.inSection, world.students.child].map((s) => ({
        caseManagerId: world.users.caseManager.id,
        studentId: s.id,
        startsOn: "2020-01-01",
      })),
    );
  const effectiveOn = addDays(lastWeekday(teacher.today), -21);
  versionIds = [
    await activePlanFor(caseManager, world.students.inSection.id, effectiveOn),
    await activePlanFor(caseManager, world.students.child.id, effectiveOn),
  ];
  await runSummaryRefresh(getDb(), { today: teacher.today, districtId: world.district.id });
  // Warm the pool's connections (their first use reads the array types).
  await request(teacher, (v) => listMyAccommodations(v, null));
}, 120_000);

describe.runIf(onPostgres)("SQL statements of the acknowledge and log actions (counted, PostgreSQL)", () => {
  it("the /accommodations render the actions send back: 5 (8 before: the accommodations and the day's entries were two queries, the implementer assignments of teachers and providers two more, their acknowledgments a third)", async () => {
    // A page render shares reads through the request cache (React's cache), as the viewer's settings.
    const [row] = await db().select({ v: users.sessionVersion }).from(users).where(eq(users.id, teacher.userId));
    const render = () =>
      countStatements(() =>
        withRequestScope(async () => {
          const fresh = await unsafeLoadViewer(teacher.userId, row!.v);
          return listMyAccommodations(fresh!, null);
        }),
      );
    const { result, statements } = await render();
    expect(result.sections.flatMap((s) => s.students)).toHaveLength(2);
    expect(statements).toBe(5);
  });

  it("acknowledging a version: bounded (the school's earliest escalated one, then the last escalated one)", async () => {
    const [before] = await db()
      .select()
      .from(schoolDeliverySummaries)
      .where(eq(schoolDeliverySummaries.schoolId, world.schoolA.id));
    expect(before!.escalated).toBe(2);
    const earliest = await request(teacher, (v) => acknowledgeVersion(v, { versionId: versionIds[0]! }));
    const last = await request(teacher, (v) => acknowledgeVersion(v, { versionId: versionIds[1]! }));
    expect(earliest.statements).toBeLessThanOrEqual(EARLIEST_ESCALATED_BOUND);
    expect(last.statements).toBeLessThanOrEqual(ACKNOWLEDGE_BOUND);
    const [after] = await db()
      .select()
      .from(schoolDeliverySummaries)
      .where(eq(schoolDeliverySummaries.schoolId, world.schoolA.id));
    expect(after!.acknowledged).toBe(before!.acknowledged + 2);
    expect(after!.escalated).toBe(0);
  });

  it("logging one entry (new, then a correction of it): bounded", async () => {
    const accommodations = await db()
      .select({ id: planAccommodations.id })
      .from(planAccommodations)
      .where(eq(planAccommodations.versionId, versionIds[0]!));
    const date = lastWeekday(teacher.today);
    const entry = (status: "provided" | "not_needed") => ({
      accommodationId: accommodations[0]!.id,
      sectionId: world.sectionA.id,
      date,
      status,
      reason: "",
      note: "",
    });
    const created = await request(teacher, (v) => logImplementation(v, entry("provided")));
    const corrected = await request(teacher, (v) => logImplementation(v, entry("not_needed")));
    expect(created.result.replaced).toBe(false);
    expect(corrected.result.replaced).toBe(true);
    // A correction leaves the day logged: no summary update.
    expect(corrected.statements).toBe(created.statements - 1);
    expect(created.statements).toBeLessThanOrEqual(LOG_BOUND);
  });
});
