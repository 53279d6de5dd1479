import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { calendarDaySchema, schoolYearSchema } from "./calendar";
import { completeDeadlineSchema, recordCaseEventSchema } from "./deadlines";
import { evidenceRangeSchema, logClassSchema, logImplementationSchema } from "./delivery";
import { activateVersionSchema } from "./plans";

const id = randomUUID();

/** Every schema that takes a date, with a valid input and the path of one date field. */
const DATE_INPUTS: [string, z.ZodType, Record<string, unknown>, string][] = [
  ["case event", recordCaseEventSchema, { studentId: id, type: "referral_received", date: "2026-11-02" }, "date"],
  [
    "deadline completion",
    completeDeadlineSchema,
    { studentId: id, deadlineId: id, completedOn: "2026-11-02" },
    "completedOn",
  ],
  [
    "implementation log",
    logImplementationSchema,
    { accommodationId: id, date: "2026-11-02", status: "provided" },
    "date",
  ],
  ["whole-class log", logClassSchema, { sectionId: id, date: "2026-11-02" }, "date"],
  ["evidence range", evidenceRangeSchema, { from: "2026-11-02", to: "2026-11-02" }, "from"],
  ["plan activation", activateVersionSchema, { versionId: id, effectiveOn: "2026-11-02" }, "effectiveOn"],
  ["calendar day", calendarDaySchema, { schoolId: id, date: "2026-11-02", kind: "closure", label: "Snow day" }, "date"],
  [
    "school year",
    schoolYearSchema,
    { schoolId: id, label: "2026-27", firstDay: "2026-08-27", lastDay: "2027-06-15" },
    "firstDay",
  ],
];

describe("the shared date schema", () => {
  it.each(DATE_INPUTS)("%s: the valid input parses", (_name, schema, input) => {
    expect(schema.safeParse(input).success).toBe(true);
  });

  it.each(
    DATE_INPUTS.flatMap(([name, schema, input, field]) =>
      [
        "0000-01-01",
        "2026-02-30",
        "2025-02-29",
        "2026-13-01",
        "1899-12-31",
        "3000-01-01",
        "+02026-01-01",
        "26-1-2",
      ].map((bad) => [name, bad, schema, input, field] as const),
    ),
  )("%s refuses %s in its date field with a field message", (_name, bad, schema, input, field) => {
    const result = schema.safeParse({ ...input, [field]: bad });
    expect(result.success).toBe(false);
    const issue = result.error!.issues.find((i) => i.path.join(".") === field);
    expect(issue?.message).toMatch(/^validation\./);
  });

  it("a leap day is a real date", () => {
    expect(logClassSchema.safeParse({ sectionId: id, date: "2028-02-29" }).success).toBe(true);
  });
});
