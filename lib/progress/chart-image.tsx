import { Resvg } from "@resvg/resvg-js";
import { Window } from "happy-dom";
import { act } from "react";
import { createRoot } from "react-dom/client";
import { ChartFigure, type ChartLegend } from "./chart-figure";
import type { ChartSeries } from "./series";

/** The size the PDF's charts are drawn at (CSS pixels), and the scale of the raster (print quality). */
export const CHART_IMAGE = { width: 640, height: 240, scale: 2 } as const;

type Globals = Record<"window" | "document" | "IS_REACT_ACT_ENVIRONMENT", unknown>;

/**
 * The chart's SVG as recharts draws it. Recharts 3 lays a chart out in effects, so a server
 * renderer (`renderToStaticMarkup`) gets an empty wrapper (recharts issue 5997); the chart is
 * instead rendered with React DOM into a happy-dom document inside one synchronous `act()`, which
 * runs every effect and re-render before it returns. The `window`/`document` globals React DOM reads
 * exist only for that synchronous call and are restored after it. The app's server never imports
 * this module (its route handlers run React's server build, without React DOM's client): it runs in
 * its own process, `chart-render.ts`.
 */
export function chartSvg(series: ChartSeries, legend: ChartLegend, locale: string): string {
  const win = new Window({ width: CHART_IMAGE.width, height: CHART_IMAGE.height });
  const globals = globalThis as unknown as Globals;
  const saved: Globals = {
    window: globals.window,
    document: globals.document,
    IS_REACT_ACT_ENVIRONMENT: globals.IS_REACT_ACT_ENVIRONMENT,
  };
  Object.assign(globals, { window: win, document: win.document, IS_REACT_ACT_ENVIRONMENT: true });
  try {
    const container = win.document.createElement("div");
    win.document.body.appendChild(container);
    const root = createRoot(container as unknown as Element);
    act(() =>
      root.render(
        <ChartFigure
          series={series}
          legend={legend}
          locale={locale}
          width={CHART_IMAGE.width}
          height={CHART_IMAGE.height}
          showLegend={false}
        />,
      ),
    );
    const svg = container.querySelector(".recharts-wrapper > svg");
    const markup = svg ? svg.outerHTML : "";
    act(() => root.unmount());
    if (!markup) throw new Error("chart did not render");
    return markup.includes("xmlns=") ? markup : markup.replace("<svg", '<svg xmlns="http://www.w3.org/2000/svg"');
  } finally {
    Object.assign(globals, saved);
    void win.happyDOM.close();
  }
}

/** The chart as a PNG (white background, twice the drawn size) for the PDF's Image. */
export function chartPng(series: ChartSeries, legend: ChartLegend, locale: string): Buffer {
  const resvg = new Resvg(chartSvg(series, legend, locale), {
    background: "#ffffff",
    fitTo: { mode: "width", value: CHART_IMAGE.width * CHART_IMAGE.scale },
    font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans", sansSerifFamily: "DejaVu Sans" },
  });
  return resvg.render().asPng();
}
