import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { districts } from "@/db/schema";
import { setupTestDatabase } from "@/db/testing/database";
import { givenEvents, schoolDaysFrom } from "@/db/testing/deadlines";
import { createWorld, viewerFor, type World } from "@/db/testing/factories";
import { createMyCalendarFeed } from "@/lib/dal/notification-settings";
import { setUserActive } from "@/lib/dal/users";
import { GET } from "./route";

const db = setupTestDatabase();
let world: World;

beforeAll(async () => {
  world = await createWorld();
  const cm = await viewerFor(world.users.caseManager);
  await givenEvents(world.students.onCaseload, [
    { type: "referral_received", date: await schoolDaysFrom(world.schoolA.id, cm.today, -3) },
  ]);
});

const feed = (token: string) =>
  GET(new Request(`http://planpath.test/api/calendar/${token}.ics`), {
    params: Promise.resolve({ token: `${token}.ics` }),
  });

describe("calendar feed route", () => {
  it("says only 'PlanPath deadline — open PlanPath' unless the district opts in to details", async () => {
    const cm = await viewerFor(world.users.caseManager);
    const { token } = await createMyCalendarFeed(cm);
    const response = await feed(token);
    expect(response.status).toBe(200);
    const body = await response.text();
    expect(body).toContain("BEGIN:VEVENT");
    expect(body).toContain("SUMMARY:PlanPath deadline — open PlanPath");
    // What a calendar service shows (the UID is an opaque hash, which may contain any digits).
    const shown = body
      .split("\r\n")
      .filter((line) => !line.startsWith("UID:") && !line.startsWith("DTSTAMP:"))
      .join("\n");
    for (const leak of ["Casey", world.students.onCaseload.lastName, "IEP", "504", world.schoolA.name]) {
      expect(shown).not.toContain(leak);
    }
    expect(body).not.toContain(world.students.onCaseload.id);
    expect(body).toContain("/work-queue");

    await db()
      .update(districts)
      .set({ settings: { calendarFeedDetails: true } })
      .where(eq(districts.id, world.district.id));
    const detailed = await (await feed(token)).text();
    expect(detailed).toContain(`Casey ${world.students.onCaseload.lastName.slice(0, 1)}.`);
    await db().update(districts).set({ settings: {} }).where(eq(districts.id, world.district.id));
  });

  it("a parent's feed link answers 403, not 500", async () => {
    const parent = await viewerFor(world.users.parent);
    const { token } = await createMyCalendarFeed(parent);
    const response = await feed(token);
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: "errors.FORBIDDEN" });
  });

  it("dies with deactivation and stays dead after reactivation until the user makes a new link", async () => {
    const admin = await viewerFor(world.users.admin);
    const teacher = await viewerFor(world.users.teacher);
    const { token } = await createMyCalendarFeed(teacher);
    expect((await feed(token)).status).toBe(200);
    await setUserActive(admin, { userId: teacher.userId, active: false });
    expect((await feed(token)).status).toBe(404);
    await setUserActive(admin, { userId: teacher.userId, active: true });
    expect((await feed(token)).status).toBe(404);
    const { token: fresh } = await createMyCalendarFeed(await viewerFor(world.users.teacher));
    expect((await feed(fresh)).status).toBe(200);
    expect((await feed(token)).status).toBe(404);
  });

  it("an unknown token is a 404", async () => {
    expect((await feed("x".repeat(43))).status).toBe(404);
  });
});
