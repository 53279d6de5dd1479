import { renderToBuffer } from "@react-pdf/renderer";
import { renderToStaticMarkup } from "react-dom/server";
import { extractText, getDocumentProxy } from "unpdf";
import { describe, expect, it } from "vitest";
import { DocumentView } from "@/components/documents/document-view";
import { complete504Content, completeIepContent } from "@/db/testing/plan-fixtures";
import { buildGlanceDocument } from "@/lib/documents/at-a-glance";
import { documentTexts, type LegalDocument } from "@/lib/documents/model";
import { LegalDocumentPdf } from "@/lib/documents/pdf";
import { buildPlanDocument, type DocumentLocale } from "@/lib/documents/plan";
import type { PlanTypeName, VersionStatusName } from "@/lib/dto/plans";
import { translatorFor } from "@/lib/notifications/translator";
import type { PlanContent } from "@/lib/validation/plans";

const ISO_DAY = /\b\d{4}-\d{2}-\d{2}\b/;
const OPTION_GROUP: Record<string, string> = {
  area: "area",
  category: "category",
  frequency: "frequency",
  location: "location",
  kind: "kind",
  basis: "basis",
  majorLifeActivities: "mla",
};
const DATE_FIELDS = new Set(["meetingDate", "reviewDate", "startDate", "endDate"]);

/** Every content field value as a reader must see it: text as typed, options labelled, dates localized. */
function contentValues(content: unknown, l: DocumentLocale, key = ""): string[] {
  if (Array.isArray(content)) return content.flatMap((v) => contentValues(v, l, key));
  if (content && typeof content === "object")
    return Object.entries(content).flatMap(([k, v]) => (k === "id" ? [] : contentValues(v, l, k)));
  if (typeof content !== "string" || !content || key === "providerUserId") return [];
  if (DATE_FIELDS.has(key)) return [l.formatDate(content)];
  if (OPTION_GROUP[key]) return [l.t(`plans.options.${OPTION_GROUP[key]}.${content}`)];
  return [content];
}

const fold = (s: string) => s.replace(/\s+/g, " ");

async function pdfPages(doc: LegalDocument): Promise<string[]> {
  const buffer = await renderToBuffer(<LegalDocumentPdf doc={doc} />);
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(buffer)), { mergePages: false });
  return text.map(fold);
}

/** The page's HTML of a document model (the plan page, the print view and the glance page draw `DocumentView`). */
function html(doc: LegalDocument): string {
  return fold(
    renderToStaticMarkup(<DocumentView doc={doc} />)
      .replace(/<[^>]+>/g, " ")
      .replace(/&#x27;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, "&"),
  );
}

const iep = completeIepContent({
  parentConcerns: "Worried about homework load & evenings.",
  transition: {
    assessments: "Career interest inventory, 2026",
    postsecondaryEducation: "Community college welding program",
    employment: "Part-time work in a fabrication shop",
    independentLiving: "Uses a bus pass on his own",
    services: "Job shadowing in grade 11",
  },
});
iep.goals[0]!.objectives.push({
  id: crypto.randomUUID(),
  text: "Reads 75 wcpm",
  criteria: "4 of 5 probes",
  evaluation: "Running record",
  schedule: "By April",
});
iep.accommodations[1]!.kind = "modification";
iep.accommodations[1]!.responsible = "Reading specialist";
const plan504 = complete504Content();

function input(type: PlanTypeName, content: PlanContent, status: VersionStatusName, contentHash: string | null) {
  return {
    type,
    student: { name: "Maya Ortiz", schoolName: "Oak Elementary" },
    version: { number: 3, status, effectiveOn: status === "active" ? "2026-11-02" : null, contentHash, content },
  };
}

describe.each(["en", "es"] as const)("plan documents in %s (issue 14: plans on the document model)", (locale) => {
  it.each([
    ["iep", iep],
    ["504", plan504],
  ] as const)(
    "every content field of a sample %s plan appears in the PDF and the page HTML, no ISO date",
    async (type, content) => {
      const l = await translatorFor(locale);
      const doc = buildPlanDocument(input(type, content, "active", "ab".repeat(32)), l);
      const pdf = (await pdfPages(doc)).join(" ");
      const page = html(doc);
      const values = contentValues(content, l);
      expect(values.length).toBeGreaterThan(type === "iep" ? 40 : 10);
      for (const value of values) {
        expect(pdf, value).toContain(fold(value));
        expect(page, value).toContain(fold(value));
      }
      for (const text of documentTexts(doc)) {
        expect(pdf, text).toContain(fold(text));
        expect(page, text).toContain(fold(text));
      }
      expect(pdf).not.toMatch(ISO_DAY);
      expect(page).not.toMatch(ISO_DAY);
      expect(pdf).toContain(l.formatDate("2026-11-02"));
    },
  );

  it("D-13: the IEP's progress-reporting schedule is printed — written dates, every N weeks, or with report cards", async () => {
    const l = await translatorFor(locale);
    const f = (key: string, values?: Record<string, string | number>) => l.t(`plans.fields.${key}`, values);
    const dates = {
      ...iep,
      progressReporting: {
        kind: "dates" as const,
        everyWeeks: "",
        dates: [
          { id: crypto.randomUUID(), date: "2026-12-18" },
          { id: crypto.randomUUID(), date: "2027-03-19" },
        ],
      },
    };
    const doc = buildPlanDocument(input("iep", dates, "active", "ab".repeat(32)), l);
    const pdf = (await pdfPages(doc)).join(" ");
    for (const text of [
      f("progressReporting"),
      f("reportingOnDates"),
      `${f("reportingDateN", { n: 2 })}`,
      l.formatDate("2026-12-18"),
      l.formatDate("2027-03-19"),
    ]) {
      expect(pdf, text).toContain(fold(text));
      expect(html(doc), text).toContain(fold(text));
    }
    const weekly = buildPlanDocument(
      input(
        "iep",
        { ...iep, progressReporting: { kind: "weeks", everyWeeks: "6", dates: [] } },
        "active",
        "ab".repeat(32),
      ),
      l,
    );
    expect(html(weekly)).toContain(fold(f("reportingEveryWeeks", { weeks: 6 })));
    expect(html(buildPlanDocument(input("iep", iep, "active", "ab".repeat(32)), l))).toContain(
      fold(f("reportingWithReportCards")),
    );
  });

  it("a draft or proposed version is watermarked and fingerprinted on every page; a final one is not watermarked", async () => {
    const l = await translatorFor(locale);
    const draftLabel = l.t("plans.document.draft");
    for (const status of ["draft", "proposed"] as const) {
      const doc = buildPlanDocument(input("iep", iep, status, null), l);
      expect(doc.status).toBe("draft");
      const pages = await pdfPages(doc);
      pages.forEach((page, i) => {
        expect(page).toContain(draftLabel);
        expect(page).toContain("Maya Ortiz");
        expect(page).toContain(fold(doc.footer));
        expect(page).toContain(l.t("plans.document.page", { page: i + 1, pages: pages.length }));
      });
    }
    const final = buildPlanDocument(input("504", plan504, "final", "cd".repeat(32)), l);
    const pages = await pdfPages(final);
    for (const page of pages) {
      expect(page).not.toContain(draftLabel);
      expect(page).toContain("cd".repeat(32));
    }
  });

  it("the at-a-glance page and PDF list every accommodation, its action and flags, and the viewer's services", async () => {
    const l = await translatorFor(locale);
    const doc = buildGlanceDocument(
      {
        plan: { id: "p", type: "iep" },
        student: { id: "s", name: "Maya Ortiz", grade: "3", schoolName: "Oak Elementary" },
        version: { id: "v", number: 2, effectiveOn: "2026-11-02", reviewDue: null, contentHash: "ef".repeat(32) },
        accommodations: iep.accommodations.map((a) => ({ ...a, responsible: a.responsible || null })),
        myServices: [{ id: "x", serviceType: "Speech therapy", minutes: 30, frequency: "week", location: "other" }],
      },
      l,
    );
    const pdf = (await pdfPages(doc)).join(" ");
    const page = html(doc);
    for (const text of documentTexts(doc)) {
      expect(pdf, text).toContain(fold(text));
      expect(page, text).toContain(fold(text));
    }
    expect(page).not.toMatch(ISO_DAY);
    for (const a of iep.accommodations) {
      expect(pdf).toContain(fold(a.text));
      expect(pdf).toContain(fold(a.teacherAction));
    }
    expect(pdf).toContain("Reading specialist");
    expect(pdf).toContain(l.t("plans.glance.modification"));
    expect(pdf).toContain("Speech therapy");
    expect(pdf).toContain("ef".repeat(32));
    expect(pdf).toContain(l.formatDate("2026-11-02"));
    expect(pdf).not.toMatch(ISO_DAY);
    expect(pdf).not.toContain(l.t("plans.document.draft"));
  });
});
