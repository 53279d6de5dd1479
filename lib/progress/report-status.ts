import type { GoalMeasure } from "@/lib/validation/goal-measure";
import { dayNumber, leastSquares, valueOn } from "./series";

/**
 * Connecticut progress-report codes (compliance.md D-13; CT IEP Manual §12; legal-review PM-3): every
 * goal and every short-term objective of a report gets exactly one. Pure and client-safe.
 */
export const PROGRESS_CODES = [
  "not_introduced",
  "no_progress",
  "limited_progress",
  "satisfactory_progress",
  "not_mastered",
  "mastered",
] as const;
export type ProgressCode = (typeof PROGRESS_CODES)[number];

/** Codes that, in two consecutive issued reports, prompt a PPT (PM-5; 34 CFR 300.324(b)(1)(ii)(A)). */
export const CONCERN_CODES: readonly ProgressCode[] = ["no_progress", "limited_progress"];

/**
 * Which rule produced a suggestion (its plain-language explanation is `progressReports.rules.<id>`):
 * `notStarted` no data ever; `noDataInPeriod` earlier data but none this period (no suggestion);
 * `narrative` a qualitative measure or one without numbers (no suggestion); `mastered` the last N points
 * meet the target; `notMasteredAtEnd` the plan ends with this period and the target is not met;
 * `atAimline`; `flatOrWorse`; `belowAimlineImproving`.
 */
export type SuggestionRule =
  | "notStarted"
  | "noDataInPeriod"
  | "narrative"
  | "mastered"
  | "notMasteredAtEnd"
  | "atAimline"
  | "flatOrWorse"
  | "belowAimlineImproving";

/** The period's data, as printed on the report (PM-3 "data summary"). Values rounded to 2 decimals. */
export interface PeriodSummary {
  /** Standing data points observed in the period (numeric or narrative). */
  points: number;
  first: { date: string; value: number | null } | null;
  last: { date: string; value: number | null } | null;
  /** Mean of the period's numeric values. */
  mean: number | null;
  /** Mean of the aimline on the same days (null without an aimline or numeric data). */
  aimlineMean: number | null;
  /** Trend over the period in measure units per week (least squares; null under two days of data). */
  trendPerWeek: number | null;
}

export interface Suggestion {
  code: ProgressCode | null;
  rule: SuggestionRule;
  summary: PeriodSummary;
  /** The inputs named in the explanation (target, N, tolerance), for the plain-language sentence. */
  facts: Record<string, number | string>;
}

/** The district's judgement calls ([S], `progress` settings). */
export interface SuggestionSettings {
  masteryPoints: number;
  aimlineTolerancePercent: number;
  flatTrendPercent: number;
}

export interface SuggestionInput {
  measure: GoalMeasure | null;
  /** The plan version's time in force (aimline from baseline to target over it). */
  planStart: string;
  planEnd: string;
  period: { start: string; end: string };
  /** The plan ends before the next report-card date: the last report of the plan. */
  finalPeriod: boolean;
  /** Standing points of this goal or objective observed up to the period's end, in date order. */
  points: readonly { observedOn: string; value: number | null }[];
}

const round = (n: number) => Math.round(n * 100) / 100;

/** The period's data summary from the standing points observed up to its end. */
export function periodSummary(input: SuggestionInput): PeriodSummary {
  const inPeriod = input.points.filter((p) => p.observedOn >= input.period.start && p.observedOn <= input.period.end);
  const numeric = inPeriod.filter((p): p is { observedOn: string; value: number } => p.value !== null);
  const line = aimlineOf(input);
  const mean = numeric.length ? round(numeric.reduce((s, p) => s + p.value, 0) / numeric.length) : null;
  const aimlineMean =
    line && numeric.length
      ? round(numeric.reduce((s, p) => s + valueOn(line, p.observedOn), 0) / numeric.length)
      : null;
  const fit = leastSquares(numeric.map((p) => ({ x: dayNumber(p.observedOn), y: p.value })));
  const first = inPeriod[0];
  const last = inPeriod[inPeriod.length - 1];
  return {
    points: inPeriod.length,
    first: first ? { date: first.observedOn, value: first.value } : null,
    last: last ? { date: last.observedOn, value: last.value } : null,
    mean,
    aimlineMean,
    trendPerWeek: fit ? round(fit.slope * 7) : null,
  };
}

function aimlineOf(input: SuggestionInput) {
  const m = input.measure;
  if (!m || m.unit === "qualitative" || m.baseline === null || m.target === null) return null;
  const start = m.baselineDate && m.baselineDate < input.planEnd ? m.baselineDate : input.planStart;
  return { from: { date: start, value: m.baseline }, to: { date: input.planEnd, value: m.target } };
}

/**
 * The suggested code for one goal or objective in one reporting period (D-13; PM-3), in this order:
 * 1. no data ever observed → Not Introduced; data before but none this period → no suggestion (the
 *    item is missing data: issuing is blocked unless it is coded Not Introduced with a reason);
 * 2. a narrative (qualitative) measure or one without baseline and target → no suggestion;
 * 3. the last `masteryPoints` standing points all meet the target → Mastered;
 * 4. the last report of the plan and the target not met → Not Mastered;
 * 5. the period's mean at or past the aimline's mean on the same days (less the tolerance, as a percent
 *    of the baseline-to-target span) → Satisfactory Progress;
 * 6. below the aimline: the trend over the period (or, with one day of data, the change from the
 *    baseline) is flat — under `flatTrendPercent` of the span — or going the wrong way → No Progress to
 *    Date; improving → Limited/Minimal Progress.
 * Direction-aware: for a "decrease" measure lower values are progress.
 */
export function suggestProgressCode(input: SuggestionInput, settings: SuggestionSettings): Suggestion {
  const summary = periodSummary(input);
  const upToEnd = input.points.filter((p) => p.observedOn <= input.period.end);
  if (upToEnd.length === 0) return { code: "not_introduced", rule: "notStarted", summary, facts: {} };
  if (summary.points === 0) return { code: null, rule: "noDataInPeriod", summary, facts: {} };
  const m = input.measure;
  const line = aimlineOf(input);
  if (!m || !line || summary.mean === null || summary.aimlineMean === null)
    return { code: null, rule: "narrative", summary, facts: { points: summary.points } };
  const sign = m.direction === "decrease" ? -1 : 1;
  const target = m.target!;
  const baseline = m.baseline!;
  const span = Math.abs(target - baseline) || 1;
  const meets = (v: number) => sign * (v - target) >= 0;
  const numericUpToEnd = upToEnd.filter((p): p is { observedOn: string; value: number } => p.value !== null);
  const lastN = numericUpToEnd.slice(-settings.masteryPoints);
  if (lastN.length === settings.masteryPoints && lastN.every((p) => meets(p.value)))
    return { code: "mastered", rule: "mastered", summary, facts: { target, n: settings.masteryPoints } };
  if (input.finalPeriod) return { code: "not_mastered", rule: "notMasteredAtEnd", summary, facts: { target } };
  const tolerance = (settings.aimlineTolerancePercent / 100) * span;
  if (sign * (summary.mean - summary.aimlineMean) >= -tolerance)
    return {
      code: "satisfactory_progress",
      rule: "atAimline",
      summary,
      facts: { mean: summary.mean, aim: summary.aimlineMean, tolerance: settings.aimlineTolerancePercent },
    };
  const periodDays = Math.max(1, dayNumber(input.period.end) - dayNumber(input.period.start));
  const change =
    summary.trendPerWeek !== null
      ? (summary.trendPerWeek / 7) * periodDays
      : (summary.last?.value ?? baseline) - baseline;
  const facts = {
    mean: summary.mean,
    aim: summary.aimlineMean,
    change: round(change),
    flat: settings.flatTrendPercent,
  };
  if (sign * change <= (settings.flatTrendPercent / 100) * span)
    return { code: "no_progress", rule: "flatOrWorse", summary, facts };
  return { code: "limited_progress", rule: "belowAimlineImproving", summary, facts };
}
