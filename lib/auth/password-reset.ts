import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { passwordResetTokens, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { AppError, fieldError } from "@/lib/errors";
import { appUrl } from "@/lib/notifications/app-url";
import { enqueueNotification } from "@/lib/notifications/outbox";
import { translatorFor } from "@/lib/notifications/translator";
import { now as clockNow } from "@/lib/time";
import { hashPassword } from "./password";
import { activeLock, clearFailures, emailKey, recordFailure, throttleSettings } from "./throttle";

/** How long a "forgot password" link works. */
export const RESET_TOKEN_MINUTES = 60;
/** Links one e-mail address may ask for per throttle window (the next requests send nothing). */
export const RESET_REQUESTS_PER_EMAIL = 3;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");
const requestEmailKey = (email: string) => `reset-request:${email}`;
const requestIpKey = (ip: string) => `reset-request-ip:${ip}`;
const redeemIpKey = (ip: string) => `reset-redeem-ip:${ip}`;

/**
 * "Forgot password": when the address belongs to an active account and is not throttled, stores the
 * SHA-256 of a new random token (retiring older unused ones), e-mails the single-use link through
 * the outbox, and audits the request. The caller always answers the same way, so the form never
 * reveals whether an address has an account. Throttled per address and per IP address.
 */
export async function requestPasswordReset(input: { email: string; ip: string | null }): Promise<void> {
  const db = getDb();
  const email = input.email.trim().toLowerCase();
  const settings = throttleSettings();
  const keys = [requestEmailKey(email), ...(input.ip ? [requestIpKey(input.ip)] : [])];
  const [user] = await db
    .select({
      id: users.id,
      districtId: users.districtId,
      role: users.role,
      email: users.email,
      locale: users.locale,
      isActive: users.isActive,
    })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email))
    .limit(1);
  const audit = {
    actor: user ? { userId: user.id, role: user.role, districtId: user.districtId } : null,
    entityType: "user",
    entityId: user?.id,
    ip: input.ip,
  };
  if (await activeLock(db, keys)) {
    await recordAudit(db, {
      ...audit,
      action: "auth.password_reset_requested",
      outcome: "denied",
      details: { reason: "throttled" },
    });
    return;
  }
  await recordFailure(db, requestEmailKey(email), RESET_REQUESTS_PER_EMAIL);
  if (input.ip) await recordFailure(db, requestIpKey(input.ip), settings.ipMaxFailures);
  if (!user || !user.isActive) {
    await recordAudit(db, {
      ...audit,
      action: "auth.password_reset_requested",
      outcome: "failure",
      details: { reason: user ? "inactive" : "unknown_email" },
    });
    return;
  }
  const token = randomBytes(32).toString("base64url");
  const { t } = await translatorFor(user.locale);
  await db.transaction(async (tx) => {
    const issuedAt = clockNow();
    await tx
      .update(passwordResetTokens)
      .set({ usedAt: issuedAt })
      .where(and(eq(passwordResetTokens.userId, user.id), isNull(passwordResetTokens.usedAt)));
    const [row] = await tx
      .insert(passwordResetTokens)
      .values({
        userId: user.id,
        tokenHash: hashToken(token),
        expiresAt: new Date(issuedAt.getTime() + RESET_TOKEN_MINUTES * 60_000),
      })
      .returning({ id: passwordResetTokens.id });
    await enqueueNotification(tx, {
      districtId: user.districtId,
      userId: user.id,
      to: user.email,
      kind: "password_reset",
      dedupeKey: `password_reset:${row!.id}`,
      subject: t("passwordReset.mail.subject"),
      body: t("passwordReset.mail.body", {
        link: `${appUrl()}/reset-password?token=${token}`,
        minutes: RESET_TOKEN_MINUTES,
      }),
    });
    await recordAudit(tx, { ...audit, action: "auth.password_reset_requested", details: { tokenId: row!.id } });
  });
}

/**
 * Sets a new password from a "forgot password" link. The token must exist, be unused and not
 * expired; it is spent in the same transaction that sets the password and bumps the session
 * version (every session of the account ends), and the account's sign-in lock is lifted. Bad
 * tokens are counted per IP address and answer a field message on `token`.
 */
export async function resetPassword(input: { token: string; newPassword: string; ip: string | null }): Promise<void> {
  const db = getDb();
  const ipKey = input.ip ? redeemIpKey(input.ip) : null;
  if (ipKey && (await activeLock(db, [ipKey]))) throw new AppError("RATE_LIMITED", "errors.resetLocked");
  const passwordHash = await hashPassword(input.newPassword);
  const done = await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: passwordResetTokens.id, userId: passwordResetTokens.userId })
      .from(passwordResetTokens)
      .innerJoin(users, eq(users.id, passwordResetTokens.userId))
      .where(
        and(
          eq(passwordResetTokens.tokenHash, hashToken(input.token)),
          isNull(passwordResetTokens.usedAt),
          gt(passwordResetTokens.expiresAt, clockNow()),
          eq(users.isActive, true),
        ),
      )
      .for("update")
      .limit(1);
    if (!row) return null;
    await tx.update(passwordResetTokens).set({ usedAt: clockNow() }).where(eq(passwordResetTokens.id, row.id));
    const [user] = await tx
      .update(users)
      .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, row.userId))
      .returning({ id: users.id, role: users.role, districtId: users.districtId, email: users.email });
    await recordAudit(tx, {
      action: "auth.password_reset",
      actor: { userId: user!.id, role: user!.role, districtId: user!.districtId },
      entityType: "user",
      entityId: user!.id,
      ip: input.ip,
      details: { tokenId: row.id, otherSessionsEnded: true },
    });
    return user!;
  });
  if (!done) {
    if (ipKey) await recordFailure(db, ipKey, throttleSettings().ipMaxFailures);
    await recordAudit(db, {
      action: "auth.password_reset_failed",
      outcome: "failure",
      actor: null,
      ip: input.ip,
      details: { reason: "invalid_or_expired_token" },
    });
    throw fieldError("token", "errors.resetLinkInvalid");
  }
  await clearFailures(db, emailKey(done.email.toLowerCase()));
}
