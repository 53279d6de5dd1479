import type { LegalDocument } from "@/lib/documents/model";

/**
 * Documents of the demo's legal history (notices and consent forms sent before the demo day), in
 * the family's language. The text is the demo's; the workflow's own templates render what staff
 * send from the portal.
 */
type Lang = "en" | "es";

const L = {
  en: {
    draft: "DRAFT",
    page: "Page {page} of {pages}",
    pwn: "Prior written notice",
    consent: "Request for consent",
    notice: "Notice of meeting",
    footer: "Riverbend Public Schools · kept exactly as sent",
  },
  es: {
    draft: "BORRADOR",
    page: "Página {page} de {pages}",
    pwn: "Aviso previo por escrito",
    consent: "Solicitud de consentimiento",
    notice: "Aviso de reunión",
    footer: "Escuelas Públicas de Riverbend · conservado tal como se envió",
  },
} as const;

function base(lang: Lang, kind: LegalDocument["kind"], title: string, studentName: string, subtitle: string) {
  return {
    kind,
    language: lang,
    title,
    studentName,
    subtitle,
    status: "final" as const,
    draftLabel: L[lang].draft,
    footer: L[lang].footer,
    pageLabel: L[lang].page,
  };
}

/** The seven contents of 34 CFR 300.503(b) as a notice document. */
export function noticeDocument(
  lang: Lang,
  studentName: string,
  date: string,
  elements: { heading: string; text: string }[],
): LegalDocument {
  return {
    ...base(lang, "prior_written_notice", L[lang].pwn, studentName, date),
    sections: elements.map((e) => ({ heading: e.heading, blocks: [{ kind: "paragraph", text: e.text }] })),
  };
}

export function consentDocument(
  lang: Lang,
  studentName: string,
  date: string,
  what: string,
  explanation: string,
): LegalDocument {
  return {
    ...base(lang, "consent_form", L[lang].consent, studentName, date),
    sections: [
      { heading: what, blocks: [{ kind: "paragraph", text: explanation }] },
      {
        heading: lang === "es" ? "Su decisión" : "Your decision",
        blocks: [
          {
            kind: "paragraph",
            text:
              lang === "es"
                ? "Dar su consentimiento es voluntario. Puede revocarlo por escrito en cualquier momento; la revocación no es retroactiva."
                : "Giving consent is voluntary. You may revoke it in writing at any time; revocation is not retroactive.",
          },
        ],
      },
    ],
  };
}

export function meetingNoticeDocument(
  lang: Lang,
  studentName: string,
  when: string,
  purpose: string,
  place: string,
): LegalDocument {
  return {
    ...base(lang, "meeting_notice", L[lang].notice, studentName, when),
    sections: [
      {
        heading: lang === "es" ? "Propósito" : "Purpose",
        blocks: [{ kind: "paragraph", text: purpose }],
      },
      { heading: lang === "es" ? "Lugar" : "Place", blocks: [{ kind: "paragraph", text: place }] },
      {
        heading: lang === "es" ? "Sus derechos" : "Your rights",
        blocks: [
          {
            kind: "paragraph",
            text:
              lang === "es"
                ? "Puede traer a personas con conocimiento o experiencia especial sobre su hijo. Se adjunta el aviso de garantías procesales."
                : "You may bring people with knowledge or special expertise about your child. The procedural safeguards notice is enclosed.",
          },
        ],
      },
    ],
  };
}
