import { describe, expect, it } from "vitest";
import { reportingPeriods } from "./reporting-periods";

const years = [
  {
    firstDay: "2027-08-25",
    lastDay: "2028-06-09",
    reportCardDates: ["2028-01-28", "2027-11-05", "2028-04-07", "2028-06-09"],
  },
  {
    firstDay: "2026-08-26",
    lastDay: "2027-06-10",
    reportCardDates: ["2026-11-06", "2027-01-29", "2027-04-09", "2027-06-10", "2027-06-10"],
  },
];

describe("reporting periods from report-card dates (PM-2, D-13)", () => {
  it("D-13: each period runs from the day after the previous report-card date; a year's first from its first day", () => {
    expect(reportingPeriods(years, { from: "2026-08-26", to: "2027-06-10" })).toEqual([
      { start: "2026-08-26", end: "2026-11-06", reportCardDate: "2026-11-06" },
      { start: "2026-11-07", end: "2027-01-29", reportCardDate: "2027-01-29" },
      { start: "2027-01-30", end: "2027-04-09", reportCardDate: "2027-04-09" },
      { start: "2027-04-10", end: "2027-06-10", reportCardDate: "2027-06-10" },
    ]);
  });

  it("D-13: only periods that overlap the range; across a summer the next year starts on its first day", () => {
    expect(reportingPeriods(years, { from: "2027-05-01", to: "2027-12-01" })).toEqual([
      { start: "2027-04-10", end: "2027-06-10", reportCardDate: "2027-06-10" },
      { start: "2027-08-25", end: "2027-11-05", reportCardDate: "2027-11-05" },
      { start: "2027-11-06", end: "2028-01-28", reportCardDate: "2028-01-28" },
    ]);
    expect(reportingPeriods(years, { from: "2027-06-11", to: "2027-08-24" })).toEqual([]);
  });

  it("ignores a date outside its school year", () => {
    expect(
      reportingPeriods([{ firstDay: "2026-08-26", lastDay: "2027-06-10", reportCardDates: ["2027-07-01"] }], {
        from: "2026-01-01",
        to: "2028-01-01",
      }),
    ).toEqual([]);
  });
});
