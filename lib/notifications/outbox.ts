import { and, asc, eq, inArray, lt, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { outbox } from "@/db/schema";
import type { Mailer } from "./mailer";
import { now as clockNow } from "@/lib/time";

/** A notification to record and send: `kind` names the feature, `dedupeKey` makes it unique. */
export interface Notification {
  districtId: string;
  userId: string | null;
  to: string;
  kind: string;
  dedupeKey: string;
  subject: string;
  body: string;
}

/**
 * Records a notification in the outbox (status `pending`). A notification whose `dedupeKey` is
 * already there is not recorded again (a job that runs twice sends once). Returns whether it was new.
 */
export async function enqueueNotification(db: Executor, notification: Notification): Promise<boolean> {
  const { to, ...rest } = notification;
  const inserted = await db
    .insert(outbox)
    .values({ ...rest, toAddress: to })
    .onConflictDoNothing({ target: outbox.dedupeKey })
    .returning({ id: outbox.id });
  return inserted.length > 0;
}

/** How many times a message is tried before it stays `failed`. */
export const MAX_ATTEMPTS = 5;

/**
 * Sends what the outbox holds: pending messages and failed ones with attempts left, oldest first.
 * Each batch is claimed first (attempts + 1, `skip locked`, so two servers never take the same row),
 * then sent; the row ends `sent` (SMTP), `logged` (no SMTP configured) or `failed` with the error.
 */
export async function deliverOutbox(
  db: Executor,
  mailer: Mailer,
  limit = 100,
): Promise<{ sent: number; logged: number; failed: number }> {
  const claimable = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(inArray(outbox.status, ["pending", "failed"]), lt(outbox.attempts, MAX_ATTEMPTS)))
    .orderBy(asc(outbox.createdAt))
    .limit(limit)
    .for("update", { skipLocked: true });
  const claimed = await db
    .update(outbox)
    .set({ attempts: sql`${outbox.attempts} + 1`, updatedAt: clockNow() })
    .where(inArray(outbox.id, claimable))
    .returning();
  const result = { sent: 0, logged: 0, failed: 0 };
  for (const message of claimed.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())) {
    try {
      await mailer.send({
        to: message.toAddress,
        subject: message.subject,
        text: message.body,
        kind: message.kind,
        id: message.id,
      });
      const status = mailer.mode === "smtp" ? "sent" : "logged";
      await db
        .update(outbox)
        .set({ status, sentAt: clockNow(), lastError: null, updatedAt: clockNow() })
        .where(eq(outbox.id, message.id));
      result[status]++;
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      await db
        .update(outbox)
        .set({ status: "failed", lastError: detail.slice(0, 500), updatedAt: clockNow() })
        .where(eq(outbox.id, message.id));
      result.failed++;
    }
  }
  return result;
}
