import { describe, expect, it } from "vitest";
import {
  addDays,
  addMonths,
  addYears,
  calendarDaysBetween,
  compareDates,
  daysInMonth,
  formatIsoDate,
  fromDayNumber,
  isLeapYear,
  isValidIsoDate,
  parseIsoDate,
  toDayNumber,
  weekday,
} from "./dates";

describe("parseIsoDate / isValidIsoDate", () => {
  it("parses a real date into its parts", () => {
    expect(parseIsoDate("2026-10-01")).toEqual({ year: 2026, month: 10, day: 1 });
  });

  it.each([
    "2026-02-30",
    "2025-02-29",
    "2100-02-29",
    "2026-04-31",
    "2026-13-01",
    "2026-00-10",
    "2026-01-00",
    "0000-01-01",
    "2026-1-01",
    "26-01-01",
    "2026/01/01",
    " 2026-01-01",
    "2026-01-01T00:00:00Z",
    "",
  ])("rejects %j", (value) => {
    expect(parseIsoDate(value)).toBeNull();
    expect(isValidIsoDate(value)).toBe(false);
  });

  it.each(["2024-02-29", "2000-02-29", "2026-12-31", "0001-01-01", "9999-12-31"])("accepts %j", (value) => {
    expect(isValidIsoDate(value)).toBe(true);
  });

  it("rejects values that are not strings", () => {
    expect(isValidIsoDate(20260101)).toBe(false);
    expect(isValidIsoDate(null)).toBe(false);
    expect(isValidIsoDate(undefined)).toBe(false);
  });
});

describe("leap years and month lengths", () => {
  it("follows the Gregorian rule", () => {
    expect(isLeapYear(2024)).toBe(true);
    expect(isLeapYear(2026)).toBe(false);
    expect(isLeapYear(1900)).toBe(false);
    expect(isLeapYear(2000)).toBe(true);
  });

  it("knows the length of every month", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((month) => daysInMonth(2026, month))).toEqual([
      31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
    ]);
    expect(daysInMonth(2028, 2)).toBe(29);
  });
});

describe("day numbers", () => {
  it("matches the UTC epoch day count", () => {
    expect(toDayNumber("1970-01-01")).toBe(0);
    expect(toDayNumber("2026-10-01")).toBe(Date.UTC(2026, 9, 1) / 86_400_000);
    expect(toDayNumber("1969-12-31")).toBe(-1);
    expect(toDayNumber("2000-03-01")).toBe(Date.UTC(2000, 2, 1) / 86_400_000);
  });

  it("round-trips every day across several leap cycles", () => {
    const start = toDayNumber("1999-12-01");
    const end = toDayNumber("2032-03-31");
    for (let day = start; day <= end; day++) {
      const iso = fromDayNumber(day);
      expect(toDayNumber(iso)).toBe(day);
      expect(iso).toBe(new Date(day * 86_400_000).toISOString().slice(0, 10));
    }
  });

  it("throws a RangeError for an impossible date", () => {
    expect(() => toDayNumber("2026-02-30")).toThrow(RangeError);
    expect(() => toDayNumber("2026-02-30")).toThrow(/2026-02-30/);
  });

  it("refuses fractional day numbers and results outside years 0001-9999", () => {
    expect(() => fromDayNumber(1.5)).toThrow(RangeError);
    expect(() => addDays("9999-12-31", 1)).toThrow(RangeError);
    expect(() => addDays("0001-01-01", -1)).toThrow(RangeError);
    expect(() => formatIsoDate({ year: 2026, month: 2, day: 30 })).toThrow(RangeError);
  });
});

describe("addDays", () => {
  it("crosses month, year and leap-day boundaries", () => {
    expect(addDays("2026-01-31", 1)).toBe("2026-02-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2027-02-28", 1)).toBe("2027-03-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("2026-10-01", 30)).toBe("2026-10-31");
    expect(addDays("2026-10-01", 0)).toBe("2026-10-01");
  });

  it("is not affected by daylight-saving changes", () => {
    expect(addDays("2026-03-07", 1)).toBe("2026-03-08");
    expect(addDays("2026-03-08", 1)).toBe("2026-03-09");
    expect(addDays("2026-10-31", 2)).toBe("2026-11-02");
  });

  it("rejects a fractional number of days", () => {
    expect(() => addDays("2026-01-01", 0.5)).toThrow(RangeError);
  });
});

describe("addMonths / addYears", () => {
  it("clamps to the end of a shorter month", () => {
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2028-01-31", 1)).toBe("2028-02-29");
    expect(addMonths("2026-03-31", 1)).toBe("2026-04-30");
    expect(addMonths("2026-03-31", -1)).toBe("2026-02-28");
    expect(addMonths("2026-08-31", 6)).toBe("2027-02-28");
  });

  it("keeps the day when the target month is long enough", () => {
    expect(addMonths("2026-02-28", 1)).toBe("2026-03-28");
    expect(addMonths("2026-01-15", 12)).toBe("2027-01-15");
    expect(addMonths("2026-11-30", 2)).toBe("2027-01-30");
    expect(addMonths("2026-01-15", -13)).toBe("2024-12-15");
  });

  it("turns 29 February into 28 February in a non-leap year", () => {
    expect(addYears("2024-02-29", 1)).toBe("2025-02-28");
    expect(addYears("2024-02-29", 3)).toBe("2027-02-28");
    expect(addYears("2024-02-29", 4)).toBe("2028-02-29");
    expect(addYears("2012-02-29", 14)).toBe("2026-02-28");
    expect(addYears("2000-02-29", 100)).toBe("2100-02-28");
  });

  it("rejects fractional amounts and invalid dates", () => {
    expect(() => addMonths("2026-01-01", 1.5)).toThrow(RangeError);
    expect(() => addYears("2026-01-01", 0.5)).toThrow(RangeError);
    expect(() => addMonths("2026-02-30", 1)).toThrow(RangeError);
  });
});

describe("weekday / compareDates / calendarDaysBetween", () => {
  it("gives 0 for Sunday through 6 for Saturday", () => {
    expect(weekday("2026-10-01")).toBe(4);
    expect(weekday("2026-10-03")).toBe(6);
    expect(weekday("2026-10-04")).toBe(0);
    expect(weekday("2026-10-05")).toBe(1);
    expect(weekday("1969-12-31")).toBe(3);
    expect(weekday("2028-02-29")).toBe(2);
  });

  it("orders dates", () => {
    expect(compareDates("2026-01-01", "2026-01-02")).toBe(-1);
    expect(compareDates("2026-01-02", "2026-01-01")).toBe(1);
    expect(compareDates("2026-01-01", "2026-01-01")).toBe(0);
    expect(["2027-01-01", "2026-12-31", "2026-02-01"].sort(compareDates)).toEqual([
      "2026-02-01",
      "2026-12-31",
      "2027-01-01",
    ]);
  });

  it("counts calendar days between dates", () => {
    expect(calendarDaysBetween("2026-01-01", "2027-01-01")).toBe(365);
    expect(calendarDaysBetween("2028-01-01", "2029-01-01")).toBe(366);
    expect(calendarDaysBetween("2026-01-10", "2026-01-01")).toBe(-9);
  });
});
