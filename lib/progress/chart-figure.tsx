import { CartesianGrid, ComposedChart, Legend, Line, ReferenceArea, Scatter, XAxis, YAxis } from "recharts";
import type { ChartSeries } from "./series";

/** The words a chart shows: its legend's three series names. */
export interface ChartLegend {
  data: string;
  aimline: string;
  trend: string;
}

/** Colours shared by the page's chart and the PDF's legend. */
export const CHART_COLORS = { data: "#1d4ed8", aimline: "#0f766e", trend: "#b45309", band: "#f1f5f9" } as const;

/**
 * The recharts figure of one goal or objective: report-period bands, the aimline (dashed), the trend
 * and the data points, on a day-number axis labelled with dates in `locale`. Drawn in the browser
 * inside a ResponsiveContainer (`GoalChart`) and on the server at a fixed size for the PDF
 * (`chartPng`); no hooks, so both renderers draw the same tree.
 */
export function ChartFigure({
  series,
  legend,
  locale,
  width,
  height,
  showLegend = true,
}: {
  series: ChartSeries;
  legend: ChartLegend;
  locale: string;
  width?: number;
  height?: number;
  showLegend?: boolean;
}) {
  const format = new Intl.DateTimeFormat(locale, { month: "short", day: "numeric", timeZone: "UTC" });
  const tick = (day: number) => format.format(new Date(day * 86_400_000));
  const levelName = (level: number) => series.levels[level - 1] ?? String(level);
  const rubric = series.levels.length > 0;
  return (
    <ComposedChart
      width={width}
      height={height}
      accessibilityLayer={false}
      margin={{ top: 8, right: 24, bottom: 8, left: 0 }}
    >
      <CartesianGrid stroke="#e2e8f0" />
      {series.bands.map((band, i) => (
        <ReferenceArea
          key={band.x1}
          x1={band.x1}
          x2={band.x2}
          fill={i % 2 === 0 ? CHART_COLORS.band : "#ffffff"}
          ifOverflow="hidden"
        />
      ))}
      <XAxis type="number" dataKey="x" domain={series.xDomain} tickFormatter={tick} stroke="#334155" fontSize={12} />
      <YAxis
        type="number"
        dataKey="y"
        domain={series.yDomain}
        allowDecimals={!series.wholeNumbers}
        tickFormatter={rubric ? levelName : undefined}
        width={rubric ? 96 : 44}
        stroke="#334155"
        fontSize={12}
      />
      {series.aimline && (
        <Line
          data={series.aimline}
          dataKey="y"
          name={legend.aimline}
          stroke={CHART_COLORS.aimline}
          strokeDasharray="6 4"
          dot={false}
          isAnimationActive={false}
        />
      )}
      {series.trend && (
        <Line
          data={series.trend}
          dataKey="y"
          name={legend.trend}
          stroke={CHART_COLORS.trend}
          dot={false}
          isAnimationActive={false}
        />
      )}
      <Scatter data={series.points} name={legend.data} fill={CHART_COLORS.data} isAnimationActive={false} />
      {showLegend && <Legend verticalAlign="bottom" height={28} />}
    </ComposedChart>
  );
}
