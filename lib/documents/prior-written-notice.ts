import { formatDocumentDate, type Translate } from "./meeting-notice";
import type { LegalDocument } from "./model";
import { PWN_ELEMENTS, type PwnElement } from "@/lib/validation/meetings";

export interface PriorWrittenNoticeInput {
  language: string;
  status: "draft" | "final";
  studentName: string;
  schoolName: string;
  action: string;
  subject: string;
  elements: Record<PwnElement, string>;
  /** A line naming the plan version or the meeting it concerns, already translated (or null). */
  concerns: string | null;
  deliveryMethod: string | null;
  sentOn: string | null;
  implementationDate: string | null;
  /** The implementation date was agreed with the parent (else D-05's 10 school days). */
  implementationAgreed: boolean;
  senderName: string;
}

/**
 * Prior written notice (34 CFR 300.503; N-01, CL-8): what the district proposes or refuses about
 * identification, evaluation, placement or FAPE, the seven required contents in order, how and when
 * it was given and the day the proposal may be implemented (agreed, or 10 school days after, D-05).
 */
export function priorWrittenNoticeDocument(input: PriorWrittenNoticeInput, t: Translate): LegalDocument {
  const date = (value: string) => formatDocumentDate(input.language, value);
  const k = (key: string) => `meetings.pwn.${key}`;
  const heading = t(k(`heading.${input.action}`), { subject: t(`deadlines.pwnSubjects.${input.subject}`) });
  const empty = t(k("notProvided"));
  const given = [
    ...(input.concerns ? [{ kind: "field" as const, label: t(k("concerns")), value: input.concerns }] : []),
    ...(input.deliveryMethod
      ? [
          {
            kind: "field" as const,
            label: t(k("deliveryMethod")),
            value: t(`meetings.delivery.${input.deliveryMethod}`),
          },
        ]
      : []),
    ...(input.sentOn ? [{ kind: "field" as const, label: t(k("sentOn")), value: date(input.sentOn) }] : []),
    ...(input.implementationDate
      ? [
          {
            kind: "field" as const,
            label: t(k("implementationDate")),
            value: input.implementationAgreed
              ? t(k("implementationAgreed"), { date: date(input.implementationDate) })
              : t(k("implementationDefault"), { date: date(input.implementationDate) }),
          },
        ]
      : []),
    { kind: "field" as const, label: t(k("sender")), value: input.senderName },
  ];
  return {
    kind: "prior_written_notice",
    language: input.language,
    title: t(k("title")),
    studentName: input.studentName,
    subtitle: input.sentOn
      ? t(k("subtitleSent"), { school: input.schoolName, date: date(input.sentOn) })
      : t(k("subtitleDraft"), { school: input.schoolName }),
    status: input.status,
    draftLabel: t(k("draftLabel")),
    footer: t(k("footer")),
    pageLabel: t(k("pageLabel"), { page: "{page}", pages: "{pages}" }),
    sections: [
      { heading, blocks: given },
      ...PWN_ELEMENTS.map((element, index) => ({
        heading: t(k(`elements.${element}`), { n: index + 1 }),
        blocks: [{ kind: "paragraph" as const, text: input.elements[element].trim() || empty }],
      })),
    ],
  };
}
