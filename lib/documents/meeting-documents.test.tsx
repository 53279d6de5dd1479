import { describe, expect, it } from "vitest";
import { htmlText, pdfText } from "@/components/testing/document-text";
import { translatorFor } from "@/lib/notifications/translator";
import { meetingNoticeDocument, type MeetingNoticeInput } from "./meeting-notice";
import { documentTexts } from "./model";
import { priorWrittenNoticeDocument, type PriorWrittenNoticeInput } from "./prior-written-notice";

const notice = (language: string): MeetingNoticeInput => ({
  language,
  status: "final",
  program: "iep",
  studentName: "Maya Ortiz",
  schoolName: "Oak Elementary",
  purposes: ["annual_review", "revision"],
  scheduledOn: "2026-12-14",
  startsAt: "14:30:00",
  location: "Room 12, Oak Elementary",
  videoLink: "https://meet.example.org/ppt-123",
  invitees: [
    { name: "Rosa Ortiz", role: "parent" },
    { name: "Dana Lee", role: "special_education_teacher" },
  ],
  senderName: "Dana Lee",
  sentOn: "2026-12-01",
  shorterNoticeAgreed: true,
});

const pwn = (language: string): PriorWrittenNoticeInput => ({
  language,
  status: "final",
  studentName: "Maya Ortiz",
  schoolName: "Oak Elementary",
  action: "propose",
  subject: "fape",
  elements: {
    actionDescription: "Element one: the annual IEP.",
    reasons: "Element two: progress on goals.",
    evaluationsUsed: "Element three: reading inventory of October.",
    safeguardsStatement: "Element four: safeguards apply; ask the office.",
    helpSources: "Element five: CPAC 860-739-3089.",
    optionsConsidered: "Element six: no change, rejected.",
    otherFactors: "Element seven: none.",
  },
  concerns: "IEP, version 2",
  deliveryMethod: "mail",
  sentOn: "2026-12-01",
  implementationDate: "2026-12-15",
  implementationAgreed: false,
  senderName: "Dana Lee",
});

describe("meeting notice and prior written notice documents (issue 11: one model, two renderings)", () => {
  it.each(["en", "es"])(
    "N-02/D-06 (%s): every text of the meeting notice — purpose, date, time, place, invitees, rights — is in the HTML and the PDF",
    async (language) => {
      const { t } = await translatorFor(language);
      const doc = meetingNoticeDocument(notice(language), t);
      const [html, pdf] = [htmlText(doc), await pdfText(doc)];
      for (const text of documentTexts(doc)) {
        expect(html, text).toContain(text);
        expect(pdf, text).toContain(text);
      }
      const all = documentTexts(doc).join(" ");
      expect(all).toContain("Room 12, Oak Elementary");
      expect(all).toContain("https://meet.example.org/ppt-123");
      expect(all).toContain("Rosa Ortiz");
      expect(all).toContain(t("meetings.notice.rightToBringPeople"));
      expect(all).toContain(t("meetings.notice.safeguards"));
      expect(all).toContain(t("deadlines.purposes.annual_review"));
      expect(all).toContain(t("meetings.roles.special_education_teacher"));
    },
  );

  it("N-02: the Spanish notice is written in Spanish", async () => {
    const { t } = await translatorFor("es");
    const doc = meetingNoticeDocument(notice("es"), t);
    expect(doc.language).toBe("es");
    expect(doc.title).toContain("Aviso");
    expect(documentTexts(doc).join(" ")).toContain("diciembre");
  });

  it.each(["en", "es"])(
    "N-01/CL-8 (%s): the seven 300.503(b) contents, the delivery and the D-05 implementation date are in the HTML and the PDF",
    async (language) => {
      const { t } = await translatorFor(language);
      const input = pwn(language);
      const doc = priorWrittenNoticeDocument(input, t);
      const [html, pdf] = [htmlText(doc), await pdfText(doc)];
      for (const text of documentTexts(doc)) {
        expect(html, text).toContain(text);
        expect(pdf, text).toContain(text);
      }
      const all = documentTexts(doc).join(" ");
      for (const value of Object.values(input.elements)) expect(all).toContain(value);
      expect(all).toContain("IEP, version 2");
      expect(all).toContain(t("meetings.delivery.mail"));
    },
  );

  it("N-01: a draft shows every missing content as not written, with the DRAFT mark", async () => {
    const { t } = await translatorFor("en");
    const input = pwn("en");
    const doc = priorWrittenNoticeDocument(
      { ...input, status: "draft", elements: { ...input.elements, reasons: " ", otherFactors: "" } },
      t,
    );
    expect(doc.status).toBe("draft");
    expect(documentTexts(doc).filter((text) => text === t("meetings.pwn.notProvided"))).toHaveLength(2);
    expect(await pdfText(doc)).toContain("DRAFT");
  });
});
