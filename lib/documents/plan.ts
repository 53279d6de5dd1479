import type { DocumentBlock, DocumentSection, LegalDocument } from "@/lib/documents/model";
import type { PlanTypeName, VersionStatusName } from "@/lib/dto/plans";
import { contentHash } from "@/lib/plans/hash";
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
 * The legal document of one plan version (pure): every content field of the IEP or 504 plan, dates
 * in the document's localized format, the fingerprint of the content on every page (the stored
 * hash of a final version, else the hash of the draft's current text), DRAFT while draft or proposed.
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
        : sectionsIep(version.content as IepContent, l),
    ...documentFrame(l, version.contentHash ?? contentHash(version.content)),
  };
}
