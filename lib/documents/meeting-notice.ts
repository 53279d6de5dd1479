import type { LegalDocument } from "./model";

/** A translator with full message keys (next-intl `t` or `translatorFor(locale).t`). */
export type Translate = (key: string, values?: Record<string, string | number>) => string;

export interface MeetingNoticeInput {
  language: string;
  status: "draft" | "final";
  program: "iep" | "504";
  studentName: string;
  schoolName: string;
  purposes: readonly string[];
  scheduledOn: string;
  startsAt: string;
  location: string | null;
  videoLink: string | null;
  invitees: readonly { name: string; role: string }[];
  /** The lead who sends it (case manager or 504 lead). */
  senderName: string;
  /** The day it was sent; null on a preview. */
  sentOn: string | null;
  /** Whether the parent agreed in writing to a notice shorter than D-06. */
  shorterNoticeAgreed: boolean;
}

/** A date in the document's language (UTC noon: a calendar day never shifts). */
export function formatDocumentDate(language: string, date: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: "long", timeZone: "UTC" }).format(
    new Date(`${date}T12:00:00Z`),
  );
}

/** A HH:MM[:SS] wall-clock time in the document's language. */
export function formatDocumentTime(language: string, time: string): string {
  const [hours, minutes] = time.split(":").map(Number);
  return new Intl.DateTimeFormat(language, { hour: "numeric", minute: "2-digit", timeZone: "UTC" }).format(
    new Date(Date.UTC(2000, 0, 1, hours ?? 0, minutes ?? 0)),
  );
}

/**
 * The notice of a PPT or 504 team meeting (N-02, D-06; 34 CFR 300.322(b)): purpose, date and time,
 * place, who is invited, the parent's right to participate and to bring people with knowledge or
 * expertise, and the procedural safeguards statement — in the family's language.
 */
export function meetingNoticeDocument(input: MeetingNoticeInput, t: Translate): LegalDocument {
  const date = (value: string) => formatDocumentDate(input.language, value);
  const k = (key: string) => `meetings.notice.${key}`;
  const kind = t(`meetings.programs.${input.program}`);
  const place = [
    ...(input.location ? [{ kind: "field" as const, label: t(k("location")), value: input.location }] : []),
    ...(input.videoLink ? [{ kind: "field" as const, label: t(k("videoLink")), value: input.videoLink }] : []),
  ];
  return {
    kind: "meeting_notice",
    language: input.language,
    title: t(k("title"), { kind }),
    studentName: input.studentName,
    subtitle: input.sentOn
      ? t(k("subtitleSent"), { school: input.schoolName, date: date(input.sentOn) })
      : t(k("subtitleDraft"), { school: input.schoolName }),
    status: input.status,
    draftLabel: t(k("draftLabel")),
    footer: t(k("footer"), { kind }),
    pageLabel: t(k("pageLabel"), { page: "{page}", pages: "{pages}" }),
    sections: [
      {
        heading: t(k("invitationHeading")),
        blocks: [
          { kind: "paragraph", text: t(k("invitation"), { kind, student: input.studentName }) },
          { kind: "field", label: t(k("date")), value: date(input.scheduledOn) },
          { kind: "field", label: t(k("time")), value: formatDocumentTime(input.language, input.startsAt) },
          ...place,
        ],
      },
      {
        heading: t(k("purposeHeading")),
        blocks: input.purposes.map((purpose) => ({ kind: "item" as const, text: t(`deadlines.purposes.${purpose}`) })),
      },
      {
        heading: t(k("inviteesHeading")),
        blocks: input.invitees.map((invitee) => ({
          kind: "item" as const,
          text: invitee.name,
          detail: [t(`meetings.roles.${invitee.role}`)],
        })),
      },
      {
        heading: t(k("rightsHeading")),
        blocks: [
          { kind: "paragraph", text: t(k("rightToParticipate")) },
          { kind: "paragraph", text: t(k("rightToBringPeople")) },
          { kind: "paragraph", text: t(k("otherTime")) },
          ...(input.shorterNoticeAgreed ? [{ kind: "paragraph" as const, text: t(k("shorterNotice")) }] : []),
          { kind: "paragraph", text: t(k("safeguards")), strong: true },
        ],
      },
      {
        heading: t(k("senderHeading")),
        blocks: [{ kind: "field", label: t(k("sender")), value: input.senderName }],
      },
    ],
  };
}
