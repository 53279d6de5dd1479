import { Resvg } from "@resvg/resvg-js";
import { Window } from "happy-dom";
import { createRoot } from "react-dom/client";
import { ChartFigure, type ChartLegend } from "./chart-figure";
import type { ChartSeries } from "./series";

/** The size the PDF's charts are drawn at (CSS pixels), and the scale of the raster (print quality). */
export const CHART_IMAGE = { width: 640, height: 240, scale: 2 } as const;

/** Event-loop turns to wait at most for the chart's effects to settle. */
const SETTLE_TURNS = 50;

/**
 * Makes a happy-dom window this process's `window` and `document`, for React DOM's client renderer.
 * Only for a process of its own (`chart-render.ts`): the app's server never imports this module (its
 * route handlers run React's server build, without React DOM's client), and a server must not have
 * a global `window`.
 */
export function installChartDom(): Window {
  const win = new Window({ width: CHART_IMAGE.width, height: CHART_IMAGE.height });
  Object.assign(globalThis, { window: win, document: win.document });
  return win;
}

/**
 * The chart's SVG as recharts draws it. Recharts 3 lays a chart out in effects, so a server
 * renderer (`renderToStaticMarkup`) gets an empty wrapper (recharts issue 5997); the chart is
 * instead rendered with React DOM's client renderer into the installed happy-dom document and read
 * once its effects have settled (the same markup twice in a row).
 */
export async function chartSvg(series: ChartSeries, legend: ChartLegend, locale: string): Promise<string> {
  const container = document.createElement("div");
  document.body.appendChild(container);
  const root = createRoot(container);
  root.render(
    <ChartFigure
      series={series}
      legend={legend}
      locale={locale}
      width={CHART_IMAGE.width}
      height={CHART_IMAGE.height}
      showLegend={false}
    />,
  );
  let markup = "";
  for (let turn = 0; turn < SETTLE_TURNS; turn++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    const current = container.querySelector(".recharts-wrapper > svg")?.outerHTML ?? "";
    if (current && current === markup) break;
    markup = current;
  }
  root.unmount();
  container.remove();
  if (!markup) throw new Error("chart did not render");
  return markup.includes("xmlns=") ? markup : markup.replace("<svg", '<svg xmlns="http://www.w3.org/2000/svg"');
}

/** An SVG as a PNG (white background, twice the drawn size) for the PDF's Image. */
export function svgToPng(svg: string): Buffer {
  const resvg = new Resvg(svg, {
    background: "#ffffff",
    fitTo: { mode: "width", value: CHART_IMAGE.width * CHART_IMAGE.scale },
    font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans", sansSerifFamily: "DejaVu Sans" },
  });
  return resvg.render().asPng();
}
