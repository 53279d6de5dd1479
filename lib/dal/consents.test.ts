import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  caseEvents,
  caseloads,
  consentRequests,
  consentResponses,
  guardianships,
  outbox,
  storedDocuments,
  students,
  users,
} from "@/db/schema";
import { setupTestDatabase } from "@/db/testing/database";
import { deadlinesOf, givenEvents, schoolDaysFrom } from "@/db/testing/deadlines";
import { hasCode } from "@/db/testing/errors";
import { countAudit, createWorld, viewerFor, type World } from "@/db/testing/factories";
import { ownerDb } from "@/db/testing/owner";
import { addDays } from "@/lib/compliance";
import { isAdultOn } from "@/lib/consents/ledger";
import { storeDocument } from "@/lib/dal/internal/documents";
import { consentFormDocument } from "@/lib/documents/consent-form";
import { translatorFor } from "@/lib/notifications/translator";
import { recordCourtGuardianship } from "./adult-students";
import { MAX_UPLOAD_BYTES, respondToConsentSchema } from "@/lib/validation/consents";
import {
  getConsentRequest,
  getStudentConsents,
  listMyConsentRequests,
  recordConsentResponse,
  recordNoResponse,
  requestConsent,
  requestMoreTime,
  respondToConsent,
} from "./consents";

const db = setupTestDatabase();
let world: World;

/** `date` minus `years` years, same month and day (28 February for a 29 February that does not exist). */
function yearsBefore(date: string, years: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const year = y - years;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const day = m === 2 && d === 29 && !leap ? 28 : d;
  return `${year}-${String(m).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

async function newParent(name: string) {
  const [row] = await db()
    .insert(users)
    .values({
      districtId: world.district.id,
      email: `${name.toLowerCase().replace(/\W+/g, ".")}.${world.tag}.${Math.random().toString(36).slice(2, 7)}@test.example`,
      name: `${name} ${world.tag}`,
      role: "parent",
    })
    .returning();
  return row!;
}

/** A student of school A on the case manager's caseload, with a parent who has decision rights. */
async function family(options: { birthDate?: string; parentLanguage?: string } = {}) {
  const [student] = await db()
    .insert(students)
    .values({
      districtId: world.district.id,
      schoolId: world.schoolA.id,
      sasid: String(Math.floor(1_000_000_000 + Math.random() * 8_999_999_999)),
      firstName: "Nina",
      lastName: `Consent${world.tag}`,
      birthDate: options.birthDate ?? "2016-03-10",
      grade: "4",
      parentLanguage: options.parentLanguage ?? "en",
    })
    .returning();
  const past = addDays(world.today, -90);
  await db()
    .insert(caseloads)
    .values({ caseManagerId: world.users.caseManager.id, studentId: student!.id, startsOn: past });
  const parent = await newParent("Parent");
  const [guardianship] = await db()
    .insert(guardianships)
    .values({ studentId: student!.id, guardianUserId: parent.id, startsOn: past })
    .returning();
  return { student: student!, parent, guardianship: guardianship! };
}

async function addGuardian(studentId: string, values: Partial<typeof guardianships.$inferInsert> = {}) {
  const user = await newParent("Guardian");
  const [row] = await db()
    .insert(guardianships)
    .values({ studentId, guardianUserId: user.id, startsOn: addDays(world.today, -90), ...values })
    .returning();
  return { user, guardianship: row! };
}

/** A valid 1×1 PNG (what a phone photo of a signed page is, at a smaller size). */
const ONE_PIXEL_PNG =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

async function ask(
  studentId: string,
  type: "initial_evaluation" | "initial_services" | "reevaluation" | "records_release" = "initial_evaluation",
) {
  const cm = await viewerFor(world.users.caseManager);
  const { requestId } = await requestConsent(cm, { studentId, type, program: "iep" });
  const [request] = await db().select().from(consentRequests).where(eq(consentRequests.id, requestId));
  return request!;
}

const answer = (
  request: { id: string; documentSha256: string },
  decision: "granted" | "refused" | "revoked",
  extra: Record<string, unknown> = {},
) =>
  respondToConsentSchema.parse({
    requestId: request.id,
    decision,
    documentSha256: request.documentSha256,
    signerName: "A. Parent",
    readConfirmed: "on",
    ...extra,
  });

async function responsesOf(requestId: string) {
  return db()
    .select()
    .from(consentResponses)
    .where(eq(consentResponses.requestId, requestId))
    .orderBy(asc(consentResponses.respondedAt));
}

async function workflowEvents(studentId: string) {
  return db()
    .select()
    .from(caseEvents)
    .where(and(eq(caseEvents.studentId, studentId), eq(caseEvents.source, "workflow")))
    .orderBy(caseEvents.createdAt);
}

beforeAll(async () => {
  world = await createWorld();
});

describe("consent requests (consent.request): the plan lead, a stored form in the family's language", () => {
  it("CL-1: the request stores the Spanish form (model + PDF + SHA-256) and binds to its fingerprint; consent_requested is written", async () => {
    const { student } = await family({ parentLanguage: "es" });
    const request = await ask(student.id);
    expect(request).toMatchObject({ type: "initial_evaluation", language: "es", requestedOn: world.today });
    const cm = await viewerFor(world.users.caseManager);
    const detail = await getConsentRequest(cm, request.id);
    expect(detail.document.language).toBe("es");
    expect(detail.document.title).toContain("Solicitud de su consentimiento");
    expect(JSON.stringify(detail.document)).toContain("34 CFR 300.9");
    expect(detail.documentSha256).toMatch(/^[0-9a-f]{64}$/);
    const events = await workflowEvents(student.id);
    expect(events).toMatchObject([{ type: "consent_requested", consent: "initial_evaluation", sourceId: request.id }]);
    expect(await countAudit(cm.userId, "consent.requested", "success")).toBeGreaterThan(0);
  });

  it("a teacher or a parent may not request consent (FORBIDDEN), and nothing is written", async () => {
    const { student, parent } = await family();
    const viewer = await viewerFor(parent);
    await expect(
      requestConsent(viewer, { studentId: student.id, type: "initial_evaluation", program: "iep" }),
    ).rejects.toSatisfy(hasCode("FORBIDDEN"));
    expect(await db().select().from(consentRequests).where(eq(consentRequests.studentId, student.id))).toHaveLength(0);
  });

  it("a re-request supersedes the open one (superseded_by_id set once); the old one can no longer be answered", async () => {
    const { student, parent } = await family();
    const first = await ask(student.id);
    const second = await ask(student.id);
    const [old] = await db().select().from(consentRequests).where(eq(consentRequests.id, first.id));
    expect(old!.supersededById).toBe(second.id);
    const events = await workflowEvents(student.id);
    expect(events.filter((e) => e.type === "consent_requested" && e.voidedAt === null).map((e) => e.sourceId)).toEqual([
      second.id,
    ]);
    const viewer = await viewerFor(parent);
    await expect(respondToConsent(viewer, answer(first, "granted"))).rejects.toMatchObject({
      code: "CONFLICT",
      messageKey: "errors.consent.documentChanged",
    });
    expect(await responsesOf(first.id)).toHaveLength(0);
  });

  it("a plan version must be frozen (proposed/final) and the student's own", async () => {
    const { student } = await family();
    const cm = await viewerFor(world.users.caseManager);
    await expect(
      requestConsent(cm, {
        studentId: student.id,
        type: "initial_services",
        program: "iep",
        planVersionId: "00000000-0000-4000-8000-000000000000",
      }),
    ).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { planVersionId: ["errors.consent.versionMismatch"] } });
  });

  it("C-06: an excusal consent names the meeting it excuses a member from; without one nothing is stored", async () => {
    const { student } = await family();
    const cm = await viewerFor(world.users.caseManager);
    const before = await db().select().from(consentRequests).where(eq(consentRequests.studentId, student.id));
    await expect(requestConsent(cm, { studentId: student.id, type: "excusal", program: "iep" })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { meetingId: ["errors.consent.excusalMeeting"] },
    });
    expect(await db().select().from(consentRequests).where(eq(consentRequests.studentId, student.id))).toHaveLength(
      before.length,
    );
  });
});

describe("responses: each signer kind and each decision (C-13, CL-1, CL-2, CL-6, CL-10)", () => {
  it("a guardian with decision rights grants in the portal: portal signature, guardianship named, consent_granted written, audited", async () => {
    const { student, parent, guardianship } = await family();
    const request = await ask(student.id);
    const viewer = await viewerFor(parent);
    const { responseId } = await respondToConsent(viewer, answer(request, "granted"));
    const [row] = await responsesOf(request.id);
    expect(row).toMatchObject({
      id: responseId,
      decision: "granted",
      method: "portal_signature",
      signerKind: "guardian",
      signerGuardianshipId: guardianship.id,
      signerUserId: parent.id,
      signerName: "A. Parent",
      documentSha256: request.documentSha256,
      respondedOn: viewer.today,
    });
    const events = await workflowEvents(student.id);
    expect(events.map((e) => [e.type, e.sourceId])).toEqual([
      ["consent_requested", request.id],
      ["consent_granted", responseId],
    ]);
    expect(await countAudit(parent.id, "consent.responded", "success")).toBe(1);
  });

  it("a guardian without decision rights may read but not answer (FORBIDDEN); nothing is written", async () => {
    const { student } = await family();
    const reader = await addGuardian(student.id, { hasDecisionRights: false });
    const request = await ask(student.id);
    const viewer = await viewerFor(reader.user);
    const detail = await getConsentRequest(viewer, request.id);
    expect(detail.portalDecisions).toEqual([]);
    expect(detail.cannotRespondReason).toBe("errors.consent.noDecisionRights");
    await expect(respondToConsent(viewer, answer(request, "granted"))).rejects.toSatisfy(hasCode("FORBIDDEN"));
    expect(await responsesOf(request.id)).toHaveLength(0);
  });

  it("a restricted guardian and an ended guardianship cannot see or answer (NOT_FOUND); staff cannot record for them", async () => {
    const { student } = await family();
    const restricted = await addGuardian(student.id, { restricted: true });
    const ended = await addGuardian(student.id, { endsOn: addDays(world.today, -1) });
    const request = await ask(student.id);
    for (const g of [restricted, ended]) {
      await expect(respondToConsent(await viewerFor(g.user), answer(request, "granted"))).rejects.toSatisfy(
        hasCode("NOT_FOUND"),
      );
    }
    const cm = await viewerFor(world.users.caseManager);
    const paper = (signer: string) => ({
      requestId: request.id,
      decision: "granted" as const,
      documentSha256: request.documentSha256,
      signer,
      signedOn: cm.today,
    });
    await expect(recordConsentResponse(cm, paper(restricted.guardianship.id))).rejects.toMatchObject({
      fieldErrors: { signer: ["errors.consent.guardianRestricted"] },
    });
    await expect(recordConsentResponse(cm, paper(ended.guardianship.id))).rejects.toMatchObject({
      fieldErrors: { signer: ["errors.consent.guardianshipEnded"] },
    });
    expect(await responsesOf(request.id)).toHaveLength(0);
  });

  it("C-13/CL-10: from the 18th birthday the adult student decides; a parent's answer is refused, a court-appointed guardian's accepted", async () => {
    const { student, parent } = await family({ birthDate: yearsBefore(world.today, 18) });
    expect(isAdultOn(student.birthDate, world.today)).toBe(true);
    const court = await addGuardian(student.id, { relation: "guardian" });
    const request = await ask(student.id, "reevaluation");
    await expect(respondToConsent(await viewerFor(parent), answer(request, "granted"))).rejects.toMatchObject({
      code: "FORBIDDEN",
      messageKey: "errors.consent.adultStudentDecides",
    });
    const cm = await viewerFor(world.users.caseManager);
    const consents = await getStudentConsents(cm, student.id);
    expect(consents.adult).toBe(true);
    // A guardian on file is not the adult student's guardian until a court order for the adult is recorded.
    expect(consents.signers.map((s) => s.relation)).toEqual(["adult_student"]);
    const { responseId } = await recordConsentResponse(cm, {
      requestId: request.id,
      decision: "refused",
      documentSha256: request.documentSha256,
      signer: "adult_student",
      signedOn: cm.today,
    });
    const [row] = await responsesOf(request.id);
    expect(row).toMatchObject({
      id: responseId,
      signerKind: "adult_student",
      signerGuardianshipId: null,
      method: "staff_recorded_paper",
      recordedBy: cm.userId,
    });
    await expect(respondToConsent(await viewerFor(court.user), answer(request, "granted"))).rejects.toMatchObject({
      messageKey: "errors.consent.adultStudentDecides",
    });
    await recordCourtGuardianship(cm, {
      studentId: student.id,
      guardianshipId: court.guardianship.id,
      court: "Probate Court",
      orderDate: world.today,
      startsOn: world.today,
      documentReference: "Docket PR-1",
    });
    expect((await getStudentConsents(cm, student.id)).signers.map((s) => s.relation)).toEqual(["guardian"]);
    await respondToConsent(await viewerFor(court.user), answer(request, "granted"));
    expect((await responsesOf(request.id)).map((r) => r.decision).sort()).toEqual(["granted", "refused"]);
  });

  it("C-13: before the 18th birthday the student cannot sign for themself", async () => {
    const { student } = await family({ birthDate: addDays(yearsBefore(world.today, 18), 1) });
    const request = await ask(student.id);
    const cm = await viewerFor(world.users.caseManager);
    await expect(
      recordConsentResponse(cm, {
        requestId: request.id,
        decision: "granted",
        documentSha256: request.documentSha256,
        signer: "adult_student",
        signedOn: cm.today,
      }),
    ).rejects.toMatchObject({ fieldErrors: { signer: ["errors.consent.studentNotAdult"] } });
  });

  it("staff record a signed paper on the guardian's behalf, audited as such and naming the guardian; an uploaded PDF scan is stored", async () => {
    const { student, parent, guardianship } = await family();
    const request = await ask(student.id, "records_release");
    const cm = await viewerFor(world.users.caseManager);
    const scan = new TextEncoder().encode("%PDF-1.4\n% signed scan\n");
    await recordConsentResponse(
      cm,
      {
        requestId: request.id,
        decision: "granted",
        documentSha256: request.documentSha256,
        signer: guardianship.id,
        signedOn: cm.today,
      },
      { bytes: scan },
    );
    const [row] = await responsesOf(request.id);
    expect(row).toMatchObject({
      method: "uploaded_paper",
      signerKind: "guardian",
      signerName: parent.name,
      signerUserId: parent.id,
      recordedBy: cm.userId,
    });
    expect(row!.uploadedDocumentId).not.toBeNull();
    expect(await countAudit(cm.userId, "consent.response_recorded", "success")).toBeGreaterThan(0);
    await expect(
      recordConsentResponse(
        cm,
        {
          requestId: request.id,
          decision: "revoked",
          documentSha256: request.documentSha256,
          signer: guardianship.id,
          signedOn: cm.today,
        },
        { bytes: new TextEncoder().encode("not a pdf") },
      ),
    ).rejects.toMatchObject({ fieldErrors: { upload: ["errors.consent.uploadType"] } });
    expect(await workflowEvents(student.id)).toHaveLength(0);
  });

  it("a scan up to 10 MB is accepted (a photo of the page is stored as a one-page PDF); above it, a specific refusal and nothing stored", async () => {
    const { student, guardianship } = await family();
    const request = await ask(student.id, "records_release");
    const cm = await viewerFor(world.users.caseManager);
    const paper = (decision: "granted" | "revoked", bytes: Uint8Array) =>
      recordConsentResponse(
        cm,
        {
          requestId: request.id,
          decision,
          documentSha256: request.documentSha256,
          signer: guardianship.id,
          signedOn: cm.today,
        },
        { bytes },
      );
    const tooLarge = new Uint8Array(MAX_UPLOAD_BYTES + 1);
    tooLarge.set(new TextEncoder().encode("%PDF-1.4\n"));
    await expect(paper("granted", tooLarge)).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { upload: ["errors.consent.uploadTooLarge"] },
    });
    expect(await responsesOf(request.id)).toHaveLength(0);

    const large = new Uint8Array(4 * 1024 * 1024);
    large.set(new TextEncoder().encode("%PDF-1.4\n"));
    await paper("granted", large);
    const png = Uint8Array.from(Buffer.from(ONE_PIXEL_PNG, "base64"));
    await paper("revoked", png);
    const rows = await responsesOf(request.id);
    expect(rows.map((r) => r.method)).toEqual(["uploaded_paper", "uploaded_paper"]);
    const docs = await db()
      .select({ pdf: storedDocuments.pdf })
      .from(storedDocuments)
      .where(
        inArray(
          storedDocuments.id,
          rows.map((r) => r.uploadedDocumentId!),
        ),
      );
    const sizes = docs.map((d) => d.pdf.length).sort((a, b) => a - b);
    expect(sizes[1]).toBe(large.length);
    const wrapped = docs.find((d) => d.pdf.length !== large.length)!;
    expect(new TextDecoder().decode(wrapped.pdf.subarray(0, 5))).toBe("%PDF-");
  });

  it("declined, then later granted on the same request (a family may change its mind); a second refusal is a CONFLICT", async () => {
    const { student, parent } = await family();
    const request = await ask(student.id);
    const viewer = await viewerFor(parent);
    await respondToConsent(viewer, answer(request, "refused"));
    await expect(respondToConsent(viewer, answer(request, "refused"))).rejects.toMatchObject({
      code: "CONFLICT",
      messageKey: "errors.consent.alreadyRefused",
    });
    await respondToConsent(viewer, answer(request, "granted"));
    const detail = await getConsentRequest(viewer, request.id);
    expect(detail.state).toBe("granted");
    expect(detail.responses.map((r) => r.decision)).toEqual(["refused", "granted"]);
    expect((await workflowEvents(student.id)).map((e) => e.type)).toEqual([
      "consent_requested",
      "consent_refused",
      "consent_granted",
    ]);
  });

  it("300.9(c): revocation only after a grant; C-05/CL-6: revoking initial services needs the acknowledged consequences; nothing follows a revocation", async () => {
    const { student, parent } = await family();
    const request = await ask(student.id, "initial_services");
    const viewer = await viewerFor(parent);
    await expect(respondToConsent(viewer, answer(request, "revoked"))).rejects.toMatchObject({
      code: "CONFLICT",
      messageKey: "errors.consent.revokeNeedsGrant",
    });
    await respondToConsent(viewer, answer(request, "granted"));
    await expect(respondToConsent(viewer, answer(request, "revoked"))).rejects.toMatchObject({
      fieldErrors: { revocationAcknowledged: ["errors.consent.revokeNeedsAcknowledgment"] },
    });
    await respondToConsent(viewer, answer(request, "revoked", { revocationAcknowledged: "on" }));
    const rows = await responsesOf(request.id);
    expect(rows.map((r) => [r.decision, r.revocationAcknowledged])).toEqual([
      ["granted", false],
      ["revoked", true],
    ]);
    await expect(respondToConsent(viewer, answer(request, "granted"))).rejects.toMatchObject({
      messageKey: "errors.consent.closed",
    });
    expect((await workflowEvents(student.id)).map((e) => e.type)).toEqual(["consent_requested", "consent_granted"]);
  });

  it("partial consent is not allowed by default ([U] setting)", async () => {
    const { student, parent } = await family();
    const request = await ask(student.id, "initial_services");
    await expect(
      respondToConsent(await viewerFor(parent), answer(request, "granted", { partial: "Only reading services" })),
    ).rejects.toMatchObject({ fieldErrors: { partial: ["errors.consent.partialNotAllowed"] } });
    expect(await responsesOf(request.id)).toHaveLength(0);
  });

  it("a stale document is refused with 'This document changed' and nothing is written (no response, no event, no audit row)", async () => {
    const { student, parent } = await family();
    const request = await ask(student.id);
    const viewer = await viewerFor(parent);
    const before = await workflowEvents(student.id);
    await expect(
      respondToConsent(viewer, answer({ id: request.id, documentSha256: "a".repeat(64) }, "granted")),
    ).rejects.toMatchObject({ code: "CONFLICT", messageKey: "errors.consent.documentChanged" });
    expect(await responsesOf(request.id)).toHaveLength(0);
    expect(await workflowEvents(student.id)).toHaveLength(before.length);
    expect(await countAudit(parent.id, "consent.responded")).toBe(0);
  });
});

describe("D-23 / CL-3: no response counts as refusal only for initial evaluation and services, after 10 school days", () => {
  /** A request dated `n` school days ago (test setup: the DAL always dates a request today). */
  async function requestDated(studentId: string, type: "initial_evaluation" | "reevaluation", n: number) {
    const date = await schoolDaysFrom(world.schoolA.id, world.today, n);
    const { t } = await translatorFor("en");
    const model = consentFormDocument(t, {
      type,
      language: "en",
      studentName: "Nina",
      schoolName: "North",
      schoolPhone: null,
      requestedOn: date,
      requestedBy: { name: "CM", email: "cm@test.example" },
      noResponseSchoolDays: 10,
    });
    const stored = await storeDocument(db(), { districtId: world.district.id, studentId, model, createdBy: null });
    const [row] = await db()
      .insert(consentRequests)
      .values({
        districtId: world.district.id,
        studentId,
        type,
        program: "iep",
        documentId: stored.id,
        documentSha256: stored.sha256,
        language: "en",
        requestedOn: date,
      })
      .returning();
    return row!;
  }

  it("C-01: after the window the plan lead records no_response → consent_refused (workflow), audited", async () => {
    const { student } = await family();
    const request = await requestDated(student.id, "initial_evaluation", 11);
    const cm = await viewerFor(world.users.caseManager);
    const { responseId } = await recordNoResponse(cm, {
      requestId: request.id,
      documentSha256: request.documentSha256,
    });
    const [row] = await responsesOf(request.id);
    expect(row).toMatchObject({ decision: "no_response", method: "staff_recorded_no_response", signerKind: null });
    expect(await workflowEvents(student.id)).toMatchObject([
      { type: "consent_refused", consent: "initial_evaluation", sourceId: responseId },
    ]);
    expect(await countAudit(cm.userId, "consent.no_response_recorded", "success")).toBeGreaterThan(0);
  });

  it("before the window has passed it is refused; for a reevaluation it is refused with its own message (C-03)", async () => {
    const { student } = await family();
    const cm = await viewerFor(world.users.caseManager);
    const early = await requestDated(student.id, "initial_evaluation", 9);
    await expect(
      recordNoResponse(cm, { requestId: early.id, documentSha256: early.documentSha256 }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      messageKey: "errors.consent.noResponseTooEarly",
    });
    const reeval = await requestDated(student.id, "reevaluation", 15);
    await expect(
      recordNoResponse(cm, { requestId: reeval.id, documentSha256: reeval.documentSha256 }),
    ).rejects.toMatchObject({
      messageKey: "errors.consent.noResponseNotAllowed",
    });
    expect(await responsesOf(early.id)).toHaveLength(0);
    expect(await responsesOf(reeval.id)).toHaveLength(0);
  });
});

describe("one source of truth: the deadline engine reads the consent events", () => {
  it("D-23 opens with the request and is met by the grant; D-01 is paused while waiting and counts again after the grant", async () => {
    const { student, parent } = await family();
    const referral = await schoolDaysFrom(world.schoolA.id, world.today, 5);
    await givenEvents(student, [{ type: "referral_received", date: referral }]);
    const [d01Before] = await deadlinesOf(student.id, "D-01");
    expect(d01Before).toMatchObject({ status: "open" });
    const request = await ask(student.id, "initial_evaluation");
    expect(await deadlinesOf(student.id, "D-23")).toMatchObject([{ status: "open" }]);
    expect(await deadlinesOf(student.id, "D-01")).toMatchObject([{ status: "paused", due: null }]);
    await respondToConsent(await viewerFor(parent), answer(request, "granted"));
    expect(await deadlinesOf(student.id, "D-23")).toMatchObject([{ status: "met" }]);
    const [d01After] = await deadlinesOf(student.id, "D-01");
    expect(d01After!.status).toBe("open");
    expect(d01After!.due).not.toBeNull();
    expect(d01After!.due! >= d01Before!.due!).toBe(true);
  });
});

describe("who reads the ledger (consent.read) and who requests (consent.request)", () => {
  it("the principal reads every request and may request 504 consents only; a teacher and another family get NOT_FOUND", async () => {
    const { student } = await family();
    const request = await ask(student.id);
    const principal = await getStudentConsents(await viewerFor(world.users.principalA), student.id);
    expect(principal.requests.map((r) => r.id)).toEqual([request.id]);
    expect(principal.requestablePrograms).toEqual(["504"]);
    expect(principal.requests[0]!.recordableDecisions).toEqual([]);
    const cm = await getStudentConsents(await viewerFor(world.users.caseManager), student.id);
    expect(cm.requestablePrograms).toEqual(["iep"]);
    expect(cm.requests[0]!.recordableDecisions).toEqual(["granted", "refused"]);
    await expect(getStudentConsents(await viewerFor(world.users.teacher), student.id)).rejects.toSatisfy(
      hasCode("NOT_FOUND"),
    );
    await expect(getConsentRequest(await viewerFor(world.users.parent), request.id)).rejects.toSatisfy(
      hasCode("NOT_FOUND"),
    );
  });
});

describe("the parent portal and the plan lead's notice", () => {
  it("CL-2: 'I need more time' leaves the request open, is audited and tells the plan lead through the outbox", async () => {
    const { student, parent } = await family({ parentLanguage: "es" });
    const request = await ask(student.id);
    const viewer = await viewerFor(parent);
    const mine = await listMyConsentRequests(viewer);
    expect(mine.map((r) => [r.id, r.state, r.portalDecisions])).toEqual([[request.id, "open", ["granted", "refused"]]]);
    await requestMoreTime(viewer, { requestId: request.id, message: "¿Qué pruebas?" });
    expect(await responsesOf(request.id)).toHaveLength(0);
    expect(await countAudit(parent.id, "consent.more_time_requested", "success")).toBe(1);
    const mail = await db()
      .select()
      .from(outbox)
      .where(and(eq(outbox.userId, world.users.caseManager.id), eq(outbox.kind, "consents.more_time")));
    expect(mail.some((m) => m.body.includes(student.id))).toBe(true);
  });
});

describe("append-only in SQL (CL-1): responses never change, requests only get superseded_by_id once", () => {
  it("the app role cannot UPDATE or DELETE a response, and the owner is stopped by the trigger", async () => {
    const { student, parent } = await family();
    const request = await ask(student.id);
    await respondToConsent(await viewerFor(parent), answer(request, "granted"));
    await expect(
      db().execute(sql`update consent_responses set note = 'x' where request_id = ${request.id}`),
    ).rejects.toThrow();
    await expect(db().execute(sql`delete from consent_responses where request_id = ${request.id}`)).rejects.toThrow();
    await expect(
      ownerDb().execute(sql`update consent_responses set decision = 'refused' where request_id = ${request.id}`),
    ).rejects.toThrow(/append-only/);
    await expect(
      ownerDb().execute(sql`delete from consent_responses where request_id = ${request.id}`),
    ).rejects.toThrow(/append-only/);
    expect((await responsesOf(request.id)).map((r) => r.decision)).toEqual(["granted"]);
  });

  it("the insert trigger refuses a response to another document, a revocation before a grant, and no_response for a reevaluation", async () => {
    const { student } = await family();
    const request = await ask(student.id, "reevaluation");
    const base = { request_id: request.id, student_id: student.id };
    const insert = (decision: string, method: string, sha: string, signer = true) =>
      db().execute(sql`insert into consent_responses
        (request_id, student_id, decision, signer_kind, signer_name, method, document_sha256, responded_on)
        values (${base.request_id}, ${base.student_id}, ${decision}::consent_decision,
          ${signer ? "adult_student" : null}::consent_signer_kind, ${signer ? "X" : null},
          ${method}::consent_method, ${sha}, ${world.today})`);
    await expect(insert("granted", "staff_recorded_paper", "b".repeat(64))).rejects.toThrow();
    await expect(insert("revoked", "staff_recorded_paper", request.documentSha256)).rejects.toThrow();
    await expect(insert("no_response", "staff_recorded_no_response", request.documentSha256, false)).rejects.toThrow();
    expect(await responsesOf(request.id)).toHaveLength(0);
  });

  it("a request's facts never change, superseded_by_id is set only once, and requests are never deleted", async () => {
    const { student } = await family();
    const first = await ask(student.id, "records_release");
    const second = await ask(student.id, "records_release");
    await expect(
      db().execute(sql`update consent_requests set type = 'excusal' where id = ${second.id}`),
    ).rejects.toThrow();
    await expect(
      db().execute(sql`update consent_requests set superseded_by_id = ${second.id} where id = ${first.id}`),
    ).rejects.toThrow();
    await expect(db().execute(sql`delete from consent_requests where id = ${second.id}`)).rejects.toThrow();
    await expect(ownerDb().execute(sql`delete from consent_requests where id = ${second.id}`)).rejects.toThrow(
      /never deleted/,
    );
    const [row] = await db().select().from(consentRequests).where(eq(consentRequests.id, first.id));
    expect(row!.supersededById).toBe(second.id);
  });
});
