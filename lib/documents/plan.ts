import type { ChartBlock, DocumentBlock, DocumentSection, LegalDocument } from "@/lib/documents/model";
import type { PlanTypeName, VersionStatusName } from "@/lib/dto/plans";
import type { GoalProgressView } from "@/lib/dto/progress";
import { contentHash } from "@/lib/plans/hash";
import { formatMeasureValue } from "@/lib/progress/format";
import { chartSeries, type ChartBand } from "@/lib/progress/series";
import type { GoalMeasure } from "@/lib/validation/goal-measure";
import type { IepContent, Plan504Content, PlanContent } from "@/lib/validation/plans";

/** A translator over full message keys (`plans.fields.goals`), as `translatorFor` returns. */
export type Translate = (key: string, values?: Record<string, string | number>) => string;

/**
 * The language a document is written in: its translator and its date formatter (one localized
 * format for every date a person reads, `formatDay`). Documents are drawn in the viewer's language;
 * for a guardian that is the language of the family's account, so a family always receives its
 * plan in its own language, and staff print in theirs.
 */
export interface DocumentLocale {
  locale: string;
  t: Translate;
  formatDate: (isoDate: string) => string;
}

/** The version of a plan a document is drawn from. */
export interface PlanDocumentInput {
  type: PlanTypeName;
  student: { name: string; schoolName: string };
  version: {
    number: number;
    status: VersionStatusName;
    effectiveOn: string | null;
    contentHash: string | null;
    content: PlanContent;
  };
  /** The goal data of this version (an IEP in force or once in force), drawn as charts after the goals. */
  progress?: PlanProgressInput | null;
}

/** A version's goal data for its document: the goals as the progress page loads them, and the bands. */
export interface PlanProgressInput {
  /** The last day the data cover (the reader's today). */
  asOf: string;
  periodStart: string;
  periodEnd: string;
  bands: ChartBand[];
  goals: Pick<GoalProgressView, "position" | "measure" | "objectives" | "points">[];
}

/** Versions a family may still see change (draft, proposed) carry the DRAFT watermark. */
export function documentStatus(status: VersionStatusName): LegalDocument["status"] {
  return status === "draft" || status === "proposed" ? "draft" : "final";
}

/** The words every legal document of a plan shares: watermark, page label, fingerprint footer. */
export function documentFrame(l: DocumentLocale, fingerprint: string) {
  return {
    language: l.locale,
    draftLabel: l.t("plans.document.draft"),
    pageLabel: l.t("plans.document.page", { page: "{page}", pages: "{pages}" }),
    footer: l.t("plans.page.contentHash", { hash: fingerprint }),
  };
}

function labels(l: DocumentLocale) {
  const dash = (value: string) => (value.trim() ? value : "—");
  return {
    dash,
    f: (key: string, values?: Record<string, string | number>) => l.t(`plans.fields.${key}`, values),
    o: (group: string, key: string) => (key ? l.t(`plans.options.${group}.${key}`) : "—"),
    day: (value: string) => (value ? l.formatDate(value) : "—"),
  };
}

function accommodationsSection(content: PlanContent, l: DocumentLocale): DocumentSection {
  const { f, o, dash } = labels(l);
  return {
    heading: f("accommodations"),
    blocks: content.accommodations.length
      ? content.accommodations.map((a, i) => ({
          kind: "item" as const,
          text: `${i + 1}. ${a.text} (${[o("kind", a.kind), ...(a.classroom ? [f("classroom")] : []), ...(a.testing ? [f("testing")] : [])].join(" · ")})`,
          detail: [
            `${f("teacherAction")}: ${dash(a.teacherAction)}`,
            ...(a.responsible ? [`${f("responsible")}: ${a.responsible}`] : []),
          ],
        }))
      : [{ kind: "paragraph", text: l.t("plans.none") }],
  };
}

function text(value: string, l: DocumentLocale): DocumentBlock {
  return { kind: "paragraph", text: value.trim() ? value : l.t("plans.none") };
}

function sections504(c: Plan504Content, l: DocumentLocale): DocumentSection[] {
  const { f, o, day } = labels(l);
  return [
    {
      heading: f("sectionEligibility"),
      blocks: [
        { kind: "field", label: f("meetingDate"), value: day(c.meetingDate) },
        { kind: "field", label: f("reviewDate"), value: day(c.reviewDate) },
        { kind: "field", label: f("basis"), value: o("basis", c.basis) },
      ],
    },
    { heading: f("impairment"), blocks: [text(c.impairment, l)] },
    {
      heading: f("majorLifeActivities"),
      blocks: [text(c.majorLifeActivities.map((m) => o("mla", m)).join(", "), l)],
    },
    { heading: f("evaluationSources"), blocks: [text(c.evaluationSources, l)] },
    {
      heading: f("mitigatingMeasures"),
      blocks: [text(c.mitigatingMeasures, l), { kind: "paragraph", text: f("mitigatingWarning") }],
    },
    accommodationsSection(c, l),
  ];
}

/** When the parents get progress reports, as the IEP writes it (D-13; with report cards when not written). */
function reportingSection(c: IepContent, l: DocumentLocale): DocumentSection {
  const { f, day } = labels(l);
  const schedule = c.progressReporting;
  const value =
    schedule?.kind === "weeks"
      ? f("reportingEveryWeeks", { weeks: Number(schedule.everyWeeks) || 0 })
      : schedule?.kind === "dates"
        ? f("reportingOnDates")
        : f("reportingWithReportCards");
  return {
    heading: f("progressReporting"),
    blocks: [
      { kind: "field", label: f("reportingKind"), value },
      ...(schedule?.kind === "dates"
        ? schedule.dates.map((d, i) => ({
            kind: "field" as const,
            label: f("reportingDateN", { n: i + 1 }),
            value: day(d.date),
          }))
        : []),
    ],
  };
}

function sectionsIep(c: IepContent, l: DocumentLocale): DocumentSection[] {
  const { f, o, dash, day } = labels(l);
  const hours = Number(c.lre.schoolHoursPerWeek);
  const peers = Number(c.lre.hoursWithPeers);
  const transition =
    c.transition.postsecondaryEducation || c.transition.employment || c.transition.assessments
      ? [
          {
            heading: f("transition"),
            blocks: [
              { kind: "field" as const, label: f("transitionAssessments"), value: dash(c.transition.assessments) },
              {
                kind: "field" as const,
                label: f("postsecondaryEducation"),
                value: dash(c.transition.postsecondaryEducation),
              },
              { kind: "field" as const, label: f("employment"), value: dash(c.transition.employment) },
              { kind: "field" as const, label: f("independentLiving"), value: dash(c.transition.independentLiving) },
              { kind: "field" as const, label: f("transitionServices"), value: dash(c.transition.services) },
              ...(c.transition.rightsTransfer
                ? [{ kind: "field" as const, label: f("rightsTransfer"), value: c.transition.rightsTransfer }]
                : []),
            ],
          },
        ]
      : [];
  return [
    {
      heading: f("sectionBasics"),
      blocks: [{ kind: "field", label: f("meetingDate"), value: day(c.meetingDate) }],
    },
    { heading: f("presentLevels"), blocks: [text(c.presentLevels, l)] },
    ...(c.parentConcerns.trim() ? [{ heading: f("parentConcerns"), blocks: [text(c.parentConcerns, l)] }] : []),
    {
      heading: f("goals"),
      blocks: c.goals.length
        ? c.goals.map((g, i) => ({
            kind: "item" as const,
            text: `${f("goalN", { n: i + 1 })}${g.area ? ` · ${o("area", g.area)}` : ""}: ${g.text}`,
            detail: [
              `${f("baseline")}: ${dash(g.baseline)}`,
              `${f("target")}: ${dash(g.target)}`,
              `${f("measurement")}: ${dash(g.measurement)}`,
              `${f("schedule")}: ${dash(g.schedule)}`,
              ...g.objectives.map(
                (obj, j) =>
                  `${f("objectiveN", { n: j + 1 })}: ${obj.text} — ${f("criteria")}: ${dash(obj.criteria)}; ${f("evaluation")}: ${dash(obj.evaluation)}; ${f("objectiveSchedule")}: ${dash(obj.schedule)}`,
              ),
            ],
          }))
        : [{ kind: "paragraph", text: l.t("plans.none") }],
    },
    reportingSection(c, l),
    {
      heading: f("services"),
      blocks: c.services.length
        ? c.services.map((s) => ({
            kind: "item" as const,
            text: `${s.type} (${o("category", s.category)})`,
            detail: [
              `${f("minutes")}: ${s.minutes} / ${o("frequency", s.frequency)}`,
              `${f("location")}: ${o("location", s.location)}`,
              `${f("providerName")}: ${dash(s.providerName)}`,
              `${f("startDate")}: ${day(s.startDate)} · ${f("endDate")}: ${day(s.endDate)}`,
            ],
          }))
        : [{ kind: "paragraph", text: l.t("plans.none") }],
    },
    accommodationsSection(c, l),
    {
      heading: f("lre"),
      blocks: [
        { kind: "field", label: f("schoolHoursPerWeek"), value: dash(c.lre.schoolHoursPerWeek) },
        { kind: "field", label: f("hoursWithPeers"), value: dash(c.lre.hoursWithPeers) },
        ...(hours > 0 && peers <= hours
          ? [{ kind: "paragraph" as const, text: f("peersPercent", { percent: Math.round((peers / hours) * 100) }) }]
          : []),
        text(c.lre.explanation, l),
      ],
    },
    ...transition,
    {
      heading: f("implementers"),
      blocks: c.implementers.length
        ? c.implementers.map((p) => ({ kind: "item" as const, text: `${p.name}${p.role ? ` — ${p.role}` : ""}` }))
        : [{ kind: "paragraph", text: l.t("plans.none") }],
    },
  ];
}

/**
 * One goal's or objective's chart with its data table, as a document block (PM-5): the series of
 * `chartSeries` over the plan's period with the bands given. The plan's progress section and the
 * progress report (lib/documents/progress-report.ts) both draw their charts with it; `legendKey`
 * names what the shaded bands are.
 */
export function goalChartBlock(
  l: DocumentLocale,
  period: { periodStart: string; periodEnd: string; bands: readonly ChartBand[] },
  measure: GoalMeasure | null,
  points: readonly { observedOn: string; value: number | null }[],
  label: string,
  caption: string,
  legendKey = "progress.document.legend",
): ChartBlock | null {
  const series = chartSeries({
    measure,
    points,
    periodStart: period.periodStart,
    periodEnd: period.periodEnd,
    bands: period.bands,
  });
  if (!series) return null;
  const legend = {
    data: l.t("progress.chart.data"),
    aimline: l.t("progress.chart.aimline"),
    trend: l.t("progress.chart.trend"),
  };
  return {
    kind: "chart",
    label,
    series,
    legend,
    legendText: l.t(legendKey, legend),
    table: {
      caption,
      columns: [l.t("progress.table.date"), l.t("progress.table.value")],
      rows: points.map((p) => [l.formatDate(p.observedOn), formatMeasureValue(measure, p.value, l.locale)]),
    },
  };
}

/**
 * The goal data of a version as charts with their data tables (PM-5: the same chart as the progress
 * page, from `chartSeries`): for each goal with a structured measure, its chart when it has data (or
 * a line saying it has none yet), then one chart per short-term objective with its own measure and data.
 */
export function progressSection(progress: PlanProgressInput, l: DocumentLocale): DocumentSection | null {
  const blocks: DocumentBlock[] = [];
  for (const goal of progress.goals) {
    if (!goal.measure || goal.measure.unit === "qualitative") continue;
    const n = goal.position + 1;
    const goalPoints = goal.points.filter((p) => p.objectiveId === null && p.value !== null);
    const chart = goalPoints.length
      ? goalChartBlock(
          l,
          progress,
          goal.measure,
          goalPoints,
          l.t("progress.document.goalTitle", { n }),
          l.t("progress.table.caption", { n }),
        )
      : null;
    blocks.push(chart ?? { kind: "paragraph", text: l.t("progress.document.noData", { n }) });
    for (const objective of goal.objectives) {
      const objectivePoints = goal.points.filter((p) => p.objectiveId === objective.id && p.value !== null);
      if (!objective.measure || objectivePoints.length === 0) continue;
      const values = { n, objective: objective.position + 1 };
      const block = goalChartBlock(
        l,
        progress,
        objective.measure,
        objectivePoints,
        l.t("progress.document.objectiveTitle", values),
        l.t("progress.table.objectiveCaption", values),
      );
      if (block) blocks.push(block);
    }
  }
  if (blocks.length === 0) return null;
  return {
    heading: l.t("progress.document.heading"),
    blocks: [
      { kind: "paragraph", text: l.t("progress.document.asOf", { date: l.formatDate(progress.asOf) }) },
      ...blocks,
    ],
  };
}

/** The progress section goes right after the goals section (the fourth or fifth of an IEP). */
function withProgress(sections: DocumentSection[], progress: PlanProgressInput | null | undefined, l: DocumentLocale) {
  const section = progress ? progressSection(progress, l) : null;
  if (!section) return sections;
  const goals = sections.findIndex((s) => s.heading === l.t("plans.fields.goals"));
  return [...sections.slice(0, goals + 1), section, ...sections.slice(goals + 1)];
}

/**
 * The legal document of one plan version (pure): every content field of the IEP or 504 plan, dates
 * in the document's localized format, the fingerprint of the content on every page (the stored
 * hash of a final version, else the hash of the draft's current text), DRAFT while draft or proposed.
 * With `progress`, an IEP's document also carries its goal data as charts after the goals
 * (`progressSection`); the fingerprint still covers the plan's content only.
 */
export function buildPlanDocument(input: PlanDocumentInput, l: DocumentLocale): LegalDocument {
  const { version } = input;
  const subtitle = [
    input.student.schoolName,
    l.t("plans.versionLabel", { number: version.number }),
    l.t(`plans.status.${version.status}`),
    ...(version.effectiveOn ? [l.t("plans.page.effective", { date: l.formatDate(version.effectiveOn) })] : []),
  ].join(" · ");
  return {
    kind: "plan",
    title: l.t("plans.page.title", { type: l.t(`plans.typeLong.${input.type}`), name: input.student.name }),
    studentName: input.student.name,
    subtitle,
    status: documentStatus(version.status),
    sections:
      input.type === "504"
        ? sections504(version.content as Plan504Content, l)
        : withProgress(sectionsIep(version.content as IepContent, l), input.progress, l),
    ...documentFrame(l, version.contentHash ?? contentHash(version.content)),
  };
}
