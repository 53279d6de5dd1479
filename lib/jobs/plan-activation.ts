import { getDb } from "@/db/client";
import { districts } from "@/db/schema";
import { eq } from "drizzle-orm";
import { recordAudit } from "@/lib/audit";
import { dueScheduledVersions, lockVersionForGates, putInForce } from "@/lib/dal/internal/plan-lifecycle";
import { completePlanEnd, dueScheduledEnds } from "@/lib/dal/internal/plan-ends";
import { AppError } from "@/lib/errors";
import { districtTimeZone, now as clockNow, todayIn } from "@/lib/time";

/**
 * The scheduled-activation job's work (unscoped by design: it acts for the district, audited as the
 * system). For every district, puts in force each final version whose scheduled effective date has
 * come on the district's calendar, through the same path and gates as a plan lead's activation
 * (`putInForce`). A version whose gates no longer hold (consent revoked, a due-process filing
 * pending) stays final and the refusal is audited with its reason; the next day's run tries again.
 * Scheduled plan ends (exits, IEP→504, revocation, 504 plans ended) whose date has come are completed
 * first, so a 504 plan scheduled for the day after an IEP ends finds the IEP ended; an end refused
 * under stay-put (a due-process filing made before it took effect keeps the plan, 300.518) stays
 * scheduled and is audited. `today` replaces the district's local date (tests); `districtId` limits
 * the run to one district.
 */
export async function runScheduledActivations(options: { now?: Date; today?: string; districtId?: string } = {}) {
  const db = getDb();
  const now = options.now ?? clockNow();
  const result = { activated: 0, refused: 0, ended: 0, endsRefused: 0 };
  const rows = await db
    .select({ id: districts.id, settings: districts.settings })
    .from(districts)
    .where(options.districtId ? eq(districts.id, options.districtId) : undefined);
  for (const district of rows) {
    const timeZone = districtTimeZone(district.settings);
    const today = options.today ?? todayIn(timeZone, now);
    for (const end of await dueScheduledEnds(db, today, district.id)) {
      try {
        await db.transaction(async (tx) => {
          await completePlanEnd(tx, { endId: end.id, actor: null, now, today });
        });
        result.ended++;
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        result.endsRefused++;
        await recordAudit(db, {
          action: "plan.ended",
          outcome: "failure",
          districtId: district.id,
          entityType: "plan_version",
          entityId: end.versionId,
          studentId: end.studentId,
          details: { scheduled: true, endId: end.id, reason: error.messageKey },
        });
      }
    }
    for (const due of await dueScheduledVersions(db, today, district.id)) {
      try {
        await db.transaction(async (tx) => {
          const version = await lockVersionForGates(tx, due.id);
          if (!version || version.status !== "final" || !version.effectiveOn || version.effectiveOn > today) return;
          const details = await putInForce(tx, {
            version,
            districtId: district.id,
            effectiveOn: version.effectiveOn,
            endActive504: true,
            actorUserId: null,
            today,
            now,
          });
          await recordAudit(tx, {
            action: "plan.activated",
            districtId: district.id,
            entityType: "plan_version",
            entityId: version.id,
            studentId: version.studentId,
            details: { ...details, scheduled: true },
          });
          result.activated++;
        });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        result.refused++;
        await recordAudit(db, {
          action: "plan.activated",
          outcome: "failure",
          districtId: district.id,
          entityType: "plan_version",
          entityId: due.id,
          studentId: due.studentId,
          details: { scheduled: true, reason: error.messageKey },
        });
      }
    }
  }
  return result;
}
