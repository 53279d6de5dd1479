import type { LegalDocument } from "@/lib/documents/model";
import { documentFrame, type DocumentLocale } from "@/lib/documents/plan";
import type { GlanceView } from "@/lib/dto/plans";

/**
 * The one-page implementer sheet of the plan in force (pure): every accommodation with what to do,
 * flagged for class and tests, and the viewer's own services; the plan version's fingerprint on
 * every page. Only an active version has a glance, so it is never a draft.
 */
export function buildGlanceDocument(
  glance: GlanceView & { version: NonNullable<GlanceView["version"]> },
  l: DocumentLocale,
): LegalDocument {
  const { t } = l;
  const flags = (a: GlanceView["accommodations"][number]) =>
    [
      ...(a.classroom ? [t("plans.glance.classroom")] : []),
      ...(a.testing ? [t("plans.glance.testing")] : []),
      ...(a.kind === "modification" ? [t("plans.glance.modification")] : []),
    ].join(" · ");
  return {
    kind: "at_a_glance",
    title: t("plans.glance.title"),
    studentName: glance.student.name,
    subtitle: t("plans.glance.subtitle", {
      name: glance.student.name,
      grade: glance.student.grade,
      type: t(`plans.type.${glance.plan.type}`),
      number: glance.version.number,
      date: glance.version.effectiveOn ? l.formatDate(glance.version.effectiveOn) : "—",
    }),
    status: "final",
    sections: [
      {
        heading: t("plans.fields.accommodations"),
        blocks: [
          { kind: "paragraph", text: t("plans.glance.intro") },
          ...glance.accommodations.map((a) => ({
            kind: "item" as const,
            text: flags(a) ? `${a.text} (${flags(a)})` : a.text,
            detail: [a.teacherAction, ...(a.responsible ? [`${t("plans.fields.responsible")}: ${a.responsible}`] : [])],
          })),
        ],
      },
      ...(glance.myServices.length
        ? [
            {
              heading: t("plans.glance.myServices"),
              blocks: glance.myServices.map((s) => ({
                kind: "item" as const,
                text: t("plans.glance.serviceLine", {
                  type: s.serviceType,
                  minutes: s.minutes,
                  frequency: t(`plans.options.frequency.${s.frequency}`),
                }),
              })),
            },
          ]
        : []),
    ],
    ...documentFrame(l, glance.version.contentHash ?? "—"),
  };
}
