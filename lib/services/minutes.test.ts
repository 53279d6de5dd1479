import { describe, expect, it } from "vitest";
import { createSchoolCalendar } from "@/lib/compliance/school-calendar";
import {
  completedThrough,
  isShort,
  minutesByPeriod,
  periodsBetween,
  requiredMinutes,
  weekStart,
  type SessionFact,
} from "./minutes";

const calendar = createSchoolCalendar({
  schoolYears: [{ firstDay: "2026-08-26", lastDay: "2027-06-10" }],
  closures: [
    "2026-11-25",
    "2026-11-26",
    "2026-11-27",
    ...["2026-12-24", "2026-12-25", "2026-12-28", "2026-12-29", "2026-12-30", "2026-12-31", "2027-01-01"],
  ],
  extraDays: ["2027-01-09"],
});
const wholeYear = { start: "2026-08-26", end: "2027-06-10" };
const weekly = { minutes: 60, frequency: "week" as const };

describe("SM-1 required minutes on the school calendar", () => {
  it("SM-1: a full school week owes the weekly minutes", () => {
    expect(requiredMinutes(weekly, calendar, { start: "2026-11-16", end: "2026-11-22" }, wholeYear)).toBe(60);
  });

  it("SM-1: a week with three closure days owes two fifths (Thanksgiving)", () => {
    expect(requiredMinutes(weekly, calendar, { start: "2026-11-23", end: "2026-11-29" }, wholeYear)).toBe(24);
  });

  it("SM-1: a vacation week owes nothing, and a Saturday make-up day adds nothing beyond the week", () => {
    expect(requiredMinutes(weekly, calendar, { start: "2026-12-28", end: "2027-01-03" }, wholeYear)).toBe(0);
    expect(requiredMinutes(weekly, calendar, { start: "2027-01-04", end: "2027-01-10" }, wholeYear)).toBe(60);
  });

  it("SM-1: the week a plan starts on a Wednesday owes three fifths; after the plan ends nothing", () => {
    const plan = { start: "2026-11-18", end: "2027-03-03" };
    expect(requiredMinutes(weekly, calendar, { start: "2026-11-16", end: "2026-11-22" }, plan)).toBe(36);
    expect(requiredMinutes(weekly, calendar, { start: "2027-03-01", end: "2027-03-07" }, plan)).toBe(36);
    expect(requiredMinutes(weekly, calendar, { start: "2027-03-08", end: "2027-03-14" }, plan)).toBe(0);
  });

  it("SM-1: a daily service owes its minutes on each school day", () => {
    const daily = { minutes: 30, frequency: "day" as const };
    expect(requiredMinutes(daily, calendar, { start: "2026-11-23", end: "2026-11-29" }, wholeYear)).toBe(60);
    expect(requiredMinutes(daily, calendar, { start: "2027-01-04", end: "2027-01-10" }, wholeYear)).toBe(180);
  });

  it("SM-1: a monthly service is pro-rated by the month's weekdays that are school days", () => {
    const monthly = { minutes: 120, frequency: "month" as const };
    // November 2026: 21 weekdays, 3 closed → 120 × 18/21
    expect(requiredMinutes(monthly, calendar, { start: "2026-11-01", end: "2026-11-30" }, wholeYear)).toBe(103);
    expect(requiredMinutes(monthly, calendar, { start: "2026-10-01", end: "2026-10-31" }, wholeYear)).toBe(120);
    expect(requiredMinutes(monthly, calendar, { start: "2027-07-01", end: "2027-07-31" }, wholeYear)).toBe(0);
  });

  it("SM-1: a month of a weekly service sums its weeks' shares inside the month", () => {
    // October 2026: Thu 1 – Sat 31, no closures: 22 school days.
    const october = requiredMinutes(weekly, calendar, { start: "2026-10-01", end: "2026-10-31" }, wholeYear);
    expect(october).toBe(Math.round(60 * (2 / 5) + 60 * 4));
  });

  it("weeks run Monday to Sunday; periods cover the range", () => {
    expect(weekStart("2026-11-29")).toBe("2026-11-23");
    expect(weekStart("2026-11-23")).toBe("2026-11-23");
    expect(periodsBetween("week", "2026-11-18", "2026-12-01")).toEqual([
      { start: "2026-11-16", end: "2026-11-22" },
      { start: "2026-11-23", end: "2026-11-29" },
      { start: "2026-11-30", end: "2026-12-06" },
    ]);
    expect(periodsBetween("month", "2028-02-10", "2028-03-01")).toEqual([
      { start: "2028-02-01", end: "2028-02-29" },
      { start: "2028-03-01", end: "2028-03-31" },
    ]);
  });
});

describe("SM-2 how sessions count", () => {
  const within = { start: "2026-11-02", end: "2026-11-22" };
  const s = (
    id: string,
    date: string,
    minutes: number,
    status: SessionFact["status"],
    makeUpForId: string | null = null,
  ) => ({
    id,
    date,
    minutes,
    status,
    makeUpForId,
  });

  it("SM-2: provider absence is owed until a make-up, credited to the missed week; student absence is not owed", () => {
    const sessions = [
      s("a", "2026-11-03", 30, "delivered"),
      s("b", "2026-11-05", 30, "provider_absent"),
      s("c", "2026-11-10", 30, "delivered"),
      s("d", "2026-11-12", 30, "student_absent"),
      s("e", "2026-11-17", 30, "delivered"),
      s("f", "2026-11-19", 30, "delivered", "b"),
      s("g", "2026-11-20", 30, "school_closed"),
    ];
    const { periods, total } = minutesByPeriod(weekly, calendar, sessions, "week", within);
    expect(periods.map((p) => [p.start, p.required, p.delivered, p.excused, p.owed, p.madeUp, p.shortfall])).toEqual([
      ["2026-11-02", 60, 60, 0, 0, 30, 0],
      ["2026-11-09", 60, 30, 30, 0, 0, 0],
      ["2026-11-16", 60, 30, 0, 0, 0, 30],
    ]);
    expect(total).toMatchObject({ required: 180, delivered: 120, excused: 30, owed: 0, madeUp: 30, shortfall: 30 });
  });

  it("SM-2: a provider absence not made up is owed and short", () => {
    const { total } = minutesByPeriod(weekly, calendar, [s("b", "2026-11-05", 60, "provider_absent")], "week", within);
    expect(total).toMatchObject({ required: 180, delivered: 0, owed: 60, shortfall: 180 });
  });

  it("SM-2: sessions outside the plan's time in force count nowhere", () => {
    const { total } = minutesByPeriod(weekly, calendar, [s("x", "2026-10-28", 60, "delivered")], "week", within);
    expect(total.delivered).toBe(0);
  });

  it("SM-3: short from the threshold percent of the minutes required", () => {
    expect(isShort({ required: 200, shortfall: 20 }, 10)).toBe(true);
    expect(isShort({ required: 200, shortfall: 19 }, 10)).toBe(false);
    expect(isShort({ required: 0, shortfall: 0 }, 10)).toBe(false);
  });

  it("SM-3: the queue counts completed weeks (or months) only", () => {
    expect(completedThrough("week", "2026-11-30")).toBe("2026-11-29");
    expect(completedThrough("week", "2026-11-29")).toBe("2026-11-22");
    expect(completedThrough("day", "2028-02-29")).toBe("2028-02-27");
    expect(completedThrough("month", "2028-02-29")).toBe("2028-01-31");
  });
});
