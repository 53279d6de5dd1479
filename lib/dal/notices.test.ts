import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  calendarDays,
  caseEvents,
  guardianships,
  priorWrittenNotices,
  schoolYears,
  storedDocuments,
} from "@/db/schema";
import { setupTestDatabase } from "@/db/testing/database";
import { deadlinesOf, nthSchoolDayAfter, schoolDaysFrom } from "@/db/testing/deadlines";
import { fieldErrorsOf, hasCode } from "@/db/testing/errors";
import { countAudit, createWorld, viewerFor, type World } from "@/db/testing/factories";
import { addDays } from "@/lib/compliance";
import { sha256Hex } from "@/lib/documents/model";
import { createNoticeSchema, PWN_ELEMENTS, sendNoticeSchema, updateNoticeSchema } from "@/lib/validation/meetings";
import { getStudentMeetings } from "./meetings";
import { createNotice, getNotice, getNoticePdf, sendNotice, updateNotice } from "./notices";
import { createPlan } from "./plans";

const db = setupTestDatabase();
let world: World;

beforeAll(async () => {
  world = await createWorld();
  await db()
    .insert(guardianships)
    .values({
      studentId: world.students.onCaseload.id,
      guardianUserId: world.users.parent.id,
      startsOn: addDays(world.today, -90),
    });
});

const student = () => world.students.onCaseload;

const complete = {
  actionDescription: "The district proposes the annual IEP of this year.",
  reasons: "Maya met two of three goals; reading needs continued support.",
  evaluationsUsed: "Reading inventory (October); teacher reports; progress reports.",
  safeguardsStatement: "You have protection under the procedural safeguards; ask the office for a copy.",
  helpSources: "CPAC 860-739-3089.",
  optionsConsidered: "No change to services: rejected because reading goals were not met.",
  otherFactors: "None.",
};

async function draft(overrides: Partial<typeof complete> = {}) {
  const cm = await viewerFor(world.users.caseManager);
  const { noticeId } = await createNotice(
    cm,
    createNoticeSchema.parse({ studentId: student().id, program: "iep", action: "propose", subject: "fape" }),
  );
  await updateNotice(cm, updateNoticeSchema.parse({ studentId: student().id, noticeId, ...complete, ...overrides }));
  return noticeId;
}

async function noticeRow(id: string) {
  const [row] = await db().select().from(priorWrittenNotices).where(eq(priorWrittenNotices.id, id));
  return row!;
}

describe("prior written notice drafts (N-01, CL-8)", () => {
  it("N-01: a draft starts with the standard safeguards and help texts in the family's language, and is audited", async () => {
    const cm = await viewerFor(world.users.caseManager);
    const before = await countAudit(cm.userId, "notice.created");
    const { noticeId } = await createNotice(
      cm,
      createNoticeSchema.parse({ studentId: student().id, program: "iep", action: "refuse", subject: "evaluation" }),
    );
    const row = await noticeRow(noticeId);
    expect(row).toMatchObject({ status: "draft", action: "refuse", subject: "evaluation", language: "en" });
    expect(row.safeguardsStatement).toContain("procedural safeguards");
    expect(row.helpSources.length).toBeGreaterThan(0);
    expect(await countAudit(cm.userId, "notice.created")).toBe(before + 1);
    const detail = await getNotice(cm, student().id, noticeId);
    expect(detail.missing).toEqual([
      "actionDescription",
      "reasons",
      "evaluationsUsed",
      "optionsConsidered",
      "otherFactors",
    ]);
    expect(detail.document.status).toBe("draft");
  });

  it("CL-8: sending a notice missing a required content is refused, naming each missing one; nothing is stored", async () => {
    const cm = await viewerFor(world.users.caseManager);
    const noticeId = await draft({ evaluationsUsed: "   ", otherFactors: "" });
    const errors = await fieldErrorsOf(
      sendNotice(
        cm,
        sendNoticeSchema.parse({ studentId: student().id, noticeId, deliveryMethod: "mail", sentOn: cm.today }),
      ),
    );
    expect(errors).toEqual({
      evaluationsUsed: ["validation.notice.missing.evaluationsUsed"],
      otherFactors: ["validation.notice.missing.otherFactors"],
    });
    expect(await noticeRow(noticeId)).toMatchObject({ status: "draft", documentId: null, sentOn: null });
    expect(await db().select().from(caseEvents).where(eq(caseEvents.sourceId, noticeId))).toEqual([]);
  });

  it("a notice sent on a day that has not come, or with an agreed date before it, is refused", async () => {
    const cm = await viewerFor(world.users.caseManager);
    const noticeId = await draft();
    const base = { studentId: student().id, noticeId, deliveryMethod: "mail" };
    expect(
      await fieldErrorsOf(sendNotice(cm, sendNoticeSchema.parse({ ...base, sentOn: addDays(cm.today, 1) }))),
    ).toEqual({ sentOn: ["validation.notice.sentInFuture"] });
    expect(
      await fieldErrorsOf(
        sendNotice(
          cm,
          sendNoticeSchema.parse({ ...base, sentOn: cm.today, agreedImplementationDate: addDays(cm.today, -1) }),
        ),
      ),
    ).toEqual({ agreedImplementationDate: ["validation.notice.agreedBeforeSent"] });
    expect((await noticeRow(noticeId)).status).toBe("draft");
  });

  it("policy: a teacher may not write a notice; a guardian cannot see a draft", async () => {
    const teacher = await viewerFor(world.users.teacher);
    await expect(
      createNotice(
        teacher,
        createNoticeSchema.parse({
          studentId: world.students.inSection.id,
          program: "iep",
          action: "propose",
          subject: "fape",
        }),
      ),
    ).rejects.toSatisfy(hasCode("FORBIDDEN"));
    const noticeId = await draft();
    const parent = await viewerFor(world.users.parent);
    await expect(getNotice(parent, student().id, noticeId)).rejects.toSatisfy(hasCode("NOT_FOUND"));
  });
});

describe("sending a prior written notice (D-05)", () => {
  it("D-05: the implementation date is the 10th school day after the notice on the school calendar, across a closure and weekends", async () => {
    const cm = await viewerFor(world.users.caseManager);
    const sentOn = await schoolDaysFrom(world.schoolA.id, cm.today, 0);
    const closure = await nthSchoolDayAfter(world.schoolA.id, sentOn, 3);
    const withoutClosure = await nthSchoolDayAfter(world.schoolA.id, sentOn, 10);
    const [year] = await db().select().from(schoolYears).where(eq(schoolYears.schoolId, world.schoolA.id));
    await db()
      .insert(calendarDays)
      .values({ schoolYearId: year!.id, date: closure, kind: "closure", reason: "Snow day" });
    const expected = await nthSchoolDayAfter(world.schoolA.id, sentOn, 10);
    expect(expected > withoutClosure).toBe(true);

    const noticeId = await draft();
    const before = await countAudit(cm.userId, "notice.sent");
    const result = await sendNotice(
      cm,
      sendNoticeSchema.parse({ studentId: student().id, noticeId, deliveryMethod: "in_person", sentOn }),
    );
    expect(result.implementationDate).toBe(expected);
    const row = await noticeRow(noticeId);
    expect(row).toMatchObject({
      status: "sent",
      sentOn,
      implementationDate: expected,
      agreedImplementationDate: null,
      deliveryMethod: "in_person",
      sentBy: cm.userId,
      documentId: result.documentId,
    });
    const [doc] = await db().select().from(storedDocuments).where(eq(storedDocuments.id, result.documentId));
    expect(doc).toMatchObject({ kind: "prior_written_notice", language: "en" });
    expect(doc!.sha256).toBe(sha256Hex(doc!.pdf));
    expect(JSON.stringify(doc!.model)).toContain(complete.optionsConsidered);
    expect(await countAudit(cm.userId, "notice.sent")).toBe(before + 1);

    const events = await db().select().from(caseEvents).where(eq(caseEvents.sourceId, noticeId));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: "pwn_sent",
      source: "workflow",
      date: sentOn,
      pwnAction: "propose",
      pwnSubject: "fape",
      agreedImplementationDate: null,
    });
    const [d05] = (await deadlinesOf(student().id, "D-05")).filter((d) => d.triggerEventId === events[0]!.id);
    expect(d05).toMatchObject({ due: expected });
    await db().delete(calendarDays).where(eq(calendarDays.date, closure));
  });

  it("D-05: a date agreed with the parent is the implementation date, and is on the pwn_sent event", async () => {
    const cm = await viewerFor(world.users.caseManager);
    const noticeId = await draft();
    const agreed = addDays(cm.today, 2);
    const result = await sendNotice(
      cm,
      sendNoticeSchema.parse({
        studentId: student().id,
        noticeId,
        deliveryMethod: "email",
        sentOn: cm.today,
        agreedImplementationDate: agreed,
      }),
    );
    expect(result.implementationDate).toBe(agreed);
    const [event] = await db().select().from(caseEvents).where(eq(caseEvents.sourceId, noticeId));
    expect(event).toMatchObject({ type: "pwn_sent", agreedImplementationDate: agreed });
  });

  it("N-01: a sent notice is never edited or sent again (DAL), and the guardian reads it exactly as sent", async () => {
    const cm = await viewerFor(world.users.caseManager);
    const noticeId = await draft();
    await sendNotice(
      cm,
      sendNoticeSchema.parse({ studentId: student().id, noticeId, deliveryMethod: "mail", sentOn: cm.today }),
    );
    await expect(
      updateNotice(
        cm,
        updateNoticeSchema.parse({ studentId: student().id, noticeId, ...complete, reasons: "changed" }),
      ),
    ).rejects.toSatisfy(hasCode("CONFLICT"));
    await expect(
      sendNotice(
        cm,
        sendNoticeSchema.parse({ studentId: student().id, noticeId, deliveryMethod: "mail", sentOn: cm.today }),
      ),
    ).rejects.toSatisfy(hasCode("CONFLICT"));

    const parent = await viewerFor(world.users.parent);
    const seen = await getNotice(parent, student().id, noticeId);
    expect(seen.staff).toBe(false);
    expect(seen.canEdit).toBe(false);
    expect(seen.document.status).toBe("final");
    const row = await noticeRow(noticeId);
    const pdf = await getNoticePdf(parent, student().id, noticeId);
    const [doc] = await db().select().from(storedDocuments).where(eq(storedDocuments.id, row.documentId!));
    expect(pdf.sha256).toBe(doc!.sha256);
  });

  it("N-01: the database refuses any change to a sent notice, even of one column, as the app role (trigger)", async () => {
    const cm = await viewerFor(world.users.caseManager);
    const noticeId = await draft();
    await sendNotice(
      cm,
      sendNoticeSchema.parse({ studentId: student().id, noticeId, deliveryMethod: "mail", sentOn: cm.today }),
    );
    const before = await noticeRow(noticeId);
    for (const statement of [
      sql`update prior_written_notices set reasons = 'forged' where id = ${noticeId}`,
      sql`update prior_written_notices set status = 'draft' where id = ${noticeId}`,
      sql`update prior_written_notices set implementation_date = ${addDays(cm.today, 1)} where id = ${noticeId}`,
      sql`update prior_written_notices set updated_at = now() where id = ${noticeId}`,
      sql`delete from prior_written_notices where id = ${noticeId}`,
    ]) {
      await expect(db().execute(statement)).rejects.toThrow();
    }
    expect(await noticeRow(noticeId)).toEqual(before);
    // A draft stays editable in SQL (the trigger freezes only sent notices).
    const other = await draft();
    await db().execute(sql`update prior_written_notices set other_factors = 'Also: none.' where id = ${other}`);
    expect((await noticeRow(other)).otherFactors).toBe("Also: none.");
  });

  it("CL-8: the CHECK refuses a sent row missing a required content even when written directly", async () => {
    const noticeId = await draft({ reasons: "" });
    await expect(
      db().execute(
        sql`update prior_written_notices set status = 'sent', sent_on = ${world.today}, implementation_date = ${world.today},
          delivery_method = 'mail', sent_by = ${world.users.caseManager.id},
          document_id = (select id from stored_documents limit 1) where id = ${noticeId}`,
      ),
    ).rejects.toThrow();
    expect((await noticeRow(noticeId)).status).toBe("draft");
    expect(PWN_ELEMENTS).toHaveLength(7);
  });
});

describe("a notice proposes a plan version (N-01: the activation gate reads it)", () => {
  it("staff choose among the versions not yet in force; the draft is bound to the chosen one; families see none", async () => {
    const cm = await viewerFor(world.users.caseManager);
    const { versionId } = await createPlan(cm, { studentId: student().id, type: "iep" });
    const data = await getStudentMeetings(cm, student().id);
    expect(data!.versions).toEqual(
      expect.arrayContaining([{ id: versionId, program: "iep", number: 1, status: "draft" }]),
    );
    const { noticeId } = await createNotice(
      cm,
      createNoticeSchema.parse({
        studentId: student().id,
        program: "iep",
        action: "propose",
        subject: "fape",
        planVersionId: versionId,
      }),
    );
    expect((await noticeRow(noticeId)).planVersionId).toBe(versionId);
    const family = await getStudentMeetings(await viewerFor(world.users.parent), student().id);
    expect(family!.versions).toEqual([]);
  });
});
