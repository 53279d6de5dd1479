import type { DocumentBlock, LegalDocument } from "./model";

/** A translator with full keys (`consents.document.title`) and ICU values. */
export type Translate = (key: string, values?: Record<string, string | number>) => string;

/** The consent types of the ledger (the `consent_request_type` enum). */
export type ConsentRequestType =
  | "initial_evaluation"
  | "initial_services"
  | "reevaluation"
  | "excusal"
  | "amendment_without_meeting"
  | "transition_agency"
  | "records_release"
  | "public_benefits"
  | "evaluation_504"
  | "plan_504";

/** Everything a consent form states, already resolved (names, dates formatted by the caller). */
export interface ConsentFormInput {
  type: ConsentRequestType;
  /** The family's language (`students.parentLanguage`, en or es). */
  language: "en" | "es";
  studentName: string;
  schoolName: string;
  schoolPhone: string | null;
  /** Formatted date of the request. */
  requestedOn: string;
  requestedBy: { name: string; email: string };
  /** D-23: school days after which silence counts as refusal (initial evaluation and services). */
  noResponseSchoolDays: number;
  planVersion?: { planType: "iep" | "504"; number: number; status: "proposed" | "final"; contentHash: string };
  /** Formatted date of the meeting the request concerns. */
  meetingOn?: string;
  /** Formatted date the PWN was sent, or null while it is a draft. */
  notice?: { sentOn: string | null };
}

/**
 * The consent form (compliance.md §5.1; legal-review CL-1, CL-2): what is asked in plain language,
 * what consent means (informed, voluntary, revocable, not retroactive — 34 CFR 300.9), what happens
 * if the family declines (per type, e.g. C-02: no services and no override), the plan version
 * (with its content fingerprint), meeting or notice it concerns, and whom to contact. Pure: the
 * caller passes a translator for the family's language, so the model holds only that language.
 */
export function consentFormDocument(t: Translate, input: ConsentFormInput): LegalDocument {
  const typeLabel = t(`consents.types.${input.type}`);
  const about: DocumentBlock[] = [
    { kind: "field", label: t("consents.document.student"), value: input.studentName },
    { kind: "field", label: t("consents.document.school"), value: input.schoolName },
    { kind: "field", label: t("consents.document.type"), value: typeLabel },
  ];
  if (input.planVersion) {
    const v = input.planVersion;
    about.push(
      {
        kind: "field",
        label: t("consents.document.plan"),
        value: t("consents.document.planValue", {
          type: t(`consents.document.plan_${v.planType}`),
          number: v.number,
          status: t(`consents.document.planStatus.${v.status}`),
        }),
      },
      { kind: "field", label: t("consents.document.planFingerprint"), value: v.contentHash },
    );
  }
  if (input.meetingOn) {
    about.push({
      kind: "field",
      label: t("consents.document.meeting"),
      value: t("consents.document.meetingValue", { date: input.meetingOn }),
    });
  }
  if (input.notice) {
    about.push({
      kind: "field",
      label: t("consents.document.notice"),
      value: input.notice.sentOn
        ? t("consents.document.noticeValue", { date: input.notice.sentOn })
        : t("consents.document.noticeDraft"),
    });
  }
  const contact: DocumentBlock[] = [
    { kind: "paragraph", text: t("consents.document.contactLead", input.requestedBy) },
    {
      kind: "paragraph",
      text: input.schoolPhone
        ? t("consents.document.contactSchoolPhone", { school: input.schoolName, phone: input.schoolPhone })
        : t("consents.document.contactSchool", { school: input.schoolName }),
    },
  ];
  return {
    kind: "consent_form",
    language: input.language,
    title: t("consents.document.title", { type: typeLabel }),
    studentName: input.studentName,
    subtitle: t("consents.document.subtitle", { school: input.schoolName, date: input.requestedOn }),
    status: "final",
    draftLabel: t("consents.document.draft"),
    sections: [
      {
        heading: t("consents.document.askHeading"),
        blocks: [{ kind: "paragraph", text: t(`consents.document.asks.${input.type}`), strong: true }],
      },
      { heading: t("consents.document.aboutHeading"), blocks: about },
      {
        heading: t("consents.document.meaningHeading"),
        blocks: [
          { kind: "paragraph", text: t("consents.document.meaningInformed") },
          { kind: "paragraph", text: t("consents.document.meaningVoluntary") },
          { kind: "paragraph", text: t("consents.document.meaningRevocable") },
        ],
      },
      {
        heading: t("consents.document.declineHeading"),
        blocks: [
          {
            kind: "paragraph",
            text: t(`consents.document.declines.${input.type}`, { days: input.noResponseSchoolDays }),
          },
        ],
      },
      {
        heading: t("consents.document.choicesHeading"),
        blocks: [{ kind: "paragraph", text: t("consents.document.choices") }],
      },
      { heading: t("consents.document.contactHeading"), blocks: contact },
    ],
    footer: t("consents.document.footer", {
      student: input.studentName,
      date: input.requestedOn,
      requestedBy: input.requestedBy.name,
    }),
    pageLabel: t("consents.document.page", { page: "{page}", pages: "{pages}" }),
  };
}
