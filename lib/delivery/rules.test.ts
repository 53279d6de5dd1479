import { describe, expect, it } from "vitest";
import { createSchoolCalendar } from "@/lib/compliance/school-calendar";
import {
  accommodationSet,
  acknowledgmentTiming,
  changedSince,
  deliverySettingsSchema,
  parseDeliverySettings,
} from "./rules";

const calendar = createSchoolCalendar({
  schoolYears: [{ firstDay: "2026-08-26", lastDay: "2027-06-10" }],
  closures: ["2026-11-25", "2026-11-26", "2026-11-27"],
  extraDays: [],
});
const settings = deliverySettingsSchema.parse({});

describe("acknowledgment due dates (300.323(d); district settings)", () => {
  it("is due 3 school days after assignment, skipping weekends and closures", () => {
    expect(
      acknowledgmentTiming({ assignedOn: "2026-11-23", acknowledgedOn: null, today: "2026-11-23", calendar, settings }),
    ).toEqual({
      state: "due",
      due: "2026-12-01",
      escalatesOn: "2026-12-08",
    });
  });

  it("is overdue after the due date and escalates 5 school days later", () => {
    const base = { assignedOn: "2026-11-23", acknowledgedOn: null, calendar, settings };
    expect(acknowledgmentTiming({ ...base, today: "2026-12-01" }).state).toBe("due");
    expect(acknowledgmentTiming({ ...base, today: "2026-12-02" }).state).toBe("overdue");
    expect(acknowledgmentTiming({ ...base, today: "2026-12-07" }).state).toBe("overdue");
    expect(acknowledgmentTiming({ ...base, today: "2026-12-08" }).state).toBe("escalated");
  });

  it("is acknowledged whatever the date", () => {
    expect(
      acknowledgmentTiming({
        assignedOn: "2026-09-01",
        acknowledgedOn: "2026-10-30",
        today: "2027-01-05",
        calendar,
        settings,
      }).state,
    ).toBe("acknowledged");
  });

  it("counts from the first school day when assigned in summer", () => {
    expect(
      acknowledgmentTiming({ assignedOn: "2026-07-15", acknowledgedOn: null, today: "2026-07-15", calendar, settings })
        .due,
    ).toBe("2026-08-28");
  });

  it("uses the district's numbers", () => {
    const custom = parseDeliverySettings({
      delivery: { acknowledgmentDueSchoolDays: 1, acknowledgmentEscalationSchoolDays: 2 },
    });
    expect(
      acknowledgmentTiming({
        assignedOn: "2026-11-20",
        acknowledgedOn: null,
        today: "2026-11-20",
        calendar,
        settings: custom,
      }),
    ).toMatchObject({ due: "2026-11-23", escalatesOn: "2026-11-30" });
    expect(parseDeliverySettings({ delivery: { acknowledgmentDueSchoolDays: "x" } })).toEqual(settings);
  });

  it("has no due date when the calendar runs out", () => {
    expect(
      acknowledgmentTiming({ assignedOn: "2027-06-09", acknowledgedOn: null, today: "2027-06-09", calendar, settings }),
    ).toMatchObject({ due: null, escalatesOn: null, state: "due" });
  });
});

describe("what changed since the last acknowledgment", () => {
  const a = { itemId: "a", text: "Extended time", teacherAction: "1.5x", classroom: false, testing: true };
  const b = { itemId: "b", text: "Seating", teacherAction: "Front", classroom: true, testing: false };
  it("reports added, changed and removed accommodations by id", () => {
    const c = { itemId: "c", text: "Breaks", teacherAction: "Every 30 min", classroom: true, testing: false };
    expect(changedSince([a, b], [{ ...a, teacherAction: "2x" }, c])).toEqual({
      added: ["c"],
      changed: ["a"],
      removed: [b],
    });
    expect(changedSince([a], [a])).toEqual({ added: [], changed: [], removed: [] });
  });
  it("binds the acknowledgment to an order-independent accommodation set", () => {
    expect(accommodationSet([b, a])).toEqual(accommodationSet([a, b]));
  });
});
