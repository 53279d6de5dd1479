import "server-only";
import { lt } from "drizzle-orm";
import { getDb } from "@/db/client";
import { revokedSessions } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { now as clockNow } from "@/lib/time";
import type { Viewer } from "./viewer";

/**
 * Signs the viewer's browser session out server-side: its id goes on the revoked list (kept as
 * long as a copy of the cookie could still be valid, `maxAgeSeconds`), so a replayed cookie no
 * longer signs anyone in; and the sign-out is audited — one transaction. Other devices stay signed in.
 */
export async function revokeSession(viewer: Viewer, maxAgeSeconds: number): Promise<void> {
  await getDb().transaction(async (tx) => {
    if (viewer.sessionId) {
      await tx
        .insert(revokedSessions)
        .values({
          sessionId: viewer.sessionId,
          userId: viewer.userId,
          expiresAt: new Date(clockNow().getTime() + maxAgeSeconds * 1000),
        })
        .onConflictDoNothing();
    }
    await recordAudit(tx, {
      action: "auth.signed_out",
      actor: { userId: viewer.userId, role: viewer.role, districtId: viewer.districtId },
      entityType: "user",
      entityId: viewer.userId,
      ip: viewer.ip,
    });
  });
}

/**
 * Drops the revoked sessions whose cookie has expired by `now` (a copy of it is refused by its
 * expiry anyway), so the list holds only sessions that could still be replayed. Unscoped: for the
 * jobs runner only. Returns how many rows were dropped.
 */
export async function unsafePurgeExpiredRevokedSessions(now: Date): Promise<number> {
  const purged = await getDb()
    .delete(revokedSessions)
    .where(lt(revokedSessions.expiresAt, now))
    .returning({ sessionId: revokedSessions.sessionId });
  return purged.length;
}
