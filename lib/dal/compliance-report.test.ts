import { beforeAll, describe, expect, it } from "vitest";
import { setupTestDatabase } from "@/db/testing/database";
import { givenEvents, schoolDaysFrom } from "@/db/testing/deadlines";
import { createWorld, viewerFor, type World } from "@/db/testing/factories";
import { addDays, addMonths } from "@/lib/compliance";
import { schoolYearOf } from "@/lib/deadlines/school-year";
import type { ComplianceReportRow } from "@/lib/dto/deadlines";
import { getComplianceReport } from "./compliance-report";
import { refreshAllDeadlineSummaries } from "./internal/deadline-summaries";

// Issue 15: the compliance report's counts are SQL aggregates (the CSV, and the page when the per-school
// summaries are not today's) or the per-school summary rows (the page); the page lists the late rows only.
const db = setupTestDatabase();
let world: World;

beforeAll(async () => {
  world = await createWorld();
  // As a running district has them (the job fills every school); the deadline store keeps them.
  await refreshAllDeadlineSummaries(db(), { districtId: world.district.id, today: world.today });
  const { schoolA, schoolB, today, students } = world;
  await givenEvents(students.endedCaseload, [
    { type: "referral_received", date: await schoolDaysFrom(schoolA.id, today, 80) },
    { type: "iep_implemented", date: await schoolDaysFrom(schoolA.id, today, 10) },
  ]);
  await givenEvents(students.child, [
    { type: "referral_received", date: await schoolDaysFrom(schoolA.id, today, 50) },
    { type: "iep_implemented", date: await schoolDaysFrom(schoolA.id, today, 15) },
    { type: "ppt_meeting_held", date: await schoolDaysFrom(schoolA.id, today, 15) },
  ]);
  await givenEvents(students.onCaseload, [
    { type: "referral_received", date: await schoolDaysFrom(schoolA.id, today, 60) },
  ]);
  await givenEvents(students.inSection, [{ type: "referral_received", date: today }]);
  await givenEvents(students.otherSchool, [
    { type: "plan504_activated", date: addMonths(await schoolDaysFrom(schoolB.id, today, 8), -12) },
  ]);
});

describe("compliance report counts (getComplianceReport)", () => {
  it("the SQL counts equal the counts of the rows behind them, and the page lists the late and overdue initial evaluations only", async () => {
    const admin = await viewerFor(world.users.admin);
    const years = [schoolYearOf(await schoolDaysFrom(world.schoolA.id, admin.today, 80)), schoolYearOf(admin.today)];
    let seen = 0;
    for (const year of new Set(years)) {
      const all = await getComplianceReport(admin, year);
      const page = await getComplianceReport(admin, year, "complianceReport", { detail: "late" });
      // The page read the summaries (the export counts live): every number below compares the two.
      expect(page.countsAsOf).not.toBeNull();
      expect(all.countsAsOf).toBeNull();
      expect(page.reviewsTotal).toEqual(all.reviewsTotal);
      expect(page.reviewsPage).toEqual({ page: 1, pages: 1 });
      const initial = all.rows.filter((r) => r.section === "initial_evaluation");
      const n = (status: ComplianceReportRow["status"]) => initial.filter((r) => r.status === status).length;
      expect(all.initialEvaluations).toMatchObject({
        met: n("met"),
        late: n("late"),
        overdue: n("overdue"),
        open: n("open"),
        paused: n("paused"),
        stopped: n("stopped"),
      });
      seen += initial.length;
      const late = initial.filter((r) => r.status === "late" || r.status === "overdue");
      expect(page.rows).toEqual(late);
      expect(page.rowsTruncated).toBe(false);
      expect(page.initialEvaluations).toEqual(all.initialEvaluations);
      expect(page.lateReasons).toEqual(all.lateReasons);
      expect(page.lateReasons.reduce((sum, r) => sum + r.count, 0)).toBe(late.length);
      expect(page.reviewsBySchool).toEqual(all.reviewsBySchool);
      for (const school of all.reviewsBySchool)
        for (const [section, tally] of [
          ["annual_review", school.annual],
          ["reevaluation", school.triennial],
        ] as const) {
          const rows = all.rows.filter((r) => r.section === section && r.schoolId === school.schoolId);
          expect(tally.overdue + tally.due30 + tally.due90).toBe(rows.length);
          expect(tally.overdue).toBe(rows.filter((r) => r.status === "overdue").length);
        }
    }
    // Late (Ivy), met (Cleo), overdue (Casey) and open (Sam) across the years shown.
    expect(seen).toBe(4);
  });

  it("on a day the summaries were not computed for, the page counts live (never yesterday's numbers), the same as the export", async () => {
    const admin = await viewerFor(world.users.admin);
    const later = { ...admin, today: addDays(admin.today, 40) };
    // The school year of Casey's referral (60 school days ago: the year before in July).
    const year = schoolYearOf(await schoolDaysFrom(world.schoolA.id, admin.today, 60));
    const page = await getComplianceReport(later, year, "complianceReport", { detail: "late", reviewsPage: 9 });
    const all = await getComplianceReport(later, year);
    expect(page.countsAsOf).toBeNull();
    expect(page.reviewsPage).toEqual({ page: 1, pages: 1 });
    expect(page.initialEvaluations).toEqual(all.initialEvaluations);
    expect(page.reviewsTotal).toEqual(all.reviewsTotal);
    // The overdue evaluation (Casey) is counted as of the later day.
    expect(page.initialEvaluations.overdue).toBeGreaterThan(0);
  });
});
