import { renderToBuffer } from "@react-pdf/renderer";
import { renderToStaticMarkup } from "react-dom/server";
import { extractText, getDocumentProxy } from "unpdf";
import { describe, expect, it } from "vitest";
import { DocumentView } from "@/components/documents/document-view";
import { LegalDocumentPdf } from "@/lib/documents/pdf";
import { documentTexts, sha256Hex, type LegalDocument } from "./model";

const long = Array.from({ length: 60 }, (_, i) => `Línea ${i + 1}: acomodación con texto largo para forzar páginas.`);

const sample: LegalDocument = {
  kind: "prior_written_notice",
  language: "es",
  title: "Aviso previo por escrito",
  studentName: "Maya Ortiz",
  subtitle: "Escuela Primaria Oak · 30 de noviembre de 2026",
  status: "draft",
  draftLabel: "BORRADOR",
  footer: "Huella SHA-256: 0f3a",
  pageLabel: "Página {page} de {pages}",
  sections: [
    { heading: "Acción propuesta", blocks: [{ kind: "paragraph", text: "El distrito propone un PEI anual." }] },
    {
      heading: "Datos",
      blocks: [
        { kind: "field", label: "Fecha de implementación", value: "14 de diciembre de 2026" },
        { kind: "item", text: "Evaluación psicológica", detail: ["Realizada el 2 de octubre de 2026"] },
      ],
    },
    { heading: "Anexo", blocks: long.map((text) => ({ kind: "paragraph" as const, text })) },
  ],
};

/** PDF text with line breaks and repeated spaces folded, as a reader's search sees it. */
async function pdfPages(doc: LegalDocument): Promise<string[]> {
  const buffer = await renderToBuffer(<LegalDocumentPdf doc={doc} />);
  const pdf = await getDocumentProxy(new Uint8Array(buffer));
  const { text } = await extractText(pdf, { mergePages: false });
  return text.map((page) => page.replace(/\s+/g, " "));
}

describe("legal document model (issue 11: one model, two renderings)", () => {
  it("every text of the model appears in the HTML view and in the PDF", async () => {
    const html = renderToStaticMarkup(<DocumentView doc={sample} />)
      .replace(/<[^>]+>/g, " ")
      .replace(/&#x27;/g, "'")
      .replace(/\s+/g, " ");
    const pdf = (await pdfPages(sample)).join(" ");
    for (const text of documentTexts(sample)) {
      expect(html, text).toContain(text);
      expect(pdf, text).toContain(text);
    }
  });

  it("prints the student's name, the fingerprint, the page number and DRAFT on every page", async () => {
    const pages = await pdfPages(sample);
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, i) => {
      expect(page).toContain("Maya Ortiz");
      expect(page).toContain("Huella SHA-256: 0f3a");
      expect(page).toContain(`Página ${i + 1} de ${pages.length}`);
      expect(page).toContain("BORRADOR");
    });
  });

  it("a final document carries no watermark", async () => {
    const pages = await pdfPages({ ...sample, status: "final" });
    for (const page of pages) expect(page).not.toContain("BORRADOR");
    expect(renderToStaticMarkup(<DocumentView doc={{ ...sample, status: "final" }} />)).not.toContain("BORRADOR");
  });

  it("never splits a word with a hyphen at a line end (a name or a legal term reads and searches whole)", async () => {
    const words = "Discapacidades interdisciplinarias responsabilidades extraordinariamente internacionalización";
    const paragraph = Array.from({ length: 12 }, () => words).join(" ");
    const doc: LegalDocument = {
      ...sample,
      sections: [{ heading: "Anexo", blocks: [{ kind: "paragraph", text: paragraph }] }],
    };
    const pdf = (await pdfPages(doc)).join(" ");
    expect(pdf).not.toMatch(/\p{L}-\s*\p{L}/u);
    expect(pdf).toContain(paragraph);
  });

  it("fingerprints bytes as lowercase hex SHA-256", () => {
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});
