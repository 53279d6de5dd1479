import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { outbox, passwordResetTokens, users } from "@/db/schema";
import { setupTestDatabase } from "@/db/testing/database";
import { countAudit, createWorld, viewerFor, type World } from "@/db/testing/factories";
import { changeMyPassword } from "@/lib/dal/users";
import { unsafeLoadViewer } from "@/lib/dal/viewer";
import { AppError } from "@/lib/errors";
import { changePasswordSchema, resetPasswordSchema } from "@/lib/validation/auth";
import { verifyCredentials } from "./credentials";
import { hashPassword } from "./password";
import { RESET_REQUESTS_PER_EMAIL, requestPasswordReset, resetPassword } from "./password-reset";

const db = setupTestDatabase();
let world: World;
const PASSWORD = "correct horse battery staple";
const NEW_PASSWORD = "a brand new long passphrase";
let n = 0;
const ip = () => `10.77.${world.tag.length % 250}.${++n}`;

beforeAll(async () => {
  world = await createWorld();
  const hash = await hashPassword(PASSWORD);
  for (const user of Object.values(world.users)) {
    await db().update(users).set({ passwordHash: hash }).where(eq(users.id, user.id));
  }
});

const fieldErrorOn = (field: string, key: string) => (e: unknown) =>
  e instanceof AppError && e.code === "VALIDATION" && e.fieldErrors?.[field]?.[0] === key;

async function mailsTo(email: string) {
  return db().select().from(outbox).where(eq(outbox.toAddress, email));
}

function tokenIn(body: string): string {
  const match = /\/reset-password\?token=([A-Za-z0-9_-]{43})/.exec(body);
  expect(match).not.toBeNull();
  return match![1]!;
}

async function sessionVersionOf(userId: string) {
  const [row] = await db().select({ v: users.sessionVersion }).from(users).where(eq(users.id, userId));
  return row!.v;
}

describe("forgot password (issue 14 §2): single-use, expiring, hashed, e-mailed through the outbox, throttled, audited", () => {
  it("e-mails a link whose token is stored only as a hash; the link sets a new password once and ends every session", async () => {
    const user = world.users.teacher;
    await requestPasswordReset({ email: user.email.toUpperCase(), ip: ip() });
    const mails = await mailsTo(user.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ kind: "password_reset", status: "pending", userId: user.id });
    const token = tokenIn(mails[0]!.body);
    const stored = await db().select().from(passwordResetTokens).where(eq(passwordResetTokens.userId, user.id));
    expect(stored).toHaveLength(1);
    expect(stored[0]!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(await countAudit(user.id, "auth.password_reset_requested")).toBe(1);

    const before = await sessionVersionOf(user.id);
    await resetPassword({ token, newPassword: NEW_PASSWORD, ip: ip() });
    expect(await sessionVersionOf(user.id)).toBe(before + 1);
    expect(await unsafeLoadViewer(user.id, before)).toBeNull();
    expect((await verifyCredentials({ email: user.email, password: NEW_PASSWORD, ip: ip() })).ok).toBe(true);
    expect((await verifyCredentials({ email: user.email, password: PASSWORD, ip: ip() })).ok).toBe(false);
    expect(await countAudit(user.id, "auth.password_reset")).toBe(1);

    await expect(resetPassword({ token, newPassword: "yet another long passphrase", ip: ip() })).rejects.toSatisfy(
      fieldErrorOn("token", "errors.resetLinkInvalid"),
    );
    expect((await verifyCredentials({ email: user.email, password: NEW_PASSWORD, ip: ip() })).ok).toBe(true);
  });

  it("refuses an expired link and a link replaced by a newer one", async () => {
    const user = world.users.otherTeacher;
    await requestPasswordReset({ email: user.email, ip: ip() });
    const first = tokenIn((await mailsTo(user.email))[0]!.body);
    await requestPasswordReset({ email: user.email, ip: ip() });
    const second = tokenIn((await mailsTo(user.email)).find((m) => !m.body.includes(first))!.body);
    await expect(resetPassword({ token: first, newPassword: NEW_PASSWORD, ip: ip() })).rejects.toSatisfy(
      fieldErrorOn("token", "errors.resetLinkInvalid"),
    );
    await db()
      .update(passwordResetTokens)
      .set({ expiresAt: new Date(Date.UTC(2000, 0, 1)) })
      .where(eq(passwordResetTokens.userId, user.id));
    await expect(resetPassword({ token: second, newPassword: NEW_PASSWORD, ip: ip() })).rejects.toSatisfy(
      fieldErrorOn("token", "errors.resetLinkInvalid"),
    );
    expect((await verifyCredentials({ email: user.email, password: PASSWORD, ip: ip() })).ok).toBe(true);
  });

  it("answers an unknown address the same way and sends nothing; stops sending after the per-address limit", async () => {
    await requestPasswordReset({ email: `nobody.${world.tag}@test.example`, ip: ip() });
    expect(await mailsTo(`nobody.${world.tag}@test.example`)).toHaveLength(0);
    const user = world.users.principalB;
    for (let i = 0; i < RESET_REQUESTS_PER_EMAIL + 2; i++) await requestPasswordReset({ email: user.email, ip: ip() });
    expect(await mailsTo(user.email)).toHaveLength(RESET_REQUESTS_PER_EMAIL);
    expect(await countAudit(user.id, "auth.password_reset_requested", "denied")).toBe(2);
  });

  it("validates the form: a malformed token, a short or mismatched password get field messages", () => {
    const result = resetPasswordSchema.safeParse({ token: "x", newPassword: "short", confirmPassword: "other" });
    expect(result.success).toBe(false);
    expect(Object.fromEntries(result.error!.issues.map((i) => [i.path.join("."), i.message]))).toEqual({
      token: "errors.resetLinkInvalid",
      newPassword: "validation.passwordTooShort",
      confirmPassword: "validation.passwordMismatch",
    });
  });
});

describe("change password in Settings (issue 14 §2): current password required, throttled, audited, other sessions end", () => {
  it("refuses a wrong current password with a field message and audits it; the right one changes it and bumps the session version", async () => {
    const viewer = await viewerFor(world.users.caseManager);
    await expect(
      changeMyPassword(viewer, { currentPassword: "not my password", newPassword: NEW_PASSWORD }),
    ).rejects.toSatisfy(fieldErrorOn("currentPassword", "errors.currentPasswordWrong"));
    expect(await countAudit(viewer.userId, "auth.password_change_failed", "failure")).toBe(1);
    const before = await sessionVersionOf(viewer.userId);
    expect(await changeMyPassword(viewer, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD })).toEqual({
      sessionVersion: before + 1,
    });
    expect(await unsafeLoadViewer(viewer.userId, before)).toBeNull();
    expect((await verifyCredentials({ email: viewer.email, password: NEW_PASSWORD, ip: ip() })).ok).toBe(true);
    expect(await countAudit(viewer.userId, "auth.password_changed")).toBe(1);
  });

  it("locks the form after five wrong current passwords, even for the right one", async () => {
    const viewer = await viewerFor(world.users.principalA);
    for (let i = 0; i < 4; i++) {
      await expect(
        changeMyPassword(viewer, { currentPassword: `wrong ${i}`, newPassword: NEW_PASSWORD }),
      ).rejects.toSatisfy(fieldErrorOn("currentPassword", "errors.currentPasswordWrong"));
    }
    const locked = (e: unknown) => e instanceof AppError && e.code === "RATE_LIMITED";
    await expect(changeMyPassword(viewer, { currentPassword: "wrong 5", newPassword: NEW_PASSWORD })).rejects.toSatisfy(
      locked,
    );
    await expect(changeMyPassword(viewer, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD })).rejects.toSatisfy(
      locked,
    );
    expect((await verifyCredentials({ email: viewer.email, password: PASSWORD, ip: ip() })).ok).toBe(true);
    expect(await countAudit(viewer.userId, "auth.password_changed")).toBe(0);
  });

  it("validates the form: confirmation must match and the new password must differ from the current one", () => {
    const result = changePasswordSchema.safeParse({
      currentPassword: PASSWORD,
      newPassword: PASSWORD,
      confirmPassword: "something else entirely",
    });
    expect(Object.fromEntries(result.error!.issues.map((i) => [i.path.join("."), i.message]))).toEqual({
      confirmPassword: "validation.passwordMismatch",
      newPassword: "validation.passwordUnchanged",
    });
  });
});
