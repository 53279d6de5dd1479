import { describe, expect, it } from "vitest";
import { connecticutSchoolYear, schoolYearStartFor } from "./calendar";

describe("demo Connecticut school calendar", () => {
  const year = connecticutSchoolYear(2026);

  it("starts the week before Labor Day and has exactly 180 instructional days", () => {
    expect(year.label).toBe("2026-2027");
    expect(year.firstDay).toBe("2026-08-26");
    let count = 0;
    const closures = new Set(year.closures.map((c) => c.date));
    for (
      let d = new Date(`${year.firstDay}T00:00:00Z`);
      d <= new Date(`${year.lastDay}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() + 1)
    ) {
      const iso = d.toISOString().slice(0, 10);
      if (d.getUTCDay() >= 1 && d.getUTCDay() <= 5 && !closures.has(iso)) count++;
    }
    expect(count).toBe(180);
  });

  it("closes on the fixed and floating holidays", () => {
    const dates = year.closures.map((c) => c.date);
    expect(dates).toEqual(
      expect.arrayContaining(["2026-09-07", "2026-11-26", "2027-01-18", "2027-03-26", "2027-05-31"]),
    );
    expect(dates.every((d) => d >= year.firstDay && d <= year.lastDay)).toBe(true);
  });

  it("D-13: has four quarterly report-card dates on school days, the last on the year's last day", () => {
    const closures = new Set(year.closures.map((c) => c.date));
    expect(year.reportCardDates.map((r) => r.label)).toEqual([1, 2, 3, 4].map((q) => `Quarter ${q} report cards`));
    expect(year.reportCardDates.at(-1)!.date).toBe(year.lastDay);
    for (const { date } of year.reportCardDates) {
      const day = new Date(`${date}T00:00:00Z`).getUTCDay();
      expect(day >= 1 && day <= 5 && !closures.has(date) && date >= year.firstDay).toBe(true);
    }
  });

  it("switches school years on July 1", () => {
    expect(schoolYearStartFor("2027-06-30")).toBe(2026);
    expect(schoolYearStartFor("2027-07-01")).toBe(2027);
  });
});
