import { z } from "zod";
import { isoDateField } from "./dates";
import { submissionKeySchema, uuidSchema } from "./ids";
import { text } from "./text";

/** The consent types of the ledger (compliance.md §5.1; the `consent_request_type` enum). */
export const CONSENT_REQUEST_TYPES = [
  "initial_evaluation",
  "initial_services",
  "reevaluation",
  "excusal",
  "amendment_without_meeting",
  "transition_agency",
  "records_release",
  "public_benefits",
  "evaluation_504",
  "plan_504",
] as const;
export type ConsentRequestType = (typeof CONSENT_REQUEST_TYPES)[number];

/**
 * The largest scan of a signed paper staff may upload (a phone or copier scan of a few pages is
 * 1–5 MB). `next.config.ts` lets a server action body carry it plus the form's other fields.
 */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** What a scan may be: a PDF, or a PNG or JPEG photo of the page (stored as a one-page PDF). */
export const UPLOAD_ACCEPT = "application/pdf,image/png,image/jpeg";

/** Types for which a non-response counts as refusal after the D-23 window (C-01, C-02; CL-3). */
export const NO_RESPONSE_TYPES: readonly ConsentRequestType[] = ["initial_evaluation", "initial_services"];

const optionalId = z.preprocess((value) => (value === "" || value === null ? undefined : value), uuidSchema.optional());

const sha256 = text({ message: "validation.invalid" })
  .trim()
  .toLowerCase()
  .regex(/^[0-9a-f]{64}$/, { message: "validation.invalid" });

/** The plan lead asks for consent of one type, optionally bound to a plan version, a meeting or a notice. */
export const requestConsentSchema = z.object({
  studentId: uuidSchema,
  type: z.enum(CONSENT_REQUEST_TYPES, { message: "validation.invalid" }),
  program: z.enum(["iep", "504"], { message: "validation.invalid" }),
  planVersionId: optionalId,
  meetingId: optionalId,
  noticeId: optionalId,
  submissionKey: submissionKeySchema,
});
export type RequestConsentInput = z.infer<typeof requestConsentSchema>;

const checkbox = z.preprocess((value) => value === true || value === "on" || value === "true", z.boolean());

/**
 * The signed-in guardian answers in the portal: the fingerprint of the document they saw, their
 * typed name as signature and the "I have read" confirmation; a revocation of initial services also
 * carries the acknowledged consequences (C-05, CL-6).
 */
export const respondToConsentSchema = z.object({
  requestId: uuidSchema,
  decision: z.enum(["granted", "refused", "revoked"], { message: "validation.invalid" }),
  documentSha256: sha256,
  signerName: text({ message: "validation.consent.signerName" })
    .trim()
    .min(2, { message: "validation.consent.signerName" })
    .max(200, { message: "validation.consent.signerName" }),
  readConfirmed: checkbox.refine((value) => value, { message: "validation.consent.readConfirm" }),
  revocationAcknowledged: checkbox.optional(),
  partial: text({ message: "validation.invalid" }).trim().max(2000).optional(),
});
export type RespondToConsentInput = z.infer<typeof respondToConsentSchema>;

/**
 * Staff record a signed paper answer on the signer's behalf (a guardian, or the adult student),
 * with the date it was signed and, optionally, the scan of the signed paper (a PDF).
 */
export const recordConsentResponseSchema = z.object({
  requestId: uuidSchema,
  decision: z.enum(["granted", "refused", "revoked"], { message: "validation.invalid" }),
  documentSha256: sha256,
  /** A guardianship id, or `adult_student`. */
  signer: z.union([uuidSchema, z.literal("adult_student")], { message: "validation.invalid" }),
  signedOn: isoDateField(),
  revocationAcknowledged: checkbox.optional(),
  note: text({ message: "validation.invalid" }).trim().max(1000).optional(),
  submissionKey: submissionKeySchema,
});
export type RecordConsentResponseInput = z.infer<typeof recordConsentResponseSchema>;

/** Staff record that the D-23 window passed without an answer. */
export const recordNoResponseSchema = z.object({ requestId: uuidSchema, documentSha256: sha256 });
export type RecordNoResponseInput = z.infer<typeof recordNoResponseSchema>;

/** "I need more time / I have questions": the request stays open; the plan lead is told. */
export const requestMoreTimeSchema = z.object({
  requestId: uuidSchema,
  message: text({ message: "validation.invalid" }).trim().max(1000).optional(),
});
export type RequestMoreTimeInput = z.infer<typeof requestMoreTimeSchema>;
