import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { setupTestDatabase } from "@/db/testing/database";
import { countAudit, createWorld, type World } from "@/db/testing/factories";
import { verifyCredentials } from "./credentials";
import { hashPassword } from "./password";

const db = setupTestDatabase();
let world: World;
const PASSWORD = "correct horse battery staple";
const ip = () =>
  `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

beforeAll(async () => {
  world = await createWorld();
  const hash = await hashPassword(PASSWORD);
  for (const user of Object.values(world.users)) {
    await db().update(users).set({ passwordHash: hash }).where(eq(users.id, user.id));
  }
});

describe("credentials sign-in (argon2id, throttled, audited)", () => {
  it("accepts the right password, case-insensitively by e-mail, and audits the sign-in", async () => {
    const result = await verifyCredentials({
      email: world.users.teacher.email.toUpperCase(),
      password: PASSWORD,
      ip: ip(),
    });
    expect(result).toEqual({ ok: true, userId: world.users.teacher.id, sessionVersion: 1 });
    expect(await countAudit(world.users.teacher.id, "auth.signed_in")).toBe(1);
  });

  it("gives the same answer for a wrong password, an unknown e-mail and a deactivated account", async () => {
    expect(await verifyCredentials({ email: world.users.parent.email, password: "nope", ip: ip() })).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(
      await verifyCredentials({ email: `nobody-${randomUUID()}@test.example`, password: PASSWORD, ip: ip() }),
    ).toEqual({ ok: false, reason: "invalid" });
    await db().update(users).set({ isActive: false }).where(eq(users.id, world.users.otherTeacher.id));
    expect(await verifyCredentials({ email: world.users.otherTeacher.email, password: PASSWORD, ip: ip() })).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(await countAudit(world.users.parent.id, "auth.sign_in_failed", "failure")).toBe(1);
  });

  it("locks an account after 5 failures for 15 minutes, even for the right password", async () => {
    const email = world.users.caseManager.email;
    for (let i = 1; i <= 4; i++) {
      expect(await verifyCredentials({ email, password: `wrong-${i}`, ip: ip() })).toEqual({
        ok: false,
        reason: "invalid",
      });
    }
    const fifth = await verifyCredentials({ email, password: "wrong-5", ip: ip() });
    expect(fifth).toMatchObject({ ok: false, reason: "locked" });
    if (fifth.ok || fifth.reason !== "locked") throw new Error("expected a lock");
    const minutes = (fifth.lockedUntil.getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15.1);
    expect(await verifyCredentials({ email, password: PASSWORD, ip: ip() })).toMatchObject({
      ok: false,
      reason: "locked",
    });
    expect(await countAudit(world.users.caseManager.id, "auth.locked_out", "denied")).toBe(1);
    expect(await countAudit(world.users.caseManager.id, "auth.signed_in")).toBe(0);
  });

  it("a success resets the account's failure count", async () => {
    const email = world.users.principalA.email;
    for (let i = 0; i < 4; i++) await verifyCredentials({ email, password: "wrong", ip: ip() });
    expect(await verifyCredentials({ email, password: PASSWORD, ip: ip() })).toMatchObject({ ok: true });
    for (let i = 0; i < 4; i++) {
      expect(await verifyCredentials({ email, password: "wrong", ip: ip() })).toEqual({ ok: false, reason: "invalid" });
    }
  });

  it("locks an IP address after 20 failures across accounts", async () => {
    const address = ip();
    for (let i = 0; i < 19; i++) {
      const result = await verifyCredentials({
        email: `spray-${i}-${randomUUID()}@test.example`,
        password: "x",
        ip: address,
      });
      expect(result).toEqual({ ok: false, reason: "invalid" });
    }
    expect(
      await verifyCredentials({ email: `spray-last-${randomUUID()}@test.example`, password: "x", ip: address }),
    ).toMatchObject({ reason: "locked" });
    expect(await verifyCredentials({ email: world.users.admin.email, password: PASSWORD, ip: address })).toMatchObject({
      reason: "locked",
    });
    expect(await verifyCredentials({ email: world.users.admin.email, password: PASSWORD, ip: ip() })).toMatchObject({
      ok: true,
    });
  });
});
