import "server-only";
import type { PrintableDocument } from "@/lib/documents/model";
import { chartPng } from "@/lib/progress/chart-image";

/**
 * The document with every chart drawn as a PNG (recharts at a fixed size, rasterized by resvg), ready
 * for the PDF. The model itself stays data; only the PDF needs the pixels.
 */
export function withChartImages<D extends PrintableDocument>(doc: D): D {
  return {
    ...doc,
    sections: doc.sections.map((section) => ({
      ...section,
      blocks: section.blocks.map((block) =>
        block.kind === "chart" ? { ...block, image: chartPng(block.series, block.legend, doc.language) } : block,
      ),
    })),
  };
}
