import { describe, expect, it } from "vitest";
import {
  aimline,
  dateOfDay,
  dayNumber,
  leastSquares,
  pointsInPeriod,
  standingPoints,
  trendLine,
  valueOn,
} from "./series";

const point = (
  id: string,
  observedOn: string,
  value: number | null,
  extra: Partial<{ correctsId: string; withdrawn: boolean; createdAt: string }> = {},
) => ({
  id,
  observedOn,
  value,
  correctsId: extra.correctsId ?? null,
  withdrawn: extra.withdrawn ?? false,
  createdAt: extra.createdAt ?? `${observedOn}T15:00:00.000Z`,
});

describe("least squares and the trend line", () => {
  it("fits an exact line", () => {
    expect(
      leastSquares([
        { x: 0, y: 1 },
        { x: 1, y: 3 },
        { x: 2, y: 5 },
      ]),
    ).toEqual({ slope: 2, intercept: 1 });
  });

  it("fits the best line through scattered points", () => {
    const line = leastSquares([
      { x: 1, y: 2 },
      { x: 2, y: 3 },
      { x: 3, y: 5 },
      { x: 4, y: 4 },
    ])!;
    expect(line.slope).toBeCloseTo(0.8);
    expect(line.intercept).toBeCloseTo(1.5);
  });

  it("has no line with fewer than two points or a single day", () => {
    expect(leastSquares([])).toBeNull();
    expect(leastSquares([{ x: 1, y: 2 }])).toBeNull();
    expect(
      leastSquares([
        { x: 1, y: 2 },
        { x: 1, y: 4 },
      ]),
    ).toBeNull();
  });

  it("draws the trend over the days observed, ignoring narrative points", () => {
    const trend = trendLine([
      { observedOn: "2026-09-01", value: 10 },
      { observedOn: "2026-09-11", value: 20 },
      { observedOn: "2026-09-05", value: null },
    ])!;
    expect(trend.from).toEqual({ date: "2026-09-01", value: 10 });
    expect(trend.to.value).toBeCloseTo(20);
    expect(trend.slopePerDay).toBeCloseTo(1);
    expect(trendLine([{ observedOn: "2026-09-01", value: 10 }])).toBeNull();
  });

  it("counts days in UTC across a daylight-saving change and a leap day", () => {
    expect(dayNumber("2026-11-02") - dayNumber("2026-10-31")).toBe(2);
    expect(dayNumber("2028-03-01") - dayNumber("2028-02-28")).toBe(2);
    expect(dateOfDay(dayNumber("2028-02-29"))).toBe("2028-02-29");
  });
});

describe("the aimline", () => {
  it("runs from the baseline on its date to the target on the plan's last day", () => {
    const line = aimline({ baseline: 40, baselineDate: "2026-09-01", target: 80 }, "2026-09-10", "2027-09-01")!;
    expect(line).toEqual({ from: { date: "2026-09-01", value: 40 }, to: { date: "2027-09-01", value: 80 } });
    expect(valueOn(line, "2027-03-02")).toBeCloseTo(60, 0);
  });

  it("starts on the plan's first day without a baseline date, and is absent for qualitative goals", () => {
    expect(aimline({ baseline: 3, baselineDate: null, target: 1 }, "2026-09-10", "2027-09-09")!.from.date).toBe(
      "2026-09-10",
    );
    expect(aimline({ baseline: null, baselineDate: null, target: null }, "2026-09-10", "2027-09-09")).toBeNull();
  });
});

describe("standing points (append-only with corrections)", () => {
  it("a correction replaces the point it corrects; a chain resolves to its latest row", () => {
    const rows = [
      point("a", "2026-10-01", 40),
      point("b", "2026-10-02", 50),
      point("a2", "2026-10-01", 45, { correctsId: "a", createdAt: "2026-10-03T10:00:00.000Z" }),
      point("a3", "2026-10-01", 46, { correctsId: "a2", createdAt: "2026-10-04T10:00:00.000Z" }),
    ];
    const standing = standingPoints(rows);
    expect(standing.map((p) => [p.id, p.originalId, p.value, p.corrected])).toEqual([
      ["a3", "a", 46, true],
      ["b", "b", 50, false],
    ]);
  });

  it("a withdrawal removes the point; the period filter is inclusive", () => {
    const rows = [
      point("a", "2026-10-01", 40),
      point("b", "2026-10-15", 50),
      point("c", "2026-10-31", 60),
      point("b2", "2026-10-15", null, { correctsId: "b", withdrawn: true, createdAt: "2026-10-16T10:00:00.000Z" }),
    ];
    expect(pointsInPeriod(rows, "2026-10-01", "2026-10-31").map((p) => p.id)).toEqual(["a", "c"]);
    expect(pointsInPeriod(rows, "2026-10-02", "2026-10-30")).toEqual([]);
  });
});
