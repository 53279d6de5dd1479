import type { GoalMeasure } from "@/lib/validation/goal-measure";

/**
 * A value on a measure as a reader sees it, in `locale`: a rubric level with its name ("2. Emerging"),
 * a percent with its sign, other numbers with at most two decimals, "—" for none. The page's tables
 * and the PDF's tables both use it.
 */
export function formatMeasureValue(measure: GoalMeasure | null, value: number | null, locale: string): string {
  if (value === null) return "—";
  if (measure?.unit === "rubric") return `${value}. ${measure.levels[value - 1] ?? ""}`;
  const n = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
  return measure?.unit === "percent" ? `${n} %` : n;
}
