import { and, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, districts } from "@/db/schema";
import { setupTestDatabase } from "@/db/testing/database";
import { deadlinesOf, givenEvents, schoolDaysFrom } from "@/db/testing/deadlines";
import { createWorld, viewerFor, type World } from "@/db/testing/factories";
import type { Viewer } from "@/lib/dal/viewer";
import type { DataSettingsView } from "@/lib/dto/services";
import { AppError } from "@/lib/errors";
import { parseProgressSettings } from "@/lib/progress/settings";
import { parseServicesSettings } from "@/lib/services/settings";
import { updateDataSettingsSchema } from "@/lib/validation/settings";
import { addReportCardDate } from "./calendar";
import { getDataSettings, updateDataSettings } from "./district-settings";

// The goal-data ([S]), service-minute ([S], SM-3) and progress-report schedule ([U], D-13) settings on
// the district settings page.
const db = setupTestDatabase();
let world: World;
let admin: Viewer;
let principal: Viewer;
let reportCard: string;

beforeAll(async () => {
  world = await createWorld();
  admin = await viewerFor(world.users.admin);
  principal = await viewerFor(world.users.principalA);
  reportCard = await schoolDaysFrom(world.schoolA.id, world.today, 10);
  await givenEvents(world.students.onCaseload, [
    { type: "iep_implemented", date: await schoolDaysFrom(world.schoolA.id, world.today, 40) },
  ]);
  await addReportCardDate(admin, { schoolId: world.schoolA.id, date: reportCard, label: "" });
});

async function settingsRow() {
  const [row] = await db()
    .select({ settings: districts.settings })
    .from(districts)
    .where(eq(districts.id, world.district.id));
  return row!.settings as Record<string, unknown>;
}

const DEFAULTS: DataSettingsView = {
  backdateReasonSchoolDays: 5,
  staleGoalSchoolDays: 10,
  masteryPoints: 3,
  aimlineTolerancePercent: 5,
  flatTrendPercent: 2,
  shortfallPercent: 10,
  progressReports: "report_cards",
};

describe("goal data, service minutes and progress-report settings", () => {
  it("defaults are shown; only the district admin reads or saves them", async () => {
    expect(await getDataSettings(admin)).toEqual(DEFAULTS);
    await expect(getDataSettings(principal)).rejects.toSatisfy((e) => e instanceof AppError);
    const before = await settingsRow();
    await expect(updateDataSettings(principal, { ...DEFAULTS, shortfallPercent: 50 })).rejects.toSatisfy(
      (e) => e instanceof AppError,
    );
    expect(await settingsRow()).toEqual(before);
  });

  it("refuses out-of-range, fractional and unknown values with specific messages (the action's 4xx)", () => {
    const result = updateDataSettingsSchema.safeParse({
      backdateReasonSchoolDays: "61",
      staleGoalSchoolDays: "2.5",
      masteryPoints: "0",
      aimlineTolerancePercent: "51",
      flatTrendPercent: "1.5",
      shortfallPercent: "ten",
      progressReports: "weekly",
    });
    expect(result.success).toBe(false);
    const messages = Object.fromEntries(result.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(messages).toEqual({
      backdateReasonSchoolDays: "validation.settingRange",
      staleGoalSchoolDays: "validation.wholeNumber",
      masteryPoints: "validation.settingRange",
      aimlineTolerancePercent: "validation.settingRange",
      flatTrendPercent: "validation.wholeNumber",
      shortfallPercent: "validation.wholeNumber",
      progressReports: "validation.invalid",
    });
    expect(updateDataSettingsSchema.parse({ ...DEFAULTS, staleGoalSchoolDays: "15" }).staleGoalSchoolDays).toBe(15);
  });

  it("D-13 [U]: switching to the IEP's own schedule removes the report-card deadlines in the same step, and back again; the rules read the saved numbers", async () => {
    expect((await deadlinesOf(world.students.onCaseload.id, "D-13")).map((d) => d.due)).toEqual([reportCard]);

    const saved = await updateDataSettings(admin, {
      backdateReasonSchoolDays: 3,
      staleGoalSchoolDays: 15,
      masteryPoints: 4,
      aimlineTolerancePercent: 10,
      flatTrendPercent: 2,
      shortfallPercent: 20,
      progressReports: "iep_schedule",
    });
    expect(saved.changed.sort()).toEqual(
      [
        "aimlineTolerancePercent",
        "backdateReasonSchoolDays",
        "masteryPoints",
        "progressReports",
        "shortfallPercent",
        "staleGoalSchoolDays",
      ].sort(),
    );
    expect(await deadlinesOf(world.students.onCaseload.id, "D-13")).toEqual([]);
    const stored = await settingsRow();
    expect(parseProgressSettings(stored)).toEqual({
      backdateReasonSchoolDays: 3,
      staleGoalSchoolDays: 15,
      masteryPoints: 4,
      aimlineTolerancePercent: 10,
      flatTrendPercent: 2,
    });
    expect(parseServicesSettings(stored)).toEqual({ shortfallPercent: 20, progressReports: "iep_schedule" });
    const [audit] = await db()
      .select({ details: auditEvents.details })
      .from(auditEvents)
      .where(and(eq(auditEvents.actorUserId, admin.userId), eq(auditEvents.action, "district.settings_updated")))
      .orderBy(desc(auditEvents.id))
      .limit(1);
    expect((audit!.details.changed as string[]).sort()).toEqual(saved.changed);

    await updateDataSettings(admin, { ...(await getDataSettings(admin)), progressReports: "report_cards" });
    expect((await deadlinesOf(world.students.onCaseload.id, "D-13")).map((d) => d.due)).toEqual([reportCard]);
  });
});
