import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  caseEvents,
  consentRequests,
  consentResponses,
  districts,
  guardianships,
  meetingParticipants,
  meetings,
  plans,
  planVersions,
  storedDocuments,
  students,
} from "@/db/schema";
import { completeIepContent } from "@/db/testing/plan-fixtures";
import { setupTestDatabase } from "@/db/testing/database";
import { schoolDaysFrom, deadlinesOf } from "@/db/testing/deadlines";
import { fieldErrorsOf, hasCode } from "@/db/testing/errors";
import { countAudit, createWorld, viewerFor, type World } from "@/db/testing/factories";
import { addDays } from "@/lib/compliance";
import { sha256Hex } from "@/lib/documents/model";
import {
  cancelMeetingSchema,
  holdMeetingSchema,
  rescheduleMeetingSchema,
  scheduleMeetingSchema,
  sendMeetingNoticeSchema,
} from "@/lib/validation/meetings";
import {
  cancelMeeting,
  getMeeting,
  getMeetingNoticePdf,
  getStudentMeetings,
  holdMeeting,
  rescheduleMeeting,
  scheduleMeeting,
  sendMeetingNotice,
} from "./meetings";

const db = setupTestDatabase();
let world: World;

beforeAll(async () => {
  world = await createWorld();
  const past = addDays(world.today, -90);
  // The case manager's student gets a Spanish-speaking parent; the 504 student is `child`.
  await db().insert(guardianships).values({
    studentId: world.students.onCaseload.id,
    guardianUserId: world.users.parent.id,
    startsOn: past,
  });
  await db().update(students).set({ parentLanguage: "es" }).where(eq(students.id, world.students.onCaseload.id));
});

const student = () => world.students.onCaseload;

/** Invites the whole PPT: the parent comes automatically; the case manager fills two roles. */
function pptInvitees() {
  return [
    { role: "special_education_teacher", userId: world.users.caseManager.id },
    { role: "evaluation_interpreter", userId: world.users.caseManager.id },
    { role: "general_education_teacher", userId: world.users.teacher.id },
    { role: "district_representative", userId: world.users.principalA.id },
  ];
}

async function schedulePpt(scheduledOn: string, invitees = pptInvitees()) {
  const cm = await viewerFor(world.users.caseManager);
  const { meetingId } = await scheduleMeeting(
    cm,
    scheduleMeetingSchema.parse({
      studentId: student().id,
      program: "iep",
      scheduledOn,
      startsAt: "14:30",
      location: "Room 12",
      purposes: ["annual_review"],
      invitees,
    }),
  );
  return meetingId;
}

async function meetingRow(id: string) {
  const [row] = await db().select().from(meetings).where(eq(meetings.id, id));
  return row!;
}

async function participants(meetingId: string) {
  return db().select().from(meetingParticipants).where(eq(meetingParticipants.meetingId, meetingId));
}

async function workflowEvents(sourceId: string) {
  return db().select().from(caseEvents).where(eq(caseEvents.sourceId, sourceId));
}

async function sendShort(meetingId: string) {
  const cm = await viewerFor(world.users.caseManager);
  return sendMeetingNotice(
    cm,
    sendMeetingNoticeSchema.parse({ studentId: student().id, meetingId, shortNoticeAgreed: true }),
  );
}

function attendanceFor(rows: { id: string }[], attended: (row: { id: string }) => boolean) {
  return rows.map((row) => ({ participantId: row.id, attended: attended(row) }));
}

describe("scheduling a PPT and sending its notice (N-02, D-06)", () => {
  it("N-02: the case manager schedules a PPT in the family's language with invitees; the parent is invited automatically; audited", async () => {
    const cm = await viewerFor(world.users.caseManager);
    const before = await countAudit(cm.userId, "meeting.scheduled");
    const meetingId = await schedulePpt(await schoolDaysFrom(world.schoolA.id, world.today, -8));
    const row = await meetingRow(meetingId);
    expect(row).toMatchObject({ status: "scheduled", program: "iep", language: "es", noticeDocumentId: null });
    const invited = await participants(meetingId);
    expect(invited.map((p) => p.role).sort()).toEqual(
      [
        "district_representative",
        "evaluation_interpreter",
        "general_education_teacher",
        "parent",
        "special_education_teacher",
      ].sort(),
    );
    expect(invited.find((p) => p.role === "parent")!.name).toBe(world.users.parent.name);
    expect(await countAudit(cm.userId, "meeting.scheduled")).toBe(before + 1);
  });

  it("D-06: scheduling opens D-06; a notice sent in time is stored as sent (PDF + SHA-256) and completes it", async () => {
    const cm = await viewerFor(world.users.caseManager);
    const scheduledOn = await schoolDaysFrom(world.schoolA.id, world.today, -8);
    const meetingId = await schedulePpt(scheduledOn);
    const { documentId } = await sendMeetingNotice(
      cm,
      sendMeetingNoticeSchema.parse({ studentId: student().id, meetingId }),
    );
    const row = await meetingRow(meetingId);
    expect(row).toMatchObject({ noticeDocumentId: documentId, noticeSentOn: cm.today, shorterNoticeAgreed: false });
    const [doc] = await db().select().from(storedDocuments).where(eq(storedDocuments.id, documentId));
    expect(doc).toMatchObject({ kind: "meeting_notice", language: "es", studentId: student().id });
    expect(doc!.sha256).toBe(sha256Hex(doc!.pdf));
    const events = await workflowEvents(meetingId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: "meeting_scheduled",
      source: "workflow",
      date: cm.today,
      meetingDate: scheduledOn,
      shorterNoticeAgreed: false,
    });
    expect((await deadlinesOf(student().id, "D-06")).find((d) => d.triggerEventId === events[0]!.id)).toMatchObject({
      completedOn: cm.today,
      completedBy: cm.userId,
    });
    const pdf = await getMeetingNoticePdf(cm, student().id, meetingId);
    expect(pdf.sha256).toBe(doc!.sha256);
    const detail = await getMeeting(cm, student().id, meetingId);
    expect(detail.noticeStored).toBe(true);
    expect(detail.notice.language).toBe("es");
    expect(detail.notice.status).toBe("final");
  });

  it("D-06: a short notice is refused without the parent's written agreement, and nothing is stored", async () => {
    const cm = await viewerFor(world.users.caseManager);
    const meetingId = await schedulePpt(world.today);
    const documentsBefore = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(storedDocuments)
      .where(eq(storedDocuments.studentId, student().id));
    const errors = await fieldErrorsOf(
      sendMeetingNotice(cm, sendMeetingNoticeSchema.parse({ studentId: student().id, meetingId })),
    );
    expect(errors).toEqual({ shortNoticeAgreed: ["validation.meeting.shortNotice"] });
    expect(await meetingRow(meetingId)).toMatchObject({ noticeDocumentId: null, noticeSentOn: null });
    // Only the scheduling fact: D-06 stays open until a notice goes out.
    const events = await workflowEvents(meetingId);
    expect(events.map((e) => [e.type, e.voidedAt, e.shorterNoticeAgreed])).toEqual([
      ["meeting_scheduled", null, false],
    ]);
    const [d06] = (await deadlinesOf(student().id, "D-06")).filter((d) => d.triggerEventId === events[0]!.id);
    expect(d06).toMatchObject({ completedOn: null });
    const documentsAfter = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(storedDocuments)
      .where(eq(storedDocuments.studentId, student().id));
    expect(documentsAfter[0]!.n).toBe(documentsBefore[0]!.n);
  });

  it("D-06: with the parent's written agreement the short notice goes out, recorded on the meeting and the event", async () => {
    const meetingId = await schedulePpt(world.today);
    await sendShort(meetingId);
    const row = await meetingRow(meetingId);
    expect(row).toMatchObject({ shorterNoticeAgreed: true });
    // The scheduling fact is voided and the meeting recorded again, from the notice, with the agreement.
    expect((await workflowEvents(meetingId))[0]).toMatchObject({
      type: "meeting_scheduled",
      voidReason: "notice shortened by written agreement",
    });
    const [agreed] = await workflowEvents(row.noticeDocumentId!);
    expect(agreed).toMatchObject({ type: "meeting_scheduled", shorterNoticeAgreed: true, voidedAt: null });
    expect((await deadlinesOf(student().id, "D-06")).find((d) => d.triggerEventId === agreed!.id)).toMatchObject({
      status: "met",
    });
  });

  it("D-06: when the district does not allow a shorter notice by agreement, even an agreement is refused", async () => {
    const cm = await viewerFor(world.users.caseManager);
    const [district] = await db().select().from(districts).where(eq(districts.id, world.district.id));
    const settings = district!.settings as Record<string, unknown>;
    await db()
      .update(districts)
      .set({ settings: { ...settings, workQueue: { shorterNoticeByAgreement: false } } })
      .where(eq(districts.id, world.district.id));
    try {
      const meetingId = await schedulePpt(world.today);
      const errors = await fieldErrorsOf(
        sendMeetingNotice(
          cm,
          sendMeetingNoticeSchema.parse({ studentId: student().id, meetingId, shortNoticeAgreed: true }),
        ),
      );
      expect(errors).toEqual({ shortNoticeAgreed: ["validation.meeting.shortNoticeNotAllowed"] });
      expect(await meetingRow(meetingId)).toMatchObject({ noticeSentOn: null });
    } finally {
      await db().update(districts).set({ settings }).where(eq(districts.id, world.district.id));
    }
  });

  it("a meeting may name the plan version it develops: the student's own version of that program only", async () => {
    const cm = await viewerFor(world.users.caseManager);
    const versionOf = async (studentId: string) => {
      const [plan] = await db()
        .insert(plans)
        .values({ districtId: world.district.id, studentId, type: "iep" })
        .returning();
      const [version] = await db()
        .insert(planVersions)
        .values({ planId: plan!.id, studentId, planType: "iep", number: 1, content: completeIepContent() })
        .returning();
      return version!.id;
    };
    const own = await versionOf(student().id);
    const foreign = await versionOf(world.students.inSection.id);
    const input = (planVersionId: string) =>
      scheduleMeetingSchema.parse({
        studentId: student().id,
        program: "iep",
        scheduledOn: world.today,
        startsAt: "13:00",
        location: "Room 4",
        purposes: ["initial_iep"],
        planVersionId,
      });
    expect(await fieldErrorsOf(scheduleMeeting(cm, input(foreign)))).toEqual({
      planVersionId: ["validation.notice.planVersion"],
    });
    const { meetingId } = await scheduleMeeting(cm, input(own));
    expect((await meetingRow(meetingId)).planVersionId).toBe(own);
  });

  it("a meeting cannot be scheduled in the past, nor invite someone outside the student's team", async () => {
    const cm = await viewerFor(world.users.caseManager);
    const base = {
      studentId: student().id,
      program: "iep",
      startsAt: "09:00",
      videoLink: "https://meet.example.org/x",
      purposes: ["revision"],
    };
    expect(
      await fieldErrorsOf(
        scheduleMeeting(cm, scheduleMeetingSchema.parse({ ...base, scheduledOn: addDays(cm.today, -1) })),
      ),
    ).toEqual({ scheduledOn: ["validation.meeting.scheduledInPast"] });
    expect(
      await fieldErrorsOf(
        scheduleMeeting(
          cm,
          scheduleMeetingSchema.parse({
            ...base,
            scheduledOn: cm.today,
            invitees: [{ role: "general_education_teacher", userId: world.users.otherTeacher.id }],
          }),
        ),
      ),
    ).toEqual({ invitees: ["validation.meeting.notOnTeam"] });
    expect(scheduleMeetingSchema.safeParse({ ...base, scheduledOn: cm.today, videoLink: "" }).success).toBe(false);
  });

  it("policy: a teacher may not schedule; a principal may not schedule a PPT (the case manager leads it)", async () => {
    const teacher = await viewerFor(world.users.teacher);
    const principal = await viewerFor(world.users.principalA);
    const input = scheduleMeetingSchema.parse({
      studentId: world.students.inSection.id,
      program: "iep",
      scheduledOn: world.today,
      startsAt: "09:00",
      location: "Office",
      purposes: ["referral"],
    });
    await expect(scheduleMeeting(teacher, input)).rejects.toSatisfy(hasCode("FORBIDDEN"));
    await expect(scheduleMeeting(principal, { ...input, studentId: student().id })).rejects.toSatisfy(
      hasCode("FORBIDDEN"),
    );
  });
});

describe("holding a PPT (300.321, C-06)", () => {
  it("a meeting held in the future is refused and nothing changes", async () => {
    const cm = await viewerFor(world.users.caseManager);
    const meetingId = await schedulePpt(world.today);
    await sendShort(meetingId);
    const rows = await participants(meetingId);
    const errors = await fieldErrorsOf(
      holdMeeting(
        cm,
        holdMeetingSchema.parse({
          studentId: student().id,
          meetingId,
          heldOn: addDays(cm.today, 1),
          attendance: attendanceFor(rows, () => true),
          decisions: "Annual review done.",
        }),
      ),
    );
    expect(errors).toEqual({ heldOn: ["validation.meeting.heldInFuture"] });
    expect(await meetingRow(meetingId)).toMatchObject({ status: "scheduled", heldOn: null });
    expect((await participants(meetingId)).every((p) => p.attended === null)).toBe(true);
  });

  it("300.321: a missing required member is refused with a message naming who is missing; nothing changes", async () => {
    const cm = await viewerFor(world.users.caseManager);
    const meetingId = await schedulePpt(world.today);
    await sendShort(meetingId);
    const rows = await participants(meetingId);
    const error = await holdMeeting(
      cm,
      holdMeetingSchema.parse({
        studentId: student().id,
        meetingId,
        heldOn: cm.today,
        attendance: attendanceFor(
          rows,
          (row) => rows.find((p) => p.id === row.id)!.role !== "general_education_teacher",
        ),
        decisions: "Annual review done.",
      }),
    ).catch((e: unknown) => e);
    expect(error).toSatisfy(hasCode("VALIDATION"));
    expect((error as { fieldErrors: Record<string, string[]> }).fieldErrors).toEqual({
      missingRoles: ["validation.meeting.missing.general_education_teacher"],
    });
    expect(await meetingRow(meetingId)).toMatchObject({ status: "scheduled" });
    expect(await workflowEvents(meetingId)).toHaveLength(1);
  });

  it("C-06: an absent member may be excused only with the parent's granted excusal consent for this meeting", async () => {
    const cm = await viewerFor(world.users.caseManager);
    const meetingId = await schedulePpt(world.today);
    await sendShort(meetingId);
    const rows = await participants(meetingId);
    const teacherRow = rows.find((p) => p.role === "general_education_teacher")!;
    const request = await excusalRequest(meetingId);
    const hold = (excusalConsentRequestId: string) =>
      holdMeeting(
        cm,
        holdMeetingSchema.parse({
          studentId: student().id,
          meetingId,
          heldOn: cm.today,
          attendance: rows.map((p) =>
            p.id === teacherRow.id
              ? { participantId: p.id, attended: false, excused: true, excusalConsentRequestId }
              : { participantId: p.id, attended: true },
          ),
          decisions: "Annual review done.",
        }),
      );

    expect(await fieldErrorsOf(hold(request))).toEqual({ attendance: ["validation.meeting.excusalNotGranted"] });
    await respond(request, "granted");
    await respond(request, "revoked");
    expect(await fieldErrorsOf(hold(request))).toEqual({ attendance: ["validation.meeting.excusalNotGranted"] });
    // A revoked consent is not answered again: the parent agrees on a new request.
    const again = await excusalRequest(meetingId);
    expect((await getMeeting(cm, student().id, meetingId)).excusalConsents).toEqual([]);
    await respond(again, "granted");
    expect((await getMeeting(cm, student().id, meetingId)).excusalConsents).toEqual([
      { id: again, requestedOn: expect.any(String), grantedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) },
    ]);
    await hold(again);
    const held = await participants(meetingId);
    expect(held.find((p) => p.id === teacherRow.id)).toMatchObject({
      attended: false,
      excused: true,
      excusalConsentRequestId: again,
    });
    expect(await meetingRow(meetingId)).toMatchObject({ status: "held", heldOn: cm.today });
  });

  it("holding writes ppt_meeting_held with the purposes (source workflow); a second hold and a cancel are refused", async () => {
    const cm = await viewerFor(world.users.caseManager);
    const meetingId = await schedulePpt(world.today);
    await sendShort(meetingId);
    const rows = await participants(meetingId);
    const input = holdMeetingSchema.parse({
      studentId: student().id,
      meetingId,
      heldOn: cm.today,
      attendance: attendanceFor(rows, () => true),
      decisions: "Annual review done; goals revised.",
      notes: "Parent asked for a reading update in January.",
    });
    await holdMeeting(cm, input);
    const held = await meetingRow(meetingId);
    expect(held).toMatchObject({ status: "held", heldOn: cm.today, decisions: "Annual review done; goals revised." });
    const events = await workflowEvents(meetingId);
    expect(events.map((e) => e.type).sort()).toEqual(["meeting_scheduled", "ppt_meeting_held"]);
    expect(events.find((e) => e.type === "ppt_meeting_held")).toMatchObject({
      source: "workflow",
      date: cm.today,
      meetingPurposes: ["annual_review"],
    });
    expect((await deadlinesOf(student().id, "D-08")).length).toBeGreaterThan(0);

    await expect(holdMeeting(cm, input)).rejects.toSatisfy(hasCode("CONFLICT"));
    await expect(
      cancelMeeting(cm, cancelMeetingSchema.parse({ studentId: student().id, meetingId, reason: "late" })),
    ).rejects.toSatisfy(hasCode("CONFLICT"));
    expect(await meetingRow(meetingId)).toEqual(held);
  });

  it("a meeting cannot be held before its notice is sent", async () => {
    const cm = await viewerFor(world.users.caseManager);
    const meetingId = await schedulePpt(world.today);
    const rows = await participants(meetingId);
    await expect(
      holdMeeting(
        cm,
        holdMeetingSchema.parse({
          studentId: student().id,
          meetingId,
          heldOn: cm.today,
          attendance: attendanceFor(rows, () => true),
          decisions: "x",
        }),
      ),
    ).rejects.toSatisfy(hasCode("CONFLICT"));
  });
});

describe("cancelling and rescheduling", () => {
  it("cancel keeps the reason and voids the notice's meeting_scheduled event; reschedule points back and needs a new notice", async () => {
    const cm = await viewerFor(world.users.caseManager);
    const meetingId = await schedulePpt(await schoolDaysFrom(world.schoolA.id, world.today, -8));
    await sendMeetingNotice(cm, sendMeetingNoticeSchema.parse({ studentId: student().id, meetingId }));
    const newDate = await schoolDaysFrom(world.schoolA.id, world.today, -12);
    const { meetingId: newId } = await rescheduleMeeting(
      cm,
      rescheduleMeetingSchema.parse({
        studentId: student().id,
        meetingId,
        reason: "The parent asked for another day.",
        scheduledOn: newDate,
        startsAt: "10:00",
        location: "Room 12",
        purposes: ["annual_review"],
      }),
    );
    expect(await meetingRow(meetingId)).toMatchObject({
      status: "cancelled",
      cancelledOn: cm.today,
      cancelReason: "The parent asked for another day.",
    });
    const [event] = await workflowEvents(meetingId);
    expect(event).toMatchObject({ type: "meeting_scheduled", voidReason: "The parent asked for another day." });
    expect(event!.voidedAt).not.toBeNull();
    const next = await meetingRow(newId);
    expect(next).toMatchObject({
      status: "scheduled",
      rescheduledFromId: meetingId,
      noticeSentOn: null,
      scheduledOn: newDate,
    });
    expect((await participants(newId)).map((p) => p.role).sort()).toEqual(
      (await participants(meetingId)).map((p) => p.role).sort(),
    );
    expect((await getMeeting(cm, student().id, newId)).canSendNotice).toBe(true);
  });

  it("cancel needs a reason (validation)", () => {
    expect(
      cancelMeetingSchema.safeParse({ studentId: student().id, meetingId: student().id, reason: "  " }).success,
    ).toBe(false);
  });
});

describe("who sees meetings", () => {
  it("a guardian sees only meetings whose notice was sent, and only the notice; a teacher sees nothing", async () => {
    const meetingId = await schedulePpt(await schoolDaysFrom(world.schoolA.id, world.today, -9));
    const parent = await viewerFor(world.users.parent);
    const seen = await getStudentMeetings(parent, student().id);
    expect(seen!.staff).toBe(false);
    expect(seen!.meetings.every((m) => m.noticeSentOn !== null)).toBe(true);
    await expect(getMeeting(parent, student().id, meetingId)).rejects.toSatisfy(hasCode("NOT_FOUND"));
    const sent = seen!.meetings[0]!;
    const detail = await getMeeting(parent, student().id, sent.id);
    expect(detail.participants).toEqual([]);
    expect(detail.meeting.decisions).toBeNull();
    expect(detail.notice.language).toBe("es");

    const teacher = await viewerFor(world.users.teacher);
    expect(await getStudentMeetings(teacher, world.students.inSection.id)).toBeNull();
    await expect(getMeeting(teacher, student().id, sent.id)).rejects.toSatisfy(hasCode("NOT_FOUND"));
  });
});

describe("a 504 team meeting (led by the principal)", () => {
  it("the principal schedules, sends and holds a 504 meeting; no PPT case event is written", async () => {
    const principal = await viewerFor(world.users.principalA);
    const { meetingId } = await scheduleMeeting(
      principal,
      scheduleMeetingSchema.parse({
        studentId: world.students.child.id,
        program: "504",
        scheduledOn: principal.today,
        startsAt: "08:15",
        location: "Main office",
        purposes: ["eligibility"],
        invitees: [{ role: "general_education_teacher", userId: world.users.teacher.id }],
      }),
    );
    await sendMeetingNotice(
      principal,
      sendMeetingNoticeSchema.parse({ studentId: world.students.child.id, meetingId }),
    );
    const rows = await participants(meetingId);
    await holdMeeting(
      principal,
      holdMeetingSchema.parse({
        studentId: world.students.child.id,
        meetingId,
        heldOn: principal.today,
        attendance: attendanceFor(rows, (row) => rows.find((p) => p.id === row.id)!.role === "parent"),
        decisions: "Eligible under Section 504; plan to be drafted.",
      }),
    );
    expect(await meetingRow(meetingId)).toMatchObject({ status: "held", program: "504" });
    expect(await workflowEvents(meetingId)).toEqual([]);
  });
});

describe("the database freezes held and cancelled meetings (trigger, as the app role)", () => {
  it("a held meeting's decisions, date or participants cannot be changed in SQL; a scheduled meeting with a sent notice keeps its date", async () => {
    const cm = await viewerFor(world.users.caseManager);
    const meetingId = await schedulePpt(world.today);
    await sendShort(meetingId);
    const rows = await participants(meetingId);
    await holdMeeting(
      cm,
      holdMeetingSchema.parse({
        studentId: student().id,
        meetingId,
        heldOn: cm.today,
        attendance: attendanceFor(rows, () => true),
        decisions: "Done.",
      }),
    );
    await expect(db().execute(sql`update meetings set decisions = 'forged' where id = ${meetingId}`)).rejects.toThrow();
    await expect(
      db().execute(
        sql`update meetings set status = 'scheduled', held_on = null, decisions = null where id = ${meetingId}`,
      ),
    ).rejects.toThrow();
    await expect(
      db().execute(sql`update meeting_participants set attended = false where meeting_id = ${meetingId}`),
    ).rejects.toThrow();
    await expect(
      db().execute(
        sql`insert into meeting_participants (meeting_id, role, name, attended) values (${meetingId}, 'other', 'Late addition', true)`,
      ),
    ).rejects.toThrow();
    await expect(db().execute(sql`delete from meetings where id = ${meetingId}`)).rejects.toThrow();
    expect(await meetingRow(meetingId)).toMatchObject({ status: "held", decisions: "Done." });

    const noticed = await schedulePpt(world.today);
    await sendShort(noticed);
    await expect(
      db().execute(sql`update meetings set scheduled_on = ${addDays(world.today, 3)} where id = ${noticed}`),
    ).rejects.toThrow();
    await expect(
      db().execute(
        sql`update meetings set status = 'held', held_on = ${world.today}, decisions = 'x', location = 'elsewhere' where id = ${noticed}`,
      ),
    ).rejects.toThrow();
  });
});

/** A C-06 excusal request for a meeting, inserted directly (the consent DAL is built separately). */
async function excusalRequest(meetingId: string): Promise<string> {
  const pdf = new TextEncoder().encode(`excusal ${meetingId}`);
  const sha = sha256Hex(pdf);
  const [doc] = await db()
    .insert(storedDocuments)
    .values({
      districtId: world.district.id,
      studentId: student().id,
      kind: "consent_form",
      language: "es",
      model: {},
      pdf,
      sha256: sha,
    })
    .returning();
  const [request] = await db()
    .insert(consentRequests)
    .values({
      districtId: world.district.id,
      studentId: student().id,
      type: "excusal",
      program: "iep",
      meetingId,
      documentId: doc!.id,
      documentSha256: sha,
      language: "es",
      requestedOn: world.today,
    })
    .returning();
  return request!.id;
}

let responseClock = 0;
async function respond(requestId: string, decision: "granted" | "revoked" | "refused") {
  const [request] = await db().select().from(consentRequests).where(eq(consentRequests.id, requestId));
  const [guardianship] = await db()
    .select()
    .from(guardianships)
    .where(and(eq(guardianships.studentId, student().id), eq(guardianships.guardianUserId, world.users.parent.id)));
  responseClock += 1;
  await db()
    .insert(consentResponses)
    .values({
      requestId,
      studentId: student().id,
      decision,
      signerKind: "guardian",
      signerGuardianshipId: guardianship!.id,
      signerName: world.users.parent.name,
      method: "staff_recorded_paper",
      documentSha256: request!.documentSha256,
      respondedOn: world.today,
      respondedAt: new Date(Date.UTC(2020, 0, 1) + responseClock * 60_000),
    });
}
