import { describe, expect, it } from "vitest";
import { htmlText, pdfBuffer, pdfText, textOfPdf } from "@/components/testing/document-text";
import { translatorFor } from "@/lib/notifications/translator";
import { PROGRESS_CODES } from "@/lib/progress/report-status";
import { withChartImages } from "@/lib/documents/chart-images";
import { dayNumber } from "@/lib/progress/series";
import type { GoalMeasure } from "@/lib/validation/goal-measure";
import { documentTexts, type ChartBlock } from "./model";
import { progressReportDocument, type ProgressReportDocumentInput } from "./progress-report";

const summary = (points: number) => ({
  points,
  first: points ? { date: "2026-10-05", value: 52 } : null,
  last: points ? { date: "2026-11-02", value: 61.5 } : null,
  mean: points ? 57.25 : null,
  aimlineMean: points ? 55 : null,
  trendPerWeek: points ? 2.4 : null,
});

const report = (language: string): ProgressReportDocumentInput => ({
  language,
  status: "final",
  studentName: "Maya Ortiz",
  schoolName: "Oak Elementary",
  iepVersion: 2,
  periodStart: "2026-09-01",
  reportCardDate: "2026-11-06",
  reportVersion: 2,
  correction: { reason: "Goal 2's data summary left out a probe.", correctsIssuedOn: "2026-11-06" },
  issuedOn: "2026-11-09",
  deliveryMethod: "with_student",
  caseManagerName: "Dana Lee",
  goals: [
    {
      number: 1,
      area: "reading",
      text: "Will read grade-level passages with 80% accuracy.",
      line: { code: "satisfactory_progress", justification: "Accuracy rose on weekly probes.", summary: summary(4) },
      objectives: [
        {
          number: 1,
          text: "Will decode two-syllable words.",
          line: { code: "limited_progress", justification: "Decoding improved slowly.", summary: summary(3) },
        },
      ],
    },
    {
      number: 2,
      area: "behavior",
      text: "Will reduce call-outs during lessons.",
      line: { code: "not_introduced", justification: "Starts after the winter break.", summary: summary(0) },
      objectives: [],
    },
  ],
});

describe("progress report document (D-13; legal-review PM-3/PM-4: one model, two renderings)", () => {
  it.each(["en", "es"])(
    "D-13 (%s): period, IEP, issue date, delivery, correction, every goal and objective with code, justification and data summary are in the HTML and the PDF",
    async (language) => {
      const { t } = await translatorFor(language);
      const input = report(language);
      const doc = progressReportDocument(input, t);
      const [html, pdf] = [htmlText(doc), await pdfText(doc)];
      for (const text of documentTexts(doc)) {
        expect(html, text).toContain(text);
        expect(pdf, text).toContain(text);
      }
      const all = documentTexts(doc).join(" ");
      for (const text of [
        "Maya Ortiz",
        "Oak Elementary",
        "Dana Lee",
        "Will read grade-level passages with 80% accuracy.",
        "Will decode two-syllable words.",
        "Accuracy rose on weekly probes.",
        "Decoding improved slowly.",
        "Starts after the winter break.",
        "Goal 2's data summary left out a probe.",
        t("progressReports.codes.satisfactory_progress"),
        t("progressReports.codes.limited_progress"),
        t("progressReports.codes.not_introduced"),
        t("progressReports.delivery.with_student"),
        t("progressReports.summary.none"),
        t("progressReports.document.iepValue", { number: 2 }),
        t("plans.options.area.reading"),
      ])
        expect(all, text).toContain(text);
      for (const code of PROGRESS_CODES) expect(all).toContain(t(`progressReports.codeMeanings.${code}`));
      expect(all).toContain(language === "es" ? "57,25" : "57.25");
      expect(all).toContain(language === "es" ? "61,5" : "61.5");
    },
  );

  it("the Spanish report is written in Spanish, dates included", async () => {
    const { t } = await translatorFor("es");
    const doc = progressReportDocument(report("es"), t);
    expect(doc.language).toBe("es");
    expect(doc.title).toBe("Informe de progreso sobre las metas del IEP");
    const all = documentTexts(doc).join(" ");
    expect(all).toContain("noviembre");
    expect(all).toContain("Progreso satisfactorio");
    expect(all).not.toContain("Satisfactory");
  });

  it("a draft shows uncoded lines and unwritten justifications as such, with the DRAFT mark on every PDF page", async () => {
    const { t } = await translatorFor("en");
    const input = report("en");
    const doc = progressReportDocument(
      {
        ...input,
        status: "draft",
        issuedOn: null,
        deliveryMethod: null,
        correction: null,
        goals: [{ ...input.goals[0]!, line: { code: null, justification: " ", summary: summary(2) } }],
      },
      t,
    );
    const texts = documentTexts(doc);
    expect(texts).toContain(t("progressReports.document.noCode"));
    expect(texts).toContain(t("progressReports.document.noJustification"));
    expect(texts.join(" ")).not.toContain(t("progressReports.document.issuedOn"));
    expect(await pdfText(doc)).toContain("DRAFT");
  });
});

describe("the goal charts in the progress report (PM-5: the plan PDF's chart, for the period)", () => {
  const percent: GoalMeasure = {
    unit: "percent",
    direction: "increase",
    baseline: 40,
    baselineDate: "2026-09-01",
    target: 80,
    levels: [],
  };
  const points = [
    { observedOn: "2026-09-15", value: 48 },
    { observedOn: "2026-10-06", value: 55 },
    { observedOn: "2026-10-27", value: 61 },
  ];
  const charted = (language: string): ProgressReportDocumentInput => {
    const base = report(language);
    const [reading, behavior] = base.goals;
    return {
      ...base,
      plan: { start: "2026-09-01", end: "2027-08-31" },
      goals: [
        {
          ...reading!,
          line: { ...reading!.line, chart: { measure: percent, points } },
          objectives: [
            // An objective with data on a narrative measure, and one without data: no chart for either.
            {
              ...reading!.objectives[0]!,
              line: {
                ...reading!.objectives[0]!.line,
                chart: {
                  measure: { ...percent, unit: "qualitative" },
                  points: [{ observedOn: "2026-10-01", value: null }],
                },
              },
            },
          ],
        },
        { ...behavior!, line: { ...behavior!.line, chart: { measure: percent, points: [] } } },
      ],
    };
  };

  it.each(["en", "es"])(
    "(%s) one chart per goal with data in the period: the period's points, the aimline over the IEP, the period shaded; its table in the HTML; the image in the PDF",
    async (language) => {
      const { t } = await translatorFor(language);
      const doc = progressReportDocument(charted(language), t);
      const charts = doc.sections.flatMap((s) => s.blocks).filter((b): b is ChartBlock => b.kind === "chart");
      expect(charts.map((c) => c.label)).toEqual([t("progressReports.document.chartTitle", { n: 1 })]);
      const [chart] = charts;
      expect(chart!.series.points.map((p) => p.y)).toEqual([48, 55, 61]);
      expect(chart!.series.aimline?.map((p) => p.y)).toEqual([40, 80]);
      expect(chart!.series.bands).toEqual([{ x1: dayNumber("2026-09-01"), x2: dayNumber("2026-11-06") }]);
      expect(chart!.table.rows).toHaveLength(3);
      const html = htmlText(doc);
      expect(html).toContain(t("progressReports.document.chartCaption", { n: 1 }));
      for (const [day, value] of chart!.table.rows) {
        expect(html).toContain(day!);
        expect(html).toContain(value!);
      }
      const buffer = await pdfBuffer(await withChartImages(doc));
      const raw = buffer.toString("latin1");
      // One chart: a PNG image XObject and its alpha mask.
      expect(raw.match(/\/Subtype \/Image/g)?.length ?? 0).toBe(2);
      expect(await textOfPdf(buffer)).toContain(chart!.legendText);
    },
  );

  it("a report without the IEP's period (or without data) has no chart and no image", async () => {
    const { t } = await translatorFor("en");
    const doc = progressReportDocument(report("en"), t);
    expect(doc.sections.flatMap((s) => s.blocks).some((b) => b.kind === "chart")).toBe(false);
  });
});
