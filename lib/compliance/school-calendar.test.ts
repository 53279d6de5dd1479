import { describe, expect, it } from "vitest";
import { addDays, compareDates, weekday } from "./dates";
import { SchoolCalendar, createSchoolCalendar, type SchoolCalendarInput } from "./school-calendar";

const calendarInput: SchoolCalendarInput = {
  schoolYears: [
    { firstDay: "2026-08-26", lastDay: "2027-06-10" },
    { firstDay: "2027-08-25", lastDay: "2028-06-09" },
  ],
  closures: [
    "2026-09-07",
    "2026-11-26",
    "2026-11-27",
    "2026-12-24",
    "2026-12-25",
    "2026-12-28",
    "2026-12-29",
    "2026-12-30",
    "2026-12-31",
    "2027-01-01",
  ],
  extraDays: ["2026-10-17", "2027-06-14"],
};

const calendar = createSchoolCalendar(calendarInput);

function bruteForceIsSchoolDay(input: SchoolCalendarInput, date: string): boolean {
  if (input.extraDays?.includes(date)) return true;
  const inYear = input.schoolYears.some(
    (year) => compareDates(year.firstDay, date) <= 0 && compareDates(date, year.lastDay) <= 0,
  );
  const day = weekday(date);
  return inYear && day !== 0 && day !== 6 && !input.closures?.includes(date);
}

describe("isSchoolDay", () => {
  it("counts weekdays inside a school year", () => {
    expect(calendar.isSchoolDay("2026-08-26")).toBe(true);
    expect(calendar.isSchoolDay("2026-10-01")).toBe(true);
    expect(calendar.isSchoolDay("2027-06-10")).toBe(true);
  });

  it("excludes weekends, closures, and dates outside every school year", () => {
    expect(calendar.isSchoolDay("2026-10-03")).toBe(false);
    expect(calendar.isSchoolDay("2026-10-04")).toBe(false);
    expect(calendar.isSchoolDay("2026-09-07")).toBe(false);
    expect(calendar.isSchoolDay("2026-11-26")).toBe(false);
    expect(calendar.isSchoolDay("2026-08-25")).toBe(false);
    expect(calendar.isSchoolDay("2027-06-11")).toBe(false);
    expect(calendar.isSchoolDay("2027-07-15")).toBe(false);
  });

  it("counts extra days even on a Saturday or in summer", () => {
    expect(calendar.isSchoolDay("2026-10-17")).toBe(true);
    expect(calendar.isSchoolDay("2027-06-14")).toBe(true);
  });

  it("lets an extra day win over a closure on the same date", () => {
    const makeUp = createSchoolCalendar({
      schoolYears: [{ firstDay: "2026-09-01", lastDay: "2026-09-30" }],
      closures: ["2026-09-15"],
      extraDays: ["2026-09-15"],
    });
    expect(makeUp.isSchoolDay("2026-09-15")).toBe(true);
  });

  it("agrees with a day-by-day check over two school years", () => {
    for (let date = "2026-07-01"; date <= "2028-07-31"; date = addDays(date, 1)) {
      expect(calendar.isSchoolDay(date), date).toBe(bruteForceIsSchoolDay(calendarInput, date));
    }
  });

  it("throws on an impossible date", () => {
    expect(() => calendar.isSchoolDay("2026-02-30")).toThrow(RangeError);
  });
});

describe("building a calendar", () => {
  it("reports its size and first and last school days", () => {
    const september = createSchoolCalendar({ schoolYears: [{ firstDay: "2026-09-01", lastDay: "2026-09-30" }] });
    expect(september.size).toBe(22);
    expect(september.firstSchoolDay).toBe("2026-09-01");
    expect(september.lastSchoolDay).toBe("2026-09-30");
    expect(calendar.lastSchoolDay).toBe("2028-06-09");
  });

  it("handles an empty calendar", () => {
    const empty = new SchoolCalendar({ schoolYears: [] });
    expect(empty.size).toBe(0);
    expect(empty.firstSchoolDay).toBeNull();
    expect(empty.lastSchoolDay).toBeNull();
    expect(empty.isSchoolDay("2026-10-01")).toBe(false);
    expect(empty.nthSchoolDayAfter("2026-10-01", 1)).toBeNull();
    expect(empty.nthSchoolDayBefore("2026-10-01", 1)).toBeNull();
    expect(empty.schoolDaysBetween("2026-01-01", "2026-12-31")).toBe(0);
  });

  it("merges overlapping school years without counting a day twice", () => {
    const overlapping = createSchoolCalendar({
      schoolYears: [
        { firstDay: "2026-09-01", lastDay: "2026-09-30" },
        { firstDay: "2026-09-15", lastDay: "2026-10-02" },
      ],
      extraDays: ["2026-09-16"],
    });
    expect(overlapping.size).toBe(24);
  });

  it("rejects an impossible date in any list", () => {
    expect(() => createSchoolCalendar({ schoolYears: [{ firstDay: "2026-02-30", lastDay: "2026-06-01" }] })).toThrow(
      RangeError,
    );
    expect(() => createSchoolCalendar({ schoolYears: [], closures: ["2026-13-01"] })).toThrow(RangeError);
    expect(() => createSchoolCalendar({ schoolYears: [], extraDays: ["nope"] })).toThrow(RangeError);
  });
});

describe("nthSchoolDayAfter", () => {
  it("never counts the start date itself", () => {
    expect(calendar.nthSchoolDayAfter("2026-10-01", 1)).toBe("2026-10-02");
    expect(calendar.nthSchoolDayAfter("2026-10-02", 1)).toBe("2026-10-05");
  });

  it("skips weekends and closures", () => {
    expect(calendar.nthSchoolDayAfter("2026-09-03", 1)).toBe("2026-09-04");
    expect(calendar.nthSchoolDayAfter("2026-09-04", 1)).toBe("2026-09-08");
    expect(calendar.nthSchoolDayAfter("2026-11-25", 1)).toBe("2026-11-30");
    expect(calendar.nthSchoolDayAfter("2026-12-23", 1)).toBe("2027-01-04");
  });

  it("counts a Saturday make-up day", () => {
    expect(calendar.nthSchoolDayAfter("2026-10-16", 1)).toBe("2026-10-17");
    expect(calendar.nthSchoolDayAfter("2026-10-16", 2)).toBe("2026-10-19");
  });

  it("starts a summer date's count at the first school day of the next school year", () => {
    expect(calendar.nthSchoolDayAfter("2026-07-15", 1)).toBe("2026-08-26");
    expect(calendar.nthSchoolDayAfter("2026-07-15", 3)).toBe("2026-08-28");
    expect(calendar.nthSchoolDayAfter("2027-06-20", 1)).toBe("2027-08-25");
  });

  it("jumps the summer gap between school years, counting a summer extra day", () => {
    expect(calendar.nthSchoolDayAfter("2027-06-09", 1)).toBe("2027-06-10");
    expect(calendar.nthSchoolDayAfter("2027-06-09", 2)).toBe("2027-06-14");
    expect(calendar.nthSchoolDayAfter("2027-06-09", 3)).toBe("2027-08-25");
  });

  it("returns null when the calendar runs out", () => {
    expect(calendar.nthSchoolDayAfter("2028-06-08", 1)).toBe("2028-06-09");
    expect(calendar.nthSchoolDayAfter("2028-06-08", 2)).toBeNull();
    expect(calendar.nthSchoolDayAfter("2030-01-01", 1)).toBeNull();
  });

  it("passes over days the skip predicate rejects, without counting them", () => {
    const skipped: string[] = [];
    const result = calendar.nthSchoolDayAfter("2026-10-01", 3, {
      skip: (date) => {
        const skip = date === "2026-10-02" || date === "2026-10-05";
        if (skip) skipped.push(date);
        return skip;
      },
    });
    expect(result).toBe("2026-10-08");
    expect(skipped).toEqual(["2026-10-02", "2026-10-05"]);
  });

  it("gives the skip predicate the date's day number too", () => {
    const seen: [string, number][] = [];
    calendar.nthSchoolDayAfter("2026-10-01", 1, { skip: (date, day) => (seen.push([date, day]), false) });
    expect(seen).toEqual([["2026-10-02", 20_728]]);
  });

  it("returns null when skipping everything", () => {
    expect(calendar.nthSchoolDayAfter("2026-10-01", 1, { skip: () => true })).toBeNull();
  });

  it("agrees with a day-by-day count", () => {
    for (let start = "2026-07-01"; start <= "2028-06-30"; start = addDays(start, 7)) {
      let date = start;
      for (let counted = 0; counted < 45;) {
        date = addDays(date, 1);
        if (date > "2028-12-31") break;
        if (bruteForceIsSchoolDay(calendarInput, date)) counted++;
      }
      const expected = date > "2028-12-31" ? null : date;
      expect(calendar.nthSchoolDayAfter(start, 45), start).toBe(expected);
    }
  });

  it.each([0, -1, 1.5, Number.NaN])("rejects the count %s", (n) => {
    expect(() => calendar.nthSchoolDayAfter("2026-10-01", n)).toThrow(RangeError);
  });
});

describe("nthSchoolDayBefore / lastSchoolDayBefore", () => {
  it("counts back without counting the date itself", () => {
    expect(calendar.nthSchoolDayBefore("2026-10-09", 1)).toBe("2026-10-08");
    expect(calendar.nthSchoolDayBefore("2026-10-09", 5)).toBe("2026-10-02");
    expect(calendar.nthSchoolDayBefore("2026-10-12", 5)).toBe("2026-10-05");
  });

  it("passes over closures, weekends and winter recess, and counts make-up days", () => {
    expect(calendar.nthSchoolDayBefore("2027-01-05", 2)).toBe("2026-12-23");
    expect(calendar.nthSchoolDayBefore("2026-09-09", 2)).toBe("2026-09-04");
    expect(calendar.nthSchoolDayBefore("2026-10-19", 1)).toBe("2026-10-17");
  });

  it("counts back across the summer into the previous school year", () => {
    expect(calendar.nthSchoolDayBefore("2027-08-25", 1)).toBe("2027-06-14");
    expect(calendar.nthSchoolDayBefore("2027-08-25", 2)).toBe("2027-06-10");
  });

  it("returns null when the calendar has too few earlier school days", () => {
    expect(calendar.nthSchoolDayBefore("2026-08-28", 2)).toBe("2026-08-26");
    expect(calendar.nthSchoolDayBefore("2026-08-28", 3)).toBeNull();
    expect(calendar.lastSchoolDayBefore("2026-08-26")).toBeNull();
  });

  it("finds the last school day before a date", () => {
    expect(calendar.lastSchoolDayBefore("2026-10-05")).toBe("2026-10-02");
    expect(calendar.lastSchoolDayBefore("2026-11-30")).toBe("2026-11-25");
    expect(calendar.lastSchoolDayBefore("2026-10-04")).toBe("2026-10-02");
    expect(calendar.lastSchoolDayBefore("2027-07-20")).toBe("2027-06-14");
  });
});

describe("schoolDaysBetween", () => {
  it("counts school days d with a < d <= b", () => {
    expect(calendar.schoolDaysBetween("2026-10-01", "2026-10-02")).toBe(1);
    expect(calendar.schoolDaysBetween("2026-10-01", "2026-10-09")).toBe(6);
    expect(calendar.schoolDaysBetween("2026-10-02", "2026-10-04")).toBe(0);
    expect(calendar.schoolDaysBetween("2026-10-01", "2026-10-01")).toBe(0);
  });

  it("is negative when the second date is earlier", () => {
    expect(calendar.schoolDaysBetween("2026-10-09", "2026-10-01")).toBe(-6);
    expect(calendar.schoolDaysBetween("2026-10-04", "2026-10-02")).toBe(0);
  });

  it("inverts nthSchoolDayAfter", () => {
    const due = calendar.nthSchoolDayAfter("2026-11-20", 30);
    expect(due).not.toBeNull();
    expect(calendar.schoolDaysBetween("2026-11-20", due as string)).toBe(30);
  });

  it("counts from a non-school day across closures and the summer", () => {
    expect(calendar.schoolDaysBetween("2026-12-24", "2027-01-04")).toBe(1);
    expect(calendar.schoolDaysBetween("2027-06-10", "2027-08-25")).toBe(2);
  });
});

describe("schoolDaysInRange", () => {
  it("lists the school days in an inclusive range", () => {
    expect(calendar.schoolDaysInRange("2026-11-23", "2026-11-30")).toEqual([
      "2026-11-23",
      "2026-11-24",
      "2026-11-25",
      "2026-11-30",
    ]);
    expect(calendar.schoolDaysInRange("2026-11-30", "2026-11-23")).toEqual([]);
  });
});
