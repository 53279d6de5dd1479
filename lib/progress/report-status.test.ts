import { describe, expect, it } from "vitest";
import { addDays } from "@/lib/compliance/dates";
import type { GoalMeasure } from "@/lib/validation/goal-measure";
import { periodSummary, suggestProgressCode, type SuggestionInput } from "./report-status";

/** Pure rule: dates are relative to an arbitrary plan start, never the clock. */
const START = "2030-09-02";
const day = (n: number) => addDays(START, n);
const settings = { masteryPoints: 3, aimlineTolerancePercent: 5, flatTrendPercent: 2 };
const percent: GoalMeasure = {
  unit: "percent",
  direction: "increase",
  baseline: 40,
  baselineDate: START,
  target: 80,
  levels: [],
};

/** Plan of 360 days (aimline 40 → 80: +1 every 9 days); the period is days 60–120 (aimline ≈ 46.7–53.3). */
function input(points: [number, number | null][], over: Partial<SuggestionInput> = {}): SuggestionInput {
  return {
    measure: percent,
    planStart: START,
    planEnd: day(360),
    period: { start: day(60), end: day(120) },
    finalPeriod: false,
    points: points.map(([d, value]) => ({ observedOn: day(d), value })),
    ...over,
  };
}

describe("D-13 / legal-review PM-3: the suggested Connecticut code for a goal or objective", () => {
  it("no data ever observed → Not Introduced (rule notStarted)", () => {
    expect(suggestProgressCode(input([]), settings)).toMatchObject({ code: "not_introduced", rule: "notStarted" });
  });

  it("data only after the period does not count: still Not Introduced for this period", () => {
    expect(suggestProgressCode(input([[130, 60]]), settings).code).toBe("not_introduced");
  });

  it("data before but none in the period → no suggestion (missing data; PM-3 needs data for the period)", () => {
    const s = suggestProgressCode(input([[10, 45]]), settings);
    expect(s).toMatchObject({ code: null, rule: "noDataInPeriod" });
    expect(s.summary.points).toBe(0);
  });

  it("a qualitative measure, or a goal without a structured measure → no suggestion (narrative)", () => {
    const qualitative = { ...percent, unit: "qualitative" as const, baseline: null, target: null };
    expect(suggestProgressCode(input([[70, null]], { measure: qualitative }), settings)).toMatchObject({
      code: null,
      rule: "narrative",
      facts: { points: 1 },
    });
    expect(suggestProgressCode(input([[70, 50]], { measure: null }), settings).rule).toBe("narrative");
  });

  it("at or above the aimline → Satisfactory Progress, with the means it compared", () => {
    const s = suggestProgressCode(
      input([
        [63, 48],
        [90, 51],
        [117, 55],
      ]),
      settings,
    );
    expect(s.code).toBe("satisfactory_progress");
    expect(s.rule).toBe("atAimline");
    expect(s.facts).toMatchObject({ mean: 51.33, tolerance: 5 });
    expect(s.facts.aim).toBe(50);
  });

  it("slightly under the aimline but within the district's tolerance → Satisfactory; with no tolerance → not", () => {
    const points: [number, number][] = [
      [63, 46],
      [90, 49],
      [117, 51],
    ];
    expect(suggestProgressCode(input(points), settings).code).toBe("satisfactory_progress");
    expect(suggestProgressCode(input(points), { ...settings, aimlineTolerancePercent: 0 }).code).toBe(
      "limited_progress",
    );
  });

  it("below the aimline with a rising trend → Limited/Minimal Progress", () => {
    const s = suggestProgressCode(
      input([
        [63, 40],
        [90, 42],
        [117, 44],
      ]),
      settings,
    );
    expect(s).toMatchObject({ code: "limited_progress", rule: "belowAimlineImproving" });
    expect(s.summary.trendPerWeek).toBeCloseTo(0.52, 2);
  });

  it("below the aimline with a flat or falling trend → No Progress to Date", () => {
    expect(
      suggestProgressCode(
        input([
          [63, 41],
          [90, 41],
          [117, 41.5],
        ]),
        settings,
      ),
    ).toMatchObject({ code: "no_progress", rule: "flatOrWorse" });
    expect(
      suggestProgressCode(
        input([
          [63, 44],
          [90, 42],
          [117, 40],
        ]),
        settings,
      ).code,
    ).toBe("no_progress");
  });

  it("one point in the period: compared with the baseline (above it → Limited, at it → No Progress)", () => {
    expect(suggestProgressCode(input([[100, 45]]), settings).code).toBe("limited_progress");
    expect(suggestProgressCode(input([[100, 40]]), settings).code).toBe("no_progress");
  });

  it("the last N points at or past the target → Mastered (N is the district's setting)", () => {
    const points: [number, number][] = [
      [70, 80],
      [90, 82],
      [110, 85],
    ];
    expect(suggestProgressCode(input(points), settings)).toMatchObject({
      code: "mastered",
      rule: "mastered",
      facts: { target: 80, n: 3 },
    });
    expect(suggestProgressCode(input(points), { ...settings, masteryPoints: 4 }).code).toBe("satisfactory_progress");
    expect(
      suggestProgressCode(
        input([
          [70, 80],
          [90, 79],
          [110, 85],
        ]),
        settings,
      ).code,
    ).toBe("satisfactory_progress");
  });

  it("the plan's last period with the target not met → Not Mastered; met → Mastered", () => {
    const last = { period: { start: day(300), end: day(360) }, finalPeriod: true };
    expect(
      suggestProgressCode(
        input(
          [
            [310, 70],
            [330, 74],
          ],
          last,
        ),
        settings,
      ),
    ).toMatchObject({ code: "not_mastered", rule: "notMasteredAtEnd" });
    expect(
      suggestProgressCode(
        input(
          [
            [310, 81],
            [330, 82],
            [350, 84],
          ],
          last,
        ),
        settings,
      ).code,
    ).toBe("mastered");
  });

  it("a decrease measure: lower is progress (below the aimline is Satisfactory, at the target is Mastered)", () => {
    const decrease: GoalMeasure = { ...percent, unit: "count", direction: "decrease", baseline: 12, target: 3 };
    const on = (points: [number, number][]) => suggestProgressCode(input(points, { measure: decrease }), settings);
    expect(
      on([
        [63, 10],
        [90, 9],
        [117, 9],
      ]).code,
    ).toBe("satisfactory_progress");
    expect(
      on([
        [63, 12],
        [90, 12],
        [117, 13],
      ]).code,
    ).toBe("no_progress");
    expect(
      on([
        [63, 3],
        [90, 2],
        [117, 1],
      ]).code,
    ).toBe("mastered");
  });

  it("the data summary: count (narrative points included), first and last, mean and the aimline's mean", () => {
    const summary = periodSummary(
      input([
        [10, 30],
        [63, 48],
        [80, null],
        [117, 54],
        [130, 70],
      ]),
    );
    expect(summary).toMatchObject({
      points: 3,
      first: { date: day(63), value: 48 },
      last: { date: day(117), value: 54 },
      mean: 51,
    });
    expect(summary.aimlineMean).toBeCloseTo(40 + (63 + 117) / 2 / 9, 1);
  });
});
