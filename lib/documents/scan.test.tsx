import { extractText, getDocumentProxy } from "unpdf";
import { describe, expect, it } from "vitest";
import { scanAsPdf, scanKind } from "./scan";

const PNG = Uint8Array.from(
  Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
    "base64",
  ),
);

describe("uploaded scans", () => {
  it("are recognised by their first bytes, not their name", () => {
    expect(scanKind(new TextEncoder().encode("%PDF-1.7\n"))).toBe("pdf");
    expect(scanKind(PNG)).toBe("png");
    expect(scanKind(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe("jpg");
    expect(scanKind(new TextEncoder().encode("GIF89a"))).toBeNull();
    expect(scanKind(new TextEncoder().encode("<html>%PDF-"))).toBeNull();
    expect(scanKind(new Uint8Array())).toBeNull();
  });

  it("a PDF is kept byte for byte; a photo becomes a one-page PDF", async () => {
    const pdf = new TextEncoder().encode("%PDF-1.4\n% scan\n");
    expect(await scanAsPdf(pdf, "pdf")).toBe(pdf);
    const wrapped = await scanAsPdf(PNG, "png");
    const doc = await getDocumentProxy(wrapped);
    expect(doc.numPages).toBe(1);
    expect((await extractText(doc)).totalPages).toBe(1);
  });
});
