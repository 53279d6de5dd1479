import { createHash } from "node:crypto";
import type { ChartLegend } from "@/lib/progress/chart-figure";
import type { ChartSeries } from "@/lib/progress/series";

/** The legal documents of the record (stored as sent or shown for signature, `stored_documents.kind`). */
export type RecordDocumentKind =
  "plan" | "at_a_glance" | "meeting_notice" | "prior_written_notice" | "consent_form" | "progress_report";

/**
 * One model per legal document (plan, at-a-glance, meeting notice, prior written notice, consent
 * form): the text a family receives, already translated into the document's language. The HTML
 * view (`components/documents/document-view.tsx`) and the PDF (`lib/documents/pdf.tsx`)
 * both draw this model and nothing else, so the two cannot disagree (`model.test.ts` checks that every
 * text of a model appears in both renderings).
 */
export interface LegalDocument {
  kind: RecordDocumentKind;
  /** BCP-47 language of every text in the model (`en`, `es`). */
  language: string;
  title: string;
  /** The student's name: printed in the header of every PDF page. */
  studentName: string;
  /** One line under the title (school, version, date). */
  subtitle: string;
  /** `draft`: anything not final; the PDF carries a DRAFT watermark and the view a banner. */
  status: "draft" | "final";
  /** The localized word for the watermark/banner ("DRAFT", "BORRADOR"). */
  draftLabel: string;
  sections: DocumentSection[];
  /** Footer text printed on every page before the page number (e.g. "Fingerprint: sha256 …"). */
  footer: string;
  /** "Page {page} of {pages}" in the document's language, with those two placeholders. */
  pageLabel: string;
}

/** A report printed on the documents' frame (header, page numbers) but not a document of the record. */
export type ReportDocument = Omit<LegalDocument, "kind"> & { kind: "evidence_report" };

/** Anything the PDF renderer draws: a legal document of the record or a report. */
export type PrintableDocument = LegalDocument | ReportDocument;

export interface DocumentSection {
  heading: string;
  blocks: DocumentBlock[];
}

/** A chart with its text alternative: the data as a table (both renderings print the table). */
export interface ChartBlock {
  kind: "chart";
  /** The chart's title and accessible name. */
  label: string;
  series: ChartSeries;
  legend: ChartLegend;
  /** One line naming what the marks mean (the PDF prints it under the image). */
  legendText: string;
  table: { caption: string; columns: string[]; rows: string[][] };
  /** The chart drawn as a PNG (`withChartImages`), for the PDF; absent in the model itself. */
  image?: Uint8Array;
}

/** A paragraph, a labelled value, a list item, or a chart with its data table. */
export type DocumentBlock =
  | { kind: "paragraph"; text: string; strong?: boolean }
  | { kind: "field"; label: string; value: string }
  | { kind: "item"; text: string; detail?: string[] }
  | ChartBlock;

/** Every text a reader must see in any rendering of the model (the renderers' contract). */
export function documentTexts(doc: PrintableDocument): string[] {
  const texts = [doc.title, doc.studentName, doc.subtitle, doc.footer];
  if (doc.status === "draft") texts.push(doc.draftLabel);
  for (const section of doc.sections) {
    texts.push(section.heading);
    for (const block of section.blocks) {
      if (block.kind === "paragraph") texts.push(block.text);
      else if (block.kind === "field") texts.push(block.label, block.value);
      else if (block.kind === "chart")
        texts.push(
          block.label,
          block.legendText,
          block.table.caption,
          ...block.table.columns,
          ...block.table.rows.flat(),
        );
      else texts.push(block.text, ...(block.detail ?? []));
    }
  }
  return texts.filter((t) => t.trim().length > 0);
}

/** Lowercase hex SHA-256 of bytes (the fingerprint of a stored document). */
export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}
