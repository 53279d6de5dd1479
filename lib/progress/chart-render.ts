import { chartPng } from "./chart-image";
import type { ChartLegend } from "./chart-figure";
import type { ChartSeries } from "./series";

/** One chart to draw: its series, legend words and language. */
export interface ChartRequest {
  series: ChartSeries;
  legend: ChartLegend;
  locale: string;
}

/**
 * Command-line entry (`node --import tsx lib/progress/chart-render.ts`): reads a JSON array of
 * `ChartRequest`s on stdin and writes a JSON array of base64 PNGs, in the same order, on stdout.
 * Run by `renderChartImages` (lib/documents/chart-images.ts) in a child process, where React DOM
 * and recharts run in an ordinary Node.js context.
 */
async function main() {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const requests = JSON.parse(Buffer.concat(chunks).toString("utf8")) as ChartRequest[];
  const images = requests.map((r) => chartPng(r.series, r.legend, r.locale).toString("base64"));
  process.stdout.write(JSON.stringify(images));
}

main().catch((error: unknown) => {
  process.stderr.write(`chart rendering failed: ${error instanceof Error ? error.message : "unknown error"}\n`);
  process.exit(1);
});
