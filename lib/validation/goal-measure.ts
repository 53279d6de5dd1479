import { z } from "zod";
import { isoDateField } from "./dates";
import { text } from "./text";

/**
 * The structured measure of an IEP goal or short-term objective (legal-review PM-1): a baseline
 * (value, date) and a target on one unit, so an aimline can be drawn and data points checked.
 * "qualitative" is the narrative-only escape hatch (no numbers, no aimline). Client-safe and pure.
 */
export const MEASURE_UNITS = ["percent", "count", "rate_per_minute", "rubric", "minutes", "qualitative"] as const;
export type MeasureUnit = (typeof MEASURE_UNITS)[number];
export const MEASURE_DIRECTIONS = ["increase", "decrease"] as const;
export type MeasureDirection = (typeof MEASURE_DIRECTIONS)[number];

/** Largest value any unit accepts (counts, minutes): keeps numbers inside numeric(10,2). */
export const MEASURE_MAX = 100_000;
export const RUBRIC_MAX_LEVELS = 10;

const decimalText = text().regex(/^(\d{1,6}(\.\d{1,2})?)?$/, { message: "validation.decimal" });

/** A measure as typed in the draft: every field present, numbers kept as the digits typed. */
export const measureDraftSchema = z.strictObject({
  unit: z.union([z.literal(""), z.enum(MEASURE_UNITS)]),
  direction: z.enum(MEASURE_DIRECTIONS),
  baselineValue: decimalText,
  baselineDate: z.union([z.literal(""), isoDateField("validation.date")]),
  targetValue: decimalText,
  rubricLevels: z.array(text().max(80, { message: "validation.tooLong" })).max(RUBRIC_MAX_LEVELS, {
    message: "validation.tooMany",
  }),
});
export type MeasureDraft = z.infer<typeof measureDraftSchema>;

export function emptyMeasure(): MeasureDraft {
  return { unit: "", direction: "increase", baselineValue: "", baselineDate: "", targetValue: "", rubricLevels: [] };
}

/** A measure as materialized on a finalized goal or objective (numbers parsed). */
export interface GoalMeasure {
  unit: MeasureUnit;
  direction: MeasureDirection;
  baseline: number | null;
  baselineDate: string | null;
  target: number | null;
  /** Rubric level names, lowest first (level 1 is the first name). Empty for other units. */
  levels: string[];
}

/** One problem with a measure: the message key under `progress.measure`, the field, and the rule. */
export interface MeasureIssue {
  key: string;
  field: keyof MeasureDraft;
  rule: string;
}

const isInteger = (n: number) => Number.isInteger(n);

/**
 * Whether `value` can be recorded on `measure` (PM-1: values validated against the measure): the
 * message key under `progress.value` when it cannot, else null. Percent 0–100; counts and minutes
 * whole numbers; a rate per minute any non-negative number; a rubric a level number 1..n; a
 * qualitative measure takes no value (the note carries the observation).
 */
export function valueIssue(measure: Pick<GoalMeasure, "unit" | "levels">, value: number | null): string | null {
  if (measure.unit === "qualitative") return value === null ? null : "noValueForQualitative";
  if (value === null || !Number.isFinite(value)) return "required";
  if (value < 0) return "negative";
  switch (measure.unit) {
    case "percent":
      return value > 100 ? "percentRange" : null;
    case "count":
    case "minutes":
      if (!isInteger(value)) return "wholeNumber";
      return value > MEASURE_MAX ? "tooLarge" : null;
    case "rate_per_minute":
      return value > MEASURE_MAX ? "tooLarge" : null;
    case "rubric":
      return isInteger(value) && value >= 1 && value <= measure.levels.length ? null : "rubricLevel";
  }
}

/**
 * What is wrong with a measure typed in the editor (rule PM-1). An unset unit is no measure at all
 * (a free-text goal still reads; the editor suggests the structured form) and has no issues.
 * Rubric levels must be at least two, named and distinct, listed lowest first; the target must
 * differ from the baseline in the measure's direction.
 */
export function measureIssues(draft: MeasureDraft): MeasureIssue[] {
  const issues: MeasureIssue[] = [];
  const add = (key: string, field: keyof MeasureDraft) => issues.push({ key, field, rule: "PM-1" });
  if (draft.unit === "" || draft.unit === "qualitative") return issues;
  const levels = draft.rubricLevels.map((l) => l.trim());
  if (draft.unit === "rubric") {
    if (levels.length < 2) add("rubricLevelsTooFew", "rubricLevels");
    else if (levels.some((l) => l === "")) add("rubricLevelBlank", "rubricLevels");
    else if (new Set(levels.map((l) => l.toLowerCase())).size !== levels.length)
      add("rubricLevelsRepeated", "rubricLevels");
  }
  if (draft.baselineDate === "") add("baselineDateRequired", "baselineDate");
  const baseline = draft.baselineValue === "" ? null : Number(draft.baselineValue);
  const target = draft.targetValue === "" ? null : Number(draft.targetValue);
  if (baseline === null) add("baselineRequired", "baselineValue");
  if (target === null) add("targetRequired", "targetValue");
  const shape = { unit: draft.unit, levels };
  const baselineProblem = baseline === null ? null : valueIssue(shape, baseline);
  const targetProblem = target === null ? null : valueIssue(shape, target);
  if (baselineProblem && !(draft.unit === "rubric" && issues.length)) add(`value.${baselineProblem}`, "baselineValue");
  if (targetProblem && !(draft.unit === "rubric" && issues.length)) add(`value.${targetProblem}`, "targetValue");
  if (baseline !== null && target !== null && !baselineProblem && !targetProblem) {
    if (baseline === target) add("targetEqualsBaseline", "targetValue");
    else if (draft.direction === "increase" && target < baseline) add("targetBelowBaseline", "targetValue");
    else if (draft.direction === "decrease" && target > baseline) add("targetAboveBaseline", "targetValue");
  }
  return issues;
}

/** The materialized measure of a draft measure, or null when none is set or it is not valid. */
export function normalizeMeasure(draft: MeasureDraft | undefined): GoalMeasure | null {
  if (!draft || draft.unit === "" || measureIssues(draft).length > 0) return null;
  if (draft.unit === "qualitative") {
    return {
      unit: "qualitative",
      direction: draft.direction,
      baseline: null,
      baselineDate: null,
      target: null,
      levels: [],
    };
  }
  return {
    unit: draft.unit,
    direction: draft.direction,
    baseline: Number(draft.baselineValue),
    baselineDate: draft.baselineDate,
    target: Number(draft.targetValue),
    levels: draft.unit === "rubric" ? draft.rubricLevels.map((l) => l.trim()) : [],
  };
}

/**
 * Parses a value typed on an entry screen ("" for none): a number with at most two decimals, or
 * null. Returns undefined when the text is not a number at all.
 */
export function parseValue(input: string): number | null | undefined {
  const trimmed = input.trim();
  if (trimmed === "") return null;
  if (!/^\d{1,6}(\.\d{1,2})?$/.test(trimmed)) return undefined;
  return Number(trimmed);
}

/** Percent correct of a run of trials (group-session counters), rounded to a whole percent; null with no trials. */
export function percentOf(correct: number, incorrect: number): number | null {
  const total = correct + incorrect;
  if (total <= 0) return null;
  return Math.round((correct / total) * 100);
}
