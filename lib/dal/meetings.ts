import "server-only";
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import {
  caseEvents,
  deadlines,
  consentRequests,
  consentResponses,
  meetingParticipants,
  meetings,
  planVersions,
  priorWrittenNotices,
  users,
} from "@/db/schema";
import { addDays } from "@/lib/compliance";
import { refreshDeadlines } from "@/lib/dal/internal/deadline-store";
import { refreshDeadlineSummariesOfStudents } from "@/lib/dal/internal/deadline-summaries";
import { loadStoredDocument, storeDocument, storedPdf } from "@/lib/dal/internal/documents";
import { pickableVersions } from "@/lib/dal/internal/plan-columns";
import { meetingNoticeDocument } from "@/lib/documents/meeting-notice";
import type { LegalDocument } from "@/lib/documents/model";
import type { MeetingDetail, MeetingProgram, MeetingSummary, NoticeSummary, StudentMeetings } from "@/lib/dto/meetings";
import { AppError, fieldError } from "@/lib/errors";
import {
  familyLanguage,
  isShortNotice,
  meetingNoticeDue,
  missingRequiredRoles,
  REQUIRED_PPT_ROLES,
} from "@/lib/meetings/rules";
import { translatorFor } from "@/lib/notifications/translator";
import { can } from "@/lib/policy";
import { now as clockNow, DEFAULT_TIME_ZONE, todayIn } from "@/lib/time";
import type {
  CancelMeetingInput,
  HoldMeetingInput,
  RescheduleMeetingInput,
  ScheduleMeetingInput,
  SendMeetingNoticeInput,
} from "@/lib/validation/meetings";
import { mutate, read, type Loader } from "./core";
import { studentTarget } from "./students";
import {
  calendarOf,
  districtSettings,
  forProgram,
  studentName,
  studentRecordTarget,
  teamOf,
  type StudentEntity,
} from "./internal/meeting-helpers";
import type { Viewer } from "./viewer";

const PROGRAMS: MeetingProgram[] = ["iep", "504"];

/** The furthest ahead a meeting may be scheduled. */
const MAX_DAYS_AHEAD = 366;

export type MeetingRow = typeof meetings.$inferSelect;

type MeetingEntity = { student: StudentEntity; meeting: MeetingRow };

/** Loader for one meeting of a student the viewer can see; its program is the plan type. */
function meetingTarget(studentId: string, meetingId: string): Loader<MeetingEntity> {
  return studentRecordTarget("meeting", "meeting", { studentId, recordId: meetingId }, async (db, student, id) => {
    const [row] = await db
      .select()
      .from(meetings)
      .where(and(eq(meetings.id, id), eq(meetings.studentId, student)))
      .limit(1);
    return row;
  });
}

function summaryOf(m: MeetingRow): MeetingSummary {
  return {
    id: m.id,
    program: m.program,
    status: m.status,
    purposes: m.purposes,
    scheduledOn: m.scheduledOn,
    startsAt: m.startsAt.slice(0, 5),
    noticeSentOn: m.noticeSentOn,
    heldOn: m.heldOn,
    cancelledOn: m.cancelledOn,
    rescheduledFromId: m.rescheduledFromId,
  };
}

function noticeSummaryOf(n: typeof priorWrittenNotices.$inferSelect): NoticeSummary {
  return {
    id: n.id,
    program: n.program,
    status: n.status,
    action: n.action,
    subject: n.subject,
    sentOn: n.sentOn,
    implementationDate: n.implementationDate,
  };
}

/**
 * The meetings and notices of a student. Staff with `meeting.read` (district admin, principal,
 * case manager; the 504 coordinator for 504 items) see every meeting and notice of the programs they
 * may read, plus the team they may invite; guardians (`notice.read`) see only meetings whose notice
 * was sent and notices that were sent. Returns null for anyone else (teachers, providers): the page
 * is a 404. Throws NOT_FOUND outside the student scope.
 */
export async function getStudentMeetings(viewer: Viewer, studentId: string): Promise<StudentMeetings | null> {
  const target = await read(viewer, { action: "student.read", load: studentTarget(studentId) });
  const allowed = (action: Parameters<typeof can>[1]) =>
    PROGRAMS.filter((planType) =>
      can({ role: viewer.role }, action, { relationships: target.relationships, planType }),
    );
  const staffPrograms = allowed("meeting.read");
  const familyPrograms = allowed("notice.read");
  const staff = staffPrograms.length > 0;
  const programs = staff ? staffPrograms : familyPrograms;
  if (programs.length === 0) return null;
  const db = getDb();
  const student = target.entity;
  const [meetingRows, noticeRows] = await Promise.all([
    db
      .select()
      .from(meetings)
      .where(
        and(
          eq(meetings.studentId, student.id),
          inArray(meetings.program, programs),
          staff ? undefined : sql`${meetings.noticeDocumentId} is not null`,
        ),
      )
      .orderBy(desc(meetings.scheduledOn), desc(meetings.createdAt)),
    db
      .select()
      .from(priorWrittenNotices)
      .where(
        and(
          eq(priorWrittenNotices.studentId, student.id),
          inArray(priorWrittenNotices.program, programs),
          staff ? undefined : eq(priorWrittenNotices.status, "sent"),
        ),
      )
      .orderBy(desc(priorWrittenNotices.createdAt)),
  ]);
  return {
    studentId: student.id,
    studentName: studentName(student),
    today: viewer.today,
    staff,
    meetings: meetingRows.map(summaryOf),
    notices: noticeRows.map(noticeSummaryOf),
    canSchedule: allowed("meeting.schedule"),
    canWriteNotice: allowed("notice.send"),
    team: staff && allowed("meeting.schedule").length > 0 ? await teamOf(db, student, viewer.today) : [],
    versions: await pickableVersions(db, student.id, allowed("notice.send"), ["draft", "proposed", "final"]),
  };
}

async function participantsOf(db: Executor, meetingId: string) {
  return db
    .select()
    .from(meetingParticipants)
    .where(eq(meetingParticipants.meetingId, meetingId))
    .orderBy(asc(meetingParticipants.createdAt), asc(meetingParticipants.name));
}

async function userName(db: Executor, userId: string): Promise<string> {
  const [row] = await db.select({ name: users.name }).from(users).where(eq(users.id, userId));
  return row?.name ?? "";
}

/** The meeting notice's document model (a preview while not sent; `final` when it goes out). */
async function buildNotice(
  db: Executor,
  student: StudentEntity,
  meeting: MeetingRow,
  options: { status: "draft" | "final"; sentOn: string | null; senderId: string; shorterNoticeAgreed: boolean },
): Promise<LegalDocument> {
  const participants = await participantsOf(db, meeting.id);
  const { t } = await translatorFor(meeting.language);
  return meetingNoticeDocument(
    {
      language: meeting.language,
      status: options.status,
      program: meeting.program,
      studentName: studentName(student),
      schoolName: student.schoolName,
      purposes: meeting.purposes,
      scheduledOn: meeting.scheduledOn,
      startsAt: meeting.startsAt,
      location: meeting.location,
      videoLink: meeting.videoLink,
      invitees: participants.filter((p) => p.invited).map((p) => ({ name: p.name, role: p.role })),
      senderName: await userName(db, options.senderId),
      sentOn: options.sentOn,
      shorterNoticeAgreed: options.shorterNoticeAgreed,
    },
    t,
  );
}

/**
 * One meeting. Staff with `meeting.read` get the meeting, its participants and its notice (the
 * stored notice once sent, else a preview the lead reviews before sending), and what they may do
 * now; a guardian (`notice.read`) gets the meeting only once its notice was sent, and then only the
 * notice. Logs the read. NOT_FOUND outside the scope, for a guardian before the notice, or for a
 * viewer with neither right.
 */
export async function getMeeting(viewer: Viewer, studentId: string, meetingId: string): Promise<MeetingDetail> {
  const target = await read(viewer, {
    action: (t) => (can({ role: viewer.role }, "meeting.read", t) ? "meeting.read" : "notice.read"),
    load: meetingTarget(studentId, meetingId),
    event: "meeting.viewed",
  });
  const { student, meeting } = target.entity;
  const staff = target.may("meeting.read");
  if (!staff && meeting.noticeDocumentId === null) throw new AppError("NOT_FOUND");
  const db = getDb();
  const lead = target.may("meeting.schedule");
  const [participants, settings, calendar] = await Promise.all([
    participantsOf(db, meeting.id),
    districtSettings(db, viewer.districtId),
    calendarOf(db, student.schoolId),
  ]);
  const stored = meeting.noticeDocumentId ? await loadStoredDocument(db, meeting.noticeDocumentId) : null;
  const notice =
    stored?.model ??
    (await buildNotice(db, student, meeting, {
      status: "draft",
      sentOn: null,
      senderId: viewer.userId,
      shorterNoticeAgreed: false,
    }));
  const noticeDays = settings.compliance.meetingNoticeSchoolDays;
  const pending = meeting.status === "scheduled" && meeting.noticeSentOn === null;
  const invitedRoles = new Set(participants.filter((p) => p.invited).map((p) => p.role));
  return {
    studentId: student.id,
    studentName: studentName(student),
    today: viewer.today,
    staff,
    meeting: {
      ...summaryOf(meeting),
      location: meeting.location,
      videoLink: meeting.videoLink,
      language: meeting.language,
      shorterNoticeAgreed: meeting.shorterNoticeAgreed,
      decisions: staff ? meeting.decisions : null,
      notes: staff ? meeting.notes : null,
      cancelReason: staff ? meeting.cancelReason : null,
      planVersionId: meeting.planVersionId,
    },
    participants: staff
      ? participants.map((p) => ({
          id: p.id,
          role: p.role,
          name: p.name,
          kind: p.userId ? "staff" : p.guardianshipId ? "guardian" : "other",
          attended: p.attended,
          excused: p.excused,
          excusalConsentRequestId: p.excusalConsentRequestId,
          writtenInputReceived: p.writtenInputReceived,
        }))
      : [],
    notice,
    noticeStored: stored !== null,
    noticeDueBy:
      pending && meeting.program === "iep" ? meetingNoticeDue(calendar, meeting.scheduledOn, noticeDays) : null,
    noticeShort:
      pending && meeting.program === "iep" && isShortNotice(calendar, viewer.today, meeting.scheduledOn, noticeDays),
    shorterNoticeAllowed: settings.workQueue.shorterNoticeByAgreement,
    canSendNotice: lead && pending && meeting.scheduledOn >= viewer.today,
    canHold:
      lead && meeting.status === "scheduled" && meeting.noticeSentOn !== null && meeting.scheduledOn <= viewer.today,
    canCancel: lead && meeting.status === "scheduled",
    requiredRolesUninvited:
      meeting.program === "iep" ? REQUIRED_PPT_ROLES.filter((role) => !invitedRoles.has(role)) : [],
    team: staff && lead && meeting.status === "scheduled" ? await teamOf(db, student, viewer.today) : [],
    excusalConsents: staff && lead && meeting.status === "scheduled" ? await grantedExcusalConsents(db, meeting) : [],
  };
}

/**
 * Inserts a scheduled meeting and its invitees (in the caller's transaction): staff must belong to
 * the student's team, guardians must receive notices; every guardian with notice rights is invited.
 */
async function insertMeeting(
  tx: Executor,
  viewer: Viewer,
  student: StudentEntity,
  program: MeetingProgram,
  input: Omit<ScheduleMeetingInput, "program" | "studentId" | "submissionKey">,
  rescheduledFromId: string | null,
): Promise<string> {
  if (input.scheduledOn < viewer.today) throw fieldError("scheduledOn", "validation.meeting.scheduledInPast");
  if (input.scheduledOn > addDays(viewer.today, MAX_DAYS_AHEAD)) {
    throw fieldError("scheduledOn", "validation.meeting.scheduledTooFar");
  }
  if (input.planVersionId) {
    const [version] = await tx
      .select({ id: planVersions.id })
      .from(planVersions)
      .where(
        and(
          eq(planVersions.id, input.planVersionId),
          eq(planVersions.studentId, student.id),
          eq(planVersions.planType, program),
        ),
      );
    if (!version) throw fieldError("planVersionId", "validation.notice.planVersion");
  }
  const team = await teamOf(tx, student, viewer.today);
  const invitees: { role: string; userId: string | null; guardianshipId: string | null; name: string }[] = [];
  for (const invitee of input.invitees) {
    if (invitee.userId) {
      const member = team.find((m) => m.userId === invitee.userId);
      if (!member) throw fieldError("invitees", "validation.meeting.notOnTeam");
      invitees.push({ role: invitee.role, userId: member.userId, guardianshipId: null, name: member.name });
    } else if (invitee.guardianshipId) {
      const member = team.find((m) => m.guardianshipId === invitee.guardianshipId);
      if (!member) throw fieldError("invitees", "validation.meeting.notOnTeam");
      invitees.push({ role: invitee.role, userId: null, guardianshipId: member.guardianshipId, name: member.name });
    } else {
      if (!invitee.name) throw fieldError("invitees", "validation.meeting.nameRequired");
      invitees.push({ role: invitee.role, userId: null, guardianshipId: null, name: invitee.name });
    }
  }
  for (const guardian of team.filter((m) => m.kind === "guardian")) {
    if (!invitees.some((i) => i.guardianshipId === guardian.guardianshipId)) {
      invitees.unshift({ role: "parent", userId: null, guardianshipId: guardian.guardianshipId, name: guardian.name });
    }
  }
  const seen = new Set<string>();
  for (const i of invitees) {
    const key = `${i.userId ?? i.guardianshipId ?? i.name}:${i.role}`;
    if (seen.has(key)) throw fieldError("invitees", "validation.meeting.duplicateInvitee");
    seen.add(key);
  }
  const [row] = await tx
    .insert(meetings)
    .values({
      districtId: viewer.districtId,
      studentId: student.id,
      program,
      purposes: [...new Set(input.purposes)],
      scheduledOn: input.scheduledOn,
      startsAt: input.startsAt,
      location: input.location ?? null,
      videoLink: input.videoLink ?? null,
      language: familyLanguage(student.parentLanguage),
      planVersionId: input.planVersionId ?? null,
      rescheduledFromId,
      createdBy: viewer.userId,
      updatedBy: viewer.userId,
    })
    .returning({ id: meetings.id });
  if (program === "iep") {
    // D-06 counts back from the meeting as soon as it is on the calendar: the notice is due N school
    // days before, and the work queue says so until the notice is sent (which completes it).
    await tx.insert(caseEvents).values({
      districtId: viewer.districtId,
      studentId: student.id,
      type: "meeting_scheduled",
      date: viewer.today,
      meetingDate: input.scheduledOn,
      source: "workflow",
      sourceId: row!.id,
      recordedBy: viewer.userId,
    });
    await refreshDeadlines(tx, { districtId: viewer.districtId, studentIds: [student.id] });
  }
  if (invitees.length > 0) {
    await tx.insert(meetingParticipants).values(
      invitees.map((i) => ({
        meetingId: row!.id,
        role: i.role as (typeof meetingParticipants.$inferInsert)["role"],
        userId: i.userId,
        guardianshipId: i.guardianshipId,
        name: i.name,
      })),
    );
  }
  return row!.id;
}

/**
 * `meeting.schedule`: schedules a PPT (program `iep`, by the case manager) or a 504 team meeting
 * (by the principal or 504 coordinator) on a date from today to a year ahead, at a place or a video
 * link, for one or more purposes, in the family's language, with its invitees. The notice is sent
 * in a second step (see {@link sendMeetingNotice}).
 */
export async function scheduleMeeting(viewer: Viewer, input: ScheduleMeetingInput): Promise<{ meetingId: string }> {
  return mutate(
    viewer,
    {
      action: "meeting.schedule",
      event: "meeting.scheduled",
      load: forProgram(studentTarget(input.studentId), input.program),
      submissionKey: input.submissionKey,
    },
    async ({ tx, target, details }) => {
      const meetingId = await insertMeeting(tx, viewer, target.entity, input.program, input, null);
      details.meetingId = meetingId;
      details.program = input.program;
      details.purposes = input.purposes;
      details.invitees = input.invitees.length;
      return { meetingId };
    },
  );
}

/**
 * `meeting.schedule`: reschedules a scheduled meeting: it is cancelled with the reason given and a
 * new meeting (pointing back at it) is scheduled with the same invitees unless new ones are given;
 * the new meeting needs its own notice.
 */
export async function rescheduleMeeting(viewer: Viewer, input: RescheduleMeetingInput): Promise<{ meetingId: string }> {
  return mutate(
    viewer,
    {
      action: "meeting.schedule",
      event: "meeting.scheduled",
      load: meetingTarget(input.studentId, input.meetingId),
      submissionKey: input.submissionKey,
    },
    async ({ tx, target, details }) => {
      const { student, meeting } = target.entity;
      await cancelInTransaction(tx, viewer, meeting, input.reason);
      const invitees =
        input.invitees.length > 0
          ? input.invitees
          : (await participantsOf(tx, meeting.id)).map((p) => ({
              role: p.role,
              userId: p.userId ?? undefined,
              guardianshipId: p.guardianshipId ?? undefined,
              name: p.userId || p.guardianshipId ? undefined : p.name,
            }));
      const meetingId = await insertMeeting(
        tx,
        viewer,
        student,
        meeting.program,
        { ...input, invitees, planVersionId: input.planVersionId ?? meeting.planVersionId ?? undefined },
        meeting.id,
      );
      details.meetingId = meetingId;
      details.rescheduledFromId = meeting.id;
      return { meetingId };
    },
  );
}

/**
 * A PPT's notice went out: its D-06 deadline (opened when the meeting was scheduled) is completed on
 * the day sent. A notice shorter than D-06 with the parent's written agreement is a new fact: the
 * scheduling event is voided and the meeting is recorded again with the agreement (D-06 met).
 */
async function noticeSent(
  tx: Executor,
  viewer: Viewer,
  meeting: MeetingRow,
  sentOn: string,
  shorterNoticeAgreed: boolean,
  documentId: string,
) {
  const [scheduled] = await tx
    .select({ id: caseEvents.id })
    .from(caseEvents)
    .where(
      and(
        eq(caseEvents.sourceId, meeting.id),
        eq(caseEvents.source, "workflow"),
        eq(caseEvents.type, "meeting_scheduled"),
        isNull(caseEvents.voidedAt),
      ),
    );
  if (shorterNoticeAgreed) {
    if (scheduled)
      await tx
        .update(caseEvents)
        .set({ voidedAt: clockNow(), voidedBy: viewer.userId, voidReason: "notice shortened by written agreement" })
        .where(eq(caseEvents.id, scheduled.id));
    await tx.insert(caseEvents).values({
      districtId: viewer.districtId,
      studentId: meeting.studentId,
      type: "meeting_scheduled",
      date: sentOn,
      meetingDate: meeting.scheduledOn,
      shorterNoticeAgreed: true,
      source: "workflow",
      sourceId: documentId,
      recordedBy: viewer.userId,
    });
  }
  await refreshDeadlines(tx, { districtId: viewer.districtId, studentIds: [meeting.studentId] });
  if (scheduled && !shorterNoticeAgreed) {
    await tx
      .update(deadlines)
      .set({ completedOn: sentOn, completedBy: viewer.userId })
      .where(and(eq(deadlines.triggerEventId, scheduled.id), eq(deadlines.ruleId, "D-06")));
    await refreshDeadlineSummariesOfStudents(tx, { districtId: viewer.districtId, studentIds: [meeting.studentId] });
  }
}

/** Locks a meeting row for a state change; a row no longer scheduled is a CONFLICT. */
async function lockScheduled(tx: Executor, meetingId: string): Promise<MeetingRow> {
  const [row] = await tx.select().from(meetings).where(eq(meetings.id, meetingId)).for("update");
  if (!row || row.status !== "scheduled") throw new AppError("CONFLICT", "errors.meeting.notScheduled");
  return row;
}

async function cancelInTransaction(tx: Executor, viewer: Viewer, meeting: MeetingRow, reason: string) {
  await lockScheduled(tx, meeting.id);
  await tx
    .update(meetings)
    .set({ status: "cancelled", cancelledOn: viewer.today, cancelReason: reason, updatedBy: viewer.userId })
    .where(eq(meetings.id, meeting.id));
  const voided = await tx
    .update(caseEvents)
    .set({ voidedAt: clockNow(), voidedBy: viewer.userId, voidReason: reason })
    .where(
      and(
        // Recorded when scheduled, or again from the notice sent on shorter notice by agreement.
        inArray(caseEvents.sourceId, [meeting.id, ...(meeting.noticeDocumentId ? [meeting.noticeDocumentId] : [])]),
        eq(caseEvents.source, "workflow"),
        eq(caseEvents.type, "meeting_scheduled"),
        isNull(caseEvents.voidedAt),
      ),
    )
    .returning({ id: caseEvents.id });
  if (voided.length > 0) await refreshDeadlines(tx, { districtId: viewer.districtId, studentIds: [meeting.studentId] });
}

/**
 * `meeting.schedule`: cancels a scheduled meeting with a reason (kept on the meeting). The
 * `meeting_scheduled` case event its notice wrote is voided with the same reason.
 */
export async function cancelMeeting(viewer: Viewer, input: CancelMeetingInput): Promise<void> {
  await mutate(
    viewer,
    {
      action: "meeting.schedule",
      event: "meeting.cancelled",
      load: meetingTarget(input.studentId, input.meetingId),
      submissionKey: input.submissionKey,
    },
    async ({ tx, target, details }) => {
      await cancelInTransaction(tx, viewer, target.entity.meeting, input.reason);
      details.meetingId = target.entity.meeting.id;
    },
  );
}

/**
 * `meeting.schedule`: sends a scheduled meeting's notice today, in the family's language, and
 * stores it exactly as sent (PDF + SHA-256). A PPT notice must go out at least the district's
 * D-06 number of school days before the meeting; a shorter notice needs the parent's written
 * agreement (`shortNoticeAgreed`) and the district's `shorterNoticeByAgreement` setting. For a PPT
 * it writes the `meeting_scheduled` case event (source workflow) and refreshes the deadlines.
 */
export async function sendMeetingNotice(
  viewer: Viewer,
  input: SendMeetingNoticeInput,
): Promise<{ documentId: string }> {
  return mutate(
    viewer,
    {
      action: "meeting.schedule",
      event: "meeting.notice_sent",
      load: meetingTarget(input.studentId, input.meetingId),
      submissionKey: input.submissionKey,
    },
    async ({ tx, target, details }) => {
      const { student } = target.entity;
      const meeting = await lockScheduled(tx, target.entity.meeting.id);
      if (meeting.noticeDocumentId) throw new AppError("CONFLICT", "errors.meeting.noticeAlreadySent");
      const sentOn = viewer.today;
      if (meeting.scheduledOn < sentOn) throw new AppError("CONFLICT", "errors.meeting.datePassed");
      let shorterNoticeAgreed = false;
      if (meeting.program === "iep") {
        const settings = await districtSettings(tx, viewer.districtId);
        const calendar = await calendarOf(tx, student.schoolId);
        if (isShortNotice(calendar, sentOn, meeting.scheduledOn, settings.compliance.meetingNoticeSchoolDays)) {
          if (!settings.workQueue.shorterNoticeByAgreement) {
            throw fieldError("shortNoticeAgreed", "validation.meeting.shortNoticeNotAllowed");
          }
          if (!input.shortNoticeAgreed) throw fieldError("shortNoticeAgreed", "validation.meeting.shortNotice");
          shorterNoticeAgreed = true;
        }
      }
      const model = await buildNotice(tx, student, meeting, {
        status: "final",
        sentOn,
        senderId: viewer.userId,
        shorterNoticeAgreed,
      });
      const stored = await storeDocument(tx, {
        districtId: viewer.districtId,
        studentId: student.id,
        model,
        createdBy: viewer.userId,
      });
      await tx
        .update(meetings)
        .set({ noticeDocumentId: stored.id, noticeSentOn: sentOn, shorterNoticeAgreed, updatedBy: viewer.userId })
        .where(eq(meetings.id, meeting.id));
      if (meeting.program === "iep") await noticeSent(tx, viewer, meeting, sentOn, shorterNoticeAgreed, stored.id);
      details.meetingId = meeting.id;
      details.documentId = stored.id;
      details.sha256 = stored.sha256;
      details.shorterNoticeAgreed = shorterNoticeAgreed;
      return { documentId: stored.id };
    },
  );
}

/**
 * Excusal requests of this meeting whose latest response is a grant (C-06, 300.321(e)), oldest
 * first, with the day asked and the time granted: the only consents a member may be excused with.
 */
async function grantedExcusalConsents(tx: Executor, meeting: Pick<MeetingRow, "id" | "studentId">) {
  const rows = await tx
    .select({
      id: consentRequests.id,
      requestedOn: consentRequests.requestedOn,
      decision: consentResponses.decision,
      respondedAt: consentResponses.respondedAt,
    })
    .from(consentRequests)
    .innerJoin(consentResponses, eq(consentResponses.requestId, consentRequests.id))
    .where(
      and(
        eq(consentRequests.meetingId, meeting.id),
        eq(consentRequests.studentId, meeting.studentId),
        eq(consentRequests.type, "excusal"),
      ),
    )
    .orderBy(asc(consentResponses.respondedAt), asc(consentResponses.id));
  const latest = new Map<string, (typeof rows)[number]>();
  for (const row of rows) latest.set(row.id, row);
  return [...latest.values()]
    .filter((row) => row.decision === "granted")
    .map((row) => ({
      id: row.id,
      requestedOn: row.requestedOn,
      grantedOn: todayIn(DEFAULT_TIME_ZONE, row.respondedAt),
    }));
}

async function grantedExcusals(tx: Executor, meeting: MeetingRow): Promise<Set<string>> {
  return new Set((await grantedExcusalConsents(tx, meeting)).map((row) => row.id));
}

/**
 * `meeting.schedule`: records a scheduled, noticed meeting as held on a day from its scheduled
 * date to today, with the attendance of every invitee, the decisions (required) and notes. For a
 * PPT every required member (300.321: parent, general- and special-education teacher, district
 * representative, someone who can interpret evaluations) must have attended or — except the
 * parent — be excused with the parent's granted written consent to the excusal (C-06); otherwise
 * nothing is saved and the error names who is missing. A held PPT writes `ppt_meeting_held` with
 * the meeting's purposes (source workflow) and refreshes the deadlines.
 */
export async function holdMeeting(viewer: Viewer, input: HoldMeetingInput): Promise<void> {
  await mutate(
    viewer,
    {
      action: "meeting.schedule",
      event: "meeting.held",
      load: meetingTarget(input.studentId, input.meetingId),
      submissionKey: input.submissionKey,
    },
    async ({ tx, target, details }) => {
      const meeting = await lockScheduled(tx, target.entity.meeting.id);
      if (meeting.noticeSentOn === null) throw new AppError("CONFLICT", "errors.meeting.noticeNotSent");
      if (input.heldOn > viewer.today) throw fieldError("heldOn", "validation.meeting.heldInFuture");
      if (input.heldOn < meeting.scheduledOn) throw fieldError("heldOn", "validation.meeting.heldBeforeScheduled");
      const participants = await participantsOf(tx, meeting.id);
      const byId = new Map(input.attendance.map((a) => [a.participantId, a]));
      if (participants.some((p) => !byId.has(p.id)) || byId.size !== input.attendance.length) {
        throw fieldError("attendance", "validation.meeting.attendanceIncomplete");
      }
      if (input.attendance.some((a) => !participants.some((p) => p.id === a.participantId))) {
        throw fieldError("attendance", "validation.meeting.attendanceIncomplete");
      }
      const granted = await grantedExcusals(tx, meeting);
      const rows = participants.map((p) => {
        const a = byId.get(p.id)!;
        const excused = !a.attended && a.excused === true;
        if (excused && p.role === "parent") throw fieldError("attendance", "validation.meeting.parentNotExcusable");
        if (excused && (!a.excusalConsentRequestId || !granted.has(a.excusalConsentRequestId))) {
          throw fieldError("attendance", "validation.meeting.excusalNotGranted");
        }
        return { p, a, excused };
      });
      if (meeting.program === "iep") {
        const missing = missingRequiredRoles(
          rows.map(({ p, a, excused }) => ({
            role: p.role,
            attended: a.attended,
            excused,
            excusalGranted: excused && granted.has(a.excusalConsentRequestId ?? ""),
          })),
        );
        if (missing.length > 0) {
          throw new AppError("VALIDATION", "validation.meeting.requiredMissing", {
            fieldErrors: { missingRoles: missing.map((role) => `validation.meeting.missing.${role}`) },
          });
        }
      } else if (!rows.some(({ a }) => a.attended)) {
        throw fieldError("attendance", "validation.meeting.nobodyAttended");
      }
      for (const { p, a, excused } of rows) {
        await tx
          .update(meetingParticipants)
          .set({
            attended: a.attended,
            excused,
            excusalConsentRequestId: excused ? a.excusalConsentRequestId! : null,
            writtenInputReceived: excused && a.writtenInputReceived === true,
          })
          .where(eq(meetingParticipants.id, p.id));
      }
      await tx
        .update(meetings)
        .set({
          status: "held",
          heldOn: input.heldOn,
          decisions: input.decisions,
          notes: input.notes ?? null,
          updatedBy: viewer.userId,
        })
        .where(eq(meetings.id, meeting.id));
      if (meeting.program === "iep") {
        await tx.insert(caseEvents).values({
          districtId: viewer.districtId,
          studentId: meeting.studentId,
          type: "ppt_meeting_held",
          date: input.heldOn,
          meetingPurposes: meeting.purposes,
          source: "workflow",
          sourceId: meeting.id,
          recordedBy: viewer.userId,
        });
        await refreshDeadlines(tx, { districtId: viewer.districtId, studentIds: [meeting.studentId] });
      }
      details.meetingId = meeting.id;
      details.heldOn = input.heldOn;
      details.attended = rows.filter(({ a }) => a.attended).length;
      details.excused = rows.filter(({ excused }) => excused).length;
    },
  );
}

/**
 * `meeting.read` (staff) or `notice.read` (a guardian): the stored PDF of a meeting's sent notice,
 * exactly as sent. Logs the download. NOT_FOUND when no notice was sent.
 */
export async function getMeetingNoticePdf(
  viewer: Viewer,
  studentId: string,
  meetingId: string,
): Promise<{ pdf: Uint8Array; sha256: string; scheduledOn: string }> {
  const target = await read(viewer, {
    action: (t) => (can({ role: viewer.role }, "meeting.read", t) ? "meeting.read" : "notice.read"),
    load: meetingTarget(studentId, meetingId),
    event: "meeting.notice_downloaded",
  });
  const { meeting } = target.entity;
  return { ...(await storedPdf(meeting.noticeDocumentId)), scheduledOn: meeting.scheduledOn };
}
