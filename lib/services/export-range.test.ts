import { describe, expect, it } from "vitest";
import { serviceExportRange } from "./export-range";

describe("service export range", () => {
  it("defaults to the year up to today", () => {
    expect(serviceExportRange({}, "2028-02-29")).toEqual({ range: { from: "2027-03-01", to: "2028-02-29" } });
  });
  it("names the bad parameter: not a date, in the future, out of order, too long", () => {
    expect(serviceExportRange({ from: "2026-02-30" }, "2026-11-30")).toEqual({ error: "invalid_date", path: "from" });
    expect(serviceExportRange({ to: "2026-12-01" }, "2026-11-30")).toEqual({ error: "invalid_date", path: "to" });
    expect(serviceExportRange({ from: "2026-11-30", to: "2026-11-01" }, "2026-11-30")).toEqual({
      error: "range_order",
      path: "from",
    });
    expect(serviceExportRange({ from: "2024-01-01" }, "2026-11-30")).toEqual({ error: "range_too_long", path: "from" });
  });
});
