import { Document, Image, Page, renderToBuffer } from "@react-pdf/renderer";

export type ScanKind = "pdf" | "png" | "jpg";

const startsWith = (bytes: Uint8Array, signature: number[]) =>
  bytes.length >= signature.length && signature.every((byte, i) => bytes[i] === byte);

/**
 * What an uploaded scan is, by its first bytes (never by its name or declared type): a PDF
 * (`%PDF-`), a PNG or a JPEG; anything else is `null`.
 */
export function scanKind(bytes: Uint8Array): ScanKind | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return "pdf";
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "jpg";
  return null;
}

/**
 * The scan as the PDF that is stored: a PDF as uploaded (byte for byte, so its fingerprint is the
 * file's), a photo of the page wrapped into a one-page letter-size PDF, scaled to fit.
 */
export async function scanAsPdf(bytes: Uint8Array, kind: ScanKind): Promise<Uint8Array> {
  if (kind === "pdf") return bytes;
  const pdf = await renderToBuffer(
    <Document creator="PlanPath" producer="PlanPath">
      <Page size="LETTER" style={{ padding: 24 }}>
        {/* eslint-disable-next-line jsx-a11y/alt-text -- a PDF image has no alt attribute */}
        <Image
          src={{ data: Buffer.from(bytes), format: kind }}
          style={{ objectFit: "contain", width: "100%", height: "100%" }}
        />
      </Page>
    </Document>,
  );
  return new Uint8Array(pdf);
}
