import { createHash, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Executor } from "../client";
import {
  consentRequests,
  consentResponses,
  dueProcessFilings,
  meetings,
  planVersions,
  priorWrittenNotices,
  storedDocuments,
  students,
} from "../schema";

/**
 * Rows of the legal record that the plan lifecycle's gates read (issue 11), written directly — the
 * meetings, notices and consent workflows have their own data layer; tests of the lifecycle (and
 * the demo seed until it tells the full story) only need the facts on record.
 */

type Program = "iep" | "504";
type MeetingPurpose = (typeof meetings.purposes._.data)[number];
type ConsentType = (typeof consentRequests.type.enumValues)[number];

async function studentDistrict(db: Executor, studentId: string): Promise<string> {
  const [row] = await db.select({ districtId: students.districtId }).from(students).where(eq(students.id, studentId));
  return row!.districtId;
}

/** A stored document standing in for a rendered notice or consent form (a few bytes, real SHA-256). */
export async function storedDocumentStub(
  db: Executor,
  input: { studentId: string; kind: "meeting_notice" | "prior_written_notice" | "consent_form"; id?: string },
): Promise<{ id: string; sha256: string }> {
  const pdf = new TextEncoder().encode(`%PDF-1.4 stub ${input.kind} ${input.id ?? randomUUID()}`);
  const sha256 = createHash("sha256").update(pdf).digest("hex");
  const [row] = await db
    .insert(storedDocuments)
    .values({
      ...(input.id ? { id: input.id } : {}),
      districtId: await studentDistrict(db, input.studentId),
      studentId: input.studentId,
      kind: input.kind,
      language: "en",
      model: { kind: input.kind },
      pdf,
      sha256,
    })
    .returning({ id: storedDocuments.id, sha256: storedDocuments.sha256 });
  return row!;
}

/** A meeting held on `heldOn` for the student and program (IEP purposes default to an annual review). */
export async function heldMeeting(
  db: Executor,
  input: {
    studentId: string;
    program: Program;
    heldOn: string;
    purposes?: MeetingPurpose[];
    planVersionId?: string;
    id?: string;
  },
) {
  const [row] = await db
    .insert(meetings)
    .values({
      ...(input.id ? { id: input.id } : {}),
      districtId: await studentDistrict(db, input.studentId),
      studentId: input.studentId,
      program: input.program,
      status: "held",
      purposes: input.purposes ?? (input.program === "iep" ? ["annual_review"] : ["eligibility"]),
      planVersionId: input.planVersionId ?? null,
      scheduledOn: input.heldOn,
      startsAt: "15:00",
      location: "Conference room",
      language: "en",
      heldOn: input.heldOn,
      decisions: "The team agreed on the plan.",
    })
    .returning({ id: meetings.id });
  return row!.id;
}

/** A consent request of `type` bound to a version, answered with `decisions` in order (one second apart). */
export async function consentFor(
  db: Executor,
  input: {
    studentId: string;
    versionId: string | null;
    type: ConsentType;
    program?: Program;
    requestedOn: string;
    decisions?: Array<"granted" | "refused" | "revoked">;
    id?: string;
    documentId?: string;
  },
) {
  const document = await storedDocumentStub(db, {
    studentId: input.studentId,
    kind: "consent_form",
    id: input.documentId,
  });
  const [request] = await db
    .insert(consentRequests)
    .values({
      ...(input.id ? { id: input.id } : {}),
      districtId: await studentDistrict(db, input.studentId),
      studentId: input.studentId,
      type: input.type,
      program: input.program ?? (input.type === "plan_504" ? "504" : "iep"),
      planVersionId: input.versionId,
      documentId: document.id,
      documentSha256: document.sha256,
      language: "en",
      requestedOn: input.requestedOn,
    })
    .returning({ id: consentRequests.id });
  const base = Date.parse(`${input.requestedOn}T12:00:00Z`);
  for (const [i, decision] of (input.decisions ?? ["granted"]).entries()) {
    await db.insert(consentResponses).values({
      requestId: request!.id,
      studentId: input.studentId,
      decision,
      signerKind: "adult_student",
      signerName: "Parent (paper form)",
      method: "staff_recorded_paper",
      documentSha256: document.sha256,
      respondedOn: input.requestedOn,
      respondedAt: new Date(base + i * 1000),
      // A revocation of initial services records that its consequences were acknowledged (C-05, CL-6).
      revocationAcknowledged: decision === "revoked",
    });
  }
  return request!.id;
}

/** A prior written notice proposing a version, sent on `sentOn`, implementable from `implementationDate`. */
export async function sentNotice(
  db: Executor,
  input: {
    studentId: string;
    /** The version it proposes; null for a notice proposing to end a plan (an exit, issue 12). */
    versionId: string | null;
    sentOn: string;
    implementationDate: string;
    sentBy: string;
    id?: string;
    documentId?: string;
    program?: "iep" | "504";
    subject?: "identification" | "evaluation" | "placement" | "fape";
    action?: "propose" | "refuse";
  },
) {
  const document = await storedDocumentStub(db, {
    studentId: input.studentId,
    kind: "prior_written_notice",
    id: input.documentId,
  });
  const [row] = await db
    .insert(priorWrittenNotices)
    .values({
      ...(input.id ? { id: input.id } : {}),
      districtId: await studentDistrict(db, input.studentId),
      studentId: input.studentId,
      program: input.program ?? "iep",
      status: "sent",
      action: input.action ?? "propose",
      subject: input.subject ?? "fape",
      planVersionId: input.versionId,
      actionDescription: "The district proposes the IEP.",
      reasons: "The team found it appropriate.",
      evaluationsUsed: "Evaluation report.",
      safeguardsStatement: "You have protection under the procedural safeguards.",
      helpSources: "CPAC.",
      optionsConsidered: "None other.",
      otherFactors: "None.",
      language: "en",
      deliveryMethod: "mail",
      sentOn: input.sentOn,
      implementationDate: input.implementationDate,
      documentId: document.id,
      sentBy: input.sentBy,
    })
    .returning({ id: priorWrittenNotices.id });
  return row!.id;
}

/** A pending due-process filing for the student (stay-put). */
export async function pendingFiling(db: Executor, input: { studentId: string; program?: Program; filedOn: string }) {
  const [row] = await db
    .insert(dueProcessFilings)
    .values({
      districtId: await studentDistrict(db, input.studentId),
      studentId: input.studentId,
      program: input.program ?? "iep",
      filedOn: input.filedOn,
      filedBy: "Parent",
      description: "Disagrees with the proposed placement.",
    })
    .returning({ id: dueProcessFilings.id });
  return row!.id;
}

/**
 * Everything a version needs to be finalized and put in force: a held meeting on its meeting date
 * (linked to it), and for an IEP both a granted consent to initial services and a sent PWN proposing
 * it implementable from the meeting date — so it passes whether or not it is the student's first IEP.
 */
export async function legalRecordFor(
  db: Executor,
  versionId: string,
  sentBy: string,
  idFor: (name: string) => string | undefined = () => undefined,
) {
  const [version] = await db
    .select({ studentId: planVersions.studentId, planType: planVersions.planType, content: planVersions.content })
    .from(planVersions)
    .where(eq(planVersions.id, versionId));
  const meetingDate = (version!.content as { meetingDate?: unknown }).meetingDate;
  if (typeof meetingDate !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(meetingDate)) return { meetingId: null };
  const meetingId = await heldMeeting(db, {
    studentId: version!.studentId,
    program: version!.planType,
    heldOn: meetingDate,
    planVersionId: versionId,
    id: idFor("meeting"),
  });
  if (version!.planType === "iep") {
    await consentFor(db, {
      studentId: version!.studentId,
      versionId,
      type: "initial_services",
      requestedOn: meetingDate,
      id: idFor("consent"),
      documentId: idFor("consent-form"),
    });
    await sentNotice(db, {
      studentId: version!.studentId,
      versionId,
      sentOn: meetingDate,
      implementationDate: meetingDate,
      sentBy,
      id: idFor("notice"),
      documentId: idFor("notice-document"),
    });
  }
  return { meetingId };
}
