import { describe, expect, it } from "vitest";
import { createSchoolCalendar } from "@/lib/compliance";
import { END_REQUIREMENTS, fapeEndDate, gapDays, type NoPlanReason, type PlanPeriod } from "./transitions";

// A school year with a Thanksgiving break (Nov 26–27, 2026) and a winter break (Dec 24 – Jan 1).
const calendar = createSchoolCalendar({
  schoolYears: [{ firstDay: "2026-08-27", lastDay: "2027-06-15" }],
  closures: [
    "2026-11-26",
    "2026-11-27",
    ...["24", "25", "28", "29", "30", "31"].map((d) => `2026-12-${d}`),
    "2027-01-01",
  ],
});
const days = (from: string, to: string) => calendar.schoolDaysInRange(from, to);

describe("fapeEndDate (D-21 [S]: June 30 of the school year the student turns 22; CL-9 Exit)", () => {
  const ct = { fapeEndAge: 22, fapeEndMonthDay: "06-30" };
  it("a birthday in the spring ends FAPE that June 30", () => {
    expect(fapeEndDate("2005-03-10", ct)).toBe("2027-06-30");
  });
  it("a birthday after June 30 belongs to the next school year", () => {
    expect(fapeEndDate("2005-09-10", ct)).toBe("2028-06-30");
  });
  it("a birthday on June 30 ends FAPE that day; 29 February is handled", () => {
    expect(fapeEndDate("2005-06-30", ct)).toBe("2027-06-30");
    expect(fapeEndDate("2004-02-29", ct)).toBe("2026-06-30");
  });
  it("the age and the month-day are settings", () => {
    expect(fapeEndDate("2005-03-10", { fapeEndAge: 21, fapeEndMonthDay: "08-31" })).toBe("2026-08-31");
  });
});

describe("END_REQUIREMENTS (rules as data)", () => {
  it("every exit needs a PWN (CL-8); diploma and age-out a Summary of Performance (300.305(e)(3)); not eligible and IEP→504 a reevaluation (Rule L-1); IEP→504 an exit PPT; revocation the written revocation (CL-6)", () => {
    expect(Object.values(END_REQUIREMENTS).every((r) => r.notice)).toBe(true);
    expect(END_REQUIREMENTS.graduated.summaryOfPerformance && END_REQUIREMENTS.aged_out.summaryOfPerformance).toBe(
      true,
    );
    expect(END_REQUIREMENTS.not_eligible.reevaluation && END_REQUIREMENTS.transferred_to_504.reevaluation).toBe(true);
    expect(END_REQUIREMENTS.graduated.reevaluation || END_REQUIREMENTS.consent_revoked.reevaluation).toBe(false);
    expect(END_REQUIREMENTS.transferred_to_504.exitMeeting).toBe(true);
    expect(END_REQUIREMENTS.consent_revoked.revocation).toBe(true);
  });
});

describe("gapDays: the no-gap invariant (CL-9)", () => {
  const until = "2027-01-15";
  it("a student never in a plan has no gap (never eligible)", () => {
    expect(gapDays([], [], until, days)).toEqual([]);
  });

  it("504 → IEP: the 504 plan ends the day before the IEP starts — no gap, even across a weekend", () => {
    const periods: PlanPeriod[] = [
      { planType: "504", from: "2026-09-01", to: "2026-11-29" },
      { planType: "iep", from: "2026-11-30", to: null },
    ];
    expect(gapDays(periods, [], until, days)).toEqual([]);
  });

  it("a 504 plan ended on Friday and an IEP starting on Tuesday leave Monday uncovered", () => {
    const periods: PlanPeriod[] = [
      { planType: "504", from: "2026-09-01", to: "2026-11-20" },
      { planType: "iep", from: "2026-11-24", to: null },
    ];
    expect(gapDays(periods, [], until, days)).toEqual(["2026-11-23"]);
  });

  it("IEP → 504 across the winter break: only school days count", () => {
    const periods: PlanPeriod[] = [
      { planType: "iep", from: "2026-09-01", to: "2026-12-23" },
      { planType: "504", from: "2027-01-05", to: null },
    ];
    expect(gapDays(periods, [], until, days)).toEqual(["2027-01-04"]);
    const handover: PlanPeriod[] = [
      { planType: "iep", from: "2026-09-01", to: "2026-12-23" },
      { planType: "504", from: "2027-01-04", to: null },
    ];
    expect(gapDays(handover, [], until, days)).toEqual([]);
  });

  it("an IEP→504 exit is not a reason: without the 504 plan every later school day is a gap", () => {
    const periods: PlanPeriod[] = [{ planType: "iep", from: "2026-09-01", to: "2027-01-12" }];
    expect(gapDays(periods, [], until, days)).toEqual(["2027-01-13", "2027-01-14", "2027-01-15"]);
  });

  it("an exit, a revocation or a not-eligible finding recorded during or after the last plan explains the days after it", () => {
    const periods: PlanPeriod[] = [{ planType: "iep", from: "2026-09-01", to: "2027-01-12" }];
    for (const kind of ["exited", "not_eligible", "consent_refused", "plan504_ended"] as const) {
      const reasons: NoPlanReason[] = [{ from: "2027-01-12", kind }];
      expect(gapDays(periods, reasons, until, days)).toEqual([]);
    }
    const before: NoPlanReason[] = [{ from: "2026-08-01", kind: "not_eligible" }];
    expect(gapDays(periods, before, until, days)).toHaveLength(3);
  });

  it("a reason stops counting once a new plan starts (a later gap needs its own reason)", () => {
    const periods: PlanPeriod[] = [
      { planType: "iep", from: "2026-09-01", to: "2026-10-30" },
      { planType: "504", from: "2026-11-16", to: "2027-01-12" },
    ];
    const reasons: NoPlanReason[] = [{ from: "2026-10-30", kind: "exited" }];
    expect(gapDays(periods, reasons, until, days)).toEqual(["2027-01-13", "2027-01-14", "2027-01-15"]);
  });

  it("stay-put keeps the current plan in force: no gap while it holds", () => {
    const periods: PlanPeriod[] = [{ planType: "iep", from: "2026-09-01", to: null }];
    expect(gapDays(periods, [], until, days)).toEqual([]);
  });

  it("days after `until` are not checked", () => {
    const periods: PlanPeriod[] = [{ planType: "iep", from: "2026-09-01", to: "2027-01-14" }];
    expect(gapDays(periods, [], "2027-01-14", days)).toEqual([]);
  });
});
