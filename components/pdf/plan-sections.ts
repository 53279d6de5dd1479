import type { GlanceView, PlanTypeName } from "@/lib/dto/plans";
import type { IepContent, Plan504Content, PlanContent } from "@/lib/validation/plans";
import type { PdfSection } from "./document-pdf";

type T = (key: string, values?: Record<string, string | number>) => string;

const dash = (value: string) => (value.trim() ? value : "—");

/** The sections of a plan version as PDF text, labelled through the translator (`plans` namespace). */
export function planPdfSections(type: PlanTypeName, content: PlanContent, t: T): PdfSection[] {
  const f = (key: string, values?: Record<string, string | number>) => t(`fields.${key}`, values);
  const o = (group: string, key: string) => (key ? t(`options.${group}.${key}`) : "—");
  const accommodations: PdfSection = {
    heading: f("accommodations"),
    lines: content.accommodations.flatMap((a, i) => [
      {
        text: `${i + 1}. ${a.text} (${o("kind", a.kind)}${a.classroom ? ` · ${f("classroom")}` : ""}${a.testing ? ` · ${f("testing")}` : ""})`,
        strong: true,
      },
      { text: `${f("teacherAction")}: ${dash(a.teacherAction)}`, indent: true },
      ...(a.responsible ? [{ text: `${f("responsible")}: ${a.responsible}`, indent: true }] : []),
    ]),
  };
  if (type === "504") {
    const c = content as Plan504Content;
    return [
      {
        heading: f("meetingDate"),
        lines: [
          {
            text: `${dash(c.meetingDate)} · ${f("reviewDate")}: ${dash(c.reviewDate)} · ${f("basis")}: ${o("basis", c.basis)}`,
          },
        ],
      },
      { heading: f("impairment"), lines: [{ text: dash(c.impairment) }] },
      {
        heading: f("majorLifeActivities"),
        lines: [{ text: c.majorLifeActivities.map((m) => o("mla", m)).join(", ") || "—" }],
      },
      { heading: f("evaluationSources"), lines: [{ text: dash(c.evaluationSources) }] },
      {
        heading: f("mitigatingMeasures"),
        lines: [{ text: dash(c.mitigatingMeasures) }, { text: f("mitigatingWarning") }],
      },
      accommodations,
    ];
  }
  const c = content as IepContent;
  return [
    { heading: f("meetingDate"), lines: [{ text: dash(c.meetingDate) }] },
    { heading: f("presentLevels"), lines: [{ text: dash(c.presentLevels) }] },
    ...(c.parentConcerns.trim() ? [{ heading: f("parentConcerns"), lines: [{ text: c.parentConcerns }] }] : []),
    {
      heading: f("goals"),
      lines: c.goals.flatMap((g, i) => [
        { text: `${f("goalN", { n: i + 1 })}${g.area ? ` · ${o("area", g.area)}` : ""}: ${g.text}`, strong: true },
        { text: `${f("baseline")}: ${dash(g.baseline)} · ${f("target")}: ${dash(g.target)}`, indent: true },
        { text: `${f("measurement")}: ${dash(g.measurement)} · ${f("schedule")}: ${dash(g.schedule)}`, indent: true },
        ...g.objectives.map((obj, j) => ({
          text: `${f("objectiveN", { n: j + 1 })}: ${obj.text} — ${f("criteria")}: ${dash(obj.criteria)}; ${f("evaluation")}: ${dash(obj.evaluation)}; ${f("objectiveSchedule")}: ${dash(obj.schedule)}`,
          indent: true,
        })),
      ]),
    },
    {
      heading: f("services"),
      lines: c.services.map((s) => ({
        text: `${s.type} (${o("category", s.category)}): ${s.minutes} / ${o("frequency", s.frequency)} · ${o("location", s.location)} · ${dash(s.providerName)} · ${dash(s.startDate)} – ${dash(s.endDate)}`,
      })),
    },
    accommodations,
    {
      heading: f("lre"),
      lines: [
        {
          text: `${f("schoolHoursPerWeek")}: ${dash(c.lre.schoolHoursPerWeek)} · ${f("hoursWithPeers")}: ${dash(c.lre.hoursWithPeers)}`,
        },
        { text: dash(c.lre.explanation) },
      ],
    },
    ...(c.transition.postsecondaryEducation || c.transition.employment
      ? [
          {
            heading: f("transition"),
            lines: [
              { text: `${f("transitionAssessments")}: ${dash(c.transition.assessments)}` },
              { text: `${f("postsecondaryEducation")}: ${dash(c.transition.postsecondaryEducation)}` },
              { text: `${f("employment")}: ${dash(c.transition.employment)}` },
              { text: `${f("independentLiving")}: ${dash(c.transition.independentLiving)}` },
              { text: `${f("transitionServices")}: ${dash(c.transition.services)}` },
            ],
          },
        ]
      : []),
    {
      heading: f("implementers"),
      lines: c.implementers.map((p) => ({ text: `${p.name}${p.role ? ` — ${p.role}` : ""}` })),
    },
  ];
}

/** The one-page implementer sheet: every accommodation with what to do, and the viewer's services. */
export function glancePdfSections(glance: GlanceView, t: T): PdfSection[] {
  return [
    {
      heading: t("fields.accommodations"),
      lines: glance.accommodations.flatMap((a) => [
        {
          text: `${a.text}${a.testing ? ` [${t("glance.testing")}]` : ""}${a.classroom ? ` [${t("glance.classroom")}]` : ""}`,
          strong: true,
        },
        { text: a.teacherAction, indent: true },
      ]),
    },
    ...(glance.myServices.length
      ? [
          {
            heading: t("glance.myServices"),
            lines: glance.myServices.map((s) => ({
              text: t("glance.serviceLine", {
                type: s.serviceType,
                minutes: s.minutes,
                frequency: t(`options.frequency.${s.frequency}`),
              }),
            })),
          },
        ]
      : []),
  ];
}
