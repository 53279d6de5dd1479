import type { ChartLegend } from "./chart-figure";
import { chartSvg, installChartDom, svgToPng } from "./chart-image";
import type { ChartSeries } from "./series";

/** One chart to draw: its series, legend words and language. */
export interface ChartRequest {
  series: ChartSeries;
  legend: ChartLegend;
  locale: string;
}

/**
 * Command-line entry (`node --import tsx lib/progress/chart-render.ts [png|svg]`): reads a JSON array
 * of `ChartRequest`s on stdin and writes a JSON array, in the same order, on stdout: base64 PNGs
 * (default) or the SVG markup. Run by `renderCharts` (lib/documents/chart-images.ts) in a child
 * process, where React DOM and recharts run in an ordinary Node.js context with a happy-dom window.
 */
async function main() {
  const format = process.argv[2] === "svg" ? "svg" : "png";
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const requests = JSON.parse(Buffer.concat(chunks).toString("utf8")) as ChartRequest[];
  installChartDom();
  const out: string[] = [];
  for (const r of requests) {
    const svg = await chartSvg(r.series, r.legend, r.locale);
    out.push(format === "svg" ? svg : svgToPng(svg).toString("base64"));
  }
  process.stdout.write(JSON.stringify(out));
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`chart rendering failed: ${error instanceof Error ? error.message : "unknown error"}\n`);
  process.exit(1);
});
