import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { staffAssignments } from "@/db/schema";
import { setupTestDatabase } from "@/db/testing/database";
import { countAudit, createWorld, viewerFor, type World } from "@/db/testing/factories";
import { revokeSession } from "./auth-events";
import { addDays } from "@/lib/compliance/dates";
import { todayIn } from "@/lib/time";
import { unsafeLoadViewer } from "./viewer";

setupTestDatabase();
let world: World;

beforeAll(async () => {
  world = await createWorld();
});

describe("sign-out revokes the session server-side", () => {
  it("a signed-out session id no longer loads a viewer; the user's other sessions stay signed in", async () => {
    const teacher = await viewerFor(world.users.teacher);
    const laptop = randomUUID();
    const phone = randomUUID();
    const signedIn = await unsafeLoadViewer(teacher.userId, teacher.sessionVersion, laptop);
    expect(signedIn?.sessionId).toBe(laptop);

    await revokeSession(signedIn!, 3600);
    expect(await unsafeLoadViewer(teacher.userId, teacher.sessionVersion, laptop)).toBeNull();
    expect(await unsafeLoadViewer(teacher.userId, teacher.sessionVersion, phone)).not.toBeNull();
    expect(await countAudit(teacher.userId, "auth.signed_out")).toBe(1);

    // Signing out twice (a replayed sign-out) is harmless.
    await revokeSession(signedIn!, 3600);
    expect(await unsafeLoadViewer(teacher.userId, teacher.sessionVersion, laptop)).toBeNull();
  });
});

describe("the viewer is one statement per request", () => {
  it("carries only the school assignments in force today, and refuses a signed-out session", async () => {
    const today = todayIn();
    const principal = world.users.principalB;
    await getDb()
      .insert(staffAssignments)
      .values([
        {
          userId: principal.id,
          schoolId: world.schoolA.id,
          role: "coordinator_504",
          startsOn: addDays(today, -30),
          endsOn: addDays(today, -1),
        },
        { userId: principal.id, schoolId: world.schoolA.id, role: "case_manager", startsOn: addDays(today, 1) },
        { userId: principal.id, schoolId: world.schoolA.id, role: "teacher", startsOn: today, endsOn: today },
      ]);
    const viewer = await viewerFor(principal);
    expect(viewer.today).toBe(today);
    expect(viewer.schoolRoles).toHaveLength(2);
    expect(viewer.schoolRoles).toEqual(
      expect.arrayContaining([
        { schoolId: world.schoolB.id, role: "principal" },
        { schoolId: world.schoolA.id, role: "teacher" },
      ]),
    );
    const session = randomUUID();
    const signedIn = await unsafeLoadViewer(principal.id, viewer.sessionVersion, session);
    expect(signedIn?.schoolRoles).toEqual(viewer.schoolRoles);
    await revokeSession(signedIn!, 3600);
    expect(await unsafeLoadViewer(principal.id, viewer.sessionVersion, session)).toBeNull();
    expect(await unsafeLoadViewer(principal.id, viewer.sessionVersion + 1)).toBeNull();
  });
});
