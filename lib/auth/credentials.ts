import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { hashPassword, verifyPassword } from "./password";
import { activeLock, clearFailures, emailKey, ipKey, recordFailure, throttleSettings } from "./throttle";

export type CredentialsResult =
  | { ok: true; userId: string; sessionVersion: number }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "locked"; lockedUntil: Date };

let dummyHash: Promise<string> | undefined;

/**
 * Checks an e-mail and password, throttled per account and per IP address (counters in
 * PostgreSQL) and audited. Unknown e-mails, wrong passwords and deactivated accounts give the
 * same answer and take the same time; a locked key is refused without checking the password.
 */
export async function verifyCredentials(input: {
  email: string;
  password: string;
  ip: string | null;
}): Promise<CredentialsResult> {
  const db = getDb();
  const email = input.email.trim().toLowerCase();
  const keys = [emailKey(email), ...(input.ip ? [ipKey(input.ip)] : [])];
  const settings = throttleSettings();

  const [user] = await db
    .select({
      id: users.id,
      districtId: users.districtId,
      role: users.role,
      passwordHash: users.passwordHash,
      isActive: users.isActive,
      sessionVersion: users.sessionVersion,
    })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email))
    .limit(1);
  const auditBase = {
    actor: user ? { userId: user.id, role: user.role, districtId: user.districtId } : null,
    entityType: "user",
    entityId: user?.id,
    ip: input.ip,
  };

  const locked = await activeLock(db, keys);
  if (locked) {
    await recordAudit(db, {
      ...auditBase,
      action: "auth.locked_out",
      outcome: "denied",
      details: { emailDomain: email.split("@")[1] ?? null },
    });
    return { ok: false, reason: "locked", lockedUntil: locked };
  }

  dummyHash ??= hashPassword("planpath-timing-equalizer");
  const valid = user?.passwordHash
    ? await verifyPassword(user.passwordHash, input.password)
    : (await verifyPassword(await dummyHash, input.password), false);

  if (valid && user?.isActive) {
    await clearFailures(db, emailKey(email));
    await recordAudit(db, { ...auditBase, action: "auth.signed_in" });
    return { ok: true, userId: user.id, sessionVersion: user.sessionVersion };
  }

  const accountLock = await recordFailure(db, emailKey(email), settings.accountMaxFailures);
  const ipLock = input.ip ? await recordFailure(db, ipKey(input.ip), settings.ipMaxFailures) : null;
  await recordAudit(db, {
    ...auditBase,
    action: "auth.sign_in_failed",
    outcome: "failure",
    details: { reason: !user ? "unknown_email" : !user.isActive ? "inactive" : "wrong_password" },
  });
  const lockedUntil = accountLock ?? ipLock;
  if (lockedUntil) return { ok: false, reason: "locked", lockedUntil };
  return { ok: false, reason: "invalid" };
}
