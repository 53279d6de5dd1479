import { renderToBuffer } from "@react-pdf/renderer";
import { renderToStaticMarkup } from "react-dom/server";
import { extractText, getDocumentProxy } from "unpdf";
import { describe, expect, it } from "vitest";
import { DocumentView } from "@/components/documents/document-view";
import { LegalDocumentPdf } from "@/lib/documents/pdf";
import { translatorFor } from "@/lib/notifications/translator";
import { CONSENT_REQUEST_TYPES } from "@/lib/validation/consents";
import { consentFormDocument, type ConsentFormInput } from "./consent-form";
import { documentTexts } from "./model";

const input = (language: "en" | "es", type: ConsentFormInput["type"]): ConsentFormInput => ({
  type,
  language,
  studentName: "Sofía García",
  schoolName: "Riverbend High",
  schoolPhone: "(203) 555-0100",
  requestedOn: "30 nov 2026",
  requestedBy: { name: "Tom Kowalski", email: "cm@example.org" },
  noResponseSchoolDays: 10,
  planVersion: { planType: "iep", number: 2, status: "proposed", contentHash: "ab".repeat(32) },
});

const fold = (text: string) => text.replace(/\s+/g, " ");

describe("the consent form (compliance.md §5.1; CL-1, CL-2)", () => {
  it("C-02 in Spanish: what is asked, no override on refusal, silence after 10 school days, revocation not retroactive (300.9), the plan's fingerprint and the contact", async () => {
    const { t } = await translatorFor("es");
    const doc = consentFormDocument(t, input("es", "initial_services"));
    const text = documentTexts(doc).join("\n");
    expect(doc).toMatchObject({ kind: "consent_form", language: "es", status: "final" });
    expect(text).toContain("Solicitud de su consentimiento: Servicios iniciales de educación especial");
    expect(text).toContain("nadie puede anular su decisión");
    expect(text).toContain("10 días escolares");
    expect(text).toContain("no es retroactiva");
    expect(text).toContain("ab".repeat(32));
    expect(text).toContain("Tom Kowalski (cm@example.org)");
    expect(text).toContain("(203) 555-0100");
  });

  it.each(CONSENT_REQUEST_TYPES)(
    "%s: every text of the English and Spanish form is in both the HTML view and the PDF",
    async (type) => {
      for (const language of ["en", "es"] as const) {
        const { t } = await translatorFor(language);
        const doc = consentFormDocument(t, input(language, type));
        const html = fold(renderToStaticMarkup(<DocumentView doc={doc} />).replace(/<[^>]+>/g, " "))
          .replace(/&amp;/g, "&")
          .replace(/&#x27;/g, "'")
          .replace(/&quot;/g, '"');
        const pdf = await getDocumentProxy(new Uint8Array(await renderToBuffer(<LegalDocumentPdf doc={doc} />)));
        const pdfText = fold((await extractText(pdf, { mergePages: true })).text.replace(/-\n/g, ""));
        for (const piece of documentTexts(doc)) {
          expect(html).toContain(fold(piece));
          expect(pdfText.replace(/ /g, "")).toContain(fold(piece).replace(/ /g, ""));
        }
      }
    },
  );
});
