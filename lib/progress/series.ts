import type { GoalMeasure } from "@/lib/validation/goal-measure";

/**
 * Goal data as a series: which recorded points count (corrections replace, withdrawals remove),
 * the points of a period, the aimline from baseline to target and a least-squares trend line.
 * Pure: progress reports summarize a period from `pointsInPeriod`.
 */

/** A recorded data point, as stored (append-only; a correction names the point it corrects). */
export interface RecordedPoint {
  id: string;
  observedOn: string;
  value: number | null;
  correctsId: string | null;
  withdrawn: boolean;
  createdAt: string;
}

/**
 * The points that stand: a row that no other row corrects is the latest of its chain (the database
 * allows one correction per row, so chains are straight); a chain whose latest row withdraws the point
 * disappears. Returned in date order (then recording order), each carrying the id of the original
 * point and whether it was corrected.
 */
export function standingPoints<P extends RecordedPoint>(
  rows: readonly P[],
): (P & { originalId: string; corrected: boolean })[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const corrected = new Set(rows.flatMap((r) => (r.correctsId ? [r.correctsId] : [])));
  const rootOf = (row: P): string => {
    let current = row;
    for (let steps = 0; current.correctsId && steps < rows.length; steps++) {
      const previous = byId.get(current.correctsId);
      if (!previous) return current.correctsId;
      current = previous;
    }
    return current.id;
  };
  return rows
    .filter((row) => !corrected.has(row.id) && !row.withdrawn)
    .map((row) => {
      const originalId = rootOf(row);
      return { ...row, originalId, corrected: originalId !== row.id };
    })
    .sort((a, b) => a.observedOn.localeCompare(b.observedOn) || a.createdAt.localeCompare(b.createdAt));
}

/** The standing points observed from `from` through `to` (inclusive ISO dates): a report period's data. */
export function pointsInPeriod<P extends RecordedPoint>(rows: readonly P[], from: string, to: string) {
  return standingPoints(rows).filter((p) => p.observedOn >= from && p.observedOn <= to);
}

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of an ISO date (UTC, so no daylight-saving shifts). */
export function dayNumber(isoDate: string): number {
  return Math.round(Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS);
}

/** The ISO date of a day number. */
export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export interface Line {
  slope: number;
  intercept: number;
}

/**
 * Ordinary least squares over (x, y) pairs: null with fewer than two points or when every x is the
 * same (no line can be fitted).
 */
export function leastSquares(points: readonly { x: number; y: number }[]): Line | null {
  const n = points.length;
  if (n < 2) return null;
  const meanX = points.reduce((s, p) => s + p.x, 0) / n;
  const meanY = points.reduce((s, p) => s + p.y, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (const p of points) {
    sxx += (p.x - meanX) ** 2;
    sxy += (p.x - meanX) * (p.y - meanY);
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  return { slope, intercept: meanY - slope * meanX };
}

/**
 * The aimline: a straight line from the baseline on its date (the plan's first day when it has
 * none) to the target on the plan's last day. Null for a qualitative measure or one without numbers.
 */
export function aimline(
  measure: Pick<GoalMeasure, "baseline" | "baselineDate" | "target">,
  planStart: string,
  planEnd: string,
): { from: { date: string; value: number }; to: { date: string; value: number } } | null {
  if (measure.baseline === null || measure.target === null) return null;
  const start = measure.baselineDate && measure.baselineDate < planEnd ? measure.baselineDate : planStart;
  return { from: { date: start, value: measure.baseline }, to: { date: planEnd, value: measure.target } };
}

/** Value of a line through two dated points on a given date. */
export function valueOn(
  line: { from: { date: string; value: number }; to: { date: string; value: number } },
  date: string,
) {
  const x0 = dayNumber(line.from.date);
  const x1 = dayNumber(line.to.date);
  if (x1 === x0) return line.to.value;
  return line.from.value + ((line.to.value - line.from.value) * (dayNumber(date) - x0)) / (x1 - x0);
}

/**
 * The trend of the standing numeric points, as a line over day numbers, drawn from the first to the
 * last point observed. Null with fewer than two numeric points on distinct days.
 */
export function trendLine(points: readonly { observedOn: string; value: number | null }[]) {
  const numeric = points.filter((p): p is { observedOn: string; value: number } => p.value !== null);
  const line = leastSquares(numeric.map((p) => ({ x: dayNumber(p.observedOn), y: p.value })));
  if (!line) return null;
  const first = numeric[0]!.observedOn;
  const last = numeric[numeric.length - 1]!.observedOn;
  const at = (date: string) => line.slope * dayNumber(date) + line.intercept;
  return { from: { date: first, value: at(first) }, to: { date: last, value: at(last) }, slopePerDay: line.slope };
}

/** A band behind the chart: one reporting period (from the day after a report-card date to the next). */
export interface ChartBand {
  from: string;
  to: string;
}

/**
 * Everything a goal or objective chart draws, in chart coordinates (x: day number, y: value on the
 * measure): the standing numeric points, the aimline from baseline to target over the plan's period,
 * the least-squares trend, the report-period bands clipped to the period, and the axes. Computed
 * once here so the page's chart and the PDF's image draw the same series.
 */
export interface ChartSeries {
  points: { x: number; y: number }[];
  aimline: { x: number; y: number }[] | null;
  trend: { x: number; y: number }[] | null;
  bands: { x1: number; x2: number }[];
  xDomain: [number, number];
  yDomain: [number, number | "auto"];
  /** Whole steps on the value axis (counts and rubric levels). */
  wholeNumbers: boolean;
  /** Rubric level names (level 1 first), to label the value axis; empty for other units. */
  levels: string[];
}

/**
 * The chart series of one goal or objective from its measure and its standing points (the points
 * observed on it, corrections applied): null when nothing can be drawn (no measure, a qualitative
 * measure, or no plan period).
 */
export function chartSeries(input: {
  measure: GoalMeasure | null;
  points: readonly { observedOn: string; value: number | null }[];
  periodStart: string | null;
  periodEnd: string | null;
  bands?: readonly ChartBand[];
}): ChartSeries | null {
  const { measure, periodStart, periodEnd } = input;
  if (!measure || measure.unit === "qualitative" || !periodStart || !periodEnd) return null;
  const numeric = input.points.filter((p): p is { observedOn: string; value: number } => p.value !== null);
  const xy = (l: { from: { date: string; value: number }; to: { date: string; value: number } }) => [
    { x: dayNumber(l.from.date), y: l.from.value },
    { x: dayNumber(l.to.date), y: l.to.value },
  ];
  const aim = aimline(measure, periodStart, periodEnd);
  const trend = trendLine(numeric);
  const x0 = dayNumber(periodStart);
  const x1 = dayNumber(periodEnd);
  const firstX = Math.min(
    x0,
    ...numeric.map((p) => dayNumber(p.observedOn)),
    ...(aim ? [dayNumber(aim.from.date)] : []),
  );
  return {
    points: numeric.map((p) => ({ x: dayNumber(p.observedOn), y: p.value })),
    aimline: aim ? xy(aim) : null,
    trend: trend ? xy(trend) : null,
    bands: (input.bands ?? [])
      .map((b) => ({ x1: Math.max(dayNumber(b.from), firstX), x2: Math.min(dayNumber(b.to), x1) }))
      .filter((b) => b.x1 < b.x2),
    xDomain: [firstX, x1],
    yDomain:
      measure.unit === "percent"
        ? [0, 100]
        : measure.unit === "rubric"
          ? [1, Math.max(2, measure.levels.length)]
          : [0, "auto"],
    wholeNumbers: measure.unit === "rubric" || measure.unit === "count",
    levels: measure.unit === "rubric" ? measure.levels : [],
  };
}
