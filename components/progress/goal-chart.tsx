"use client";

import { useLocale } from "next-intl";
import { ResponsiveContainer } from "recharts";
import { ChartFigure, type ChartLegend } from "@/lib/progress/chart-figure";
import type { ChartSeries } from "@/lib/progress/series";

export interface GoalChartProps {
  /** Accessible name of the chart (the data table below is its text alternative). */
  label: string;
  legend: ChartLegend;
  /** The series from `chartSeries` (the PDF draws the same one). */
  series: ChartSeries;
}

/**
 * One goal's or objective's data against its aimline (baseline to target over the plan's period),
 * its least-squares trend and the report-period bands, drawn with recharts in the browser.
 * Decorative for assistive technology: the wrapper is one image with a name, and the page carries
 * the same data as a table.
 */
export function GoalChart(props: GoalChartProps) {
  return <ChartFrame {...props} locale={useLocale()} />;
}

export type ChartFrameProps = GoalChartProps & { locale: string };

/** The chart in a given language (a document's, which may differ from the page's). */
export function ChartFrame({ label, legend, series, locale }: ChartFrameProps) {
  return (
    <div role="img" aria-label={label} className="h-64 w-full">
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 640, height: 256 }}>
        <ChartFigure series={series} legend={legend} locale={locale} />
      </ResponsiveContainer>
    </div>
  );
}
