import type { LegalDocument } from "@/lib/documents/model";
import type { ConsentRequestType } from "@/lib/validation/consents";

export type ConsentDecision = "granted" | "refused" | "revoked" | "no_response";
/** A request's state: its latest response (none = open), or superseded by a newer request. */
export type ConsentState = "open" | ConsentDecision | "superseded";
export type ConsentMethod =
  "portal_signature" | "uploaded_paper" | "staff_recorded_paper" | "staff_recorded_no_response";

/** One answer in a request's history. */
export interface ConsentResponseView {
  id: string;
  decision: ConsentDecision;
  method: ConsentMethod;
  signerKind: "guardian" | "adult_student" | null;
  signerName: string | null;
  respondedOn: string;
  /** Staff who recorded a paper or no-response answer on the signer's behalf. */
  recordedByName: string | null;
  revocationAcknowledged: boolean;
  uploadedDocumentId: string | null;
}

/** A consent request as a list row and ledger entry, with what the viewer may do with it. */
export interface ConsentRequestView {
  id: string;
  studentId: string;
  studentName: string;
  type: ConsentRequestType;
  program: "iep" | "504";
  state: ConsentState;
  requestedOn: string;
  requestedByName: string | null;
  language: "en" | "es";
  documentSha256: string;
  supersededById: string | null;
  planVersionId: string | null;
  responses: ConsentResponseView[];
  /** Decisions the viewer may give now, in the portal (guardian with decision rights that day). */
  portalDecisions: ("granted" | "refused" | "revoked")[];
  /** Why the viewer may read but not answer (a message key), when that is the case. */
  cannotRespondReason: string | null;
  /** Staff: decisions they may record from a signed paper. */
  recordableDecisions: ("granted" | "refused" | "revoked")[];
  /** Staff: the D-23 window has passed and a non-response may be recorded (C-01/C-02 only). */
  canRecordNoResponse: boolean;
  /** The last day of the D-23 window (initial evaluation and services), when the calendar has it. */
  noResponseAfter: string | null;
}

/** A request with its stored document (the exact model the signer sees). */
export interface ConsentRequestDetail extends ConsentRequestView {
  document: LegalDocument;
  /** The plan lead who asked (named in "I need more time"). */
  requestedByFirstName: string | null;
  canAskForMoreTime: boolean;
  /** The newest request that replaced this one, if the viewer may read it. */
  latestRequestId: string | null;
}

/** Someone who may sign for the student: a guardian in force, or the adult student. */
export interface ConsentSignerOption {
  value: string;
  name: string;
  relation: "parent" | "guardian" | "foster_parent" | "surrogate" | "adult_student";
}

/** The staff consent ledger of one student. */
export interface StudentConsents {
  studentId: string;
  studentName: string;
  parentLanguage: "en" | "es";
  /** The student is 18 or older today (C-13, CL-10). */
  adult: boolean;
  /** Programs the viewer may request consent for (plan lead). */
  requestablePrograms: ("iep" | "504")[];
  /** Frozen plan versions a request may concern. */
  planVersions: { id: string; program: "iep" | "504"; number: number; status: "proposed" | "final" }[];
  signers: ConsentSignerOption[];
  noResponseSchoolDays: number;
  requests: ConsentRequestView[];
}

/** The consent and activation settings a district admin edits (defaults filled in). */
export interface ConsentSettingsView {
  require504WrittenConsent: boolean;
  partialConsentTypes: string[];
}
