import { createInterface } from "node:readline";
import type { ChartLegend } from "./chart-figure";
import { chartSvg, installChartDom, svgToPng } from "./chart-image";
import type { ChartSeries } from "./series";

/** One chart to draw: its series, legend words and language. */
export interface ChartRequest {
  series: ChartSeries;
  legend: ChartLegend;
  locale: string;
}

/** One line on stdin: a batch of charts to draw as base64 PNGs or as SVG markup. */
export interface ChartBatch {
  id: number;
  format: "png" | "svg";
  charts: ChartRequest[];
}

/** One line on stdout: the batch's drawings in order, or that it failed. */
export type ChartBatchResult = { id: number; images: string[] } | { id: number; failed: true };

/**
 * The chart renderer process (`node --import tsx lib/progress/chart-render.ts`), started once and
 * kept by the app server (`lib/documents/chart-images.ts`): React DOM and recharts run here in an
 * ordinary Node.js context with a happy-dom window. Reads one JSON `ChartBatch` per line on stdin,
 * answers one `ChartBatchResult` per line on stdout, one batch at a time; exits when stdin closes.
 */
async function main() {
  installChartDom();
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    let id = -1;
    try {
      const batch = JSON.parse(line) as ChartBatch;
      id = batch.id;
      const images: string[] = [];
      for (const chart of batch.charts) {
        const svg = await chartSvg(chart.series, chart.legend, chart.locale);
        images.push(batch.format === "svg" ? svg : svgToPng(svg).toString("base64"));
      }
      process.stdout.write(`${JSON.stringify({ id, images } satisfies ChartBatchResult)}\n`);
    } catch {
      process.stdout.write(`${JSON.stringify({ id, failed: true } satisfies ChartBatchResult)}\n`);
    }
  }
  process.exit(0);
}

void main();
