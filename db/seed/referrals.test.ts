import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { planVersions, referrals } from "@/db/schema";
import { setupTestDatabase } from "@/db/testing/database";
import { viewerFor } from "@/db/testing/factories";
import { getTransition } from "@/lib/dal/referrals";
import type { ReferralTransitionView } from "@/lib/dto/referrals";
import { todayIn } from "@/lib/time";
import { DEMO_IDS, seedDemo } from "./demo";

/** The demo's referrals (issue 12): an initial referral and a 504 → IEP transition mid-way. */

const db = setupTestDatabase();
const today = todayIn("America/New_York");

beforeAll(async () => {
  if (!process.env.DATABASE_URL) await seedDemo(db(), { passwordHash: "not-a-real-hash", today });
}, 240_000);

describe.skipIf(Boolean(process.env.DATABASE_URL))("demo seed: referrals mid-way", () => {
  it("s01: an initial referral decided at its PPT, waiting for the parent's consent to evaluate (C-01)", async () => {
    const [row] = await db()
      .select()
      .from(referrals)
      .where(eq(referrals.studentId, DEMO_IDS.student("s01")));
    const view = (await getTransition(
      await viewerFor({ id: DEMO_IDS.user("caseManagerMaple") }),
      row!.studentId,
      row!.id,
    )) as ReferralTransitionView;
    expect(view).toMatchObject({
      flow: "initial",
      status: "open",
      decision: "evaluate",
      current: "evaluationConsent",
      nextActor: { role: "parent" },
      blockedBy: "consentNotAnswered",
    });
    expect(view.steps.find((s) => s.key === "evaluationConsent")!.deadline?.ruleId).toBe("D-23");
  });

  it("Jaylen: 504 → IEP with his 504 plan still in force; the principal leads (no case manager)", async () => {
    const student = DEMO_IDS.student("jaylen-johnson");
    const [row] = await db().select().from(referrals).where(eq(referrals.studentId, student));
    const [plan504] = await db().select().from(planVersions).where(eq(planVersions.id, row!.plan504VersionId!));
    expect(plan504).toMatchObject({ status: "active", planType: "504" });
    const view = (await getTransition(
      await viewerFor({ id: DEMO_IDS.user("principalHigh") }),
      student,
      row!.id,
    )) as ReferralTransitionView;
    expect(view).toMatchObject({ flow: "504_to_iep", source: "parent_request", current: "evaluationConsent" });
    expect(view.steps.at(-1)).toMatchObject({ key: "plan504Ends", state: "pending" });
  });
});
