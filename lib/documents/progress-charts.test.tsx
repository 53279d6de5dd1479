import { renderToBuffer } from "@react-pdf/renderer";
import { renderToStaticMarkup } from "react-dom/server";
import { extractText, getDocumentProxy } from "unpdf";
import { describe, expect, it, vi } from "vitest";
import { DocumentView } from "@/components/documents/document-view";
import { completeIepContent } from "@/db/testing/plan-fixtures";
import { renderChartSvgs, withChartImages } from "@/lib/documents/chart-images";
import type { ChartBlock, LegalDocument } from "@/lib/documents/model";
import { LegalDocumentPdf } from "@/lib/documents/pdf";
import { buildPlanDocument, type PlanProgressInput } from "@/lib/documents/plan";
import type { DataPointView } from "@/lib/dto/progress";
import { translatorFor } from "@/lib/notifications/translator";
import type { GoalMeasure } from "@/lib/validation/goal-measure";

// The chart renderer is a process of its own, started by the first test: its start-up time depends on
// the machine's load, so this file does not hold it to the default test timeout.
vi.setConfig({ testTimeout: 180_000 });

const fold = (s: string) => s.replace(/\s+/g, " ");
const percent: GoalMeasure = {
  unit: "percent",
  direction: "increase",
  baseline: 40,
  baselineDate: "2026-09-01",
  target: 80,
  levels: [],
};
const rubric: GoalMeasure = {
  unit: "rubric",
  direction: "increase",
  baseline: 1,
  baselineDate: null,
  target: 3,
  levels: ["Beginning", "Developing", "Secure"],
};
const point = (id: string, observedOn: string, value: number, objectiveId: string | null = null): DataPointView => ({
  id,
  observedOn,
  value,
  objectiveId,
  method: "",
  setting: null,
  note: null,
  collectorName: null,
  corrected: false,
  correctionReason: null,
});

/** Goal 1 (percent, four points, an objective on a rubric with two), goal 2 (measured, no data), goal 3 (narrative). */
const progress: PlanProgressInput = {
  asOf: "2026-11-20",
  periodStart: "2026-09-02",
  periodEnd: "2027-06-15",
  bands: [
    { from: "2026-09-02", to: "2026-11-06" },
    { from: "2026-11-07", to: "2027-01-29" },
  ],
  goals: [
    {
      position: 0,
      measure: percent,
      objectives: [{ id: "obj-1", position: 0, text: "Reads multisyllabic words", measure: rubric }],
      points: [
        point("a", "2026-09-15", 45),
        point("b", "2026-10-01", 52.5),
        point("c", "2026-10-20", 58),
        point("d", "2026-11-10", 63),
        point("e", "2026-10-05", 2, "obj-1"),
        point("f", "2026-11-05", 3, "obj-1"),
      ],
    },
    { position: 1, measure: { ...percent, baseline: 10, target: 50 }, objectives: [], points: [] },
    {
      position: 2,
      measure: { ...percent, unit: "qualitative", baseline: null, target: null },
      objectives: [],
      points: [],
    },
  ],
};

const charts = (doc: LegalDocument) =>
  doc.sections.flatMap((s) => s.blocks).filter((b): b is ChartBlock => b.kind === "chart");

async function pdfOf(doc: LegalDocument) {
  const buffer = await renderToBuffer(<LegalDocumentPdf doc={await withChartImages(doc)} />);
  const proxy = await getDocumentProxy(new Uint8Array(buffer));
  const { text } = await extractText(proxy, { mergePages: true });
  // Image XObjects, as pdfkit writes them (object dictionaries are not compressed): each chart is a
  // PNG drawn at twice its size (1280 px wide), stored as an image that names its alpha mask.
  const raw = buffer.toString("latin1");
  const images = raw.match(/\/Subtype \/Image/g)?.length ?? 0;
  const charts = raw.match(/\/SMask \d+ 0 R/g)?.length ?? 0;
  const chartWide = raw.match(/\/Width 1280\b/g)?.length ?? 0;
  return { text: fold(text), images, charts, chartWide };
}

describe.each(["en", "es"] as const)("goal charts in the plan PDF in %s (issue 13, PM-5)", (locale) => {
  it("draws one chart image per measured goal and objective with data, with the data table and the legend", async () => {
    const l = await translatorFor(locale);
    const doc = buildPlanDocument(
      {
        type: "iep",
        student: { name: "Maya Ortiz", schoolName: "Oak Elementary" },
        version: {
          number: 2,
          status: "active",
          effectiveOn: "2026-09-02",
          contentHash: "ab".repeat(32),
          content: completeIepContent(),
        },
        progress,
      },
      l,
    );
    const blocks = charts(doc);
    expect(blocks.map((b) => b.label)).toEqual([
      l.t("progress.document.goalTitle", { n: 1 }),
      l.t("progress.document.objectiveTitle", { n: 1, objective: 1 }),
    ]);
    const sections = doc.sections.map((s) => s.heading);
    expect(sections.indexOf(l.t("progress.document.heading"))).toBe(sections.indexOf(l.t("plans.fields.goals")) + 1);

    const { text, images, charts: drawn, chartWide } = await pdfOf(doc);
    expect(drawn).toBe(2);
    expect(images).toBe(2 * 2);
    expect(chartWide).toBe(2 * 2);
    expect(text).toContain(fold(l.t("progress.document.noData", { n: 2 })));
    expect(text).not.toContain(fold(l.t("progress.document.goalTitle", { n: 3 })));
    for (const block of blocks) {
      expect(text).toContain(fold(block.label));
      expect(text).toContain(fold(block.legendText));
      expect(text).toContain(fold(block.table.caption));
      for (const cell of block.table.rows.flat()) expect(text).toContain(fold(cell));
    }
    expect(text).toContain(l.formatDate("2026-10-01"));
    expect(text).toContain(locale === "es" ? "52,5 %" : "52.5 %");
    expect(text).toContain("3. Secure");

    const html = fold(
      renderToStaticMarkup(<DocumentView doc={doc} />)
        .replace(/<[^>]+>/g, " ")
        .replace(/&#x27;/g, "'"),
    );
    for (const block of blocks)
      for (const cell of [block.label, ...block.table.rows.flat()]) expect(html).toContain(fold(cell));
  });
});

describe("the chart image is recharts' drawing of the shared series", () => {
  it("has every data point, the dashed aimline, the trend and the report-period bands", async () => {
    const l = await translatorFor("en");
    const doc = buildPlanDocument(
      {
        type: "iep",
        student: { name: "Maya Ortiz", schoolName: "Oak Elementary" },
        version: {
          number: 2,
          status: "active",
          effectiveOn: "2026-09-02",
          contentHash: null,
          content: completeIepContent(),
        },
        progress,
      },
      l,
    );
    const goal = charts(doc)[0]!;
    const [svg] = await renderChartSvgs([{ series: goal.series, legend: goal.legend, locale: "en" }]);
    expect(svg!.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg!.match(/class="recharts-symbols"/g)).toHaveLength(4);
    expect(svg).toContain('stroke-dasharray="6 4"');
    expect(svg!.match(/recharts-reference-area-rect"/g)).toHaveLength(2);
    expect(svg!.match(/class="recharts-curve recharts-line-curve"/g)).toHaveLength(2);
    expect(svg).toContain("Sep");
    const drawn = charts(await withChartImages(doc));
    expect(drawn.map((b) => Buffer.from(b.image!.subarray(1, 4)).toString("latin1"))).toEqual(["PNG", "PNG"]);
  });
});
