import { renderToBuffer } from "@react-pdf/renderer";
import { extractText, getDocumentProxy } from "unpdf";
import { describe, expect, it } from "vitest";
import { LegalDocumentPdf } from "@/lib/documents/pdf";
import type { EvidenceReport } from "@/lib/dto/delivery";
import { translatorFor } from "@/lib/notifications/translator";
import { buildEvidenceDocument } from "./evidence-report";
import { documentTexts } from "./model";

const fold = (s: string) => s.replace(/\s+/g, " ");

const report: EvidenceReport = {
  student: { id: "s", name: "Maya Ortiz", grade: "3", schoolName: "Oak Elementary" },
  from: "2026-09-01",
  to: "2026-11-20",
  showNotes: true,
  accommodations: [
    {
      id: "a",
      planType: "iep",
      versionNumber: 2,
      effectiveOn: "2026-09-08",
      endedOn: null,
      text: "Extended time (1.5x)",
      teacherAction: "Give time and a half on tests.",
      classroom: true,
      testing: true,
      responsible: [
        {
          name: "Dana Lee",
          role: "teacher",
          section: "Grade 3 ELA",
          from: "2026-09-08",
          to: null,
          acknowledgedAt: "2026-09-09T14:00:00Z",
        },
      ],
      entries: [
        {
          date: "2026-10-02",
          section: "Grade 3 ELA",
          status: "provided",
          reason: null,
          note: "Unit test, used all of it",
          loggedBy: "Dana Lee",
          loggedAt: "2026-10-02T19:00:00Z",
          replaced: false,
        },
      ],
      counts: { provided: 1, not_needed: 0, declined: 0, not_provided: 0 },
    },
  ],
};

describe("implementation evidence report PDF (on the document model's frame)", () => {
  it.each(["en", "es"])("%s: every line of the report is in the PDF, with page numbers", async (locale) => {
    const l = await translatorFor(locale);
    const doc = buildEvidenceDocument(report, report, l);
    const buffer = await renderToBuffer(<LegalDocumentPdf doc={doc} />);
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(buffer)), { mergePages: true });
    const pdf = fold(text);
    for (const line of documentTexts(doc)) expect(pdf, line).toContain(fold(line));
    expect(pdf).toContain("Unit test, used all of it");
    expect(pdf).toContain(l.t("plans.document.page", { page: 1, pages: 1 }));
    expect(pdf).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
  });
});
