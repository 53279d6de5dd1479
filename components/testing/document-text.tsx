import { renderToBuffer } from "@react-pdf/renderer";
import { renderToStaticMarkup } from "react-dom/server";
import { extractText, getDocumentProxy } from "unpdf";
import { DocumentView } from "@/components/documents/document-view";
import { LegalDocumentPdf } from "@/lib/documents/pdf";
import type { LegalDocument } from "@/lib/documents/model";

/** A legal document rendered as the PDF the portal stores and serves. */
export function pdfBuffer(doc: LegalDocument): Promise<Buffer> {
  return renderToBuffer(<LegalDocumentPdf doc={doc} />);
}

/** A PDF's text as a reader's search sees it: line breaks folded (words are never hyphenated). */
export async function textOfPdf(buffer: Buffer): Promise<string> {
  const pdf = await getDocumentProxy(new Uint8Array(buffer));
  const { text } = await extractText(pdf, { mergePages: true });
  return text.replace(/\s+/g, " ");
}

/** A legal document's PDF text (see {@link textOfPdf}). */
export async function pdfText(doc: LegalDocument): Promise<string> {
  return textOfPdf(await pdfBuffer(doc));
}

/** A legal document's text as the portal's HTML view shows it: tags dropped, entities decoded, spaces folded. */
export function htmlText(doc: LegalDocument): string {
  return renderToStaticMarkup(<DocumentView doc={doc} />)
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}
