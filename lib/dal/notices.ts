import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { caseEvents, meetings, planVersions, priorWrittenNotices, users } from "@/db/schema";
import { addDays } from "@/lib/compliance";
import { refreshDeadlines } from "@/lib/dal/internal/deadline-store";
import { loadStoredDocument, storeDocument, storedPdf } from "@/lib/dal/internal/documents";
import { formatDocumentDate } from "@/lib/documents/meeting-notice";
import type { LegalDocument } from "@/lib/documents/model";
import { priorWrittenNoticeDocument } from "@/lib/documents/prior-written-notice";
import type { NoticeDetail } from "@/lib/dto/meetings";
import { AppError, fieldError } from "@/lib/errors";
import { familyLanguage, pwnImplementationDate } from "@/lib/meetings/rules";
import { translatorFor } from "@/lib/notifications/translator";
import { can } from "@/lib/policy";
import {
  missingPwnElements,
  PWN_ELEMENTS,
  type CreateNoticeInput,
  type PwnElement,
  type SendNoticeInput,
  type UpdateNoticeInput,
} from "@/lib/validation/meetings";
import { mutate, read, type Loader } from "./core";
import {
  calendarOf,
  districtSettings,
  forProgram,
  studentName,
  studentRecordTarget,
  type StudentEntity,
} from "./internal/meeting-helpers";
import { studentTarget } from "./students";
import type { Viewer } from "./viewer";

type NoticeRow = typeof priorWrittenNotices.$inferSelect;
type NoticeEntity = { student: StudentEntity; notice: NoticeRow };

/** How long after the day it is recorded a notice may be dated as sent (a notice mailed last week). */
const MAX_DAYS_BACK = 30;

/** Loader for one prior written notice of a student the viewer can see; its program is the plan type. */
function noticeTarget(studentId: string, noticeId: string): Loader<NoticeEntity> {
  return studentRecordTarget(
    "priorWrittenNotice",
    "notice",
    { studentId, recordId: noticeId },
    async (db, student, id) => {
      const [row] = await db
        .select()
        .from(priorWrittenNotices)
        .where(and(eq(priorWrittenNotices.id, id), eq(priorWrittenNotices.studentId, student)))
        .limit(1);
      return row;
    },
  );
}

function elementsOf(notice: NoticeRow): Record<PwnElement, string> {
  return Object.fromEntries(PWN_ELEMENTS.map((key) => [key, notice[key]])) as Record<PwnElement, string>;
}

/** The line naming the plan version or meeting a notice concerns, in the notice's language. */
async function concernsLine(
  db: Executor,
  notice: NoticeRow,
  t: (key: string, values?: Record<string, string | number>) => string,
): Promise<string | null> {
  const parts: string[] = [];
  if (notice.planVersionId) {
    const [version] = await db
      .select({ number: planVersions.number, type: planVersions.planType })
      .from(planVersions)
      .where(eq(planVersions.id, notice.planVersionId));
    if (version) {
      parts.push(
        t("meetings.pwn.concernsPlan", { kind: t(`meetings.planKinds.${version.type}`), number: version.number }),
      );
    }
  }
  if (notice.meetingId) {
    const [meeting] = await db
      .select({ scheduledOn: meetings.scheduledOn, heldOn: meetings.heldOn })
      .from(meetings)
      .where(eq(meetings.id, notice.meetingId));
    if (meeting) {
      parts.push(
        t("meetings.pwn.concernsMeeting", {
          date: formatDocumentDate(notice.language, meeting.heldOn ?? meeting.scheduledOn),
        }),
      );
    }
  }
  return parts.length > 0 ? parts.join(" · ") : null;
}

async function buildPwn(
  db: Executor,
  student: StudentEntity,
  notice: NoticeRow,
  status: "draft" | "final",
  senderId: string,
): Promise<LegalDocument> {
  const { t } = await translatorFor(notice.language);
  return priorWrittenNoticeDocument(
    {
      language: notice.language,
      status,
      studentName: studentName(student),
      schoolName: student.schoolName,
      action: notice.action,
      subject: notice.subject,
      elements: elementsOf(notice),
      concerns: await concernsLine(db, notice, t),
      deliveryMethod: notice.deliveryMethod,
      sentOn: notice.sentOn,
      implementationDate: notice.implementationDate,
      implementationAgreed: notice.agreedImplementationDate !== null,
      senderName: await senderName(db, senderId),
    },
    t,
  );
}

async function senderName(db: Executor, userId: string): Promise<string> {
  const [row] = await db.select({ name: users.name }).from(users).where(eq(users.id, userId));
  return row?.name ?? "";
}

/**
 * `notice.send`: starts a prior written notice draft for a student (IEP side by the case manager,
 * 504 side by the principal or 504 coordinator): propose or refuse × identification, evaluation,
 * placement or FAPE, optionally about one of the student's plan versions and meetings, in the
 * family's language. The safeguards statement and sources of help start from the district's
 * standard text in that language, to be reviewed.
 */
export async function createNotice(viewer: Viewer, input: CreateNoticeInput): Promise<{ noticeId: string }> {
  return mutate(
    viewer,
    {
      action: "notice.send",
      event: "notice.created",
      load: forProgram(studentTarget(input.studentId), input.program),
      submissionKey: input.submissionKey,
    },
    async ({ tx, target, details }) => {
      const student = target.entity;
      if (input.planVersionId) {
        const [version] = await tx
          .select({ id: planVersions.id })
          .from(planVersions)
          .where(
            and(
              eq(planVersions.id, input.planVersionId),
              eq(planVersions.studentId, student.id),
              eq(planVersions.planType, input.program),
            ),
          );
        if (!version) throw fieldError("planVersionId", "validation.notice.planVersion");
      }
      if (input.meetingId) {
        const [meeting] = await tx
          .select({ id: meetings.id })
          .from(meetings)
          .where(
            and(
              eq(meetings.id, input.meetingId),
              eq(meetings.studentId, student.id),
              eq(meetings.program, input.program),
            ),
          );
        if (!meeting) throw fieldError("meetingId", "validation.notice.meeting");
      }
      const language = familyLanguage(student.parentLanguage);
      const { t } = await translatorFor(language);
      const [row] = await tx
        .insert(priorWrittenNotices)
        .values({
          districtId: viewer.districtId,
          studentId: student.id,
          program: input.program,
          action: input.action,
          subject: input.subject,
          planVersionId: input.planVersionId ?? null,
          meetingId: input.meetingId ?? null,
          safeguardsStatement: t("meetings.pwn.defaultSafeguards"),
          helpSources: t("meetings.pwn.defaultHelpSources"),
          language,
          createdBy: viewer.userId,
        })
        .returning({ id: priorWrittenNotices.id });
      details.noticeId = row!.id;
      details.program = input.program;
      details.action = input.action;
      details.subject = input.subject;
      return { noticeId: row!.id };
    },
  );
}

/** Locks a notice for a change; a sent notice is a CONFLICT (it is never edited). */
async function lockDraft(tx: Executor, noticeId: string): Promise<NoticeRow> {
  const [row] = await tx.select().from(priorWrittenNotices).where(eq(priorWrittenNotices.id, noticeId)).for("update");
  if (!row || row.status !== "draft") throw new AppError("CONFLICT", "errors.notice.alreadySent");
  return row;
}

/**
 * `notice.send`: saves the seven required contents (34 CFR 300.503(b)) of a draft. Blank
 * contents may be saved while drafting; sending checks completeness. A sent notice is a CONFLICT.
 */
export async function updateNotice(viewer: Viewer, input: UpdateNoticeInput): Promise<{ missing: PwnElement[] }> {
  return mutate(
    viewer,
    {
      action: "notice.send",
      event: "notice.updated",
      load: noticeTarget(input.studentId, input.noticeId),
    },
    async ({ tx, target, details, unchanged }) => {
      const notice = await lockDraft(tx, target.entity.notice.id);
      const values = Object.fromEntries(PWN_ELEMENTS.map((key) => [key, input[key]])) as Record<PwnElement, string>;
      const changed = PWN_ELEMENTS.filter((key) => values[key] !== notice[key]);
      if (changed.length === 0) {
        unchanged();
        return { missing: missingPwnElements(values) };
      }
      await tx.update(priorWrittenNotices).set(values).where(eq(priorWrittenNotices.id, notice.id));
      details.noticeId = notice.id;
      details.fields = changed;
      return { missing: missingPwnElements(values) };
    },
  );
}

/**
 * `notice.send`: sends a complete draft — every one of the seven 300.503(b) contents filled, else
 * nothing changes and each missing one is named. `sentOn` is today or up to 30 days back; the
 * implementation date is the date agreed with the parent (on or after `sentOn`) or the 10th (the
 * district's D-05 setting) school day after `sentOn` on the student's school calendar. The notice
 * is rendered in its language and stored as sent (PDF + SHA-256); the row is then frozen (trigger).
 * An IEP-side notice writes the `pwn_sent` case event (source workflow) and refreshes deadlines.
 */
export async function sendNotice(
  viewer: Viewer,
  input: SendNoticeInput,
): Promise<{ implementationDate: string; documentId: string }> {
  return mutate(
    viewer,
    {
      action: "notice.send",
      event: "notice.sent",
      load: noticeTarget(input.studentId, input.noticeId),
      submissionKey: input.submissionKey,
    },
    async ({ tx, target, details }) => {
      const { student } = target.entity;
      const notice = await lockDraft(tx, target.entity.notice.id);
      const missing = missingPwnElements(elementsOf(notice));
      if (missing.length > 0) {
        throw new AppError("VALIDATION", "validation.notice.incomplete", {
          fieldErrors: Object.fromEntries(missing.map((key) => [key, [`validation.notice.missing.${key}`]])),
        });
      }
      if (input.sentOn > viewer.today) throw fieldError("sentOn", "validation.notice.sentInFuture");
      if (input.sentOn < addDays(viewer.today, -MAX_DAYS_BACK))
        throw fieldError("sentOn", "validation.notice.sentTooLongAgo");
      const agreed = input.agreedImplementationDate ?? null;
      if (agreed !== null && agreed < input.sentOn) {
        throw fieldError("agreedImplementationDate", "validation.notice.agreedBeforeSent");
      }
      if (agreed !== null && agreed > addDays(input.sentOn, 366)) {
        throw fieldError("agreedImplementationDate", "validation.notice.agreedTooFar");
      }
      const settings = await districtSettings(tx, viewer.districtId);
      const calendar = await calendarOf(tx, student.schoolId);
      const implementationDate = pwnImplementationDate(
        calendar,
        input.sentOn,
        agreed,
        settings.compliance.pwnImplementationSchoolDays,
      );
      if (!implementationDate) throw fieldError("sentOn", "validation.notice.noSchoolCalendar");
      const sent: NoticeRow = {
        ...notice,
        deliveryMethod: input.deliveryMethod,
        sentOn: input.sentOn,
        agreedImplementationDate: agreed,
        implementationDate,
      };
      const stored = await storeDocument(tx, {
        districtId: viewer.districtId,
        studentId: student.id,
        model: await buildPwn(tx, student, sent, "final", viewer.userId),
        createdBy: viewer.userId,
      });
      await tx
        .update(priorWrittenNotices)
        .set({
          status: "sent",
          deliveryMethod: input.deliveryMethod,
          sentOn: input.sentOn,
          agreedImplementationDate: agreed,
          implementationDate,
          documentId: stored.id,
          sentBy: viewer.userId,
        })
        .where(eq(priorWrittenNotices.id, notice.id));
      if (notice.program === "iep") {
        await tx.insert(caseEvents).values({
          districtId: viewer.districtId,
          studentId: student.id,
          type: "pwn_sent",
          date: input.sentOn,
          pwnAction: notice.action,
          pwnSubject: notice.subject,
          agreedImplementationDate: agreed,
          source: "workflow",
          sourceId: notice.id,
          recordedBy: viewer.userId,
        });
        await refreshDeadlines(tx, { districtId: viewer.districtId, studentIds: [student.id] });
      }
      details.noticeId = notice.id;
      details.documentId = stored.id;
      details.sha256 = stored.sha256;
      details.implementationDate = implementationDate;
      details.agreed = agreed !== null;
      return { implementationDate, documentId: stored.id };
    },
  );
}

/**
 * One prior written notice. Staff with `notice.draft.read` see drafts (with the completeness
 * check and a preview) and sent notices; a guardian (`notice.read`) sees a notice only once sent,
 * and then exactly as sent. Logs the read. NOT_FOUND outside the scope or for a guardian's draft.
 */
export async function getNotice(viewer: Viewer, studentId: string, noticeId: string): Promise<NoticeDetail> {
  const target = await read(viewer, {
    action: (t) => (can({ role: viewer.role }, "notice.draft.read", t) ? "notice.draft.read" : "notice.read"),
    load: noticeTarget(studentId, noticeId),
    event: "notice.viewed",
  });
  const { student, notice } = target.entity;
  const staff = target.may("notice.draft.read");
  if (!staff && notice.status !== "sent") throw new AppError("NOT_FOUND");
  const db = getDb();
  const stored = notice.documentId ? await loadStoredDocument(db, notice.documentId) : null;
  const elements = elementsOf(notice);
  return {
    studentId: student.id,
    studentName: studentName(student),
    today: viewer.today,
    staff,
    notice: {
      id: notice.id,
      program: notice.program,
      status: notice.status,
      action: notice.action,
      subject: notice.subject,
      sentOn: notice.sentOn,
      implementationDate: notice.implementationDate,
      planVersionId: notice.planVersionId,
      meetingId: notice.meetingId,
      language: notice.language,
      deliveryMethod: notice.deliveryMethod,
      agreedImplementationDate: notice.agreedImplementationDate,
      elements,
    },
    missing: missingPwnElements(elements),
    document: stored?.model ?? (await buildPwn(db, student, notice, "draft", viewer.userId)),
    canEdit: notice.status === "draft" && target.may("notice.send"),
  };
}

/** The stored PDF of a sent notice, exactly as sent (staff or the student's guardian). Logs the download. */
export async function getNoticePdf(
  viewer: Viewer,
  studentId: string,
  noticeId: string,
): Promise<{ pdf: Uint8Array; sha256: string; sentOn: string }> {
  const target = await read(viewer, {
    action: (t) => (can({ role: viewer.role }, "notice.draft.read", t) ? "notice.draft.read" : "notice.read"),
    load: noticeTarget(studentId, noticeId),
    event: "notice.document_downloaded",
  });
  const { notice } = target.entity;
  if (notice.status !== "sent") throw new AppError("NOT_FOUND");
  return { ...(await storedPdf(notice.documentId)), sentOn: notice.sentOn! };
}
