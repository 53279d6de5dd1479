"use client";

import { useEffect, useRef, useState, type ComponentType } from "react";
import type { ChartFrameProps } from "./goal-chart";

/** How far below the viewport a chart starts loading, so it is usually drawn by the time it is seen. */
const AHEAD = "400px 0px";

/**
 * A goal chart that loads the charting library (recharts, about 120 kB gzipped) only when it comes
 * near the viewport, so a page of charts opens without it (issue 15: parents open the plan page on
 * phones). Until then, and without JavaScript, it is an empty frame of the chart's size with the
 * chart's accessible name; the data table next to it carries the same data as text.
 */
export function LazyChartFrame(props: ChartFrameProps) {
  const placeholder = useRef<HTMLDivElement>(null);
  const [Frame, setFrame] = useState<ComponentType<ChartFrameProps> | null>(null);
  useEffect(() => {
    const node = placeholder.current;
    if (!node) return;
    let cancelled = false;
    const load = () =>
      void import("./goal-chart").then((m) => {
        if (!cancelled) setFrame(() => m.ChartFrame);
      });
    if (typeof IntersectionObserver === "undefined") {
      load();
      return () => {
        cancelled = true;
      };
    }
    const observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        observer.disconnect();
        load();
      },
      { rootMargin: AHEAD },
    );
    observer.observe(node);
    return () => {
      cancelled = true;
      observer.disconnect();
    };
  }, []);
  if (Frame) return <Frame {...props} />;
  return <div ref={placeholder} role="img" aria-label={props.label} className="h-64 w-full rounded bg-slate-50" />;
}
