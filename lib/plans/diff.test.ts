import { describe, expect, it } from "vitest";
import { emptyContent, type IepContent } from "@/lib/validation/plans";
import { changedFieldNames, diffPlanContent } from "./diff";
import { contentHash } from "./hash";

const G1 = "6f1c8a52-1d7e-4a4e-9b0a-2c7f0d3e9a11";
const O1 = "0b8e2f44-3a9d-4c1e-8f6b-5d2a7c9e1f22";
const O2 = "1c9f3a55-4b0e-4d2f-9a7c-6e3b8d0f2a33";
const A1 = "2d0a4b66-5c1f-4e3a-8b8d-7f4c9e1a3b44";
const A2 = "3e1b5c77-6d2a-4f4b-9c9e-8a5d0f2b4c55";

function base(): IepContent {
  const content = emptyContent("iep");
  content.presentLevels = "Reads 42 words per minute at grade 2 level.";
  content.goals = [
    {
      id: G1,
      area: "reading",
      text: "Mateo will read grade-level text fluently.",
      baseline: "42 wcpm",
      target: "90 wcpm",
      measurement: "Curriculum-based measurement",
      schedule: "Biweekly",
      objectives: [
        { id: O1, text: "Reach 60 wcpm", criteria: "3 of 4 probes", evaluation: "CBM", schedule: "By January" },
      ],
    },
  ];
  content.accommodations = [
    {
      id: A1,
      kind: "accommodation",
      text: "Extended time (1.5x)",
      teacherAction: "Give 50% more time on tests",
      classroom: true,
      testing: true,
      responsible: "",
    },
  ];
  return content;
}

describe("what changed between plan versions", () => {
  it("reports nothing for identical content", () => {
    expect(diffPlanContent(base(), base())).toEqual({ fields: [], items: [], unchanged: true });
  });

  it("reports text fields with a word-level diff", () => {
    const after = base();
    after.presentLevels = "Reads 55 words per minute at grade 2 level.";
    const diff = diffPlanContent(base(), after);
    expect(diff.fields).toHaveLength(1);
    expect(diff.fields[0]).toMatchObject({
      field: "presentLevels",
      before: base().presentLevels,
      after: after.presentLevels,
    });
    expect(diff.fields[0]!.parts.filter((p) => p.removed).map((p) => p.value.trim())).toEqual(["42"]);
    expect(diff.fields[0]!.parts.filter((p) => p.added).map((p) => p.value.trim())).toEqual(["55"]);
  });

  it("matches items by id: a changed goal, an added objective, a removed and an added accommodation", () => {
    const after = base();
    after.goals[0]!.target = "100 wcpm";
    after.goals[0]!.objectives.push({
      id: O2,
      text: "Reach 75 wcpm",
      criteria: "3 of 4 probes",
      evaluation: "CBM",
      schedule: "By April",
    });
    after.accommodations = [
      {
        id: A2,
        kind: "accommodation",
        text: "Preferential seating",
        teacherAction: "Seat near the board",
        classroom: true,
        testing: false,
        responsible: "",
      },
    ];
    const diff = diffPlanContent(base(), after);
    const goal = diff.items.find((i) => i.list === "goals")!;
    expect(goal).toMatchObject({ change: "changed", itemId: G1, label: "Mateo will read grade-level text fluently." });
    expect(goal.fields.map((f) => [f.field, f.before, f.after])).toEqual([["goals.target", "90 wcpm", "100 wcpm"]]);
    expect(goal.children).toEqual([
      expect.objectContaining({ list: "goals.objectives", change: "added", itemId: O2, label: "Reach 75 wcpm" }),
    ]);
    expect(diff.items.filter((i) => i.list === "accommodations").map((i) => [i.change, i.itemId])).toEqual([
      ["added", A2],
      ["removed", A1],
    ]);
    expect(changedFieldNames(diff)).toEqual([
      "accommodations[added]",
      "accommodations[removed]",
      "goals",
      "goals.objectives[added]",
      "goals.target",
    ]);
  });

  it("compares string lists (504 major life activities) as one field", () => {
    const before = emptyContent("504");
    const after = { ...emptyContent("504"), majorLifeActivities: ["reading", "concentrating"] as const };
    expect(diffPlanContent(before, { ...after, majorLifeActivities: [...after.majorLifeActivities] }).fields).toEqual([
      expect.objectContaining({ field: "majorLifeActivities", before: "", after: "reading, concentrating" }),
    ]);
  });

  it("flags a boolean change on an accommodation (testing setting)", () => {
    const after = base();
    after.accommodations[0]!.testing = false;
    const diff = diffPlanContent(base(), after);
    expect(diff.items[0]!.fields).toEqual([
      expect.objectContaining({ field: "accommodations.testing", before: "true", after: "false" }),
    ]);
  });
});

describe("content hash", () => {
  it("is stable across key order and changes with content", () => {
    expect(contentHash({ a: 1, b: { c: 2, d: [1, 2] } })).toBe(contentHash({ b: { d: [1, 2], c: 2 }, a: 1 }));
    expect(contentHash({ a: 1 })).not.toBe(contentHash({ a: 2 }));
    expect(contentHash(base())).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("dates in what changed (issue 14: diff dates as dates)", () => {
  it("reports a changed date whole, as a date, with no character diff", () => {
    const before = base();
    before.meetingDate = "2026-10-15";
    before.services = [
      {
        id: A2,
        category: "related",
        type: "Speech",
        minutes: "30",
        frequency: "week",
        location: "other",
        providerUserId: "",
        providerName: "",
        startDate: "2026-10-20",
        endDate: "",
      },
    ];
    const after = structuredClone(before);
    after.meetingDate = "2026-10-16";
    after.services[0]!.endDate = "2027-06-30";
    const diff = diffPlanContent(before, after);
    expect(diff.fields).toEqual([
      { field: "meetingDate", kind: "date", before: "2026-10-15", after: "2026-10-16", parts: [] },
    ]);
    expect(diff.items[0]!.fields).toEqual([
      { field: "services.endDate", kind: "date", before: "", after: "2027-06-30", parts: [] },
    ]);
  });

  it("keeps a word diff for text fields", () => {
    const after = base();
    after.presentLevels = "Reads 55 words per minute at grade 2 level.";
    expect(diffPlanContent(base(), after).fields[0]).toMatchObject({ kind: "text" });
  });
});

describe("what changed: structured goal measures (PM-1)", () => {
  it("a changed baseline date is a date change and a changed target a text change, on the goal", () => {
    const measure = {
      unit: "percent" as const,
      direction: "increase" as const,
      baselineValue: "40",
      baselineDate: "2026-09-01",
      targetValue: "80",
      rubricLevels: [],
    };
    const before = base();
    before.goals[0]!.measure = measure;
    const after = base();
    after.goals[0]!.measure = { ...measure, baselineDate: "2026-09-15", targetValue: "85" };
    const diff = diffPlanContent(before, after);
    const goal = diff.items.find((i) => i.itemId === G1)!;
    expect(goal.fields.map((f) => [f.field, f.kind])).toEqual([
      ["goals.measure.baselineDate", "date"],
      ["goals.measure.targetValue", "text"],
    ]);
  });
});
