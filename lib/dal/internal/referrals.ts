import "server-only";
import { and, eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { referrals } from "@/db/schema";

/** Whether the student has an open referral (whose `referral_received` event is on file). */
export async function hasOpenReferral(db: Executor, studentId: string): Promise<boolean> {
  const rows = await db
    .select({ id: referrals.id })
    .from(referrals)
    .where(and(eq(referrals.studentId, studentId), eq(referrals.status, "open")))
    .limit(1);
  return rows.length > 0;
}

/** Whether a case event is the `referral_received` of an open referral (it cannot be voided then). */
export async function receivedEventOfOpenReferral(db: Executor, eventId: string): Promise<boolean> {
  const rows = await db
    .select({ id: referrals.id })
    .from(referrals)
    .where(and(eq(referrals.receivedEventId, eventId), eq(referrals.status, "open")))
    .limit(1);
  return rows.length > 0;
}
