import { describe, expect, it } from "vitest";
import {
  emptyMeasure,
  measureIssues,
  normalizeMeasure,
  parseValue,
  percentOf,
  valueIssue,
  type MeasureDraft,
} from "./goal-measure";

const draft = (over: Partial<MeasureDraft>): MeasureDraft => ({
  ...emptyMeasure(),
  baselineDate: "2026-09-15",
  ...over,
});
const keys = (d: MeasureDraft) => measureIssues(d).map((i) => `${i.field}:${i.key}`);

describe("PM-1 structured goal measures", () => {
  it("PM-1: no unit is no measure (free-text goals stay valid) and qualitative needs no numbers", () => {
    expect(measureIssues(emptyMeasure())).toEqual([]);
    expect(measureIssues(draft({ unit: "qualitative" }))).toEqual([]);
    expect(normalizeMeasure(emptyMeasure())).toBeNull();
    expect(normalizeMeasure(draft({ unit: "qualitative" }))?.baseline).toBeNull();
  });

  it("PM-1: a percent measure is 0–100, with a baseline date, and its target above the baseline", () => {
    expect(keys(draft({ unit: "percent", baselineValue: "40", targetValue: "80" }))).toEqual([]);
    expect(keys(draft({ unit: "percent", baselineValue: "40", targetValue: "180" }))).toEqual([
      "targetValue:value.percentRange",
    ]);
    expect(keys(draft({ unit: "percent", baselineValue: "40", targetValue: "40" }))).toEqual([
      "targetValue:targetEqualsBaseline",
    ]);
    expect(keys(draft({ unit: "percent", baselineValue: "40", targetValue: "30" }))).toEqual([
      "targetValue:targetBelowBaseline",
    ]);
    expect(keys(draft({ unit: "percent", baselineValue: "", targetValue: "", baselineDate: "" }))).toEqual([
      "baselineDate:baselineDateRequired",
      "baselineValue:baselineRequired",
      "targetValue:targetRequired",
    ]);
  });

  it("PM-1: a decreasing count (e.g. behavior incidents) needs a target below the baseline, in whole numbers", () => {
    expect(keys(draft({ unit: "count", direction: "decrease", baselineValue: "12", targetValue: "3" }))).toEqual([]);
    expect(keys(draft({ unit: "count", direction: "decrease", baselineValue: "12", targetValue: "13" }))).toEqual([
      "targetValue:targetAboveBaseline",
    ]);
    expect(keys(draft({ unit: "count", baselineValue: "2.5", targetValue: "4" }))).toEqual([
      "baselineValue:value.wholeNumber",
    ]);
  });

  it("PM-1: rubric levels are at least two, named, distinct, and baseline/target are level numbers", () => {
    const levels = ["Emerging", "Developing", "Proficient", "Mastered"];
    expect(keys(draft({ unit: "rubric", rubricLevels: levels, baselineValue: "1", targetValue: "3" }))).toEqual([]);
    expect(keys(draft({ unit: "rubric", rubricLevels: ["Only"], baselineValue: "1", targetValue: "1" }))).toEqual([
      "rubricLevels:rubricLevelsTooFew",
      "targetValue:targetEqualsBaseline",
    ]);
    expect(keys(draft({ unit: "rubric", rubricLevels: ["A", " "], baselineValue: "1", targetValue: "2" }))).toEqual([
      "rubricLevels:rubricLevelBlank",
    ]);
    expect(keys(draft({ unit: "rubric", rubricLevels: ["A", "a"], baselineValue: "1", targetValue: "2" }))).toEqual([
      "rubricLevels:rubricLevelsRepeated",
    ]);
    expect(keys(draft({ unit: "rubric", rubricLevels: levels, baselineValue: "1", targetValue: "5" }))).toEqual([
      "targetValue:value.rubricLevel",
    ]);
    expect(
      normalizeMeasure(draft({ unit: "rubric", rubricLevels: levels, baselineValue: "1", targetValue: "3" })),
    ).toEqual({
      unit: "rubric",
      direction: "increase",
      baseline: 1,
      baselineDate: "2026-09-15",
      target: 3,
      levels,
    });
  });

  it("PM-1: an invalid measure is not materialized", () => {
    expect(normalizeMeasure(draft({ unit: "percent", baselineValue: "40", targetValue: "400" }))).toBeNull();
  });
});

describe("PM-1 data point values against the measure", () => {
  it.each([
    ["percent", 100, null],
    ["percent", 100.5, "percentRange"],
    ["percent", -1, "negative"],
    ["count", 3, null],
    ["count", 3.5, "wholeNumber"],
    ["minutes", 100_001, "tooLarge"],
    ["rate_per_minute", 42.5, null],
    ["percent", null, "required"],
  ] as const)("%s %s → %s", (unit, value, expected) => {
    expect(valueIssue({ unit, levels: [] }, value)).toBe(expected);
  });

  it("PM-1: a rubric takes level numbers; a qualitative measure takes no value", () => {
    expect(valueIssue({ unit: "rubric", levels: ["A", "B", "C"] }, 3)).toBeNull();
    expect(valueIssue({ unit: "rubric", levels: ["A", "B", "C"] }, 4)).toBe("rubricLevel");
    expect(valueIssue({ unit: "rubric", levels: ["A", "B", "C"] }, 0)).toBe("rubricLevel");
    expect(valueIssue({ unit: "qualitative", levels: [] }, null)).toBeNull();
    expect(valueIssue({ unit: "qualitative", levels: [] }, 1)).toBe("noValueForQualitative");
  });

  it("parses typed values and computes percent correct from trial counters", () => {
    expect(parseValue(" 12.5 ")).toBe(12.5);
    expect(parseValue("")).toBeNull();
    expect(parseValue("1e3")).toBeUndefined();
    expect(parseValue("-3")).toBeUndefined();
    expect(percentOf(7, 3)).toBe(70);
    expect(percentOf(2, 1)).toBe(67);
    expect(percentOf(0, 0)).toBeNull();
  });
});
