import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { setupTestDatabase } from "@/db/testing/database";
import { refreshDeadlines } from "@/lib/dal/internal/deadline-store";
import { deadlinesOf, givenEvents, schoolDaysFrom } from "@/db/testing/deadlines";
import { fieldErrorsOf, hasCode } from "@/db/testing/errors";
import { countAudit, createWorld, viewerFor, type World } from "@/db/testing/factories";
import { ownerDb } from "@/db/testing/owner";
import { addDays, weekday } from "@/lib/compliance";
import type { Viewer } from "@/lib/dal/viewer";
import { addReportCardDate, getSchoolCalendar, removeReportCardDate } from "./calendar";
import { listReportingPeriods } from "./report-cards";
import { buildWorkQueue } from "./work-queue";

setupTestDatabase();

let world: World;
let admin: Viewer;
let principal: Viewer;
let caseManager: Viewer;
let parent: Viewer;
let past: string;
let future: string;

beforeAll(async () => {
  world = await createWorld();
  admin = await viewerFor(world.users.admin);
  principal = await viewerFor(world.users.principalA);
  caseManager = await viewerFor(world.users.caseManager);
  parent = await viewerFor(world.users.parent);
  past = await schoolDaysFrom(world.schoolA.id, world.today, 20);
  future = await schoolDaysFrom(world.schoolA.id, world.today, -20);
  // Casey (on the caseload) has had an IEP in force for 40 school days.
  await givenEvents(world.students.onCaseload, [
    { type: "iep_implemented", date: await schoolDaysFrom(world.schoolA.id, world.today, 40) },
  ]);
});

describe("report-card dates in the school calendar (D-13, PM-2)", () => {
  it("the district admin adds report-card dates: shown on the calendar, one audit row each, D-13 due on each for an IEP in force", async () => {
    await addReportCardDate(admin, { schoolId: world.schoolA.id, date: past, label: "Quarter 1" });
    const { reportCardId } = await addReportCardDate(admin, { schoolId: world.schoolA.id, date: future, label: "" });
    const calendar = await getSchoolCalendar(principal, world.schoolA.id);
    expect(calendar.years[0]!.reportCards.map((r) => [r.date, r.label])).toEqual([
      [past, "Quarter 1"],
      [future, "Report cards"],
    ]);
    expect(await countAudit(admin.userId, "calendar.report_card_dates_updated", "success")).toBe(2);
    const d13 = await deadlinesOf(world.students.onCaseload.id, "D-13");
    expect(d13.map((d) => [d.due, d.status, d.unit, d.program])).toEqual([
      [past, "open", "report_card", "iep"],
      [future, "open", "report_card", "iep"],
    ]);
    expect(await deadlinesOf(world.students.child.id, "D-13")).toEqual([]);
    const queue = await buildWorkQueue(caseManager);
    expect(queue.items.filter((i) => i.title.key === "deadlines.rules.D-13.title").map((i) => i.due)).toEqual([
      past,
      future,
    ]);

    await removeReportCardDate(admin, { schoolId: world.schoolA.id, reportCardId });
    expect((await deadlinesOf(world.students.onCaseload.id, "D-13")).map((d) => d.due)).toEqual([past]);
  });

  it("D-13: a progress report sent by the report-card date meets it", async () => {
    await givenEvents(world.students.onCaseload, [{ type: "progress_report_sent", date: addDays(past, -1) }]);
    expect((await deadlinesOf(world.students.onCaseload.id, "D-13")).map((d) => d.status)).toEqual(["met"]);
  });

  it("refuses a date outside every school year, a weekend, a date given twice, and anyone but a district admin", async () => {
    const year = world.today;
    let weekend = year;
    while (weekday(weekend) !== 6) weekend = addDays(weekend, 1);
    expect(
      await fieldErrorsOf(
        addReportCardDate(admin, { schoolId: world.schoolA.id, date: addDays(year, 400), label: "" }),
      ),
    ).toEqual({
      date: ["validation.calendar.outsideYear"],
    });
    expect(
      await fieldErrorsOf(addReportCardDate(admin, { schoolId: world.schoolA.id, date: weekend, label: "" })),
    ).toEqual({
      date: ["validation.calendar.reportCardNotSchoolDay"],
    });
    expect(
      await fieldErrorsOf(addReportCardDate(admin, { schoolId: world.schoolA.id, date: past, label: "" })),
    ).toEqual({
      date: ["validation.calendar.dayTaken"],
    });
    await expect(
      addReportCardDate(principal, { schoolId: world.schoolA.id, date: future, label: "" }),
    ).rejects.toSatisfy(hasCode("FORBIDDEN"));
  });

  it("reporting periods for a student run from the year's first day to each report-card date; a parent may read them", async () => {
    const out = await listReportingPeriods(parent, world.students.child.id, {
      from: addDays(past, -400),
      to: addDays(past, 400),
    });
    expect(out.schedule).toBe("report_cards");
    expect(out.periods).toHaveLength(1);
    expect(out.periods[0]).toMatchObject({ end: past, reportCardDate: past, start: addDays(world.today, -120) });
    await expect(
      listReportingPeriods(parent, world.students.onCaseload.id, { from: past, to: past }),
    ).rejects.toSatisfy(hasCode("NOT_FOUND"));
  });

  it("[U] with progress reports on each IEP's schedule, D-13 comes from IEP versions only: report-card dates alone create none", async () => {
    await ownerDb().execute(
      sql`update districts set settings = settings || '{"services": {"progressReports": "iep_schedule"}}'::jsonb where id = ${world.district.id}`,
    );
    await refreshDeadlines(getDb(), { districtId: world.district.id, studentIds: [world.students.onCaseload.id] });
    expect(await deadlinesOf(world.students.onCaseload.id, "D-13")).toEqual([]);
    expect(
      (await listReportingPeriods(caseManager, world.students.onCaseload.id, { from: past, to: past })).schedule,
    ).toBe("iep_schedule");
  });
});
