import type { ReportDocument } from "@/lib/documents/model";
import type { DocumentLocale } from "@/lib/documents/plan";
import type { EvidenceReport } from "@/lib/dto/delivery";

/**
 * The implementation evidence report (pure): for each accommodation of the plan versions in force
 * in the range, who was responsible, their acknowledgment and every logged delivery. It is a report
 * drawn on demand from the delivery log, not a document of the record sent to a family (nothing is
 * stored, signed or fingerprinted), so its footer names the report and the range instead of a hash;
 * it shares the document model so the PDF has the same header, page numbers and unbroken words.
 */
export function buildEvidenceDocument(
  report: EvidenceReport,
  range: { from: string; to: string },
  l: DocumentLocale,
): ReportDocument {
  const { t, formatDate, locale } = l;
  const stamp = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "America/New_York" });
  const day = (date: string | null) =>
    !date ? t("delivery.evidence.ongoing") : date.length === 10 ? formatDate(date) : stamp.format(new Date(date));
  const title = t("delivery.evidence.title");
  const sections: ReportDocument["sections"] = report.accommodations.map((item) => ({
    heading: `${item.text} — ${t("delivery.evidence.version", { type: t(`plans.type.${item.planType}`), number: item.versionNumber, from: day(item.effectiveOn), to: day(item.endedOn) })}`,
    blocks: [
      { kind: "paragraph", text: item.teacherAction },
      { kind: "paragraph", text: t("delivery.evidence.responsible"), strong: true },
      ...item.responsible.map((r) => ({
        kind: "item" as const,
        text: `${r.name}${r.section ? ` (${r.section})` : ""}: ${day(r.from)} – ${day(r.to)} · ${r.acknowledgedAt ? t("delivery.evidence.acknowledgedOn", { date: day(r.acknowledgedAt) }) : t("delivery.evidence.notAcknowledged")}`,
      })),
      {
        kind: "paragraph",
        text: `${t("delivery.evidence.entries")}: ${t("delivery.evidence.counts", item.counts)}`,
        strong: true,
      },
      ...(item.entries.length
        ? item.entries.map((e) => ({
            kind: "item" as const,
            text: `${day(e.date)} · ${e.section ?? "—"} · ${t(`delivery.log.status.${e.status}`)}${e.reason ? ` · ${e.reason}` : ""}${e.note ? ` · ${e.note}` : ""} · ${e.loggedBy}${e.replaced ? ` (${t("delivery.evidence.replaced")})` : ""}`,
          }))
        : [{ kind: "paragraph" as const, text: t("delivery.evidence.noEntries") }]),
    ],
  }));
  return {
    kind: "evidence_report",
    language: locale,
    title,
    studentName: report.student.name,
    subtitle: `${t("delivery.evidence.subtitle", { name: report.student.name, grade: report.student.grade, school: report.student.schoolName })} · ${day(range.from)} – ${day(range.to)}`,
    status: "final",
    draftLabel: t("plans.document.draft"),
    pageLabel: t("plans.document.page", { page: "{page}", pages: "{pages}" }),
    footer: `${title} · ${report.student.name}`,
    sections: sections.length
      ? sections
      : [{ heading: title, blocks: [{ kind: "paragraph", text: t("delivery.evidence.empty") }] }],
  };
}
