import "server-only";
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { caseEvents, deadlines, districts, planVersions, students, users } from "@/db/schema";
import { eventTypes, type DeadlineStatus, type EventType } from "@/lib/compliance";
import { loadSchoolCalendars } from "@/lib/dal/internal/calendars";
import { isDelayReasonCode } from "@/lib/deadlines/delay-reasons";
import {
  CONSENT_ANSWER_RULE,
  INITIAL_EVALUATION_RULE,
  isManuallyCompletable,
  programOfEvent,
  ruleById,
  type Program,
} from "@/lib/deadlines/programs";
import { parseDeadlineSettings } from "@/lib/deadlines/settings";
import { effectiveStatus } from "@/lib/deadlines/status";
import { refreshDeadlines } from "@/lib/dal/internal/deadline-store";
import { refreshDeadlineSummariesOfStudents } from "@/lib/dal/internal/deadline-summaries";
import { hasOpenReferral, receivedEventOfOpenReferral } from "@/lib/dal/internal/referrals";
import { stayPutPending } from "@/lib/dal/internal/plan-lifecycle";
import { timingOf } from "@/lib/deadlines/timing";
import type { DeadlineView, StudentDeadlines } from "@/lib/dto/deadlines";
import { AppError, fieldError } from "@/lib/errors";
import { can } from "@/lib/policy";
import { caseEventDateErrors, type RecordCaseEventInput } from "@/lib/validation/deadlines";
import { isUuid } from "@/lib/validation/ids";
import { loaderFor, mutate, read, type Loader } from "./core";
import { studentTarget } from "./students";
import type { Viewer } from "./viewer";
import { now as clockNow } from "@/lib/time";
import { districtSettingsOf } from "./internal/settings";

const PROGRAMS: Program[] = ["iep", "504"];

/** A loader whose target is decided for one program (the plan type the policy checks). */
function forProgram<E>(load: Loader<E>, planType: Program): Loader<E> {
  const decided: Loader<E> = async (db, viewer) => {
    const target = await load(db, viewer);
    return target && { ...target, planType };
  };
  return Object.assign(decided, { requested: load.requested });
}

type CaseEventEntity = { id: string; studentId: string; voided: boolean };

/** Loader for one case event of a student the viewer can see; its program is the plan type. */
function caseEventTarget(studentId: string, eventId: string): Loader<CaseEventEntity> {
  return loaderFor("caseEvent", eventId, async (db, viewer) => {
    if (!isUuid(eventId)) return null;
    const student = await studentTarget(studentId)(db, viewer);
    if (!student) return null;
    const [row] = await db
      .select({ id: caseEvents.id, type: caseEvents.type, voidedAt: caseEvents.voidedAt })
      .from(caseEvents)
      .where(and(eq(caseEvents.id, eventId), eq(caseEvents.studentId, student.entity.id)))
      .limit(1);
    if (!row) return null;
    return {
      entity: { id: row.id, studentId: student.entity.id, voided: row.voidedAt !== null },
      entityType: "caseEvent",
      entityId: row.id,
      studentId: student.entity.id,
      relationships: student.relationships,
      planType: programOfEvent(row.type),
    };
  });
}

type DeadlineEntity = {
  id: string;
  studentId: string;
  ruleId: string;
  due: string | null;
  status: DeadlineStatus;
  completedOn: string | null;
  triggerDate: string | null;
  birthDate: string;
};

/** Loader for one stored deadline of a student the viewer can see; its program is the plan type. */
function deadlineTarget(studentId: string, deadlineId: string): Loader<DeadlineEntity> {
  return loaderFor("deadline", deadlineId, async (db, viewer) => {
    if (!isUuid(deadlineId)) return null;
    const student = await studentTarget(studentId)(db, viewer);
    if (!student) return null;
    const [row] = await db
      .select({
        id: deadlines.id,
        ruleId: deadlines.ruleId,
        program: deadlines.program,
        due: deadlines.due,
        status: deadlines.status,
        completedOn: deadlines.completedOn,
        triggerDate: caseEvents.date,
      })
      .from(deadlines)
      .leftJoin(caseEvents, eq(caseEvents.id, deadlines.triggerEventId))
      .where(and(eq(deadlines.id, deadlineId), eq(deadlines.studentId, student.entity.id)))
      .limit(1);
    if (!row) return null;
    return {
      entity: { ...row, studentId: student.entity.id, birthDate: student.entity.birthDate },
      entityType: "deadline",
      entityId: row.id,
      studentId: student.entity.id,
      relationships: student.relationships,
      planType: row.program,
    };
  });
}

/**
 * The deadlines section of a student page: case events and computed deadlines of the programs the
 * viewer may read (`caseEvent.read`: district admin, principal, case manager; the 504 coordinator
 * for 504 items), with school days left on the school's calendar and what the viewer may record.
 * Returns null for viewers without that right (teachers, providers, parents): the page shows no
 * section. Throws NOT_FOUND outside the student scope. The page's own read is the logged access.
 */
export async function getStudentDeadlines(viewer: Viewer, studentId: string): Promise<StudentDeadlines | null> {
  const target = await read(viewer, { action: "student.read", load: studentTarget(studentId) });
  const subject = { role: viewer.role };
  const allowedFor = (action: "caseEvent.read" | "caseEvent.record") =>
    PROGRAMS.filter((planType) => can(subject, action, { relationships: target.relationships, planType }));
  const readable = allowedFor("caseEvent.read");
  if (readable.length === 0) return null;
  const recordable = allowedFor("caseEvent.record");
  const student = target.entity;
  const db = getDb();
  const [eventRows, deadlineRows, stored, calendars] = await Promise.all([
    db
      .select({ event: caseEvents, recordedByName: users.name })
      .from(caseEvents)
      .leftJoin(users, eq(users.id, caseEvents.recordedBy))
      .where(eq(caseEvents.studentId, student.id))
      .orderBy(desc(caseEvents.date), desc(caseEvents.createdAt)),
    db
      .select({ deadline: deadlines, triggerDate: caseEvents.date, triggerConsent: caseEvents.consent })
      .from(deadlines)
      .leftJoin(caseEvents, eq(caseEvents.id, deadlines.triggerEventId))
      .where(and(eq(deadlines.studentId, student.id), inArray(deadlines.program, readable)))
      .orderBy(sql`${deadlines.due} asc nulls last`, asc(deadlines.ruleId)),
    districtSettingsOf(db, viewer.districtId),
    loadSchoolCalendars(db, [student.schoolId]),
  ]);
  const settings = parseDeadlineSettings(stored);
  const calendar = calendars.get(student.schoolId)!;

  const views: DeadlineView[] = deadlineRows.map(({ deadline: d, triggerDate, triggerConsent }) => {
    const status = effectiveStatus(d);
    const open = status === "open" && d.due !== null;
    const timing = open ? timingOf(calendar, viewer.today, d.due!, settings.workQueue) : null;
    const rule = ruleById(d.ruleId);
    const mayRecord = recordable.includes(d.program);
    return {
      id: d.id,
      ruleId: d.ruleId,
      program: d.program,
      due: d.due,
      unit: d.unit,
      status,
      triggerDate,
      schoolDaysLeft: timing?.schoolDaysLeft ?? null,
      overdue: timing?.overdue ?? false,
      escalated: timing?.escalated ?? false,
      beyondCalendar: timing?.beyondCalendar ?? false,
      completedOn: d.completedOn,
      delayReason: isDelayReasonCode(d.delayReason) ? d.delayReason : null,
      canComplete: mayRecord && open && rule !== undefined && isManuallyCompletable(rule),
      canRecordDelayReason: mayRecord && delayReasonAllowed(d, viewer.today),
      consentStep:
        mayRecord && d.ruleId === CONSENT_ANSWER_RULE && open && (timing?.overdue ?? false) ? triggerConsent : null,
    };
  });

  return {
    studentId: student.id,
    today: viewer.today,
    birthDate: student.birthDate,
    events: eventRows
      .filter(({ event }) => readable.includes(programOfEvent(event.type)))
      .map(({ event, recordedByName }) => ({
        id: event.id,
        type: event.type,
        program: programOfEvent(event.type),
        date: event.date,
        consent: event.consent,
        meetingDate: event.meetingDate,
        agreedImplementationDate: event.agreedImplementationDate,
        birthToThree: event.birthToThree,
        eligibilityKind: event.eligibilityKind,
        eligible: event.eligible,
        purposes: event.meetingPurposes,
        pwnAction: event.pwnAction,
        pwnSubject: event.pwnSubject,
        exitReason: event.exitReason,
        shorterNoticeAgreed: event.shorterNoticeAgreed,
        note: event.note,
        source: event.source,
        recordedByName,
        voided: event.voidedAt !== null,
        voidReason: event.voidReason,
        canVoid:
          event.voidedAt === null && event.source === "manual" && recordable.includes(programOfEvent(event.type)),
      })),
    deadlines: views,
    recordableTypes: recordable.length === 0 ? [] : eventTypesFor(recordable),
    delayReasons: settings.workQueue.delayReasons,
  };
}

function eventTypesFor(programs: Program[]): EventType[] {
  return eventTypes.filter((type) => programs.includes(programOfEvent(type)));
}

/** A delay reason belongs on a D-01 that was met late, or that is still open past its due date. */
function delayReasonAllowed(
  d: { ruleId: string; status: DeadlineStatus; due: string | null; completedOn: string | null },
  today: string,
): boolean {
  if (d.ruleId !== INITIAL_EVALUATION_RULE) return false;
  return d.status === "late" || (d.status === "open" && d.due !== null && d.due < today);
}

/**
 * `caseEvent.record`: records a dated case event for a student — IEP-side events by the case
 * manager or principal, 504 activation by the principal or 504 coordinator — after checking the
 * dates against today and the birth date, then recomputes that student's deadlines in the same
 * transaction. An identical event already on file is a CONFLICT (the student's row is locked, so
 * parallel submissions are checked one after another); a repeated submission of the same form
 * (same `submissionKey`) answers the first one's result and records nothing. A `referral_received`
 * for a student with an IEP in force is refused until staff confirm (`notReevaluation`) that it is
 * a new referral and not a request for a reevaluation, and refused (CONFLICT) while the student has an open
 * referral (lib/dal/referrals.ts), which wrote it already.
 */
export async function recordCaseEvent(viewer: Viewer, input: RecordCaseEventInput): Promise<{ eventId: string }> {
  return mutate(
    viewer,
    {
      action: "caseEvent.record",
      event: "caseEvent.recorded",
      load: forProgram(studentTarget(input.studentId), programOfEvent(input.type)),
      submissionKey: input.submissionKey,
    },
    async ({ tx, target, details }) => {
      const fieldErrors = caseEventDateErrors(input, { today: viewer.today, birthDate: target.entity.birthDate });
      if (Object.keys(fieldErrors).length > 0) throw new AppError("VALIDATION", undefined, { fieldErrors });
      await tx.select({ id: students.id }).from(students).where(eq(students.id, target.entity.id)).for("update");
      if (input.type === "referral_received" && !input.notReevaluation) {
        const [activeIep] = await tx
          .select({ id: planVersions.id })
          .from(planVersions)
          .where(
            and(
              eq(planVersions.studentId, target.entity.id),
              eq(planVersions.planType, "iep"),
              eq(planVersions.status, "active"),
            ),
          )
          .limit(1);
        if (activeIep) throw fieldError("notReevaluation", "errors.lifecycle.referralIsReevaluation");
      }
      // One source of truth: an open referral already wrote this student's `referral_received`.
      if (input.type === "referral_received" && (await hasOpenReferral(tx, target.entity.id)))
        throw new AppError("CONFLICT", "errors.referral.alreadyOpen");
      // Stay-put (300.518, CL-7): no exit while a due-process filing is pending (the trigger agrees).
      if (input.type === "exited" && (await stayPutPending(tx, target.entity.id, "iep")))
        throw new AppError("VALIDATION", "errors.transition.exitUnderStayPut");
      const shorterNoticeAgreed = await shortNoticeAgreement(tx, viewer.districtId, target.entity.schoolId, input);
      const [duplicate] = await tx
        .select({ id: caseEvents.id })
        .from(caseEvents)
        .where(
          and(
            eq(caseEvents.studentId, target.entity.id),
            eq(caseEvents.type, input.type),
            eq(caseEvents.date, input.date),
            input.consent ? eq(caseEvents.consent, input.consent) : isNull(caseEvents.consent),
            isNull(caseEvents.voidedAt),
          ),
        )
        .limit(1);
      if (duplicate) throw new AppError("CONFLICT", "errors.caseEvent.duplicate");
      const [row] = await tx
        .insert(caseEvents)
        .values({
          districtId: viewer.districtId,
          studentId: target.entity.id,
          type: input.type,
          date: input.date,
          consent: input.consent ?? null,
          meetingDate: input.meetingDate ?? null,
          agreedImplementationDate: input.agreedImplementationDate ?? null,
          birthToThree: input.birthToThree ?? false,
          eligibilityKind: input.eligibilityKind ?? null,
          eligible: input.eligible ?? null,
          meetingPurposes: input.purposes ?? null,
          pwnAction: input.pwnAction ?? null,
          pwnSubject: input.pwnSubject ?? null,
          exitReason: input.exitReason ?? null,
          shorterNoticeAgreed,
          note: input.note ?? null,
          source: "manual",
          recordedBy: viewer.userId,
        })
        .returning({ id: caseEvents.id });
      const refreshed = await refreshDeadlines(tx, { districtId: viewer.districtId, studentIds: [target.entity.id] });
      details.eventId = row!.id;
      details.type = input.type;
      details.fields = Object.entries({ ...input, shortNotice: undefined })
        .filter(
          ([key, value]) =>
            value !== undefined && key !== "studentId" && key !== "submissionKey" && key !== "notReevaluation",
        )
        .map(([key]) => key);
      details.deadlines = refreshed.deadlines;
      return { eventId: row!.id };
    },
  );
}

/**
 * For a `meeting_scheduled` event: whether the parent's written agreement to a shorter notice is
 * recorded. When the meeting is less than the D-06 notice period away (the notice was due before the
 * day it was scheduled, on the school's calendar), staff must say how: `agreed` (only when the
 * district allows it, [U]) or `late`; without a choice nothing is saved and the form asks for one.
 */
async function shortNoticeAgreement(
  tx: Executor,
  districtId: string,
  schoolId: string,
  input: RecordCaseEventInput,
): Promise<boolean> {
  if (input.type !== "meeting_scheduled" || input.meetingDate === undefined) return false;
  const [[district], calendars] = await Promise.all([
    tx.select({ settings: districts.settings }).from(districts).where(eq(districts.id, districtId)),
    loadSchoolCalendars(tx, [schoolId]),
  ]);
  const settings = parseDeadlineSettings(district?.settings ?? {});
  const noticeDue = calendars
    .get(schoolId)!
    .nthSchoolDayBefore(input.meetingDate, settings.compliance.meetingNoticeSchoolDays);
  const short = noticeDue === null || noticeDue < input.date;
  if (!short) return false;
  if (input.shortNotice === undefined) throw fieldError("shortNotice", "validation.caseEvent.shortNoticeNeeded");
  if (input.shortNotice === "agreed" && !settings.workQueue.shorterNoticeByAgreement) {
    throw fieldError("shortNotice", "validation.caseEvent.shortNoticeNotAllowed");
  }
  return input.shortNotice === "agreed";
}

/**
 * `caseEvent.record`: voids a manually recorded case event with the reason given (it stays on file,
 * marked voided with that reason, and no longer counts), then recomputes the student's deadlines.
 * Workflow events are corrected by their
 * workflow; a voided event cannot be voided again, nor the `referral_received` an open referral adopted.
 */
export async function voidCaseEvent(
  viewer: Viewer,
  input: { studentId: string; eventId: string; reason: string },
): Promise<void> {
  await mutate(
    viewer,
    { action: "caseEvent.record", event: "caseEvent.voided", load: caseEventTarget(input.studentId, input.eventId) },
    async ({ tx, target, details }) => {
      if (target.entity.voided) throw new AppError("CONFLICT", "errors.caseEvent.alreadyVoided");
      if (await receivedEventOfOpenReferral(tx, target.entity.id))
        throw new AppError("CONFLICT", "errors.referral.eventInUse");
      const updated = await tx
        .update(caseEvents)
        .set({ voidedAt: clockNow(), voidedBy: viewer.userId, voidReason: input.reason })
        .where(and(eq(caseEvents.id, target.entity.id), eq(caseEvents.source, "manual"), isNull(caseEvents.voidedAt)))
        .returning({ id: caseEvents.id });
      if (updated.length === 0) throw new AppError("VALIDATION", "errors.caseEvent.notManual");
      const refreshed = await refreshDeadlines(tx, {
        districtId: viewer.districtId,
        studentIds: [target.entity.studentId],
      });
      details.eventId = target.entity.id;
      details.deadlines = refreshed.deadlines;
    },
  );
}

/**
 * `caseEvent.record`: marks an open deadline of a rule the engine cannot see completed (meeting
 * notice sent, IEP mailed, records shown, MDR held, transition planning in the IEP) as done on a
 * date between its triggering event (or birth) and today. The date survives recomputation.
 */
export async function completeDeadline(
  viewer: Viewer,
  input: { studentId: string; deadlineId: string; completedOn: string },
): Promise<void> {
  await mutate(
    viewer,
    {
      action: "caseEvent.record",
      event: "deadline.completed",
      load: deadlineTarget(input.studentId, input.deadlineId),
    },
    async ({ tx, target, details }) => {
      const d = target.entity;
      const rule = ruleById(d.ruleId);
      if (!rule || !isManuallyCompletable(rule) || d.status !== "open" || d.completedOn !== null) {
        throw new AppError("CONFLICT", "errors.deadline.notCompletable");
      }
      const earliest = d.triggerDate ?? d.birthDate;
      if (input.completedOn > viewer.today) throw fieldError("completedOn", "validation.deadline.completedInFuture");
      if (input.completedOn < earliest) throw fieldError("completedOn", "validation.deadline.completedBeforeTrigger");
      await tx
        .update(deadlines)
        .set({ completedOn: input.completedOn, completedBy: viewer.userId })
        .where(eq(deadlines.id, d.id));
      await refreshDeadlineSummariesOfStudents(tx, { districtId: viewer.districtId, studentIds: [input.studentId] });
      details.deadlineId = d.id;
      details.ruleId = d.ruleId;
    },
  );
}

/**
 * `caseEvent.record`: records why an initial evaluation (D-01) was late — met after its due date,
 * or still open past it — with one of the district's enabled reason codes. Replaces an earlier code.
 */
export async function recordDelayReason(
  viewer: Viewer,
  input: { studentId: string; deadlineId: string; reason: string },
): Promise<void> {
  await mutate(
    viewer,
    {
      action: "caseEvent.record",
      event: "deadline.delay_reason_recorded",
      load: deadlineTarget(input.studentId, input.deadlineId),
    },
    async ({ tx, target, details }) => {
      const d = target.entity;
      if (!delayReasonAllowed(d, viewer.today)) throw new AppError("CONFLICT", "errors.deadline.notLate");
      const [district] = await tx
        .select({ settings: districts.settings })
        .from(districts)
        .where(eq(districts.id, viewer.districtId));
      const enabled: readonly string[] = parseDeadlineSettings(district?.settings ?? {}).workQueue.delayReasons;
      if (!enabled.includes(input.reason)) throw fieldError("reason", "validation.deadline.delayReason");
      await tx
        .update(deadlines)
        .set({ delayReason: input.reason, delayReasonBy: viewer.userId })
        .where(eq(deadlines.id, d.id));
      await refreshDeadlineSummariesOfStudents(tx, { districtId: viewer.districtId, studentIds: [input.studentId] });
      details.deadlineId = d.id;
      details.reason = input.reason;
    },
  );
}
