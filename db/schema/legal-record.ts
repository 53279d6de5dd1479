import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  customType,
  date,
  index,
  jsonb,
  pgEnum,
  pgTable,
  text,
  time,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { id, timestamps } from "./columns";
import { deadlineProgram, meetingPurpose, pwnAction, pwnSubject } from "./deadlines";
import { districts } from "./district";
import { locale } from "./enums";
import { guardianships, students, users } from "./people";
import { planVersions } from "./plans";

/**
 * The legal record behind every plan change (issue 11): PPT and 504 meetings, prior written
 * notices, the consent ledger, stored documents and due-process filings. These tables are the
 * source of truth; the workflow writes the case events the deadline engine reads from them.
 */

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => "bytea" });

/** The district and the student a legal record belongs to. */
const studentColumns = () => ({
  districtId: uuid()
    .notNull()
    .references(() => districts.id),
  studentId: uuid()
    .notNull()
    .references(() => students.id),
});

// ─── Stored documents ────────────────────────────────────────────────────────────────────────

/** Every legal document PlanPath renders from one document model (HTML view and PDF). */
export const documentKind = pgEnum("document_kind", [
  "plan",
  "at_a_glance",
  "meeting_notice",
  "prior_written_notice",
  "consent_form",
  "progress_report",
]);

/**
 * A document exactly as it was sent or shown for signature: the rendered model (JSON, in the
 * language shown), its PDF and the SHA-256 of the PDF. Insert-only (database trigger): a notice is
 * never edited after it is sent; a changed consent form is a new row with a new fingerprint.
 */
export const storedDocuments = pgTable(
  "stored_documents",
  {
    id: id(),
    ...studentColumns(),
    kind: documentKind().notNull(),
    language: locale().notNull(),
    /** The document model that both renderers draw (see lib/documents). */
    model: jsonb().$type<Record<string, unknown>>().notNull(),
    pdf: bytea().notNull(),
    /** Lowercase hex SHA-256 of `pdf`. */
    sha256: text().notNull(),
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.studentId, t.kind), check("stored_documents_sha256", sql`${t.sha256} ~ '^[0-9a-f]{64}$'`)],
);

// ─── Meetings ────────────────────────────────────────────────────────────────────────────────

export const meetingStatus = pgEnum("meeting_status", ["scheduled", "held", "cancelled"]);

/** A required or invited member of a PPT (300.321) or 504 team. */
export const participantRole = pgEnum("participant_role", [
  "parent",
  "student",
  "general_education_teacher",
  "special_education_teacher",
  "district_representative",
  "evaluation_interpreter",
  "principal",
  "coordinator_504",
  "related_service_provider",
  "interpreter",
  "agency_representative",
  "other",
]);

/**
 * A PPT meeting (IEP, `program = 'iep'`) or 504 team meeting. Scheduled with its notice, then held
 * (participants, decisions) or cancelled with a reason; a rescheduled meeting is a cancelled row plus
 * a new row pointing back at it (`rescheduled_from_id`).
 */
export const meetings = pgTable(
  "meetings",
  {
    id: id(),
    ...studentColumns(),
    program: deadlineProgram().notNull(),
    status: meetingStatus().notNull().default("scheduled"),
    purposes: meetingPurpose().array().notNull(),
    /** The plan version the meeting develops or reviews, when there is one. */
    planVersionId: uuid().references(() => planVersions.id),
    scheduledOn: date({ mode: "string" }).notNull(),
    startsAt: time().notNull(),
    location: text(),
    videoLink: text(),
    /** The family's language: the notice's language. */
    language: locale().notNull(),
    /** The notice as sent (stored document) and the day it went out. */
    noticeDocumentId: uuid().references(() => storedDocuments.id),
    noticeSentOn: date({ mode: "string" }),
    /** The parent agreed in writing to a notice shorter than D-06 (setting `shorterNoticeByAgreement`). */
    shorterNoticeAgreed: boolean().notNull().default(false),
    heldOn: date({ mode: "string" }),
    decisions: text(),
    notes: text(),
    cancelledOn: date({ mode: "string" }),
    cancelReason: text(),
    rescheduledFromId: uuid(),
    createdBy: uuid().references(() => users.id),
    updatedBy: uuid().references(() => users.id),
    ...timestamps,
  },
  (t) => [
    index().on(t.studentId, t.scheduledOn),
    index().on(t.districtId, t.status, t.scheduledOn),
    index().on(t.planVersionId),
    check("meetings_purposes", sql`cardinality(${t.purposes}) > 0`),
    check("meetings_place", sql`${t.location} is not null or ${t.videoLink} is not null`),
    check(
      "meetings_held",
      sql`(${t.status} = 'held') = (${t.heldOn} is not null) and (${t.status} <> 'held' or ${t.decisions} is not null)`,
    ),
    check(
      "meetings_cancelled",
      sql`(${t.status} = 'cancelled') = (${t.cancelledOn} is not null and ${t.cancelReason} is not null)`,
    ),
    check("meetings_notice_order", sql`${t.noticeSentOn} is null or ${t.noticeSentOn} <= ${t.scheduledOn}`),
  ],
);

/**
 * Who was invited to and who attended a meeting. A staff member is linked by `user_id`, a guardian
 * by `guardianship_id`; others by name. An excused required member needs the parent's written
 * agreement or consent (C-06, a consent request of type `excusal`).
 */
export const meetingParticipants = pgTable(
  "meeting_participants",
  {
    id: id(),
    meetingId: uuid()
      .notNull()
      .references(() => meetings.id),
    role: participantRole().notNull(),
    userId: uuid().references(() => users.id),
    guardianshipId: uuid().references(() => guardianships.id),
    name: text().notNull(),
    invited: boolean().notNull().default(true),
    /** Null until the meeting is held. */
    attended: boolean(),
    excused: boolean().notNull().default(false),
    excusalConsentRequestId: uuid(),
    /** An excused member whose area was discussed gave written input beforehand (300.321(e)(2)). */
    writtenInputReceived: boolean().notNull().default(false),
    ...timestamps,
  },
  (t) => [
    index().on(t.meetingId),
    check("meeting_participants_excusal", sql`not ${t.excused} or ${t.excusalConsentRequestId} is not null`),
  ],
);

// ─── Prior written notice ────────────────────────────────────────────────────────────────────

export const noticeStatus = pgEnum("notice_status", ["draft", "sent"]);
export const deliveryMethod = pgEnum("delivery_method", ["in_person", "mail", "email", "portal"]);

/**
 * Prior written notice (34 CFR 300.503; N-01): the seven required contents as columns, the plan
 * version or meeting it concerns, and the implementation date (agreed with the parent, or the 10th
 * school day after it was sent, D-05). Drafts are edited; once sent the row is frozen and carries
 * the stored document (PDF + SHA-256) exactly as sent (database trigger).
 */
export const priorWrittenNotices = pgTable(
  "prior_written_notices",
  {
    id: id(),
    ...studentColumns(),
    program: deadlineProgram().notNull(),
    status: noticeStatus().notNull().default("draft"),
    action: pwnAction().notNull(),
    subject: pwnSubject().notNull(),
    planVersionId: uuid().references(() => planVersions.id),
    meetingId: uuid().references(() => meetings.id),
    /** (1) the action proposed or refused. */
    actionDescription: text().notNull().default(""),
    /** (2) why the district proposes or refuses it. */
    reasons: text().notNull().default(""),
    /** (3) each evaluation, assessment, record or report used. */
    evaluationsUsed: text().notNull().default(""),
    /** (4) that procedural safeguards protect the parent, and how to get a copy. */
    safeguardsStatement: text().notNull().default(""),
    /** (5) sources the parent may contact for help. */
    helpSources: text().notNull().default(""),
    /** (6) other options considered and why they were rejected. */
    optionsConsidered: text().notNull().default(""),
    /** (7) other relevant factors. */
    otherFactors: text().notNull().default(""),
    language: locale().notNull(),
    deliveryMethod: deliveryMethod(),
    sentOn: date({ mode: "string" }),
    /** A date agreed with the parent (earlier than D-05's default only by agreement). */
    agreedImplementationDate: date({ mode: "string" }),
    /** The date the proposal may be implemented: agreed, or 10 school days after `sent_on` (D-05). */
    implementationDate: date({ mode: "string" }),
    documentId: uuid().references(() => storedDocuments.id),
    createdBy: uuid().references(() => users.id),
    sentBy: uuid().references(() => users.id),
    ...timestamps,
  },
  (t) => [
    index().on(t.studentId, t.status),
    index().on(t.planVersionId),
    index().on(t.meetingId),
    check(
      "prior_written_notices_sent",
      sql`${t.status} = 'draft' or (${t.sentOn} is not null and ${t.implementationDate} is not null
        and ${t.documentId} is not null and ${t.deliveryMethod} is not null and ${t.sentBy} is not null
        and ${t.implementationDate} >= ${t.sentOn}
        and length(btrim(${t.actionDescription})) > 0 and length(btrim(${t.reasons})) > 0
        and length(btrim(${t.evaluationsUsed})) > 0 and length(btrim(${t.safeguardsStatement})) > 0
        and length(btrim(${t.helpSources})) > 0 and length(btrim(${t.optionsConsidered})) > 0
        and length(btrim(${t.otherFactors})) > 0)`,
    ),
  ],
);

// ─── Consent ledger ──────────────────────────────────────────────────────────────────────────

/** What a consent request asks for (compliance.md §5.1). */
export const consentRequestType = pgEnum("consent_request_type", [
  "initial_evaluation", // C-01
  "initial_services", // C-02
  "reevaluation", // C-03
  "excusal", // C-06
  "amendment_without_meeting", // C-07
  "transition_agency", // C-08
  "records_release", // C-09
  "public_benefits", // C-10
  "evaluation_504", // C-12
  "plan_504", // district setting: written consent to a 504 plan
]);

export const consentDecision = pgEnum("consent_decision", ["granted", "refused", "revoked", "no_response"]);

/** Who signed: a guardian with decision rights that day, or the student after 18 (C-13). */
export const consentSignerKind = pgEnum("consent_signer_kind", ["guardian", "adult_student"]);

/**
 * How the response reached the district: the parent signed in the portal, a signed paper was
 * uploaded, staff recorded a paper response, or staff recorded that the response window ended
 * without one (D-23, only where non-response counts as refusal).
 */
export const consentMethod = pgEnum("consent_method", [
  "portal_signature",
  "uploaded_paper",
  "staff_recorded_paper",
  "staff_recorded_no_response",
]);

/**
 * A request for the parent's (or adult student's) written consent, bound to the exact document
 * shown (the stored consent form: its SHA-256 in the language shown). Never deleted; only
 * `superseded_by_id` may be set once (database trigger); its state is read from its responses.
 */
export const consentRequests = pgTable(
  "consent_requests",
  {
    id: id(),
    ...studentColumns(),
    type: consentRequestType().notNull(),
    program: deadlineProgram().notNull(),
    planVersionId: uuid().references(() => planVersions.id),
    meetingId: uuid().references(() => meetings.id),
    noticeId: uuid().references(() => priorWrittenNotices.id),
    documentId: uuid()
      .notNull()
      .references(() => storedDocuments.id),
    documentSha256: text().notNull(),
    language: locale().notNull(),
    requestedOn: date({ mode: "string" }).notNull(),
    /** A later request that replaces this one (its document changed); this one can no longer be answered. */
    supersededById: uuid(),
    requestedBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.studentId, t.type),
    index().on(t.planVersionId),
    check("consent_requests_sha256", sql`${t.documentSha256} ~ '^[0-9a-f]{64}$'`),
  ],
);

/**
 * A response to a consent request: granted, refused, revoked (after a grant; not retroactive,
 * 300.9(c)) or no response (D-23). Append-only (database trigger). `document_sha256` is the
 * fingerprint of the version the signer saw; it must equal the request's.
 */
export const consentResponses = pgTable(
  "consent_responses",
  {
    id: id(),
    requestId: uuid()
      .notNull()
      .references(() => consentRequests.id),
    studentId: uuid()
      .notNull()
      .references(() => students.id),
    decision: consentDecision().notNull(),
    /** Partial consent, where the type allows it ([U] setting): what was consented to. */
    partial: jsonb().$type<Record<string, unknown>>(),
    signerKind: consentSignerKind(),
    signerGuardianshipId: uuid().references(() => guardianships.id),
    signerUserId: uuid().references(() => users.id),
    signerName: text(),
    method: consentMethod().notNull(),
    documentSha256: text().notNull(),
    /** An uploaded signed paper (stored document) when `method = 'uploaded_paper'`. */
    uploadedDocumentId: uuid().references(() => storedDocuments.id),
    respondedOn: date({ mode: "string" }).notNull(),
    respondedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    recordedBy: uuid().references(() => users.id),
    note: text(),
    /**
     * A revocation of consent to initial services (C-05, CL-6): the signer was shown that services
     * stop, that the revocation is not retroactive and that no 504 plan replaces the IEP, and
     * acknowledged it (required by the insert trigger for that revocation).
     */
    revocationAcknowledged: boolean().notNull().default(false),
  },
  (t) => [
    index().on(t.requestId, t.respondedAt),
    index().on(t.studentId),
    check(
      "consent_responses_signer",
      sql`(${t.decision} = 'no_response') = (${t.signerKind} is null)
        and (${t.signerKind} is distinct from 'guardian' or ${t.signerGuardianshipId} is not null)
        and (${t.signerKind} is null or ${t.signerName} is not null)`,
    ),
    check(
      "consent_responses_method",
      sql`(${t.decision} = 'no_response') = (${t.method} = 'staff_recorded_no_response')
        and ((${t.method} = 'uploaded_paper') = (${t.uploadedDocumentId} is not null))`,
    ),
  ],
);

// ─── Due process (stay-put) ──────────────────────────────────────────────────────────────────

export const disputeStatus = pgEnum("dispute_status", ["pending", "resolved", "agreement"]);

/**
 * A due-process filing on a student (300.518; CL-7). While `pending`, no new plan version may become
 * active and the student may not exit (stay-put); it ends when resolved or when the parties agree in
 * writing (recorded, with the agreement's text).
 */
export const dueProcessFilings = pgTable(
  "due_process_filings",
  {
    id: id(),
    ...studentColumns(),
    program: deadlineProgram().notNull(),
    filedOn: date({ mode: "string" }).notNull(),
    filedBy: text().notNull(),
    description: text().notNull(),
    status: disputeStatus().notNull().default("pending"),
    closedOn: date({ mode: "string" }),
    closingNote: text(),
    recordedBy: uuid().references(() => users.id),
    closedBy: uuid().references(() => users.id),
    ...timestamps,
  },
  (t) => [
    index().on(t.studentId, t.status),
    uniqueIndex("due_process_filings_one_pending")
      .on(t.studentId, t.program)
      .where(sql`${t.status} = 'pending'`),
    check(
      "due_process_filings_closed",
      sql`(${t.status} = 'pending') = (${t.closedOn} is null) and (${t.status} = 'pending' or ${t.closingNote} is not null)`,
    ),
  ],
);
