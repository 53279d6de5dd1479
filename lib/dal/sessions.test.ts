import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { setupTestDatabase } from "@/db/testing/database";
import { countAudit, createWorld, viewerFor, type World } from "@/db/testing/factories";
import { revokeSession } from "./auth-events";
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
