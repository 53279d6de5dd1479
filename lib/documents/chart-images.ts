// No "server-only" guard: the DAL stores documents with their charts (`renderDocumentPdf`) from the
// demo seed's tsx process too. It spawns a process, so it is never imported by client code.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import type { ChartBlock, PrintableDocument } from "@/lib/documents/model";
import type { ChartBatch, ChartBatchResult, ChartRequest } from "@/lib/progress/chart-render";

const RENDERER = ["lib", "progress", "chart-render.ts"];
const TIMEOUT_MS = 60_000;

interface Renderer {
  child: ChildProcessWithoutNullStreams;
  waiting: Map<number, (result: ChartBatchResult | null) => void>;
}

let renderer: Renderer | null = null;
let nextId = 1;

/**
 * The chart renderer process, started on first use and kept (`lib/progress/chart-render.ts` under
 * tsx): React DOM's client renderer, which recharts 3 needs to lay a chart out, cannot run inside the
 * app server's route handlers. Started again if it exits. It does not keep the server alive.
 */
function rendererProcess(): Renderer {
  if (renderer && renderer.child.exitCode === null && !renderer.child.killed) return renderer;
  const child = spawn(process.execPath, ["--import", "tsx", path.join(process.cwd(), ...RENDERER)], {
    cwd: process.cwd(),
    stdio: ["pipe", "pipe", "pipe"],
  });
  const current: Renderer = { child, waiting: new Map() };
  createInterface({ input: child.stdout }).on("line", (line) => {
    const result = JSON.parse(line) as ChartBatchResult;
    current.waiting.get(result.id)?.(result);
    current.waiting.delete(result.id);
  });
  child.stderr.resume();
  child.on("exit", () => {
    for (const resolve of current.waiting.values()) resolve(null);
    current.waiting.clear();
    if (renderer === current) renderer = null;
  });
  child.unref();
  for (const stream of [child.stdin, child.stdout, child.stderr])
    (stream as unknown as { unref?: () => void }).unref?.();
  renderer = current;
  return current;
}

async function render(charts: readonly ChartRequest[], format: ChartBatch["format"]): Promise<string[]> {
  if (charts.length === 0) return [];
  const { child, waiting } = rendererProcess();
  const id = nextId++;
  const result = await new Promise<ChartBatchResult | null>((resolve) => {
    const timer = setTimeout(() => {
      waiting.delete(id);
      child.kill();
      resolve(null);
    }, TIMEOUT_MS);
    waiting.set(id, (r) => {
      clearTimeout(timer);
      resolve(r);
    });
    child.stdin.write(`${JSON.stringify({ id, format, charts: [...charts] } satisfies ChartBatch)}\n`);
  });
  // Nothing about the student reaches the logs: the series went through stdin.
  if (!result || !("images" in result)) throw new Error("chart rendering failed");
  return result.images;
}

/** Draws charts as PNGs (recharts at a fixed size, rasterized by resvg) in the renderer process. */
export async function renderChartImages(charts: readonly ChartRequest[]): Promise<Uint8Array[]> {
  return (await render(charts, "png")).map((png) => new Uint8Array(Buffer.from(png, "base64")));
}

/** The charts' SVG markup as recharts draws it (what `renderChartImages` rasterizes). */
export async function renderChartSvgs(charts: readonly ChartRequest[]): Promise<string[]> {
  return render(charts, "svg");
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
