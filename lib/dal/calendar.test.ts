import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { calendarDays, reportCardDates, schoolYears } from "@/db/schema";
import { setupTestDatabase } from "@/db/testing/database";
import { fieldErrorsOf, hasCode } from "@/db/testing/errors";
import { deadlinesOf, givenEvents, nthSchoolDayAfter, schoolDaysFrom } from "@/db/testing/deadlines";
import { auditEventsBy, countAudit, createWorld, viewerFor, type World } from "@/db/testing/factories";
import { addDays, weekday } from "@/lib/compliance";
import {
  addCalendarDay,
  addSchoolYear,
  getSchoolCalendar,
  importSchoolCalendar,
  removeCalendarDay,
  removeSchoolYear,
  updateSchoolYear,
} from "./calendar";

const db = setupTestDatabase();
let world: World;
let other: World;

beforeAll(async () => {
  world = await createWorld();
  other = await createWorld();
});

async function daysOf(schoolId: string) {
  return db()
    .select({ date: calendarDays.date, kind: calendarDays.kind, reason: calendarDays.reason })
    .from(calendarDays)
    .innerJoin(schoolYears, eq(schoolYears.id, calendarDays.schoolYearId))
    .where(eq(schoolYears.schoolId, schoolId))
    .orderBy(calendarDays.date);
}

async function yearsOf(schoolId: string) {
  return db().select().from(schoolYears).where(eq(schoolYears.schoolId, schoolId)).orderBy(schoolYears.firstDay);
}

describe("a snow day moves every affected deadline (calendar.manage)", () => {
  it("adding a closure recomputes the school's open deadlines one school day later; removing it moves them back", async () => {
    const admin = await viewerFor(world.users.admin);
    const student = world.students.onCaseload;
    const received = await schoolDaysFrom(world.schoolA.id, admin.today, 5);
    await givenEvents(student, [{ type: "referral_received", date: received }]);
    const [before] = await deadlinesOf(student.id, "D-01");
    const snowDay = await schoolDaysFrom(world.schoolA.id, admin.today, -1);

    const { dayId } = await addCalendarDay(admin, {
      schoolId: world.schoolA.id,
      date: snowDay,
      kind: "closure",
      reason: "Snow day",
    });
    const [after] = await deadlinesOf(student.id, "D-01");
    expect(after!.id).toBe(before!.id);
    expect(after!.due).toBe(await nthSchoolDayAfter(world.schoolA.id, received, 45));
    expect(after!.due! > before!.due!).toBe(true);
    const audit = (await auditEventsBy(admin.userId)).filter((e) => e.action === "calendar.day_added");
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      entityType: "school",
      entityId: world.schoolA.id,
      details: { dayId, date: snowDay, kind: "closure", deadlines: 1 },
    });

    await removeCalendarDay(admin, { schoolId: world.schoolA.id, dayId });
    expect((await deadlinesOf(student.id, "D-01"))[0]!.due).toBe(before!.due);
    expect(await countAudit(admin.userId, "calendar.day_removed")).toBe(1);
  });

  it("refuses days outside every school year, weekend closures and dates already listed, with field messages", async () => {
    const admin = await viewerFor(world.users.admin);
    const saturday = (() => {
      let d = admin.today;
      while (weekday(d) !== 6) d = addDays(d, 1);
      return d;
    })();
    expect(
      await fieldErrorsOf(
        addCalendarDay(admin, {
          schoolId: world.schoolA.id,
          date: addDays(admin.today, 400),
          kind: "closure",
          reason: "",
        }),
      ),
    ).toEqual({ date: ["validation.calendar.outsideYear"] });
    expect(
      await fieldErrorsOf(
        addCalendarDay(admin, { schoolId: world.schoolA.id, date: saturday, kind: "closure", reason: "" }),
      ),
    ).toEqual({ date: ["validation.calendar.weekendClosure"] });
    await addCalendarDay(admin, { schoolId: world.schoolA.id, date: saturday, kind: "extra_day", reason: "" });
    expect(
      await fieldErrorsOf(
        addCalendarDay(admin, { schoolId: world.schoolA.id, date: saturday, kind: "extra_day", reason: "again" }),
      ),
    ).toEqual({ date: ["validation.calendar.dayTaken"] });
    expect(await daysOf(world.schoolA.id)).toEqual([{ date: saturday, kind: "extra_day", reason: "Make-up day" }]);
  });

  it("principals see the calendar but cannot change it (FORBIDDEN, audited); other districts cannot see it (NOT_FOUND)", async () => {
    const principal = await viewerFor(world.users.principalA);
    const view = await getSchoolCalendar(principal, world.schoolA.id);
    expect(view).toMatchObject({ canManage: false, years: [{ label: "test-year" }] });
    expect(view.years[0]!.schoolDays).toBeGreaterThan(150);
    const count = (await daysOf(world.schoolA.id)).length;
    const date = await schoolDaysFrom(world.schoolA.id, principal.today, -2);
    await expect(
      addCalendarDay(principal, { schoolId: world.schoolA.id, date, kind: "closure", reason: "" }),
    ).rejects.toSatisfy(hasCode("FORBIDDEN"));
    expect(await countAudit(principal.userId, "calendar.day_added", "denied")).toBe(1);
    const outsider = await viewerFor(other.users.admin);
    await expect(
      addCalendarDay(outsider, { schoolId: world.schoolA.id, date, kind: "closure", reason: "" }),
    ).rejects.toSatisfy(hasCode("NOT_FOUND"));
    await expect(getSchoolCalendar(outsider, world.schoolA.id)).rejects.toSatisfy(hasCode("NOT_FOUND"));
    expect(await daysOf(world.schoolA.id)).toHaveLength(count);
    expect((await getSchoolCalendar(await viewerFor(world.users.admin), world.schoolA.id)).canManage).toBe(true);
  });
});

describe("school years", () => {
  it("adds, extends and removes a school year; overlaps, reused labels and years in use are refused", async () => {
    const admin = await viewerFor(world.users.admin);
    const [current] = await yearsOf(world.schoolB.id);
    const next = {
      schoolId: world.schoolB.id,
      label: "next-year",
      firstDay: addDays(current!.lastDay, 60),
      lastDay: addDays(current!.lastDay, 300),
    };
    expect(await fieldErrorsOf(addSchoolYear(admin, { ...next, firstDay: addDays(current!.lastDay, -5) }))).toEqual({
      firstDay: ["validation.calendar.yearOverlaps"],
    });
    expect(await fieldErrorsOf(addSchoolYear(admin, { ...next, label: "test-year" }))).toEqual({
      label: ["validation.calendar.labelTaken"],
    });
    expect(await fieldErrorsOf(addSchoolYear(admin, { ...next, lastDay: addDays(next.firstDay, 400) }))).toEqual({
      lastDay: ["validation.calendar.yearTooLong"],
    });
    const { yearId } = await addSchoolYear(admin, next);
    await updateSchoolYear(admin, { ...next, yearId, lastDay: addDays(next.lastDay, 5) });
    expect((await yearsOf(world.schoolB.id)).map((y) => [y.label, y.lastDay])).toEqual([
      ["test-year", current!.lastDay],
      ["next-year", addDays(next.lastDay, 5)],
    ]);
    await removeSchoolYear(admin, { schoolId: world.schoolB.id, yearId });
    await expect(removeSchoolYear(admin, { schoolId: world.schoolB.id, yearId: current!.id })).rejects.toSatisfy(
      hasCode("CONFLICT"),
    );
    expect(await yearsOf(world.schoolB.id)).toHaveLength(1);
    expect([
      await countAudit(admin.userId, "calendar.year_added"),
      await countAudit(admin.userId, "calendar.year_updated"),
      await countAudit(admin.userId, "calendar.year_removed"),
    ]).toEqual([1, 1, 1]);
  });
});

describe("calendar file imports are all or nothing", () => {
  const csvFile = (...rows: string[]) => ["type,date,end_date,description", ...rows].join("\n");

  it("imports a CSV file (a year and its closures), writes one audit row with counts and recomputes deadlines", async () => {
    const admin = await viewerFor(other.users.admin);
    const [current] = await yearsOf(other.schoolA.id);
    const first = addDays(current!.lastDay, 70);
    const mondayAfter = (() => {
      let d = addDays(first, 7);
      while (weekday(d) !== 1) d = addDays(d, 1);
      return d;
    })();
    const result = await importSchoolCalendar(admin, {
      schoolId: other.schoolA.id,
      fileName: "district-calendar.csv",
      content: csvFile(
        `year,${first},${addDays(first, 280)},imported-year`,
        `closure,${mondayAfter},${addDays(mondayAfter, 6)},Recess`,
        `extra_day,${addDays(mondayAfter, 5)},,Saturday make-up`,
      ),
    });
    expect(result).toEqual({ ok: true, years: 1, closures: 5, extraDays: 1, reportCards: 0, ignored: 0 });
    expect((await yearsOf(other.schoolA.id)).map((y) => y.label)).toEqual(["test-year", "imported-year"]);
    expect((await daysOf(other.schoolA.id)).map((d) => d.kind)).toEqual([
      "closure",
      "closure",
      "closure",
      "closure",
      "closure",
      "extra_day",
    ]);
    const audit = (await auditEventsBy(admin.userId)).filter((e) => e.action === "calendar.imported");
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({ format: "csv", years: 1, closures: 5, extraDays: 1, ignored: 0 });
  });

  it("a file with any problem imports nothing, writes no audit row and lists every problem with its line", async () => {
    const admin = await viewerFor(other.users.admin);
    const [current] = await yearsOf(other.schoolB.id);
    const inside = await schoolDaysFrom(other.schoolB.id, admin.today, -3);
    let outside = addDays(current!.lastDay, 30);
    while (weekday(outside) === 0 || weekday(outside) === 6) outside = addDays(outside, 1);
    const result = await importSchoolCalendar(admin, {
      schoolId: other.schoolB.id,
      fileName: "calendar.csv",
      content: csvFile(
        `closure,${inside},,Good line`,
        `year,${current!.firstDay},${current!.lastDay},overlap`,
        "closure,not-a-date,,Bad",
        `closure,${outside},,Summer`,
      ),
    });
    expect(result).toEqual({
      ok: false,
      problems: [
        { line: 3, code: "yearOverlapsStored", values: { label: "overlap", other: "test-year" } },
        { line: 4, code: "badDate", values: { value: "not-a-date" } },
        { line: 5, code: "outsideYear", values: { date: outside } },
      ],
    });
    expect(await daysOf(other.schoolB.id)).toEqual([]);
    expect(await yearsOf(other.schoolB.id)).toHaveLength(1);
    expect(await countAudit(admin.userId, "calendar.imported")).toBe(1);
  });

  it("imports the closures of an iCal file into the existing years", async () => {
    const admin = await viewerFor(other.users.admin);
    const day = await schoolDaysFrom(other.schoolB.id, admin.today, -4);
    const ics = [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "BEGIN:VEVENT",
      `DTSTART;VALUE=DATE:${day.replaceAll("-", "")}`,
      "SUMMARY:Snow day",
      "END:VEVENT",
      "END:VCALENDAR",
    ].join("\r\n");
    expect(
      await importSchoolCalendar(admin, { schoolId: other.schoolB.id, fileName: "closures.ics", content: ics }),
    ).toEqual({ ok: true, years: 0, closures: 1, extraDays: 0, reportCards: 0, ignored: 0 });
    expect(await daysOf(other.schoolB.id)).toEqual([{ date: day, kind: "closure", reason: "Snow day" }]);
    const principal = await viewerFor(other.users.principalB);
    await expect(
      importSchoolCalendar(principal, { schoolId: other.schoolB.id, fileName: "closures.ics", content: ics }),
    ).rejects.toSatisfy(hasCode("FORBIDDEN"));
    expect(
      await db()
        .select()
        .from(calendarDays)
        .innerJoin(schoolYears, eq(schoolYears.id, calendarDays.schoolYearId))
        .where(and(eq(schoolYears.schoolId, other.schoolB.id))),
    ).toHaveLength(1);
  });
});

describe("report-card dates imported with the calendar (issue 13, D-13)", () => {
  const ics = (...events: string[][]) =>
    ["BEGIN:VCALENDAR", "VERSION:2.0", ...events.flat(), "END:VCALENDAR"].join("\r\n");
  const event = (date: string, ...lines: string[]) => [
    "BEGIN:VEVENT",
    `DTSTART;VALUE=DATE:${date.replaceAll("-", "")}`,
    ...lines,
    "END:VEVENT",
  ];
  const reportCardsOf = (schoolId: string) =>
    db()
      .select({ date: reportCardDates.date, label: reportCardDates.label })
      .from(reportCardDates)
      .innerJoin(schoolYears, eq(schoolYears.id, reportCardDates.schoolYearId))
      .where(eq(schoolYears.schoolId, schoolId))
      .orderBy(reportCardDates.date);

  it("an iCal file's report-card events become report-card dates (the form's writer), counted and audited", async () => {
    const admin = await viewerFor(world.users.admin);
    const first = await schoolDaysFrom(world.schoolB.id, admin.today, -3);
    const second = await schoolDaysFrom(world.schoolB.id, admin.today, -8);
    const closure = await schoolDaysFrom(world.schoolB.id, admin.today, -5);
    const before = await reportCardsOf(world.schoolB.id);
    const file = ics(
      event(first, "CATEGORIES:REPORT-CARD", "SUMMARY:End of marking period"),
      event(second, "SUMMARY:Report cards"),
      event(closure, "SUMMARY:Professional day"),
    );
    const result = await importSchoolCalendar(admin, {
      schoolId: world.schoolB.id,
      fileName: "year.ics",
      content: file,
    });
    expect(result).toEqual({ ok: true, years: 0, closures: 1, extraDays: 0, reportCards: 2, ignored: 0 });
    const after = await reportCardsOf(world.schoolB.id);
    expect(after.filter((r) => !before.some((b) => b.date === r.date))).toEqual([
      { date: first, label: "End of marking period" },
      { date: second, label: "Report cards" },
    ]);
    const calendar = await getSchoolCalendar(admin, world.schoolB.id);
    expect(calendar.years.flatMap((y) => y.reportCards.map((r) => r.date))).toEqual(
      expect.arrayContaining([first, second]),
    );
    const audit = (await auditEventsBy(admin.userId)).filter((e) => e.action === "calendar.imported");
    expect(audit.at(-1)!.details).toMatchObject({ format: "ics", reportCards: 2, closures: 1 });

    const again = await importSchoolCalendar(admin, {
      schoolId: world.schoolB.id,
      fileName: "year.ics",
      content: ics(event(second, "SUMMARY:Report cards"), event(closure, "CATEGORIES:Report Card", "SUMMARY:Q2")),
    });
    expect(again).toEqual({
      ok: false,
      problems: [
        { line: 3, code: "alreadyInCalendar", values: { date: second } },
        { line: 7, code: "reportCardNotSchoolDay", values: { date: closure } },
      ],
    });
    expect(await reportCardsOf(world.schoolB.id)).toEqual(after);
  });
});
