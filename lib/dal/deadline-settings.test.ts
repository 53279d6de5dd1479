import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { calendarFeeds, districts, notificationPreferences } from "@/db/schema";
import { setupTestDatabase } from "@/db/testing/database";
import { hasCode } from "@/db/testing/errors";
import { deadlinesOf, givenEvents, schoolDaysFrom } from "@/db/testing/deadlines";
import { auditEventsBy, countAudit, createWorld, viewerFor, type World } from "@/db/testing/factories";
import { defaultComplianceSettings } from "@/lib/compliance";
import { updateDeadlineSettingsSchema } from "@/lib/validation/deadlines";
import { schoolYearOf } from "@/lib/deadlines/school-year";
import { getComplianceReport } from "./compliance-report";
import { getDeadlineSettings, updateDeadlineSettings } from "./district-settings";
import { hashFeedToken } from "./internal/feed-tokens";
import {
  createMyCalendarFeed,
  getMyNotificationSettings,
  revokeMyCalendarFeed,
  unsafeViewerForFeedToken,
  updateMyNotificationSettings,
} from "./notification-settings";
import { buildWorkQueue } from "./work-queue";

const db = setupTestDatabase();
let world: World;

beforeAll(async () => {
  world = await createWorld();
  await db()
    .update(districts)
    .set({ settings: { timeZone: "America/New_York" } })
    .where(eq(districts.id, world.district.id));
});

const form = (overrides: { compliance?: Record<string, unknown>; workQueue?: Record<string, unknown> } = {}) => ({
  compliance: {
    ...Object.fromEntries(Object.entries(defaultComplianceSettings).map(([k, v]) => [k, String(v)])),
    ...overrides.compliance,
  },
  workQueue: {
    escalateAfterSchoolDays: "5",
    digestWindowSchoolDays: "5",
    shorterNoticeByAgreement: true,
    delayReasons: ["parent_unavailable", "other"],
    ...overrides.workQueue,
  },
});

describe("district deadline settings (settings.manage)", () => {
  it("the form schema takes its bounds from the engine's settings schema and answers with field keys", () => {
    const result = updateDeadlineSettingsSchema.safeParse(
      form({
        compliance: { initialEvaluationSchoolDays: "0", transitionAge: "14.5" },
        workQueue: { delayReasons: [] },
      }),
    );
    expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["compliance.initialEvaluationSchoolDays", "validation.settings.outOfRange"],
      ["compliance.transitionAge", "validation.settings.wholeNumber"],
      ["workQueue.delayReasons", "validation.settings.delayReasons"],
    ]);
    expect(updateDeadlineSettingsSchema.parse(form()).compliance.initialEvaluationSchoolDays).toBe(45);
  });

  it("E16: a [V] rule's setting beyond its legal bound is refused with its own field message; [S]/[U] only by range", () => {
    const result = updateDeadlineSettingsSchema.safeParse(
      form({
        compliance: {
          meetingNoticeSchoolDays: "4", // RCSA 10-76d-12(a): at least 5
          recordsRequestSchoolDays: "11", // RCSA 10-76d-18(a)(2): at most 10
          initialEvaluationSchoolDays: "46", // RCSA 10-76d-13: at most 45
          transitionAge: "16", // CT: at most 14
          pwnImplementationSchoolDays: "366", // [S]: sane range only
        },
      }),
    );
    expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["compliance.initialEvaluationSchoolDays", "validation.settings.beyondLegalBound"],
      ["compliance.pwnImplementationSchoolDays", "validation.settings.outOfRange"],
      ["compliance.meetingNoticeSchoolDays", "validation.settings.beyondLegalBound"],
      ["compliance.transitionAge", "validation.settings.beyondLegalBound"],
      ["compliance.recordsRequestSchoolDays", "validation.settings.beyondLegalBound"],
    ]);
    const atBounds = updateDeadlineSettingsSchema.parse(
      form({ compliance: { meetingNoticeSchoolDays: "5", recordsRequestSchoolDays: "10", transitionAge: "13" } }),
    );
    expect(atBounds.compliance).toMatchObject({ meetingNoticeSchoolDays: 5, recordsRequestSchoolDays: 10 });
  });

  it("saving recomputes every deadline of the district, keeps other settings and audits the changed names", async () => {
    const admin = await viewerFor(world.users.admin);
    await givenEvents(world.students.onCaseload, [{ type: "referral_received", date: admin.today }]);
    const [before] = await deadlinesOf(world.students.onCaseload.id, "D-01");
    expect(before!.due).toBe(await schoolDaysFrom(world.schoolA.id, admin.today, -45));

    const { changed } = await updateDeadlineSettings(
      admin,
      updateDeadlineSettingsSchema.parse(
        form({ compliance: { initialEvaluationSchoolDays: "40" }, workQueue: { escalateAfterSchoolDays: "1" } }),
      ),
    );
    expect(changed).toEqual(["initialEvaluationSchoolDays", "escalateAfterSchoolDays", "delayReasons"]);
    expect((await deadlinesOf(world.students.onCaseload.id, "D-01"))[0]!.due).toBe(
      await schoolDaysFrom(world.schoolA.id, admin.today, -40),
    );
    const [district] = await db()
      .select({ settings: districts.settings })
      .from(districts)
      .where(eq(districts.id, world.district.id));
    expect(district!.settings).toMatchObject({
      timeZone: "America/New_York",
      compliance: { initialEvaluationSchoolDays: 40 },
      workQueue: { escalateAfterSchoolDays: 1 },
    });
    expect(await getDeadlineSettings(admin)).toMatchObject({
      compliance: { initialEvaluationSchoolDays: 40, mdrSchoolDays: 10 },
      workQueue: { delayReasons: ["parent_unavailable", "other"] },
    });
    const audit = (await auditEventsBy(admin.userId)).filter((e) => e.action === "district.settings_updated");
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({ changed, deadlines: 1 });
  });

  it("the escalation threshold decides what reaches the principal's queue", async () => {
    // A student with a case manager: the principal sees the item only as an escalation.
    await givenEvents(world.students.onCaseload, [
      { type: "records_request_received", date: await schoolDaysFrom(world.schoolA.id, world.today, 12) },
    ]);
    const principal = await viewerFor(world.users.principalA);
    expect((await buildWorkQueue(principal)).items.map((i) => i.reason)).toEqual(["escalation"]);
  });

  it("principals cannot change district settings: FORBIDDEN, audited, nothing changes", async () => {
    const principal = await viewerFor(world.users.principalA);
    await expect(
      updateDeadlineSettings(
        principal,
        updateDeadlineSettingsSchema.parse(form({ compliance: { mdrSchoolDays: "3" } })),
      ),
    ).rejects.toSatisfy(hasCode("FORBIDDEN"));
    expect(await countAudit(principal.userId, "district.settings_updated", "denied")).toBe(1);
    await expect(getDeadlineSettings(principal)).rejects.toSatisfy(hasCode("FORBIDDEN"));
    expect((await getDeadlineSettings(await viewerFor(world.users.admin))).compliance.mdrSchoolDays).toBe(10);
  });
});

describe("notification settings and the calendar feed token (self)", () => {
  it("opting out of digests is stored and audited", async () => {
    const cm = await viewerFor(world.users.caseManager);
    expect(await getMyNotificationSettings(cm)).toMatchObject({ digestEmails: true, feedActive: false });
    await updateMyNotificationSettings(cm, { digestEmails: false });
    const [row] = await db()
      .select()
      .from(notificationPreferences)
      .where(eq(notificationPreferences.userId, cm.userId));
    expect(row!.digestEmails).toBe(false);
    expect(await countAudit(cm.userId, "user.notifications_updated")).toBe(1);
  });

  it("a feed token is 32 random bytes shown once; only its hash is stored; regenerating or revoking kills the old one", async () => {
    const cm = await viewerFor(world.users.caseManager);
    const { token } = await createMyCalendarFeed(cm);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [row] = await db().select().from(calendarFeeds).where(eq(calendarFeeds.userId, cm.userId));
    expect(row!.tokenHash).toBe(hashFeedToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect((await unsafeViewerForFeedToken(token))?.userId).toBe(cm.userId);

    const { token: second } = await createMyCalendarFeed(cm);
    expect(await unsafeViewerForFeedToken(token)).toBeNull();
    expect((await unsafeViewerForFeedToken(second))?.userId).toBe(cm.userId);
    await revokeMyCalendarFeed(cm);
    expect(await unsafeViewerForFeedToken(second)).toBeNull();
    await expect(revokeMyCalendarFeed(cm)).rejects.toSatisfy(hasCode("NOT_FOUND"));
    expect(await unsafeViewerForFeedToken("short")).toBeNull();
    expect([
      await countAudit(cm.userId, "calendarFeed.created"),
      await countAudit(cm.userId, "calendarFeed.revoked"),
    ]).toEqual([2, 1]);
    const audits = (await auditEventsBy(cm.userId)).filter((e) => e.action === "calendarFeed.created");
    expect(audits.map((e) => e.details)).toEqual([{ replaced: false }, { replaced: true }]);
  });
});

describe("compliance report (complianceReport.read)", () => {
  it("counts initial evaluations of a school year, with reasons for late ones, and reviews by school", async () => {
    const admin = await viewerFor(world.users.admin);
    const { schoolA } = world;
    await givenEvents(world.students.endedCaseload, [
      { type: "referral_received", date: await schoolDaysFrom(schoolA.id, admin.today, 80) },
      { type: "iep_implemented", date: await schoolDaysFrom(schoolA.id, admin.today, 10) },
    ]);
    await givenEvents(world.students.child, [
      { type: "referral_received", date: await schoolDaysFrom(schoolA.id, admin.today, 50) },
      { type: "iep_implemented", date: await schoolDaysFrom(schoolA.id, admin.today, 15) },
      { type: "ppt_meeting_held", date: await schoolDaysFrom(schoolA.id, admin.today, 15) },
    ]);
    const statusIn = async (date: string, first: string) => {
      const report = await getComplianceReport(admin, schoolYearOf(date));
      return report.rows.find((r) => r.section === "initial_evaluation" && r.studentName.endsWith(`, ${first}`))
        ?.status;
    };
    expect(await statusIn(await schoolDaysFrom(schoolA.id, admin.today, 80), "Ivy")).toBe("late");
    expect(await statusIn(await schoolDaysFrom(schoolA.id, admin.today, 50), "Cleo")).toBe("met");
    expect(await statusIn(admin.today, "Casey")).toBe("open");
    const report = await getComplianceReport(admin, schoolYearOf(await schoolDaysFrom(schoolA.id, admin.today, 80)));
    expect(report.initialEvaluations.late).toBe(1);
    expect(report.lateReasons).toEqual([{ reason: null, count: 1 }]);
    expect(report.reviewsBySchool.map((s) => s.schoolName)).toEqual([world.schoolA.name, world.schoolB.name].sort());
    const year = schoolYearOf(admin.today);

    const principal = await viewerFor(world.users.principalA);
    await expect(getComplianceReport(principal, year)).rejects.toSatisfy(hasCode("FORBIDDEN"));
  });
});
