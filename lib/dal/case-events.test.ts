import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { caseEvents, deadlines, districts, staffAssignments } from "@/db/schema";
import { setupTestDatabase } from "@/db/testing/database";
import { fieldErrorsOf, hasCode } from "@/db/testing/errors";
import { deadlinesOf, givenEvents, schoolDaysFrom } from "@/db/testing/deadlines";
import { auditEventsBy, countAudit, createWorld, viewerFor, type World } from "@/db/testing/factories";
import { addDays } from "@/lib/compliance";
import { recordCaseEventSchema, voidCaseEventSchema } from "@/lib/validation/deadlines";
import {
  completeDeadline,
  getStudentDeadlines,
  recordCaseEvent,
  recordDelayReason,
  voidCaseEvent,
} from "./case-events";
import { ownerDb } from "@/db/testing/owner";

const db = setupTestDatabase();
let world: World;
let other: World;

beforeAll(async () => {
  world = await createWorld();
  other = await createWorld();
});

const parse = (input: Record<string, unknown>) => recordCaseEventSchema.parse(input);

async function eventsOf(studentId: string) {
  return db().select().from(caseEvents).where(eq(caseEvents.studentId, studentId));
}

describe("recording case events (caseEvent.record) recomputes the student's deadlines", () => {
  it("a case manager records a referral: one event, one audit row without the note's text, and D-01 due on the 45th school day", async () => {
    const cm = await viewerFor(world.users.caseManager);
    const student = world.students.onCaseload;
    const date = await schoolDaysFrom(world.schoolA.id, cm.today, 3);
    const { eventId } = await recordCaseEvent(
      cm,
      parse({ studentId: student.id, type: "referral_received", date, note: "Parent letter, private details" }),
    );

    const [event] = await eventsOf(student.id);
    expect(event).toMatchObject({
      id: eventId,
      type: "referral_received",
      date,
      recordedBy: cm.userId,
      source: "manual",
      note: "Parent letter, private details",
    });
    const events = (await auditEventsBy(cm.userId)).filter((e) => e.action === "caseEvent.recorded");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      outcome: "success",
      studentId: student.id,
      details: { eventId, type: "referral_received", fields: ["type", "date", "note"] },
    });
    expect(JSON.stringify(events[0]!.details)).not.toContain("private");

    const [d01] = await deadlinesOf(student.id, "D-01");
    expect(d01).toMatchObject({
      status: "open",
      unit: "school",
      program: "iep",
      triggerEventId: eventId,
      due: await schoolDaysFrom(world.schoolA.id, cm.today, -42),
    });
  });

  it("D-01 pauses while a consent request is unanswered (D-23 opens) and resumes when it is granted", async () => {
    const cm = await viewerFor(world.users.caseManager);
    const student = world.students.onCaseload;
    const requested = await schoolDaysFrom(world.schoolA.id, cm.today, 2);
    await recordCaseEvent(
      cm,
      parse({ studentId: student.id, type: "consent_requested", consent: "initial_evaluation", date: requested }),
    );
    expect((await deadlinesOf(student.id, "D-01"))[0]).toMatchObject({ status: "paused", due: null });
    expect((await deadlinesOf(student.id, "D-23"))[0]).toMatchObject({
      status: "open",
      due: await schoolDaysFrom(world.schoolA.id, cm.today, -8),
    });

    await recordCaseEvent(
      cm,
      parse({ studentId: student.id, type: "consent_granted", consent: "initial_evaluation", date: cm.today }),
    );
    expect((await deadlinesOf(student.id, "D-01"))[0]).toMatchObject({
      status: "open",
      due: await schoolDaysFrom(world.schoolA.id, cm.today, -44),
    });
    expect((await deadlinesOf(student.id, "D-23"))[0]).toMatchObject({ status: "met" });
  });

  it("an identical event already on file is a conflict that writes nothing", async () => {
    const cm = await viewerFor(world.users.caseManager);
    const before = (await eventsOf(world.students.onCaseload.id)).length;
    const [first] = await eventsOf(world.students.onCaseload.id);
    await expect(
      recordCaseEvent(cm, parse({ studentId: world.students.onCaseload.id, type: first!.type, date: first!.date })),
    ).rejects.toSatisfy(hasCode("CONFLICT"));
    expect(await eventsOf(world.students.onCaseload.id)).toHaveLength(before);
  });

  it("refuses impossible dates with field-level messages and writes nothing", async () => {
    const cm = await viewerFor(world.users.caseManager);
    const student = world.students.endedEnrollment;
    const attempts: [Record<string, unknown>, Record<string, string[]>][] = [
      [{ type: "referral_received", date: addDays(cm.today, 1) }, { date: ["validation.caseEvent.dateInFuture"] }],
      [{ type: "referral_received", date: "2017-04-30" }, { date: ["validation.caseEvent.dateBeforeBirth"] }],
      [
        { type: "meeting_scheduled", date: cm.today, meetingDate: addDays(cm.today, -1) },
        { meetingDate: ["validation.caseEvent.meetingBeforeScheduling"] },
      ],
      [
        { type: "meeting_scheduled", date: cm.today, meetingDate: addDays(cm.today, 400) },
        { meetingDate: ["validation.caseEvent.meetingTooFar"] },
      ],
      [
        { type: "pwn_sent", date: cm.today, agreedImplementationDate: addDays(cm.today, -3) },
        { agreedImplementationDate: ["validation.caseEvent.agreedBeforeNotice"] },
      ],
    ];
    const viewer = await viewerFor(world.users.principalA);
    for (const [input, expected] of attempts) {
      expect(
        await fieldErrorsOf(recordCaseEvent(viewer, parse({ studentId: student.id, ...input }))),
        JSON.stringify(input),
      ).toEqual(expected);
    }
    expect(await eventsOf(student.id)).toHaveLength(0);
    expect(await countAudit(viewer.userId, "caseEvent.recorded")).toBe(0);
  });

  it("the schema refuses what no date arithmetic needs: unreal dates, missing consent or meeting date, unknown types", () => {
    const id = world.students.onCaseload.id;
    const issues = (input: Record<string, unknown>) =>
      recordCaseEventSchema
        .safeParse({ studentId: id, ...input })
        .error?.issues.map((i) => [i.path.join("."), i.message]);
    expect(issues({ type: "referral_received", date: "2026-02-30" })).toEqual([["date", "validation.caseEvent.date"]]);
    expect(issues({ type: "referral_received", date: "next week" })).toEqual([["date", "validation.caseEvent.date"]]);
    expect(issues({ type: "consent_granted", date: "2026-01-05" })).toEqual([
      ["consent", "validation.caseEvent.consentRequired"],
    ]);
    expect(issues({ type: "meeting_scheduled", date: "2026-01-05", meetingDate: "" })).toEqual([
      ["meetingDate", "validation.caseEvent.meetingDateRequired"],
    ]);
    expect(issues({ type: "snow_day", date: "2026-01-05" })).toEqual([["type", "validation.caseEvent.type"]]);
    expect(
      recordCaseEventSchema.parse({
        studentId: id,
        type: "referral_received",
        date: "2026-01-05",
        consent: "reevaluation",
        meetingDate: "2026-02-01",
      }),
    ).toEqual({
      studentId: id,
      type: "referral_received",
      date: "2026-01-05",
      consent: undefined,
      meetingDate: undefined,
      agreedImplementationDate: undefined,
      note: undefined,
    });
  });

  it("who records what: principals any event of their school, 504 coordinators 504 events only, teachers and district admins nothing", async () => {
    const student = world.students.inSection;
    const principal = await viewerFor(world.users.principalA);
    await recordCaseEvent(
      principal,
      parse({ studentId: student.id, type: "referral_received", date: principal.today }),
    );
    expect(await countAudit(principal.userId, "caseEvent.recorded")).toBe(1);

    await db()
      .insert(staffAssignments)
      .values({
        userId: world.users.teacher.id,
        schoolId: world.schoolA.id,
        role: "coordinator_504",
        startsOn: addDays(principal.today, -1),
      });
    const coordinator = await viewerFor(world.users.teacher);
    await recordCaseEvent(
      coordinator,
      parse({ studentId: student.id, type: "plan504_activated", date: coordinator.today }),
    );
    expect((await deadlinesOf(student.id, "504-R"))[0]).toMatchObject({
      program: "504",
      unit: "months",
      status: "open",
    });
    await expect(
      recordCaseEvent(
        coordinator,
        parse({ studentId: student.id, type: "eligibility_determined", date: coordinator.today }),
      ),
    ).rejects.toSatisfy(hasCode("FORBIDDEN"));
    expect(await countAudit(coordinator.userId, "caseEvent.recorded", "denied")).toBe(1);
    await db()
      .delete(staffAssignments)
      .where(and(eq(staffAssignments.userId, world.users.teacher.id), eq(staffAssignments.role, "coordinator_504")));

    const admin = await viewerFor(world.users.admin);
    await expect(
      recordCaseEvent(admin, parse({ studentId: student.id, type: "ppt_meeting_held", date: admin.today })),
    ).rejects.toSatisfy(hasCode("FORBIDDEN"));
    expect(await countAudit(admin.userId, "caseEvent.recorded", "denied")).toBe(1);
    const outsider = await viewerFor(other.users.admin);
    await expect(
      recordCaseEvent(outsider, parse({ studentId: student.id, type: "ppt_meeting_held", date: outsider.today })),
    ).rejects.toSatisfy(hasCode("NOT_FOUND"));
    expect((await eventsOf(student.id)).map((e) => e.type).sort()).toEqual(["plan504_activated", "referral_received"]);
  });
});

describe("the student page section (getStudentDeadlines)", () => {
  it("shows events and deadlines to leads with school days left; teachers and parents get no section", async () => {
    const cm = await viewerFor(world.users.caseManager);
    const section = await getStudentDeadlines(cm, world.students.onCaseload.id);
    expect(section!.events.map((e) => e.type)).toEqual(
      expect.arrayContaining(["referral_received", "consent_requested", "consent_granted"]),
    );
    const d01 = section!.deadlines.find((d) => d.ruleId === "D-01")!;
    expect(d01).toMatchObject({ status: "open", schoolDaysLeft: 44, overdue: false, canComplete: false });
    expect(section!.recordableTypes).not.toContain("plan504_activated");

    const teacher = await viewerFor(world.users.teacher);
    expect(await getStudentDeadlines(teacher, world.students.inSection.id)).toBeNull();
    const parent = await viewerFor(world.users.parent);
    expect(await getStudentDeadlines(parent, world.students.child.id)).toBeNull();
    await expect(getStudentDeadlines(cm, other.students.onCaseload.id)).rejects.toSatisfy(hasCode("NOT_FOUND"));
  });
});

describe("voiding, completing and explaining deadlines", () => {
  it("voiding an event keeps it on file, stops it counting and writes one audit row; voiding twice is a conflict", async () => {
    const principal = await viewerFor(world.users.principalB);
    const student = world.students.otherSchool;
    const { eventId } = await recordCaseEvent(
      principal,
      parse({ studentId: student.id, type: "records_request_received", date: principal.today }),
    );
    expect(await deadlinesOf(student.id, "D-14")).toHaveLength(1);
    const reason = "Entered on the wrong student";
    await voidCaseEvent(principal, { studentId: student.id, eventId, reason });
    const [event] = await eventsOf(student.id);
    expect(event).toMatchObject({ id: eventId, voidedBy: principal.userId, voidReason: reason });
    expect(await deadlinesOf(student.id)).toHaveLength(0);
    expect(await countAudit(principal.userId, "caseEvent.voided")).toBe(1);
    const view = await getStudentDeadlines(principal, student.id);
    expect(view!.events.find((e) => e.id === eventId)).toMatchObject({ voided: true, voidReason: reason });
    await expect(voidCaseEvent(principal, { studentId: student.id, eventId, reason })).rejects.toSatisfy(
      hasCode("CONFLICT"),
    );
    expect(await countAudit(principal.userId, "caseEvent.voided")).toBe(1);
  });

  it("voiding asks for a reason (field message), and the database keeps the reason with the void", async () => {
    const result = voidCaseEventSchema.safeParse({
      studentId: world.students.child.id,
      eventId: world.students.child.id,
      reason: "  ",
    });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["reason", "validation.caseEvent.voidReasonRequired"],
    ]);
    const principal = await viewerFor(world.users.principalA);
    const student = world.students.inSection;
    const { eventId } = await recordCaseEvent(
      principal,
      parse({ studentId: student.id, type: "records_request_received", date: principal.today }),
    );
    await expect(
      db().execute(
        sql`update case_events set voided_at = now(), voided_by = ${principal.userId} where id = ${eventId}`,
      ),
    ).rejects.toSatisfy((e: unknown) =>
      /case_events_void_reason/.test(String((e as { cause?: Error }).cause?.message ?? e)),
    );
    await voidCaseEvent(principal, {
      studentId: student.id,
      eventId,
      reason: "Duplicate of the letter logged on Monday",
    });
    await expect(
      db().execute(sql`update case_events set void_reason = 'rewritten' where id = ${eventId}`),
    ).rejects.toSatisfy((e: unknown) => /stays voided/.test(String((e as { cause?: Error }).cause?.message ?? e)));
  });

  it("a meeting notice (D-06) is marked done by hand; the completion survives recomputation", async () => {
    const principal = await viewerFor(world.users.principalB);
    const student = world.students.otherSchool;
    const meetingDate = await schoolDaysFrom(world.schoolB.id, principal.today, -10);
    await recordCaseEvent(
      principal,
      parse({ studentId: student.id, type: "meeting_scheduled", date: principal.today, meetingDate }),
    );
    const [d06] = await deadlinesOf(student.id, "D-06");
    await expect(
      completeDeadline(principal, {
        studentId: student.id,
        deadlineId: d06!.id,
        completedOn: addDays(principal.today, 1),
      }),
    ).rejects.toSatisfy(hasCode("VALIDATION"));
    await completeDeadline(principal, { studentId: student.id, deadlineId: d06!.id, completedOn: principal.today });
    await recordCaseEvent(
      principal,
      parse({ studentId: student.id, type: "disciplinary_change_of_placement", date: principal.today }),
    );
    const [after] = await deadlinesOf(student.id, "D-06");
    expect(after).toMatchObject({
      id: d06!.id,
      completedOn: principal.today,
      completedBy: principal.userId,
      status: "open",
    });
    expect(
      (await getStudentDeadlines(principal, student.id))!.deadlines.find((d) => d.ruleId === "D-06"),
    ).toMatchObject({ status: "met", canComplete: false });
    expect(await countAudit(principal.userId, "deadline.completed")).toBe(1);
    await expect(
      completeDeadline(principal, { studentId: student.id, deadlineId: d06!.id, completedOn: principal.today }),
    ).rejects.toSatisfy(hasCode("CONFLICT"));
  });

  it("a late initial evaluation takes a delay reason from the district's list; an on-time one does not", async () => {
    const student = world.students.endedCaseload;
    const referral = await schoolDaysFrom(world.schoolA.id, world.today, 70);
    const implemented = await schoolDaysFrom(world.schoolA.id, world.today, 5);
    await givenEvents(student, [
      { type: "referral_received", date: referral },
      { type: "iep_implemented", date: implemented },
    ]);
    const [d01] = await deadlinesOf(student.id, "D-01");
    expect(d01).toMatchObject({ status: "late" });
    const principal = await viewerFor(world.users.principalA);
    await recordDelayReason(principal, { studentId: student.id, deadlineId: d01!.id, reason: "parent_unavailable" });
    expect((await deadlinesOf(student.id, "D-01"))[0]).toMatchObject({
      delayReason: "parent_unavailable",
      delayReasonBy: principal.userId,
    });
    const audit = (await auditEventsBy(principal.userId)).filter((e) => e.action === "deadline.delay_reason_recorded");
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toEqual({ deadlineId: d01!.id, reason: "parent_unavailable" });

    await expect(
      recordDelayReason(principal, { studentId: student.id, deadlineId: d01!.id, reason: "made_up" }),
    ).rejects.toSatisfy(hasCode("VALIDATION"));
    const [onTime] = await deadlinesOf(world.students.onCaseload.id, "D-01");
    await expect(
      recordDelayReason(principal, {
        studentId: world.students.onCaseload.id,
        deadlineId: onTime!.id,
        reason: "other",
      }),
    ).rejects.toSatisfy(hasCode("CONFLICT"));
    const teacher = await viewerFor(world.users.teacher);
    await expect(
      recordDelayReason(teacher, { studentId: world.students.inSection.id, deadlineId: d01!.id, reason: "other" }),
    ).rejects.toSatisfy(hasCode("NOT_FOUND"));
    expect((await deadlinesOf(student.id, "D-01"))[0]!.delayReason).toBe("parent_unavailable");
  });
});

describe("case events are evidence (database trigger)", () => {
  it("rejects deleting an event or rewriting its facts; voiding is the only change", async () => {
    const [event] = await eventsOf(world.students.onCaseload.id);
    const immutable = (e: unknown) =>
      /never deleted|immutable/.test(String((e as { cause?: Error }).cause?.message ?? (e as Error).message));
    await expect(ownerDb().execute(sql`delete from case_events where id = ${event!.id}`)).rejects.toSatisfy(immutable);
    await expect(
      ownerDb().execute(sql`update case_events set date = date - 1 where id = ${event!.id}`),
    ).rejects.toSatisfy(immutable);
    const [still] = await eventsOf(world.students.onCaseload.id).then((rows) => rows.filter((r) => r.id === event!.id));
    expect(still!.date).toBe(event!.date);
    expect(await db().select().from(deadlines).where(eq(deadlines.triggerEventId, event!.id))).not.toHaveLength(0);
  });
});

describe("events with meaning (contract version 2, issue 10)", () => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld();
  });

  it("D-01 D-03 D-09 E2: an initial not-eligible determination is stored and completes D-01 with no D-03 or D-09 (34 CFR 300.306(c))", async () => {
    const cm = await viewerFor(w.users.caseManager);
    const student = w.students.onCaseload;
    await recordCaseEvent(
      cm,
      parse({
        studentId: student.id,
        type: "referral_received",
        date: await schoolDaysFrom(w.schoolA.id, cm.today, 20),
      }),
    );
    const { eventId } = await recordCaseEvent(
      cm,
      parse({
        studentId: student.id,
        type: "eligibility_determined",
        date: await schoolDaysFrom(w.schoolA.id, cm.today, 2),
        eligibilityKind: "initial",
        eligible: "false",
      }),
    );
    const [row] = await db().select().from(caseEvents).where(eq(caseEvents.id, eventId));
    expect(row).toMatchObject({ eligibilityKind: "initial", eligible: false });
    expect((await deadlinesOf(student.id, "D-01"))[0]).toMatchObject({ status: "met" });
    expect(await deadlinesOf(student.id, "D-03")).toEqual([]);
    expect(await deadlinesOf(student.id, "D-09")).toEqual([]);
  });

  it("D-08 D-05b E3 E21: meeting purposes are stored; a revision alone sets no annual review; no purpose is refused", async () => {
    const principal = await viewerFor(w.users.principalA);
    const student = w.students.inSection;
    await recordCaseEvent(
      principal,
      parse({ studentId: student.id, type: "ppt_meeting_held", date: principal.today, purposes: ["revision"] }),
    );
    expect(await deadlinesOf(student.id, "D-08")).toEqual([]);
    expect(await deadlinesOf(student.id, "D-05b")).toHaveLength(1);
    const none = recordCaseEventSchema.safeParse({
      studentId: student.id,
      type: "ppt_meeting_held",
      date: principal.today,
      purposes: [],
    });
    expect(none.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["purposes", "validation.caseEvent.purposesRequired"],
    ]);
    const unknown = recordCaseEventSchema.safeParse({
      studentId: student.id,
      type: "ppt_meeting_held",
      date: principal.today,
      purposes: ["party"],
    });
    expect(unknown.error?.issues[0]?.message).toBe("validation.caseEvent.purposes");
  });

  it("D-09 E12: an exit needs a reason and stops the triennial (34 CFR 300.305(e))", async () => {
    const principal = await viewerFor(w.users.principalA);
    const student = w.students.endedCaseload;
    expect(
      recordCaseEventSchema.safeParse({ studentId: student.id, type: "exited", date: principal.today }).error?.issues[0]
        ?.message,
    ).toBe("validation.caseEvent.exitReasonRequired");
    await recordCaseEvent(
      principal,
      parse({
        studentId: student.id,
        type: "eligibility_determined",
        date: await schoolDaysFrom(w.schoolA.id, principal.today, 5),
      }),
    );
    expect((await deadlinesOf(student.id, "D-09"))[0]).toMatchObject({ status: "open" });
    await recordCaseEvent(
      principal,
      parse({ studentId: student.id, type: "exited", date: principal.today, exitReason: "moved" }),
    );
    expect((await deadlinesOf(student.id, "D-09"))[0]).toMatchObject({ status: "stopped" });
    expect((await eventsOf(student.id)).find((e) => e.type === "exited")).toMatchObject({ exitReason: "moved" });
  });

  it("D-06 E8: a meeting scheduled with less than the notice period is not saved until staff say how; an agreed shorter notice makes D-06 met", async () => {
    const cm = await viewerFor(w.users.caseManager);
    const student = w.students.onCaseload;
    const meeting = {
      studentId: student.id,
      type: "meeting_scheduled",
      date: cm.today,
      meetingDate: await schoolDaysFrom(w.schoolA.id, cm.today, -2),
    };
    const before = (await eventsOf(student.id)).length;
    expect(await fieldErrorsOf(recordCaseEvent(cm, parse(meeting)))).toEqual({
      shortNotice: ["validation.caseEvent.shortNoticeNeeded"],
    });
    expect(await eventsOf(student.id)).toHaveLength(before);
    const { eventId } = await recordCaseEvent(cm, parse({ ...meeting, shortNotice: "agreed" }));
    const [row] = await db().select().from(caseEvents).where(eq(caseEvents.id, eventId));
    expect(row!.shorterNoticeAgreed).toBe(true);
    expect((await deadlinesOf(student.id, "D-06"))[0]).toMatchObject({ status: "met", triggerEventId: eventId });
  });

  it("D-06 E8: with the district setting off, an agreement is refused and a late notice is recorded as such; an on-time meeting needs no choice", async () => {
    await db()
      .update(districts)
      .set({ settings: { workQueue: { shorterNoticeByAgreement: false } } })
      .where(eq(districts.id, w.district.id));
    const principal = await viewerFor(w.users.principalA);
    const student = w.students.child;
    const meeting = {
      studentId: student.id,
      type: "meeting_scheduled",
      date: principal.today,
      meetingDate: await schoolDaysFrom(w.schoolA.id, principal.today, -1),
    };
    expect(await fieldErrorsOf(recordCaseEvent(principal, parse({ ...meeting, shortNotice: "agreed" })))).toEqual({
      shortNotice: ["validation.caseEvent.shortNoticeNotAllowed"],
    });
    await recordCaseEvent(principal, parse({ ...meeting, shortNotice: "late" }));
    expect((await deadlinesOf(student.id, "D-06"))[0]).toMatchObject({ status: "open" });
    const onTime = {
      ...meeting,
      studentId: w.students.restrictedChild.id,
      meetingDate: await schoolDaysFrom(w.schoolA.id, principal.today, -10),
    };
    await recordCaseEvent(principal, parse(onTime));
    expect(await deadlinesOf(w.students.restrictedChild.id, "D-06")).toHaveLength(1);
  });

  it("D-23 E17: a consent request unanswered past D-23 shows the step to record the refusal, which stops D-01", async () => {
    const other = await createWorld();
    const cm = await viewerFor(other.users.caseManager);
    const student = other.students.onCaseload;
    await givenEvents(student, [
      { type: "referral_received", date: await schoolDaysFrom(other.schoolA.id, cm.today, 14) },
      {
        type: "consent_requested",
        consent: "initial_evaluation",
        date: await schoolDaysFrom(other.schoolA.id, cm.today, 12),
      },
    ]);
    const section = await getStudentDeadlines(cm, student.id);
    expect(section!.deadlines.find((d) => d.ruleId === "D-23")).toMatchObject({
      overdue: true,
      consentStep: "initial_evaluation",
    });
    expect(section!.deadlines.find((d) => d.ruleId === "D-01")).toMatchObject({ status: "paused", consentStep: null });
    await recordCaseEvent(
      cm,
      parse({ studentId: student.id, type: "consent_refused", consent: "initial_evaluation", date: cm.today }),
    );
    const after = await getStudentDeadlines(cm, student.id);
    expect(after!.deadlines.find((d) => d.ruleId === "D-23")).toMatchObject({ status: "late", consentStep: null });
    expect(after!.deadlines.find((d) => d.ruleId === "D-01")).toMatchObject({ status: "stopped" });
  });
});
