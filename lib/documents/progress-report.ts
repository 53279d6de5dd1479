import { formatDocumentDate, type Translate } from "./meeting-notice";
import type { DocumentBlock, LegalDocument } from "./model";
import { goalChartBlock, type DocumentLocale } from "./plan";
import { PROGRESS_CODES, type PeriodSummary, type ProgressCode } from "@/lib/progress/report-status";
import type { GoalMeasure } from "@/lib/validation/goal-measure";

/** One reported goal or objective line. */
export interface ReportLineInput {
  code: ProgressCode | null;
  justification: string;
  summary: PeriodSummary;
  /** The line's measure and its points in the period, for its chart (none for a narrative measure). */
  chart?: { measure: GoalMeasure | null; points: readonly { observedOn: string; value: number | null }[] };
}

export interface ProgressReportDocumentInput {
  language: string;
  status: "draft" | "final";
  studentName: string;
  schoolName: string;
  iepVersion: number;
  periodStart: string;
  reportCardDate: string;
  reportVersion: number;
  /** The IEP version's period (the aimline runs from baseline to target over it); null: no charts. */
  plan?: { start: string; end: string } | null;
  /** A correction: why, and the day the report it corrects was issued. */
  correction: { reason: string; correctsIssuedOn: string | null } | null;
  issuedOn: string | null;
  deliveryMethod: string | null;
  caseManagerName: string;
  goals: {
    number: number;
    area: string;
    text: string;
    line: ReportLineInput;
    objectives: { number: number; text: string; line: ReportLineInput }[];
  }[];
}

/** A number as the family reads it: at most two decimals, in the document's language. */
function formatNumber(language: string, value: number): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: 2 }).format(value);
}

/** The period's data summary as sentences (PM-3): one per fact, never a sentence built from pieces. */
export function summaryLines(language: string, summary: PeriodSummary, t: Translate): string[] {
  const k = (key: string) => `progressReports.summary.${key}`;
  const date = (value: string) => formatDocumentDate(language, value);
  const num = (value: number) => formatNumber(language, value);
  if (summary.points === 0) return [t(k("none"))];
  const lines = [t(k("count"), { n: summary.points, from: date(summary.first!.date), to: date(summary.last!.date) })];
  if (summary.first?.value !== null && summary.first?.value !== undefined && summary.last?.value != null)
    lines.push(t(k("firstLast"), { first: num(summary.first.value), last: num(summary.last.value) }));
  if (summary.mean !== null) lines.push(t(k("mean"), { mean: num(summary.mean) }));
  if (summary.aimlineMean !== null) lines.push(t(k("aimline"), { aim: num(summary.aimlineMean) }));
  if (summary.trendPerWeek !== null) lines.push(t(k("trend"), { trend: num(summary.trendPerWeek) }));
  return lines;
}

/**
 * The chart of one reported line (PM-5; the plan's chart, `goalChartBlock`): the period's data against
 * the aimline over the IEP's period, the reporting period shaded, and its data table. None without a
 * numeric measure, data in the period, or the plan's period.
 */
function lineChart(
  input: ProgressReportDocumentInput,
  line: ReportLineInput,
  l: DocumentLocale,
  label: string,
  caption: string,
): DocumentBlock[] {
  if (!input.plan || !line.chart || !line.chart.points.some((p) => p.value !== null)) return [];
  const block = goalChartBlock(
    l,
    {
      periodStart: input.plan.start,
      periodEnd: input.plan.end,
      bands: [{ from: input.periodStart, to: input.reportCardDate }],
    },
    line.chart.measure,
    line.chart.points.filter((p) => p.value !== null),
    label,
    caption,
    "progressReports.document.chartLegend",
  );
  return block ? [block] : [];
}

function lineBlocks(language: string, line: ReportLineInput, t: Translate): DocumentBlock[] {
  const k = (key: string) => `progressReports.document.${key}`;
  return [
    {
      kind: "field",
      label: t(k("status")),
      value: line.code ? t(`progressReports.codes.${line.code}`) : t(k("noCode")),
    },
    { kind: "field", label: t(k("justification")), value: line.justification.trim() || t(k("noJustification")) },
    { kind: "item", text: t(k("dataSummary")), detail: summaryLines(language, line.summary, t) },
  ];
}

/**
 * The progress report a family receives (34 CFR 300.320(a)(3)(ii); compliance.md D-13; CT IEP Manual
 * §12; legal-review PM-3/PM-4): the period and IEP it reports on, how and when it was issued, a
 * correction's reason, then for every goal and every short-term objective its Connecticut code, the
 * justification and the period's data summary, and what each code means. Already in the family's
 * language: the HTML view and the PDF both draw this model.
 */
export function progressReportDocument(input: ProgressReportDocumentInput, t: Translate): LegalDocument {
  const k = (key: string) => `progressReports.document.${key}`;
  const date = (value: string) => formatDocumentDate(input.language, value);
  const about: DocumentBlock[] = [
    {
      kind: "field",
      label: t(k("period")),
      value: t(k("periodValue"), { from: date(input.periodStart), to: date(input.reportCardDate) }),
    },
    { kind: "field", label: t(k("iep")), value: t(k("iepValue"), { number: input.iepVersion }) },
    { kind: "field", label: t(k("caseManager")), value: input.caseManagerName },
    { kind: "field", label: t(k("reportVersion")), value: String(input.reportVersion) },
    ...(input.issuedOn ? [{ kind: "field" as const, label: t(k("issuedOn")), value: date(input.issuedOn) }] : []),
    ...(input.deliveryMethod
      ? [
          {
            kind: "field" as const,
            label: t(k("deliveryMethod")),
            value: t(`progressReports.delivery.${input.deliveryMethod}`),
          },
        ]
      : []),
    ...(input.correction
      ? [
          {
            kind: "paragraph" as const,
            strong: true,
            text: input.correction.correctsIssuedOn
              ? t(k("correctionOf"), { date: date(input.correction.correctsIssuedOn) })
              : t(k("correction")),
          },
          { kind: "field" as const, label: t(k("correctionReason")), value: input.correction.reason },
        ]
      : []),
  ];
  const l: DocumentLocale = { locale: input.language, t, formatDate: date };
  const goalSections = input.goals.map((goal) => ({
    heading: t(k("goalHeading"), { n: goal.number, area: goal.area ? t(`plans.options.area.${goal.area}`) : "" }),
    blocks: [
      { kind: "paragraph" as const, text: goal.text },
      ...lineBlocks(input.language, goal.line, t),
      ...lineChart(
        input,
        goal.line,
        l,
        t(k("chartTitle"), { n: goal.number }),
        t(k("chartCaption"), { n: goal.number }),
      ),
      ...goal.objectives.flatMap((objective): DocumentBlock[] => {
        const values = { goal: goal.number, n: objective.number };
        return [
          { kind: "paragraph", strong: true, text: t(k("objectiveHeading"), values) },
          { kind: "paragraph", text: objective.text },
          ...lineBlocks(input.language, objective.line, t),
          ...lineChart(
            input,
            objective.line,
            l,
            t(k("objectiveChartTitle"), values),
            t(k("objectiveChartCaption"), values),
          ),
        ];
      }),
    ],
  }));
  return {
    kind: "progress_report",
    language: input.language,
    title: t(k("title")),
    studentName: input.studentName,
    subtitle: t(k("subtitle"), { school: input.schoolName, date: date(input.reportCardDate) }),
    status: input.status,
    draftLabel: t(k("draftLabel")),
    footer: t(k("footer")),
    pageLabel: t(k("pageLabel"), { page: "{page}", pages: "{pages}" }),
    sections: [
      { heading: t(k("about")), blocks: about },
      ...(input.goals.length
        ? goalSections
        : [{ heading: t(k("goals")), blocks: [{ kind: "paragraph" as const, text: t(k("noGoals")) }] }]),
      {
        heading: t(k("codesHeading")),
        blocks: PROGRESS_CODES.map((code) => ({
          kind: "field" as const,
          label: t(`progressReports.codes.${code}`),
          value: t(`progressReports.codeMeanings.${code}`),
        })),
      },
    ],
  };
}
