import { randomUUID } from "node:crypto";
import { inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { revokedSessions } from "@/db/schema";
import { setupTestDatabase } from "@/db/testing/database";
import { createWorld, type World } from "@/db/testing/factories";
import { now } from "@/lib/time";
import { JOBS, revokedSessionPurgeJob } from "./registry";

const db = setupTestDatabase();
let world: World;

beforeAll(async () => {
  world = await createWorld();
});

describe("revoked-session purge job", () => {
  it("drops signed-out sessions whose cookie has expired and keeps those a copied cookie could still use", async () => {
    const at = now();
    const expired = randomUUID();
    const live = randomUUID();
    await db()
      .insert(revokedSessions)
      .values([
        { sessionId: expired, userId: world.users.teacher.id, expiresAt: new Date(at.getTime() - 60_000) },
        { sessionId: live, userId: world.users.teacher.id, expiresAt: new Date(at.getTime() + 3_600_000) },
      ]);
    const result = await revokedSessionPurgeJob.run(at);
    expect(result.purged).toBeGreaterThanOrEqual(1);
    const left = await db()
      .select({ sessionId: revokedSessions.sessionId })
      .from(revokedSessions)
      .where(inArray(revokedSessions.sessionId, [expired, live]));
    expect(left).toEqual([{ sessionId: live }]);
  });

  it("is registered and runs once per local day", () => {
    expect(JOBS).toContain(revokedSessionPurgeJob);
    const at = new Date("2026-12-28T15:00:00Z");
    expect(revokedSessionPurgeJob.runKey!(at, "America/New_York")).toBe("2026-12-28");
  });
});
