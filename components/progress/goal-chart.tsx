"use client";

import { useLocale } from "next-intl";
import {
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceArea,
  ResponsiveContainer,
  Scatter,
  XAxis,
  YAxis,
} from "recharts";
import type { DatedValue } from "@/lib/dto/progress";
import { dayNumber } from "@/lib/progress/series";
import type { GoalMeasure } from "@/lib/validation/goal-measure";

export interface GoalChartProps {
  /** Accessible name of the chart (the data table below is its text alternative). */
  label: string;
  legend: { data: string; aimline: string; trend: string };
  points: DatedValue[];
  aimline: { from: DatedValue; to: DatedValue } | null;
  trend: { from: DatedValue; to: DatedValue } | null;
  measure: GoalMeasure | null;
  periodStart: string;
  periodEnd: string;
  /** Report periods to shade (from the school's report-card dates), when the calendar has them. */
  bands?: { from: string; to: string }[];
}

const line = (l: { from: DatedValue; to: DatedValue }) => [
  { x: dayNumber(l.from.date), y: l.from.value },
  { x: dayNumber(l.to.date), y: l.to.value },
];

/**
 * One goal's data against its aimline (baseline to target over the plan's period) and its
 * least-squares trend, drawn with recharts in the browser. Decorative for assistive technology:
 * the wrapper is one image with a name, and the page carries the same data as a table.
 */
export function GoalChart({
  label,
  legend,
  points,
  aimline,
  trend,
  measure,
  periodStart,
  periodEnd,
  bands = [],
}: GoalChartProps) {
  const locale = useLocale();
  const format = new Intl.DateTimeFormat(locale, { month: "short", day: "numeric", timeZone: "UTC" });
  const tick = (day: number) => format.format(new Date(day * 86_400_000));
  const yDomain: [number | "auto", number | "auto"] =
    measure?.unit === "percent"
      ? [0, 100]
      : measure?.unit === "rubric"
        ? [1, Math.max(2, measure.levels.length)]
        : [0, "auto"];
  const levelName = (level: number) => measure?.levels[level - 1] ?? String(level);
  return (
    <div role="img" aria-label={label} className="h-64 w-full">
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 640, height: 256 }}>
        <ComposedChart accessibilityLayer={false} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid stroke="#e2e8f0" />
          {bands.map((band, i) => (
            <ReferenceArea
              key={band.from}
              x1={dayNumber(band.from)}
              x2={dayNumber(band.to)}
              fill={i % 2 === 0 ? "#f1f5f9" : "#ffffff"}
              ifOverflow="hidden"
            />
          ))}
          <XAxis
            type="number"
            dataKey="x"
            domain={[dayNumber(periodStart), dayNumber(periodEnd)]}
            tickFormatter={tick}
            stroke="#334155"
            fontSize={12}
          />
          <YAxis
            type="number"
            dataKey="y"
            domain={yDomain}
            allowDecimals={measure?.unit !== "rubric" && measure?.unit !== "count"}
            tickFormatter={measure?.unit === "rubric" ? levelName : undefined}
            width={measure?.unit === "rubric" ? 96 : 44}
            stroke="#334155"
            fontSize={12}
          />
          {aimline && (
            <Line
              data={line(aimline)}
              dataKey="y"
              name={legend.aimline}
              stroke="#0f766e"
              strokeDasharray="6 4"
              dot={false}
              isAnimationActive={false}
            />
          )}
          {trend && (
            <Line
              data={line(trend)}
              dataKey="y"
              name={legend.trend}
              stroke="#b45309"
              dot={false}
              isAnimationActive={false}
            />
          )}
          <Scatter
            data={points.map((p) => ({ x: dayNumber(p.date), y: p.value }))}
            name={legend.data}
            fill="#1d4ed8"
            isAnimationActive={false}
          />
          <Legend verticalAlign="bottom" height={28} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
