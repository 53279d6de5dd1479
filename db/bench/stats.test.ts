import { describe, expect, it } from "vitest";
import {
  evaluate,
  loadFailures,
  loadRows,
  loadTable,
  markdownTable,
  percentile,
  ratio,
  routeOf,
  summarize,
  TARGETS,
  type LoadTotals,
  type PageResult,
} from "./stats";

// Issue 15, "Benchmark": the arithmetic `npm run bench` prints (the timings themselves are never asserted).
describe("benchmark statistics", () => {
  it("percentiles by nearest rank are always one of the samples", () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(samples, 50)).toBe(50);
    expect(percentile(samples, 95)).toBe(95);
    expect(percentile(samples, 99)).toBe(99);
    expect(percentile(samples, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([3, 1, 2], 50)).toBe(2);
    expect(() => percentile([], 50)).toThrow();
    expect(() => percentile([1], 0)).toThrow();
    expect(summarize([10, 20, 30, 40])).toEqual({ n: 4, p50: 20, p95: 40, p99: 40 });
  });

  it("ratios round to two decimals and refuse a zero denominator", () => {
    expect(ratio(3, 2)).toBe(1.5);
    expect(ratio(1, 3)).toBe(0.33);
    expect(() => ratio(1, 0)).toThrow();
  });

  it("routes compare across personas and sizes with their ids replaced", () => {
    expect(routeOf("/students/0a1b2c3d-0000-5000-8000-00000000002a/services")).toBe("/students/[id]/services");
    expect(routeOf("/work-queue")).toBe("/work-queue");
  });

  const page = (students: number, persona: string, route: string, times: number[], statements = [5]): PageResult => ({
    students,
    persona,
    route,
    times,
    statements,
    firstLoadJs: 1000,
  });

  it("each page's p95 is divided by the floor route's p95 pooled over every persona of the same size", () => {
    const rows = evaluate([
      page(5000, "teacher", "/settings", [10, 10, 20]),
      page(5000, "parent", "/settings", [10, 10, 20]),
      page(5000, "teacher", "/", [25, 25, 30]),
      page(5000, "parent", "/", [40, 40, 40], [11]),
    ]);
    const teacherHome = rows.find((r) => r.persona === "teacher" && r.route === "/")!;
    expect(teacherHome.floorRatio).toBe(1.5);
    expect(teacherHome.floorRatioP50).toBe(2.5);
    expect(teacherHome.misses).toEqual([]);
    const parentHome = rows.find((r) => r.persona === "parent" && r.route === "/")!;
    expect(parentHome.floorRatio).toBe(2);
    expect(parentHome.misses).toEqual([`floor ratio 2`, `11 statements`]);
    expect(rows.find((r) => r.route === "/settings")!.misses).toEqual([]);
  });

  it("the size ratio compares the same persona and route with the smallest size", () => {
    const rows = evaluate([
      page(5000, "teacher", "/settings", [10]),
      page(5000, "teacher", "/", [10]),
      page(50000, "teacher", "/settings", [10]),
      page(50000, "teacher", "/", [14]),
      page(50000, "principal", "/", [10]),
    ]);
    expect(rows.find((r) => r.students === 5000 && r.route === "/")!.sizeRatio).toBeNull();
    const big = rows.find((r) => r.students === 50000 && r.persona === "teacher" && r.route === "/")!;
    expect(big.sizeRatio).toBe(1.4);
    expect(big.sizeRatio! > TARGETS.sizeRatio).toBe(true);
    expect(big.misses).toContain("size ratio 1.4");
    expect(rows.find((r) => r.persona === "principal")!.sizeRatio).toBeNull();
  });

  it("refuses a size without floor samples, and prints one table row per page", () => {
    expect(() => evaluate([page(5000, "teacher", "/", [10])])).toThrow(/floor/);
    const table = markdownTable(evaluate([page(5000, "teacher", "/settings", [10, 12], [3, 4])]));
    expect(table.split("\n")).toHaveLength(3);
    expect(table).toContain(
      "| 5000 | teacher | `/settings` | 2 | 10.0 | 12.0 | 12.0 | 1.00 | 1.00 | – | 3–4 | 1 | – |",
    );
  });

  it("the load run's rows group answers by persona and route, with their latency and non-200 answers", () => {
    const rows = loadRows([
      { persona: "teacher", route: "/", ms: 300, status: 200 },
      { persona: "parent", route: "/", ms: 100, status: 200 },
      { persona: "teacher", route: "/", ms: 100, status: 200 },
      { persona: "teacher", route: "/", ms: 200, status: 303 },
    ]);
    expect(rows.map((r) => [r.persona, r.route, r.latency.n, r.latency.p50, r.latency.max, r.non200])).toEqual([
      ["teacher", "/", 3, 200, 300, 1],
      ["parent", "/", 1, 100, 100, 0],
    ]);
    expect(loadTable(rows).split("\n")[2]).toBe("| teacher | `/` | 3 | 200 | 300 | 300 | 300 | 1 |");
  });

  it("the load run passes only with every request answered 2xx and every write found", () => {
    const clean: LoadTotals = { requests: 300, non2xx: 0, errors: 0, timeouts: 0, actionFailures: 0, missingWrites: 0 };
    expect(loadFailures(clean)).toEqual([]);
    expect(loadFailures({ ...clean, requests: 0 })).toEqual(["no request was answered"]);
    expect(loadFailures({ ...clean, errors: 3, timeouts: 2 })).toEqual(["3 errors (2 timeouts)"]);
    expect(loadFailures({ ...clean, non2xx: 1, actionFailures: 1, missingWrites: 2 })).toEqual([
      "1 non-2xx answers",
      "1 actions failed",
      "2 writes missing from the database",
    ]);
  });
});
