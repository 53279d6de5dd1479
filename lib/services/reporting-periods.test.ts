import { describe, expect, it } from "vitest";
import { iepReportingPeriods, reportingPeriods, versionDueDates, type IepVersionSchedule } from "./reporting-periods";

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

describe("reporting periods an IEP writes (D-13 with the district setting iep_schedule, PM-2)", () => {
  const reportCards = ["2026-11-06", "2027-01-29", "2027-04-09", "2027-06-10"];
  const plan = (over: Partial<IepVersionSchedule> = {}): IepVersionSchedule => ({
    planId: "p1",
    effectiveOn: "2026-10-01",
    endedOn: null,
    planEnd: "2027-09-30",
    schedule: null,
    ...over,
  });
  const all = { from: "2000-01-01", to: "2100-01-01" };

  it("D-13: every N weeks counted from the day the IEP takes effect, until the plan's year ends", () => {
    const version = plan({ schedule: { kind: "weeks", everyWeeks: "10", dates: [] } });
    expect(versionDueDates(version, reportCards)).toEqual([
      "2026-12-10",
      "2027-02-18",
      "2027-04-29",
      "2027-07-08",
      "2027-09-16",
    ]);
    expect(iepReportingPeriods([version], reportCards, all).slice(0, 2)).toEqual([
      { start: "2026-10-01", end: "2026-12-10", reportCardDate: "2026-12-10" },
      { start: "2026-12-11", end: "2027-02-18", reportCardDate: "2027-02-18" },
    ]);
  });

  it("D-13: the dates the IEP writes, in order, only while it is in force", () => {
    const version = plan({
      endedOn: "2027-03-31",
      schedule: {
        kind: "dates",
        everyWeeks: "",
        dates: [{ date: "2027-03-15" }, { date: "2026-12-18" }, { date: "" }, { date: "2027-05-20" }],
      },
    });
    expect(versionDueDates(version, reportCards)).toEqual(["2026-12-18", "2027-03-15"]);
  });

  it("D-13: with report cards, or no schedule written, the school's report-card dates while the IEP is in force", () => {
    expect(versionDueDates(plan(), reportCards)).toEqual(["2026-11-06", "2027-01-29", "2027-04-09", "2027-06-10"]);
    expect(
      versionDueDates(
        plan({ schedule: { kind: "report_cards", everyWeeks: "", dates: [] }, endedOn: "2027-02-01" }),
        reportCards,
      ),
    ).toEqual(["2026-11-06", "2027-01-29"]);
    // An unusable weekly schedule (never finalized so) falls back to report cards, never to no reports.
    expect(
      versionDueDates(plan({ schedule: { kind: "weeks", everyWeeks: "0", dates: [] } }), reportCards),
    ).toHaveLength(4);
  });

  it("D-13: an amendment continues the plan's periods with its own schedule from the day it takes effect", () => {
    const first = plan({ endedOn: "2027-01-31" });
    const amendment = plan({
      effectiveOn: "2027-02-01",
      schedule: { kind: "dates", everyWeeks: "", dates: [{ date: "2027-03-01" }, { date: "2027-05-03" }] },
    });
    expect(iepReportingPeriods([amendment, first], reportCards, all)).toEqual([
      { start: "2026-10-01", end: "2026-11-06", reportCardDate: "2026-11-06" },
      { start: "2026-11-07", end: "2027-01-29", reportCardDate: "2027-01-29" },
      { start: "2027-01-30", end: "2027-03-01", reportCardDate: "2027-03-01" },
      { start: "2027-03-02", end: "2027-05-03", reportCardDate: "2027-05-03" },
    ]);
    expect(iepReportingPeriods([amendment, first], reportCards, { from: "2027-02-15", to: "2027-03-10" })).toEqual([
      { start: "2027-01-30", end: "2027-03-01", reportCardDate: "2027-03-01" },
      { start: "2027-03-02", end: "2027-05-03", reportCardDate: "2027-05-03" },
    ]);
  });

  it("D-13: a new IEP after an exit starts its periods on its own first day", () => {
    const ended = plan({ endedOn: "2026-12-01" });
    const next = plan({ planId: "p2", effectiveOn: "2027-03-01", schedule: null });
    expect(iepReportingPeriods([ended, next], reportCards, all)).toEqual([
      { start: "2026-10-01", end: "2026-11-06", reportCardDate: "2026-11-06" },
      { start: "2027-03-01", end: "2027-04-09", reportCardDate: "2027-04-09" },
      { start: "2027-04-10", end: "2027-06-10", reportCardDate: "2027-06-10" },
    ]);
  });
});
