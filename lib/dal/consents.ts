import "server-only";
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { getDb, type Executor, type Transaction } from "@/db/client";
import {
  caseEvents,
  consentRequests,
  consentResponses,
  guardianships,
  meetings,
  priorWrittenNotices,
  planVersions,
  schools,
  storedDocuments,
  students,
  users,
} from "@/db/schema";
import { consentTypes, type ConsentType } from "@/lib/compliance";
import { adultStudentRefusal, guardianRefusal, isAdultOn, nextDecisions } from "@/lib/consents/ledger";
import { appointedGuardiansOn } from "./internal/court-guardianships";
import { parseConsentSettings } from "@/lib/consents/settings";
import { consentFormDocument } from "@/lib/documents/consent-form";
import { sha256Hex, type LegalDocument } from "@/lib/documents/model";
import { scanAsPdf, scanKind } from "@/lib/documents/scan";
import type {
  ConsentDecision,
  ConsentRequestDetail,
  ConsentRequestView,
  ConsentResponseView,
  ConsentSignerOption,
  ConsentState,
  StudentConsents,
} from "@/lib/dto/consents";
import { AppError, fieldError } from "@/lib/errors";
import { appUrl } from "@/lib/notifications/app-url";
import { enqueueNotification } from "@/lib/notifications/outbox";
import { draftRevocationNotice } from "./internal/plan-ends";
import { translatorFor } from "@/lib/notifications/translator";
import { contentHash } from "@/lib/plans/hash";
import { can, inForce, studentRelationshipConditions, visibleStudents, type Relationship } from "@/lib/policy";
import { parseDeadlineSettings } from "@/lib/deadlines/settings";
import {
  MAX_UPLOAD_BYTES,
  NO_RESPONSE_TYPES,
  type ConsentRequestType,
  type RecordConsentResponseInput,
  type RecordNoResponseInput,
  type RequestConsentInput,
  type RequestMoreTimeInput,
  type RespondToConsentInput,
} from "@/lib/validation/consents";
import { isUuid } from "@/lib/validation/ids";
import { loaderFor, mutate, read, recordListAccess, type Loader } from "./core";
import { loadSchoolCalendars } from "./internal/calendars";
import { refreshDeadlines } from "./internal/deadline-store";
import { loadStoredDocument, storeDocument, storedPdf } from "./internal/documents";
import { pickableVersions } from "./internal/plan-columns";
import { relationshipFields, scopeOf, splitRelationships } from "./internal/scope";
import { studentTarget } from "./students";
import type { Viewer } from "./viewer";
import { districtSettingsOf } from "./internal/settings";

type Program = "iep" | "504";
type RequestRow = typeof consentRequests.$inferSelect;

const isEngineConsent = (type: ConsentRequestType): type is ConsentType =>
  (consentTypes as readonly string[]).includes(type);

type RequestEntity = RequestRow & {
  studentName: string;
  birthDate: string;
  schoolId: string;
};

/**
 * Loader for one consent request through the student read scope; its program is the plan type
 * the policy checks. Malformed ids and requests of students outside the scope load as null (404).
 */
function consentRequestTarget(requestId: string): Loader<RequestEntity> {
  return loaderFor("consentRequest", requestId, async (db, viewer) => {
    if (!isUuid(requestId)) return null;
    const [row] = await db.select().from(consentRequests).where(eq(consentRequests.id, requestId)).limit(1);
    if (!row) return null;
    const student = await studentTarget(row.studentId)(db, viewer);
    if (!student) return null;
    return {
      entity: {
        ...row,
        studentName: `${student.entity.firstName} ${student.entity.lastName}`,
        birthDate: student.entity.birthDate,
        schoolId: student.entity.schoolId,
      },
      entityType: "consentRequest",
      entityId: row.id,
      studentId: row.studentId,
      relationships: student.relationships,
      planType: row.program,
    };
  });
}

/** A student loader decided for one program (the plan type `consent.request` checks). */
function studentForProgram(studentId: string, program: Program) {
  const load = studentTarget(studentId);
  return Object.assign(
    async (db: Executor, viewer: Viewer) => {
      const target = await load(db, viewer);
      return target && { ...target, planType: program };
    },
    { requested: load.requested },
  );
}

const districtSettings = districtSettingsOf;

/**
 * Types for which partial consent may be given ([U], legal-review CL-2: route to counsel): the
 * district setting `consent.partialConsentTypes`, empty by default (partial consent not allowed).
 */
function partialConsentTypes(settings: Record<string, unknown>): string[] {
  return parseConsentSettings(settings).partialConsentTypes;
}

/** The last school day of the D-23 window for a request (null when the calendar does not reach it). */
async function noResponseWindowEnd(
  db: Executor,
  districtId: string,
  schoolId: string,
  requestedOn: string,
): Promise<{ end: string | null; days: number }> {
  const [settings, calendars] = await Promise.all([
    districtSettings(db, districtId),
    loadSchoolCalendars(db, [schoolId]),
  ]);
  const days = parseDeadlineSettings(settings).compliance.consentNoResponseSchoolDays;
  return { end: calendars.get(schoolId)!.nthSchoolDayAfter(requestedOn, days), days };
}

/** Writes one workflow case event for a consent the deadline engine knows, then refreshes deadlines. */
async function writeConsentEvent(
  tx: Transaction,
  viewer: Viewer,
  input: {
    studentId: string;
    districtId: string;
    type: "consent_requested" | "consent_granted" | "consent_refused";
    consent: ConsentRequestType;
    date: string;
    sourceId: string;
  },
): Promise<boolean> {
  if (!isEngineConsent(input.consent)) return false;
  await tx.insert(caseEvents).values({
    districtId: input.districtId,
    studentId: input.studentId,
    type: input.type,
    date: input.date,
    consent: input.consent,
    source: "workflow",
    sourceId: input.sourceId,
    recordedBy: viewer.userId,
  });
  return true;
}

async function refresh(tx: Transaction, districtId: string, studentId: string) {
  return refreshDeadlines(tx, { districtId, studentIds: [studentId] });
}

// ─── Requests ────────────────────────────────────────────────────────────────────────────────

/**
 * `consent.request` (the plan lead: the case manager for IEP consents, the principal or 504
 * coordinator for 504 ones): renders the consent form in the family's language
 * (`students.parent_language`), stores it (PDF + SHA-256) and opens a request bound to it,
 * optionally to a frozen plan version (proposed or final: its content fingerprint is printed), a
 * meeting or a notice of the same student. An earlier unanswered or declined request of the same
 * type and binding is superseded by this one (its `consent_requested` event is voided with that
 * reason); one already granted is a CONFLICT (it can only be revoked). Writes `consent_requested`
 * for initial evaluation, initial services and reevaluation and refreshes the deadlines (D-23, D-01).
 */
export async function requestConsent(viewer: Viewer, input: RequestConsentInput): Promise<{ requestId: string }> {
  return mutate(
    viewer,
    {
      action: "consent.request",
      event: "consent.requested",
      load: studentForProgram(input.studentId, input.program),
      submissionKey: input.submissionKey,
    },
    async ({ tx, target, details }) => {
      const student = target.entity;
      const [extra] = await tx
        .select({ parentLanguage: students.parentLanguage, phone: schools.phone, schoolName: schools.name })
        .from(students)
        .innerJoin(schools, eq(schools.id, students.schoolId))
        .where(eq(students.id, student.id))
        .for("update", { of: students });
      const language = extra!.parentLanguage === "es" ? "es" : "en";

      let planVersion:
        { planType: Program; number: number; status: "proposed" | "final"; contentHash: string } | undefined;
      if (input.planVersionId) {
        const [version] = await tx
          .select()
          .from(planVersions)
          .where(and(eq(planVersions.id, input.planVersionId), eq(planVersions.studentId, student.id)));
        if (!version || version.planType !== input.program)
          throw fieldError("planVersionId", "errors.consent.versionMismatch");
        if (version.status !== "proposed" && version.status !== "final")
          throw fieldError("planVersionId", "errors.consent.notFrozen");
        planVersion = {
          planType: version.planType,
          number: version.number,
          status: version.status,
          contentHash: version.contentHash ?? contentHash(version.content),
        };
      }
      let meetingOn: string | undefined;
      if (input.type === "excusal" && !input.meetingId) throw fieldError("meetingId", "errors.consent.excusalMeeting");
      if (input.meetingId) {
        const [meeting] = await tx
          .select({ scheduledOn: meetings.scheduledOn, heldOn: meetings.heldOn })
          .from(meetings)
          .where(and(eq(meetings.id, input.meetingId), eq(meetings.studentId, student.id)));
        if (!meeting) throw fieldError("meetingId", "errors.consent.meetingMismatch");
        meetingOn = meeting.heldOn ?? meeting.scheduledOn;
      }
      let notice: { sentOn: string | null } | undefined;
      if (input.noticeId) {
        const [row] = await tx
          .select({ sentOn: priorWrittenNotices.sentOn })
          .from(priorWrittenNotices)
          .where(and(eq(priorWrittenNotices.id, input.noticeId), eq(priorWrittenNotices.studentId, student.id)));
        if (!row) throw fieldError("noticeId", "errors.consent.noticeMismatch");
        notice = { sentOn: row.sentOn };
      }

      const previous = await tx
        .select()
        .from(consentRequests)
        .where(
          and(
            eq(consentRequests.studentId, student.id),
            eq(consentRequests.type, input.type),
            isNull(consentRequests.supersededById),
            input.planVersionId
              ? eq(consentRequests.planVersionId, input.planVersionId)
              : isNull(consentRequests.planVersionId),
            input.meetingId ? eq(consentRequests.meetingId, input.meetingId) : isNull(consentRequests.meetingId),
            input.noticeId ? eq(consentRequests.noticeId, input.noticeId) : isNull(consentRequests.noticeId),
          ),
        );
      const states = await statesOf(
        tx,
        previous.map((r) => r.id),
      );
      if (previous.some((r) => states.get(r.id)?.at(-1)?.decision === "granted"))
        throw new AppError("CONFLICT", "errors.consent.alreadyGranted");
      const replaced = previous.filter((r) => states.get(r.id)?.at(-1)?.decision !== "revoked");

      const { days } = await noResponseWindowEnd(tx, viewer.districtId, student.schoolId, viewer.today);
      const { t, formatDate } = await translatorFor(language);
      const model = consentFormDocument(t, {
        type: input.type,
        language,
        studentName: `${student.firstName} ${student.lastName}`,
        schoolName: extra!.schoolName,
        schoolPhone: extra!.phone,
        requestedOn: formatDate(viewer.today),
        requestedBy: { name: viewer.name, email: viewer.email },
        noResponseSchoolDays: days,
        planVersion,
        meetingOn: meetingOn ? formatDate(meetingOn) : undefined,
        notice: notice ? { sentOn: notice.sentOn ? formatDate(notice.sentOn) : null } : undefined,
      });
      const stored = await storeDocument(tx, {
        districtId: viewer.districtId,
        studentId: student.id,
        model,
        createdBy: viewer.userId,
      });
      const [row] = await tx
        .insert(consentRequests)
        .values({
          districtId: viewer.districtId,
          studentId: student.id,
          type: input.type,
          program: input.program,
          planVersionId: input.planVersionId ?? null,
          meetingId: input.meetingId ?? null,
          noticeId: input.noticeId ?? null,
          documentId: stored.id,
          documentSha256: stored.sha256,
          language,
          requestedOn: viewer.today,
          requestedBy: viewer.userId,
        })
        .returning({ id: consentRequests.id });
      const requestId = row!.id;
      for (const old of replaced) {
        await tx.update(consentRequests).set({ supersededById: requestId }).where(eq(consentRequests.id, old.id));
        if ((states.get(old.id) ?? []).length === 0) {
          await tx
            .update(caseEvents)
            .set({ voidedAt: sql`now()`, voidedBy: viewer.userId, voidReason: "consent request superseded" })
            .where(
              and(
                eq(caseEvents.sourceId, old.id),
                eq(caseEvents.type, "consent_requested"),
                isNull(caseEvents.voidedAt),
              ),
            );
        }
      }
      const wrote = await writeConsentEvent(tx, viewer, {
        studentId: student.id,
        districtId: viewer.districtId,
        type: "consent_requested",
        consent: input.type,
        date: viewer.today,
        sourceId: requestId,
      });
      if (wrote || replaced.length > 0) await refresh(tx, viewer.districtId, student.id);
      details.requestId = requestId;
      details.type = input.type;
      details.documentId = stored.id;
      details.language = language;
      if (replaced.length > 0) details.superseded = replaced.map((r) => r.id);
      return { requestId };
    },
  );
}

type ResponseRow = typeof consentResponses.$inferSelect & { recordedByName: string | null };

/** Responses per request, oldest first (the latest is the request's state). */
async function statesOf(db: Executor, requestIds: string[]): Promise<Map<string, ResponseRow[]>> {
  const out = new Map<string, ResponseRow[]>();
  if (requestIds.length === 0) return out;
  const rows = await db
    .select({ response: consentResponses, recordedByName: users.name })
    .from(consentResponses)
    .leftJoin(users, eq(users.id, consentResponses.recordedBy))
    .where(inArray(consentResponses.requestId, requestIds))
    .orderBy(asc(consentResponses.respondedAt), asc(consentResponses.id));
  for (const { response, recordedByName } of rows) {
    const list = out.get(response.requestId) ?? [];
    list.push({ ...response, recordedByName });
    out.set(response.requestId, list);
  }
  return out;
}

function stateOf(request: { supersededById: string | null }, responses: ResponseRow[]): ConsentState {
  if (request.supersededById) return "superseded";
  return responses.at(-1)?.decision ?? "open";
}

function refusalKey(state: ConsentState, decision: ConsentDecision): string {
  if (state === "superseded") return "errors.consent.superseded";
  if (state === "revoked") return "errors.consent.closed";
  if (decision === "revoked") return "errors.consent.revokeNeedsGrant";
  if (state === "granted") return "errors.consent.alreadyGranted";
  return "errors.consent.alreadyRefused";
}

/** Locks the request row and refuses a stale document or a superseded request (nothing is written). */
async function lockCurrent(tx: Transaction, requestId: string, documentSha256: string): Promise<RequestRow> {
  const [row] = await tx.select().from(consentRequests).where(eq(consentRequests.id, requestId)).for("update");
  if (!row || row.supersededById !== null || row.documentSha256 !== documentSha256.toLowerCase())
    throw new AppError("CONFLICT", "errors.consent.documentChanged");
  return row;
}

type GuardianshipRow = typeof guardianships.$inferSelect & { name: string };

async function insertResponse(tx: Transaction, values: typeof consentResponses.$inferInsert): Promise<{ id: string }> {
  const [row] = await tx.insert(consentResponses).values(values).returning({ id: consentResponses.id });
  return row!;
}

/** Writes the case event of an answer the engine knows (grant, or refusal / no answer) and refreshes. */
async function recordAnswerEvent(
  tx: Transaction,
  viewer: Viewer,
  request: RequestRow,
  decision: ConsentDecision,
  date: string,
  responseId: string,
) {
  if (decision === "revoked") {
    // CL-6: the system drafts the PWN stating that services end (staff complete and send it).
    if (request.type === "initial_services")
      await draftRevocationNotice(tx, {
        districtId: request.districtId,
        studentId: request.studentId,
        revokedOn: date,
      });
    return null;
  }
  const wrote = await writeConsentEvent(tx, viewer, {
    studentId: request.studentId,
    districtId: request.districtId,
    type: decision === "granted" ? "consent_granted" : "consent_refused",
    consent: request.type,
    date,
    sourceId: responseId,
  });
  return wrote ? (await refresh(tx, request.districtId, request.studentId)).deadlines : null;
}

function checkPartial(settings: Record<string, unknown>, type: ConsentRequestType, partial: string | undefined) {
  if (partial && !partialConsentTypes(settings).includes(type))
    throw fieldError("partial", "errors.consent.partialNotAllowed");
}

function checkRevocation(type: ConsentRequestType, decision: ConsentDecision, acknowledged: boolean | undefined) {
  if (decision === "revoked" && type === "initial_services" && !acknowledged)
    throw fieldError("revocationAcknowledged", "errors.consent.revokeNeedsAcknowledgment");
}

/**
 * `consent.respond` (a guardian with decision rights, signed in): the guardian answers in the
 * portal — grant, decline, or revoke a grant — with the fingerprint of the document they read, their
 * typed name and the "I have read" confirmation (portal signature: their user and guardianship are
 * recorded). Refused with a specific message, writing nothing: a changed or superseded document
 * ("This document changed — please review the new version"), an answer the state does not allow, a
 * guardian without decision rights, restricted or ended that day, or a parent once the student is
 * 18 (only a court-appointed guardian answers for an adult). A grant writes `consent_granted`, a
 * refusal `consent_refused` (initial evaluation, services, reevaluation), then deadlines refresh.
 */
export async function respondToConsent(viewer: Viewer, input: RespondToConsentInput): Promise<{ responseId: string }> {
  return mutate(
    viewer,
    { action: "consent.respond", event: "consent.responded", load: consentRequestTarget(input.requestId) },
    async ({ tx, target, details }) => {
      const request = await lockCurrent(tx, target.entity.id, input.documentSha256);
      const [guardianship] = await tx
        .select()
        .from(guardianships)
        .where(and(eq(guardianships.studentId, request.studentId), eq(guardianships.guardianUserId, viewer.userId)));
      if (!guardianship) throw new AppError("FORBIDDEN", "errors.consent.noDecisionRights");
      const appointed = await appointedGuardiansOn(tx, request.studentId, viewer.today);
      const refusal = guardianRefusal(guardianship, target.entity.birthDate, viewer.today, appointed);
      if (refusal) throw new AppError("FORBIDDEN", refusal);
      const responses = (await statesOf(tx, [request.id])).get(request.id) ?? [];
      const state = stateOf(request, responses);
      if (!nextDecisions(state).includes(input.decision))
        throw new AppError("CONFLICT", refusalKey(state, input.decision));
      checkPartial(await districtSettings(tx, viewer.districtId), request.type, input.partial);
      checkRevocation(request.type, input.decision, input.revocationAcknowledged);
      const response = await insertResponse(tx, {
        requestId: request.id,
        studentId: request.studentId,
        decision: input.decision,
        partial: input.partial ? { text: input.partial } : null,
        signerKind: "guardian",
        signerGuardianshipId: guardianship.id,
        signerUserId: viewer.userId,
        signerName: input.signerName,
        method: "portal_signature",
        documentSha256: request.documentSha256,
        respondedOn: viewer.today,
        recordedBy: viewer.userId,
        revocationAcknowledged: input.revocationAcknowledged ?? false,
      });
      const refreshed = await recordAnswerEvent(tx, viewer, request, input.decision, viewer.today, response.id);
      details.requestId = request.id;
      details.responseId = response.id;
      details.decision = input.decision;
      details.method = "portal_signature";
      details.guardianshipId = guardianship.id;
      if (refreshed !== null) details.deadlines = refreshed;
      return { responseId: response.id };
    },
  );
}

/**
 * `consent.record` (the plan lead): records a signed paper answer on the signer's behalf — a
 * guardian with decision rights on the day it was signed, or the student from their 18th birthday
 * (C-13) — audited as recorded by this staff member and naming the signer. With `upload` (a scan
 * of the signed paper: a PDF, or a PNG or JPEG wrapped into a one-page PDF; at most
 * `MAX_UPLOAD_BYTES`) the scan is stored as a document (method `uploaded_paper`); otherwise
 * the method is `staff_recorded_paper`. The same order, document and signer rules as
 * {@link respondToConsent} apply; the date signed is between the request and today.
 */
export async function recordConsentResponse(
  viewer: Viewer,
  input: RecordConsentResponseInput,
  upload?: { bytes: Uint8Array },
): Promise<{ responseId: string }> {
  if (upload && upload.bytes.length > MAX_UPLOAD_BYTES) throw fieldError("upload", "errors.consent.uploadTooLarge");
  const kind = upload ? scanKind(upload.bytes) : null;
  if (upload && !kind) throw fieldError("upload", "errors.consent.uploadType");
  const scan = upload && kind ? await scanAsPdf(upload.bytes, kind) : null;
  return mutate(
    viewer,
    {
      action: "consent.record",
      event: "consent.response_recorded",
      load: consentRequestTarget(input.requestId),
      submissionKey: input.submissionKey,
    },
    async ({ tx, target, details }) => {
      const request = await lockCurrent(tx, target.entity.id, input.documentSha256);
      if (input.signedOn > viewer.today) throw fieldError("signedOn", "errors.consent.signedInFuture");
      if (input.signedOn < request.requestedOn) throw fieldError("signedOn", "errors.consent.signedBeforeRequest");
      const birthDate = target.entity.birthDate;
      let signer: {
        kind: "guardian" | "adult_student";
        guardianshipId: string | null;
        userId: string | null;
        name: string;
      };
      const appointed = await appointedGuardiansOn(tx, request.studentId, input.signedOn);
      if (input.signer === "adult_student") {
        const refusal = adultStudentRefusal(birthDate, input.signedOn, appointed);
        if (refusal) throw fieldError("signer", refusal);
        signer = { kind: "adult_student", guardianshipId: null, userId: null, name: target.entity.studentName };
      } else {
        const [g] = await tx
          .select({ guardianship: guardianships, name: users.name })
          .from(guardianships)
          .innerJoin(users, eq(users.id, guardianships.guardianUserId))
          .where(and(eq(guardianships.id, input.signer), eq(guardianships.studentId, request.studentId)));
        if (!g) throw fieldError("signer", "validation.invalid");
        const refusal = guardianRefusal(g.guardianship, birthDate, input.signedOn, appointed);
        if (refusal) throw fieldError("signer", refusal);
        signer = {
          kind: "guardian",
          guardianshipId: g.guardianship.id,
          userId: g.guardianship.guardianUserId,
          name: g.name,
        };
      }
      const responses = (await statesOf(tx, [request.id])).get(request.id) ?? [];
      const state = stateOf(request, responses);
      if (!nextDecisions(state).includes(input.decision))
        throw new AppError("CONFLICT", refusalKey(state, input.decision));
      checkRevocation(request.type, input.decision, input.revocationAcknowledged);
      let uploadedDocumentId: string | null = null;
      if (scan) {
        const model = await scanModel(request, target.entity.studentName, input.signedOn, signer.name);
        const [row] = await tx
          .insert(storedDocuments)
          .values({
            districtId: request.districtId,
            studentId: request.studentId,
            kind: "consent_form",
            language: request.language,
            model: model as unknown as Record<string, unknown>,
            pdf: scan,
            sha256: sha256Hex(scan),
            createdBy: viewer.userId,
          })
          .returning({ id: storedDocuments.id });
        uploadedDocumentId = row!.id;
      }
      const method = scan ? "uploaded_paper" : "staff_recorded_paper";
      const response = await insertResponse(tx, {
        requestId: request.id,
        studentId: request.studentId,
        decision: input.decision,
        signerKind: signer.kind,
        signerGuardianshipId: signer.guardianshipId,
        signerUserId: signer.userId,
        signerName: signer.name,
        method,
        documentSha256: request.documentSha256,
        uploadedDocumentId,
        respondedOn: input.signedOn,
        recordedBy: viewer.userId,
        note: input.note ?? null,
        revocationAcknowledged: input.revocationAcknowledged ?? false,
      });
      const refreshed = await recordAnswerEvent(tx, viewer, request, input.decision, input.signedOn, response.id);
      details.requestId = request.id;
      details.responseId = response.id;
      details.decision = input.decision;
      details.method = method;
      details.signerKind = signer.kind;
      if (signer.guardianshipId) details.guardianshipId = signer.guardianshipId;
      details.onBehalfOf = signer.kind;
      if (uploadedDocumentId) details.uploadedDocumentId = uploadedDocumentId;
      if (refreshed !== null) details.deadlines = refreshed;
      return { responseId: response.id };
    },
  );
}

/** The model stored with an uploaded scan: what it is, for whom, signed when and by whom. */
async function scanModel(request: RequestRow, studentName: string, signedOn: string, signerName: string) {
  const { t, formatDate } = await translatorFor(request.language);
  const doc: LegalDocument = {
    kind: "consent_form",
    language: request.language,
    title: t("consents.document.title", { type: t(`consents.types.${request.type}`) }),
    studentName,
    subtitle: t("consents.methods.uploaded_paper"),
    status: "final",
    draftLabel: t("consents.document.draft"),
    sections: [
      {
        heading: t("consents.page.history"),
        blocks: [
          { kind: "field", label: t("consents.page.recordSigner"), value: signerName },
          { kind: "field", label: t("consents.page.recordSignedOn"), value: formatDate(signedOn) },
        ],
      },
    ],
    footer: request.documentSha256,
    pageLabel: t("consents.document.page", { page: "{page}", pages: "{pages}" }),
  };
  return doc;
}

/**
 * `consent.record` (the plan lead): records that the D-23 window passed without an answer, which
 * counts as refusal — only for initial evaluation and initial services (C-01, C-02; CL-3; [S]
 * setting `consentNoResponseSchoolDays`, 10 school days on the school's calendar), only while the
 * request is open, and only after the window's last school day. Other types are refused with
 * their own message (a reevaluation needs documented reasonable efforts instead, 300.300(c)(2)).
 * Writes `consent_refused` and refreshes the deadlines.
 */
export async function recordNoResponse(viewer: Viewer, input: RecordNoResponseInput): Promise<{ responseId: string }> {
  return mutate(
    viewer,
    { action: "consent.record", event: "consent.no_response_recorded", load: consentRequestTarget(input.requestId) },
    async ({ tx, target, details }) => {
      const request = await lockCurrent(tx, target.entity.id, input.documentSha256);
      if (!NO_RESPONSE_TYPES.includes(request.type))
        throw new AppError("VALIDATION", "errors.consent.noResponseNotAllowed");
      const responses = (await statesOf(tx, [request.id])).get(request.id) ?? [];
      const state = stateOf(request, responses);
      if (state !== "open") throw new AppError("CONFLICT", refusalKey(state, "no_response"));
      const { end } = await noResponseWindowEnd(tx, request.districtId, target.entity.schoolId, request.requestedOn);
      if (end === null || viewer.today <= end) throw new AppError("VALIDATION", "errors.consent.noResponseTooEarly");
      const response = await insertResponse(tx, {
        requestId: request.id,
        studentId: request.studentId,
        decision: "no_response",
        method: "staff_recorded_no_response",
        documentSha256: request.documentSha256,
        respondedOn: viewer.today,
        recordedBy: viewer.userId,
      });
      const refreshed = await recordAnswerEvent(tx, viewer, request, "no_response", viewer.today, response.id);
      details.requestId = request.id;
      details.responseId = response.id;
      details.windowEnd = end;
      if (refreshed !== null) details.deadlines = refreshed;
      return { responseId: response.id };
    },
  );
}

/**
 * `consent.read` (a guardian of the student): "I need more time / I have questions". The request
 * stays open (no response is written); the step is audited and the plan lead who asked is told by
 * e-mail through the notifications outbox (once per guardian, request and day), in their language.
 */
export async function requestMoreTime(viewer: Viewer, input: RequestMoreTimeInput): Promise<void> {
  await mutate(
    viewer,
    { action: "consent.read", event: "consent.more_time_requested", load: consentRequestTarget(input.requestId) },
    async ({ tx, target, details }) => {
      if (!target.relationships.has("guardianOf")) throw new AppError("FORBIDDEN");
      const request = target.entity;
      details.requestId = request.id;
      details.withMessage = Boolean(input.message);
      if (!request.requestedBy) return;
      const [lead] = await tx
        .select({ id: users.id, email: users.email, locale: users.locale, isActive: users.isActive })
        .from(users)
        .where(eq(users.id, request.requestedBy));
      if (!lead?.isActive) return;
      const { t } = await translatorFor(lead.locale);
      const body = [
        t("consents.notifications.moreTimeBody", {
          guardian: viewer.name,
          type: t(`consents.types.${request.type}`),
          student: request.studentName,
          url: `${appUrl()}/students/${request.studentId}/consents`,
        }),
        ...(input.message ? ["", input.message] : []),
      ].join("\n");
      details.notified = await enqueueNotification(tx, {
        districtId: request.districtId,
        userId: lead.id,
        to: lead.email,
        kind: "consents.more_time",
        dedupeKey: `consents.more_time:${request.id}:${viewer.userId}:${viewer.today}`,
        subject: t("consents.notifications.moreTimeSubject"),
        body,
      });
    },
  );
}

// ─── Reads ───────────────────────────────────────────────────────────────────────────────────

function responseView(r: ResponseRow): ConsentResponseView {
  return {
    id: r.id,
    decision: r.decision,
    method: r.method,
    signerKind: r.signerKind,
    signerName: r.signerName,
    respondedOn: r.respondedOn,
    recordedByName: r.method === "portal_signature" ? null : r.recordedByName,
    revocationAcknowledged: r.revocationAcknowledged,
    uploadedDocumentId: r.uploadedDocumentId,
  };
}

interface ViewContext {
  viewer: Viewer;
  relationships: ReadonlySet<Relationship>;
  birthDate: string;
  schoolId: string;
  studentName: string;
  /** The viewer's own guardianship of the student, if any. */
  guardianship: GuardianshipRow | null;
  /** The guardianships a court appointed for the adult student today (CL-10). */
  appointed: ReadonlySet<string>;
  windowEnd: (requestedOn: string) => string | null;
}

function requestView(
  ctx: ViewContext,
  r: RequestRow & { requestedByName: string | null },
  responses: ResponseRow[],
): ConsentRequestView {
  const state = stateOf(r, responses);
  const subject = { role: ctx.viewer.role };
  const context = { relationships: ctx.relationships, planType: r.program };
  let cannotRespondReason: string | null = null;
  let portalDecisions: ConsentRequestView["portalDecisions"] = [];
  if (ctx.guardianship) {
    const refusal = can(subject, "consent.respond", context)
      ? guardianRefusal(ctx.guardianship, ctx.birthDate, ctx.viewer.today, ctx.appointed)
      : "errors.consent.noDecisionRights";
    if (refusal) cannotRespondReason = refusal;
    else portalDecisions = nextDecisions(state);
  }
  const mayRecord = can(subject, "consent.record", context);
  const windowEnd = NO_RESPONSE_TYPES.includes(r.type) ? ctx.windowEnd(r.requestedOn) : null;
  return {
    id: r.id,
    studentId: r.studentId,
    studentName: ctx.studentName,
    type: r.type,
    program: r.program,
    state,
    requestedOn: r.requestedOn,
    requestedByName: r.requestedByName,
    language: r.language,
    documentSha256: r.documentSha256,
    supersededById: r.supersededById,
    planVersionId: r.planVersionId,
    responses: responses.map(responseView),
    portalDecisions,
    cannotRespondReason,
    recordableDecisions: mayRecord ? nextDecisions(state) : [],
    canRecordNoResponse: mayRecord && state === "open" && windowEnd !== null && ctx.viewer.today > windowEnd,
    noResponseAfter: windowEnd,
  };
}

async function viewContext(
  viewer: Viewer,
  student: { id: string; birthDate: string; schoolId: string; firstName: string; lastName: string },
  relationships: ReadonlySet<Relationship>,
): Promise<ViewContext> {
  const db = getDb();
  const [[g], [settings, calendars], appointed] = await Promise.all([
    db
      .select({ guardianship: guardianships, name: users.name })
      .from(guardianships)
      .innerJoin(users, eq(users.id, guardianships.guardianUserId))
      .where(and(eq(guardianships.studentId, student.id), eq(guardianships.guardianUserId, viewer.userId))),
    Promise.all([districtSettings(db, viewer.districtId), loadSchoolCalendars(db, [student.schoolId])]),
    appointedGuardiansOn(db, student.id, viewer.today),
  ]);
  const days = parseDeadlineSettings(settings).compliance.consentNoResponseSchoolDays;
  const calendar = calendars.get(student.schoolId)!;
  return {
    viewer,
    relationships,
    birthDate: student.birthDate,
    schoolId: student.schoolId,
    studentName: `${student.firstName} ${student.lastName}`,
    guardianship: g ? { ...g.guardianship, name: g.name } : null,
    appointed,
    windowEnd: (requestedOn) => calendar.nthSchoolDayAfter(requestedOn, days),
  };
}

async function requestsOf(db: Executor, studentIds: string[]) {
  if (studentIds.length === 0) return [];
  return db
    .select({ request: consentRequests, requestedByName: users.name })
    .from(consentRequests)
    .leftJoin(users, eq(users.id, consentRequests.requestedBy))
    .where(inArray(consentRequests.studentId, studentIds))
    .orderBy(desc(consentRequests.createdAt));
}

/**
 * `consent.read`: the consent ledger of one student for staff (the plan lead, the principal, a
 * district admin; the 504 coordinator for 504 requests) and guardians — every request with its
 * state and every answer, what the viewer may record, the frozen plan versions a request may
 * concern and who may sign. Throws NOT_FOUND outside the scope and FORBIDDEN without the verb for
 * any program. Logged as a read of the student (record of access).
 */
export async function getStudentConsents(viewer: Viewer, studentId: string): Promise<StudentConsents> {
  const load = studentTarget(studentId);
  const decided: typeof load = Object.assign(
    async (db: Executor, v: Viewer) => {
      const found = await load(db, v);
      if (!found) return null;
      const planType = (["iep", "504"] as const).find((p) =>
        can({ role: v.role }, "consent.read", { relationships: found.relationships, planType: p }),
      );
      return { ...found, planType: planType ?? "iep" };
    },
    { requested: load.requested },
  );
  const target = await read(viewer, {
    action: "consent.read",
    load: decided,
    event: "student.viewed",
    details: { section: "consents" },
  });
  const student = target.entity;
  const readable = (["iep", "504"] as const).filter((planType) =>
    can({ role: viewer.role }, "consent.read", { relationships: target.relationships, planType }),
  );
  const requestable = (["iep", "504"] as const).filter((planType) =>
    can({ role: viewer.role }, "consent.request", { relationships: target.relationships, planType }),
  );
  const db = getDb();
  const ctx = await viewContext(viewer, student, target.relationships);
  const rows = (await requestsOf(db, [student.id])).filter((r) => readable.includes(r.request.program));
  const states = await statesOf(
    db,
    rows.map((r) => r.request.id),
  );
  const versions = await pickableVersions(db, student.id, requestable, ["proposed", "final"]);
  const signers: ConsentSignerOption[] = [];
  if (requestable.length > 0) {
    const guardianRows = await db
      .select({ id: guardianships.id, name: users.name, relation: guardianships.relation })
      .from(guardianships)
      .innerJoin(users, eq(users.id, guardianships.guardianUserId))
      .where(
        and(
          eq(guardianships.studentId, student.id),
          inForce(guardianships, viewer.today),
          eq(guardianships.hasDecisionRights, true),
          eq(guardianships.restricted, false),
        ),
      )
      .orderBy(asc(users.name));
    const adult = isAdultOn(student.birthDate, viewer.today);
    for (const g of guardianRows)
      if (!adult || ctx.appointed.has(g.id)) signers.push({ value: g.id, name: g.name, relation: g.relation });
    if (adult && ctx.appointed.size === 0)
      signers.push({ value: "adult_student", name: ctx.studentName, relation: "adult_student" });
  }
  const [settings] = await Promise.all([districtSettings(db, viewer.districtId)]);
  return {
    studentId: student.id,
    studentName: ctx.studentName,
    parentLanguage: student.parentLanguage === "es" ? "es" : "en",
    adult: isAdultOn(student.birthDate, viewer.today),
    requestablePrograms: requestable,
    planVersions: versions.map((v) => ({ ...v, status: v.status as "proposed" | "final" })),
    signers,
    noResponseSchoolDays: parseDeadlineSettings(settings).compliance.consentNoResponseSchoolDays,
    requests: rows.map(({ request, requestedByName }) =>
      requestView(ctx, { ...request, requestedByName }, states.get(request.id) ?? []),
    ),
  };
}

/**
 * The student page's consent summary: for viewers with `consent.read` on either program, the
 * number of readable requests waiting for an answer and whether the viewer reads as a guardian
 * (linked to their own consent page); null for everyone else (teachers, providers). Throws
 * NOT_FOUND outside the scope. The page's own read is the logged access. One query after the student.
 */
export async function listStudentConsentSummary(
  viewer: Viewer,
  studentId: string,
): Promise<{ open: number; guardian: boolean } | null> {
  const target = await read(viewer, { action: "student.read", load: studentTarget(studentId) });
  const readable = (["iep", "504"] as const).filter((planType) =>
    can({ role: viewer.role }, "consent.read", { relationships: target.relationships, planType }),
  );
  if (readable.length === 0) return null;
  // Waiting for an answer: not superseded and no response yet (the state `stateOf` calls "open"). One statement.
  const [row] = await getDb()
    .select({ open: sql<number>`count(*)::int` })
    .from(consentRequests)
    .where(
      and(
        eq(consentRequests.studentId, target.entity.id),
        inArray(consentRequests.program, readable),
        isNull(consentRequests.supersededById),
        sql`not exists (select 1 from ${consentResponses} where ${consentResponses.requestId} = ${consentRequests.id})`,
      ),
    );
  return { open: row!.open, guardian: viewer.role === "parent" };
}

/**
 * `consent.read` for a guardian: every consent request about the viewer's children (guardianships
 * in force without a restriction order), newest first, with what the viewer may answer. Guardians
 * without decision rights see them too (viewing is never blocked, CL-2). Logged as one list read.
 */
export async function listMyConsentRequests(viewer: Viewer): Promise<ConsentRequestView[]> {
  const db = getDb();
  const scope = scopeOf(viewer);
  const conditions = studentRelationshipConditions(scope);
  const children = await db
    .select({
      id: students.id,
      firstName: students.firstName,
      lastName: students.lastName,
      birthDate: students.birthDate,
      schoolId: students.schoolId,
      ...relationshipFields({ guardianOf: conditions.guardianOf, decisionMaker: conditions.decisionMaker }),
    })
    .from(students)
    .where(and(visibleStudents(scope, "consent.read"), conditions.guardianOf));
  const out: ConsentRequestView[] = [];
  for (const row of children) {
    const { entity, relationships } = splitRelationships(row);
    const ctx = await viewContext(viewer, entity, relationships);
    const rows = await requestsOf(db, [entity.id]);
    const states = await statesOf(
      db,
      rows.map((r) => r.request.id),
    );
    for (const { request, requestedByName } of rows)
      out.push(requestView(ctx, { ...request, requestedByName }, states.get(request.id) ?? []));
  }
  await recordListAccess(
    viewer,
    "students.listed",
    { list: "consents" },
    children.map((c) => c.id),
  );
  return out.sort((a, b) => (a.requestedOn < b.requestedOn ? 1 : a.requestedOn > b.requestedOn ? -1 : 0));
}

/**
 * `consent.read`: one request with its stored document exactly as shown for signature (never
 * re-rendered), its history and what the viewer may do. Viewing is never blocked on answering.
 * Logged as an access (`consent.viewed`). NOT_FOUND outside the scope.
 */
export async function getConsentRequest(viewer: Viewer, requestId: string): Promise<ConsentRequestDetail> {
  const target = await read(viewer, {
    action: "consent.read",
    load: consentRequestTarget(requestId),
    event: "consent.viewed",
  });
  const request = target.entity;
  const db = getDb();
  const [student] = await db
    .select({
      id: students.id,
      birthDate: students.birthDate,
      schoolId: students.schoolId,
      firstName: students.firstName,
      lastName: students.lastName,
    })
    .from(students)
    .where(eq(students.id, request.studentId));
  const ctx = await viewContext(viewer, student!, target.relationships);
  const [[byName], states, stored] = await Promise.all([
    request.requestedBy
      ? db.select({ name: users.name }).from(users).where(eq(users.id, request.requestedBy))
      : Promise.resolve([]),
    statesOf(db, [request.id]),
    loadStoredDocument(db, request.documentId),
  ]);
  let latestRequestId: string | null = null;
  let cursor = request.supersededById;
  for (let hops = 0; cursor && hops < 50; hops++) {
    latestRequestId = cursor;
    const [next] = await db
      .select({ supersededById: consentRequests.supersededById })
      .from(consentRequests)
      .where(eq(consentRequests.id, cursor));
    cursor = next?.supersededById ?? null;
  }
  const view = requestView(ctx, { ...request, requestedByName: byName?.name ?? null }, states.get(request.id) ?? []);
  return {
    ...view,
    document: stored!.model,
    requestedByFirstName: byName?.name ?? null,
    canAskForMoreTime: ctx.guardianship !== null && (view.state === "open" || view.state === "refused"),
    latestRequestId,
  };
}

/**
 * `consent.read`: the PDF of a request's consent form, or of an uploaded signed scan of one of its
 * answers, exactly as stored (never re-rendered). NOT_FOUND outside the scope or for a document
 * that does not belong to the request.
 */
export async function getConsentPdf(
  viewer: Viewer,
  requestId: string,
  documentId?: string,
): Promise<{ pdf: Uint8Array; sha256: string }> {
  const target = await read(viewer, {
    action: "consent.read",
    load: consentRequestTarget(requestId),
    event: "consent.viewed",
    details: { pdf: true },
  });
  const request = target.entity;
  let id = request.documentId;
  if (documentId && documentId !== request.documentId) {
    if (!isUuid(documentId)) throw new AppError("NOT_FOUND");
    const [response] = await getDb()
      .select({ id: consentResponses.id })
      .from(consentResponses)
      .where(and(eq(consentResponses.requestId, request.id), eq(consentResponses.uploadedDocumentId, documentId)));
    if (!response) throw new AppError("NOT_FOUND");
    id = documentId;
  }
  return storedPdf(id);
}
