import "server-only";
import { execFile } from "node:child_process";
import path from "node:path";
import type { ChartBlock, PrintableDocument } from "@/lib/documents/model";
import type { ChartRequest } from "@/lib/progress/chart-render";

const RENDERER = ["lib", "progress", "chart-render.ts"];
const TIMEOUT_MS = 60_000;

/**
 * Draws charts as PNGs (recharts at a fixed size, rasterized by resvg) in one child process per
 * call (`lib/progress/chart-render.ts` under tsx): React DOM's client renderer, which recharts 3
 * needs to lay a chart out, cannot run inside the app server's route handlers. Nothing about the
 * student reaches the logs: the series go through stdin, and a failure reports only its exit.
 */
export async function renderChartImages(requests: readonly ChartRequest[]): Promise<Uint8Array[]> {
  const images = await runRenderer(requests, "png");
  return images.map((png) => new Uint8Array(Buffer.from(png, "base64")));
}

/** The charts' SVG markup as recharts draws it (what `renderChartImages` rasterizes). */
export async function renderChartSvgs(requests: readonly ChartRequest[]): Promise<string[]> {
  return runRenderer(requests, "svg");
}

async function runRenderer(requests: readonly ChartRequest[], format: "png" | "svg"): Promise<string[]> {
  if (requests.length === 0) return [];
  const script = path.join(process.cwd(), ...RENDERER);
  const output = await new Promise<string>((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ["--import", "tsx", script, format],
      { cwd: process.cwd(), timeout: TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024, encoding: "utf8" },
      (error, stdout) =>
        error ? reject(new Error(`chart renderer exited: ${error.code ?? "killed"}`)) : resolve(stdout),
    );
    child.stdin!.end(JSON.stringify(requests));
  });
  return JSON.parse(output) as string[];
}

/**
 * The document with every chart drawn as a PNG, ready for the PDF. The model itself stays data;
 * only the PDF needs the pixels.
 */
export async function withChartImages<D extends PrintableDocument>(doc: D): Promise<D> {
  const charts = doc.sections.flatMap((s) => s.blocks).filter((b): b is ChartBlock => b.kind === "chart");
  const images = await renderChartImages(
    charts.map((c) => ({ series: c.series, legend: c.legend, locale: doc.language })),
  );
  const imageOf = new Map(charts.map((c, i) => [c, images[i]!]));
  return {
    ...doc,
    sections: doc.sections.map((section) => ({
      ...section,
      blocks: section.blocks.map((block) => (block.kind === "chart" ? { ...block, image: imageOf.get(block) } : block)),
    })),
  };
}
