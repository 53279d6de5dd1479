import { getDb } from "@/db/client";
import { legalRecordFor } from "@/db/testing/lifecycle-fixtures";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  acknowledgments,
  calendarDays,
  caseloads,
  implementationLogs,
  planAccommodations,
  schoolYears,
  sectionEnrollments,
  sections,
  sectionTeachers,
  users,
} from "@/db/schema";
import { setupTestDatabase } from "@/db/testing/database";
import { countAudit, createWorld, viewerFor, type World } from "@/db/testing/factories";
import { completeIepContent } from "@/db/testing/plan-fixtures";
import { addDays, weekday } from "@/lib/compliance/dates";
import type { Viewer } from "@/lib/dal/viewer";
import { AppError } from "@/lib/errors";
import { CLASS_LOG_UNDO_MS } from "@/lib/validation/delivery";
import { acknowledgeVersion, listMyAccommodations, logImplementation, logWholeClass, undoWholeClass } from "./delivery";
import { getCoverage, getCoverageDetails, getEvidenceReport } from "./delivery-reports";
import { activateVersion, createPlan, finalizeVersion, saveDraft, startAmendment } from "./plans";
import { ownerDb } from "@/db/testing/owner";

const db = setupTestDatabase();
const code = (c: string) => (e: unknown) => e instanceof AppError && e.code === c;
const dbError = (pattern: RegExp) => (e: unknown) =>
  pattern.test(String((e as { cause?: Error }).cause?.message ?? (e as Error).message));

let world: World;
let caseManager: Viewer;
let teacher: Viewer;
let schoolDay: string;
let planId: string;
let versionId: string;

/** The most recent weekday on or before `date` (the factory's school year has no closures). */
function lastWeekday(date: string): string {
  let d = date;
  while (weekday(d) === 0 || weekday(d) === 6) d = addDays(d, -1);
  return d;
}

async function activePlanFor(
  studentId: string,
  effectiveOn: string,
  content = completeIepContent({ meetingDate: addDays(effectiveOn, -20) }),
) {
  const created = await createPlan(caseManager, { studentId, type: "iep" });
  await saveDraft(caseManager, { versionId: created.versionId, lockVersion: 1, content });
  await legalRecordFor(getDb(), created.versionId, caseManager.userId);
  await finalizeVersion(caseManager, { versionId: created.versionId });
  await activateVersion(caseManager, { versionId: created.versionId, effectiveOn });
  return created;
}

beforeAll(async () => {
  world = await createWorld();
  caseManager = await viewerFor(world.users.caseManager);
  teacher = await viewerFor(world.users.teacher);
  schoolDay = lastWeekday(teacher.today);
  await db()
    .insert(caseloads)
    .values([
      { caseManagerId: world.users.caseManager.id, studentId: world.students.inSection.id, startsOn: "2020-01-01" },
      { caseManagerId: world.users.caseManager.id, studentId: world.students.child.id, startsOn: "2020-01-01" },
    ]);
  ({ planId, versionId } = await activePlanFor(world.students.inSection.id, addDays(schoolDay, -7)));
});

describe("assignment from the schedule", () => {
  it("the teacher of the student's section sees the accommodations of the version in force, nothing else of the plan", async () => {
    const mine = await listMyAccommodations(teacher, schoolDay);
    const section = mine.sections.find((s) => s.sectionId === world.sectionA.id)!;
    const student = section.students.find((s) => s.studentId === world.students.inSection.id)!;
    expect(student).toMatchObject({ planType: "iep", versionId, versionNumber: 1 });
    expect(student.accommodations.map((a) => [a.text, a.testing])).toEqual([
      ["Extended time (1.5x) on tests and quizzes", true],
      ["Preferential seating", false],
    ]);
    expect(Object.keys(student)).not.toContain("goals");
    expect(mine.outstanding).toBeGreaterThan(0);
  });

  it("a plan that is not in force yet assigns nothing", async () => {
    const created = await createPlan(caseManager, { studentId: world.students.child.id, type: "iep" });
    await saveDraft(caseManager, { versionId: created.versionId, lockVersion: 1, content: completeIepContent() });
    await legalRecordFor(getDb(), created.versionId, caseManager.userId);
    await finalizeVersion(caseManager, { versionId: created.versionId });
    const mine = await listMyAccommodations(teacher, schoolDay);
    expect(mine.sections.flatMap((s) => s.students).some((s) => s.studentId === world.students.child.id)).toBe(false);
  });

  it("a schedule change moves the assignment the same day: the new teacher gets it, the old one stops seeing the student", async () => {
    const [newTeacherRow] = await db()
      .insert(users)
      .values({
        districtId: world.district.id,
        email: `new.${world.tag}@test.example`,
        name: `New Teacher ${world.tag}`,
        role: "teacher",
      })
      .returning();
    const [year] = await db().select().from(schoolYears).where(eq(schoolYears.schoolId, world.schoolA.id));
    const [art] = await db()
      .insert(sections)
      .values({
        schoolId: world.schoolA.id,
        schoolYearId: year!.id,
        code: `ART-${world.tag}`,
        name: "Art",
        period: "5",
        schedule: "Fridays",
      })
      .returning();
    await db()
      .insert(sectionTeachers)
      .values({ sectionId: art!.id, userId: newTeacherRow!.id, startsOn: addDays(teacher.today, -3) });
    await db()
      .insert(sectionEnrollments)
      .values({ sectionId: art!.id, studentId: world.students.inSection.id, startsOn: addDays(teacher.today, -3) });
    const newTeacher = await viewerFor(newTeacherRow!);
    const theirs = await listMyAccommodations(newTeacher, schoolDay);
    expect(theirs.sections.map((s) => s.sectionId)).toEqual([art!.id]);
    expect(theirs.sections[0]!.students[0]!.ack.state).toBe("due");

    await db()
      .update(sectionEnrollments)
      .set({ endsOn: addDays(teacher.today, -1) })
      .where(
        and(eq(sectionEnrollments.sectionId, art!.id), eq(sectionEnrollments.studentId, world.students.inSection.id)),
      );
    expect((await listMyAccommodations(newTeacher, schoolDay)).sections).toEqual([]);
  });
});

describe("acknowledgment (per teacher, per version)", () => {
  it("is due 3 school days after assignment, counted on the school calendar with its closures", async () => {
    const [year] = await db().select().from(schoolYears).where(eq(schoolYears.schoolId, world.schoolA.id));
    const assignedOn = addDays(schoolDay, -7);
    const mine = await listMyAccommodations(teacher, schoolDay);
    const before = mine.sections.flatMap((s) => s.students).find((s) => s.versionId === versionId)!;
    let expected = assignedOn;
    for (let n = 0; n < 3;) {
      expected = addDays(expected, 1);
      if (weekday(expected) !== 0 && weekday(expected) !== 6) n++;
    }
    expect(before.ack.due).toBe(expected);
    const closure = addDays(assignedOn, weekday(assignedOn) === 5 ? 3 : 1);
    await db()
      .insert(calendarDays)
      .values({ schoolYearId: year!.id, date: closure, kind: "closure", reason: "Snow day" });
    const after = (await listMyAccommodations(teacher, schoolDay)).sections
      .flatMap((s) => s.students)
      .find((s) => s.versionId === versionId)!;
    expect(after.ack.due! > before.ack.due!).toBe(true);
    expect(after.ack.state).toBe("overdue");
    await db()
      .delete(calendarDays)
      .where(and(eq(calendarDays.schoolYearId, year!.id), eq(calendarDays.date, closure)));
  });

  it("records the exact accommodation set and is audited; a second one is refused", async () => {
    const result = await acknowledgeVersion(teacher, { versionId });
    const [row] = await db()
      .select()
      .from(acknowledgments)
      .where(and(eq(acknowledgments.versionId, versionId), eq(acknowledgments.userId, teacher.userId)));
    expect(row!.accommodationHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.acknowledgedAt.toISOString()).toBe(result.acknowledgedAt);
    expect(await countAudit(teacher.userId, "accommodations.acknowledged")).toBe(1);
    await expect(acknowledgeVersion(teacher, { versionId })).rejects.toSatisfy(code("CONFLICT"));
    const state = (await listMyAccommodations(teacher, schoolDay)).sections
      .flatMap((s) => s.students)
      .find((s) => s.versionId === versionId)!.ack;
    expect(state.state).toBe("acknowledged");
  });

  it("only assigned implementers acknowledge: a case manager is refused (403), a teacher of another school never sees it (404)", async () => {
    await expect(acknowledgeVersion(caseManager, { versionId })).rejects.toSatisfy(code("FORBIDDEN"));
    expect(await countAudit(caseManager.userId, "accommodations.acknowledged", "denied")).toBe(1);
    const other = await viewerFor(world.users.otherTeacher);
    await expect(acknowledgeVersion(other, { versionId })).rejects.toSatisfy(code("NOT_FOUND"));
    const rows = await db().select().from(acknowledgments).where(eq(acknowledgments.versionId, versionId));
    expect(rows.map((r) => r.userId)).toEqual([teacher.userId]);
  });

  it("an amendment needs re-acknowledgment, with the changes highlighted; the superseded version cannot be acknowledged", async () => {
    const { versionId: v2 } = await startAmendment(caseManager, { versionId });
    const [draft] = await db()
      .select({ content: sql<ReturnType<typeof completeIepContent>>`content` })
      .from((await import("@/db/schema")).planVersions)
      .where(eq((await import("@/db/schema")).planVersions.id, v2));
    const content = structuredClone(draft!.content);
    content.accommodations[0]!.teacherAction = "Give double time on every test.";
    content.accommodations.push({
      id: crypto.randomUUID(),
      kind: "accommodation",
      text: "Movement breaks",
      teacherAction: "Offer a break every 30 minutes.",
      classroom: true,
      testing: false,
      responsible: "",
    });
    content.accommodations.push({
      id: crypto.randomUUID(),
      kind: "accommodation",
      text: "Separate setting for tests",
      teacherAction: "Test in the small room.",
      classroom: false,
      testing: true,
      responsible: "",
    });
    await saveDraft(caseManager, { versionId: v2, lockVersion: 1, content });
    await legalRecordFor(getDb(), v2, caseManager.userId);
    await finalizeVersion(caseManager, { versionId: v2 });
    await activateVersion(caseManager, { versionId: v2, effectiveOn: addDays(schoolDay, -5) });
    const entry = (await listMyAccommodations(teacher, schoolDay)).sections
      .flatMap((s) => s.students)
      .find((s) => s.studentId === world.students.inSection.id)!;
    expect(entry).toMatchObject({ versionId: v2, versionNumber: 2, ack: { previousVersionNumber: 1 } });
    expect(entry.ack.state).not.toBe("acknowledged");
    expect(entry.accommodations.map((a) => [a.text, a.change])).toEqual([
      ["Extended time (1.5x) on tests and quizzes", "changed"],
      ["Preferential seating", null],
      ["Movement breaks", "added"],
      ["Separate setting for tests", "added"],
    ]);
    await expect(acknowledgeVersion(teacher, { versionId })).rejects.toSatisfy(code("CONFLICT"));
    await acknowledgeVersion(teacher, { versionId: v2 });
    versionId = v2;
  });

  it("the database refuses acknowledgments of versions not in force and any change to them", async () => {
    const [superseded] = await db()
      .select()
      .from(acknowledgments)
      .where(eq(acknowledgments.userId, teacher.userId))
      .limit(1);
    await expect(
      ownerDb().execute(sql`update acknowledgments set accommodation_hash = 'x' where id = ${superseded!.id}`),
    ).rejects.toSatisfy(dbError(/append-only/));
    await expect(ownerDb().execute(sql`delete from acknowledgments where id = ${superseded!.id}`)).rejects.toSatisfy(
      dbError(/append-only/),
    );
    const { planVersions } = await import("@/db/schema");
    const [first] = await db()
      .select({ id: planVersions.id, status: planVersions.status })
      .from(planVersions)
      .where(and(eq(planVersions.planId, planId), eq(planVersions.number, 1)));
    expect(first!.status).toBe("superseded");
    await expect(
      db().execute(
        sql`insert into acknowledgments (version_id, user_id, student_id, accommodation_hash) values (${first!.id}, ${world.users.otherTeacher.id}, ${world.students.inSection.id}, 'x')`,
      ),
    ).rejects.toSatisfy(dbError(/only the version in force/));
  });
});

describe("implementation log", () => {
  let extendedTime: string;
  let seating: string;

  beforeAll(async () => {
    const items = await db().select().from(planAccommodations).where(eq(planAccommodations.versionId, versionId));
    extendedTime = items.find((i) => i.text.startsWith("Extended"))!.id;
    seating = items.find((i) => i.text === "Preferential seating")!.id;
  });

  const entry = (overrides: Partial<Parameters<typeof logImplementation>[1]> = {}) => ({
    accommodationId: seating,
    sectionId: world.sectionA.id,
    date: schoolDay,
    status: "provided" as const,
    reason: "",
    note: "",
    ...overrides,
  });

  it("one tap records today's status and is audited without its text", async () => {
    expect(await logImplementation(teacher, entry({ note: "Moved to the front row" }))).toEqual({ replaced: false });
    const [row] = await db().select().from(implementationLogs).where(eq(implementationLogs.accommodationId, seating));
    expect(row).toMatchObject({
      status: "provided",
      logDate: schoolDay,
      sectionId: world.sectionA.id,
      note: "Moved to the front row",
    });
    const events = await db()
      .select()
      .from((await import("@/db/schema")).auditEvents)
      .where(
        and(
          eq((await import("@/db/schema")).auditEvents.action, "implementation.logged"),
          eq((await import("@/db/schema")).auditEvents.actorUserId, teacher.userId),
        ),
      );
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events[0]!.details)).not.toContain("front row");
  });

  it("a correction replaces the entry and keeps the history", async () => {
    expect(
      await logImplementation(teacher, entry({ status: "not_provided", reason: "Substitute teacher was not told" })),
    ).toEqual({ replaced: true });
    const rows = await db()
      .select()
      .from(implementationLogs)
      .where(eq(implementationLogs.accommodationId, seating))
      .orderBy(implementationLogs.createdAt);
    expect(rows.map((r) => r.status)).toEqual(["provided", "not_provided"]);
    expect(rows[1]!.replacesId).toBe(rows[0]!.id);
    const card = (await listMyAccommodations(teacher, schoolDay)).sections[0]!.students.find(
      (s) => s.versionId === versionId,
    )!.accommodations.find((a) => a.id === seating)!;
    expect(card.log).toMatchObject({ status: "not_provided", reason: "Substitute teacher was not told", edited: true });
  });

  it("refuses a future date, a weekend, a day before the plan, and a student not in the section that day", async () => {
    const count = async () =>
      (await db().select().from(implementationLogs).where(eq(implementationLogs.accommodationId, extendedTime))).length;
    const before = await count();
    await expect(
      logImplementation(teacher, entry({ accommodationId: extendedTime, date: addDays(teacher.today, 1) })),
    ).rejects.toSatisfy((e: unknown) => (e as AppError).messageKey === "errors.logFutureDate");
    let weekend = schoolDay;
    while (weekday(weekend) !== 6) weekend = addDays(weekend, -1);
    await expect(logImplementation(teacher, entry({ accommodationId: extendedTime, date: weekend }))).rejects.toSatisfy(
      (e: unknown) => (e as AppError).messageKey === "errors.logNotSchoolDay",
    );
    await expect(
      logImplementation(teacher, entry({ accommodationId: extendedTime, date: lastWeekday(addDays(schoolDay, -30)) })),
    ).rejects.toSatisfy((e: unknown) => (e as AppError).messageKey === "errors.logOutsidePlan");
    await db()
      .update(sectionEnrollments)
      .set({ startsOn: addDays(schoolDay, 0) })
      .where(
        and(
          eq(sectionEnrollments.sectionId, world.sectionA.id),
          eq(sectionEnrollments.studentId, world.students.inSection.id),
        ),
      );
    await expect(
      logImplementation(teacher, entry({ accommodationId: extendedTime, date: lastWeekday(addDays(schoolDay, -1)) })),
    ).rejects.toSatisfy((e: unknown) => (e as AppError).messageKey === "errors.logNotEnrolled");
    await db()
      .update(sectionEnrollments)
      .set({ startsOn: addDays(schoolDay, -90) })
      .where(
        and(
          eq(sectionEnrollments.sectionId, world.sectionA.id),
          eq(sectionEnrollments.studentId, world.students.inSection.id),
        ),
      );
    expect(await count()).toBe(before);
  });

  it("refuses days before the teacher taught the section, one entry or the whole class (issue 9 §4)", async () => {
    const mine = and(eq(sectionTeachers.sectionId, world.sectionA.id), eq(sectionTeachers.userId, teacher.userId));
    const [assignment] = await db().select().from(sectionTeachers).where(mine);
    await db().update(sectionTeachers).set({ startsOn: schoolDay }).where(mine);
    const before = lastWeekday(addDays(schoolDay, -1));
    const count = async () =>
      (await db().select().from(implementationLogs).where(eq(implementationLogs.logDate, before))).length;
    const existing = await count();
    const refusal = (e: unknown) =>
      e instanceof AppError &&
      e.code === "VALIDATION" &&
      e.messageKey === "errors.logNotTeaching" &&
      JSON.stringify(e.fieldErrors) === JSON.stringify({ date: ["errors.logNotTeaching"] });
    await expect(logImplementation(teacher, entry({ accommodationId: extendedTime, date: before }))).rejects.toSatisfy(
      refusal,
    );
    await expect(logWholeClass(teacher, { sectionId: world.sectionA.id, date: before })).rejects.toSatisfy(refusal);
    expect(await count()).toBe(existing);
    await db().update(sectionTeachers).set({ startsOn: assignment!.startsOn }).where(mine);
  });

  it("only the assigned teacher logs for their own section", async () => {
    const other = await viewerFor(world.users.otherTeacher);
    await expect(logImplementation(other, entry({ accommodationId: extendedTime }))).rejects.toSatisfy(
      code("NOT_FOUND"),
    );
    await expect(logImplementation(caseManager, entry({ accommodationId: extendedTime }))).rejects.toSatisfy(
      code("FORBIDDEN"),
    );
  });

  it("the database requires a reason for 'not provided' and never changes an entry", async () => {
    const [row] = await db().select().from(implementationLogs).limit(1);
    await expect(
      ownerDb().execute(sql`update implementation_logs set status = 'provided' where id = ${row!.id}`),
    ).rejects.toSatisfy(dbError(/append-only/));
    await expect(
      db()
        .execute(sql`insert into implementation_logs (version_id, accommodation_id, section_id, student_id, logged_by, log_date, status)
        values (${versionId}, ${extendedTime}, ${world.sectionA.id}, ${world.students.inSection.id}, ${teacher.userId}, ${schoolDay}, 'not_provided')`),
    ).rejects.toSatisfy(dbError(/implementation_logs_reason/));
  });

  it("logs the whole class in one tap: every in-class accommodation not yet logged, testing-only ones excluded", async () => {
    const items = await db().select().from(planAccommodations).where(eq(planAccommodations.versionId, versionId));
    const testingOnly = items.find((i) => i.text === "Separate setting for tests")!.id;
    const result = await logWholeClass(teacher, { sectionId: world.sectionA.id, date: schoolDay });
    expect(result.logged).toBe(2);
    const rows = await db()
      .select()
      .from(implementationLogs)
      .where(and(eq(implementationLogs.sectionId, world.sectionA.id), eq(implementationLogs.logDate, schoolDay)));
    expect(rows.filter((r) => r.accommodationId === testingOnly)).toHaveLength(0);
    expect(rows.filter((r) => r.accommodationId === extendedTime).map((r) => r.status)).toEqual(["provided"]);
    expect(rows.filter((r) => r.accommodationId === seating)).toHaveLength(2);
    expect(await logWholeClass(teacher, { sectionId: world.sectionA.id, date: schoolDay })).toEqual({
      logged: 0,
      batchId: null,
    });
    expect(await countAudit(teacher.userId, "implementation.class_logged")).toBe(2);
    const other = await viewerFor(world.users.otherTeacher);
    await expect(logWholeClass(other, { sectionId: world.sectionA.id, date: schoolDay })).rejects.toSatisfy(
      code("NOT_FOUND"),
    );
  });
});

describe("dashboards and the evidence report", () => {
  it("the principal's dashboard counts acknowledgments and log coverage by teacher; numbers link to rows", async () => {
    const principal = await viewerFor(world.users.principalA);
    const coverage = await getCoverage(principal);
    expect(coverage.scope).toBe("school");
    const row = coverage.byTeacher.find((r) => r.key === teacher.userId)!;
    expect(row).toMatchObject({ assigned: 1, acknowledged: 1, overdue: 0 });
    expect(row.logExpected).toBeGreaterThan(0);
    expect(row.logRecorded).toBeGreaterThan(0);
    const details = await getCoverageDetails(principal, { teacherId: teacher.userId });
    expect(details).toEqual([
      expect.objectContaining({
        studentId: world.students.inSection.id,
        state: "acknowledged",
        teacherName: world.users.teacher.name,
      }),
    ]);
    const otherPrincipal = await viewerFor(world.users.principalB);
    expect((await getCoverage(otherPrincipal)).totals.assigned).toBe(0);
  });

  it("a teacher's own dashboard shows only their assignments", async () => {
    const coverage = await getCoverage(teacher);
    expect(coverage.scope).toBe("teacher");
    expect(coverage.byTeacher.map((r) => r.key)).toEqual([teacher.userId]);
  });

  it("the evidence report lists each accommodation with who was responsible, when they acknowledged, and the log with corrections", async () => {
    const report = await getEvidenceReport(caseManager, world.students.inSection.id, {
      from: addDays(schoolDay, -30),
      to: schoolDay,
    });
    const seating = report.accommodations.filter((a) => a.text === "Preferential seating");
    expect(seating.map((a) => a.versionNumber)).toEqual([1, 2]);
    const current = seating.find((a) => a.versionNumber === 2)!;
    expect(current.responsible).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: world.users.teacher.name, acknowledgedAt: expect.any(String) }),
      ]),
    );
    expect(current.entries.map((e) => [e.status, e.replaced])).toEqual([
      ["provided", true],
      ["not_provided", false],
    ]);
    expect(current.counts.not_provided).toBe(1);
    const teacherAttempt = getEvidenceReport(teacher, world.students.inSection.id, {
      from: addDays(schoolDay, -30),
      to: schoolDay,
    });
    await expect(teacherAttempt).rejects.toSatisfy(code("FORBIDDEN"));
  });
});

describe("acknowledge before logging (issue 14 §2)", () => {
  let extendedTime: string;

  beforeAll(async () => {
    const items = await db().select().from(planAccommodations).where(eq(planAccommodations.versionId, versionId));
    extendedTime = items.find((i) => i.text.startsWith("Extended"))!.id;
  });

  it("a teacher logs only a plan version they acknowledged; the whole-class log leaves the others out", async () => {
    const [coTeacherUser] = await db()
      .insert(users)
      .values({
        districtId: world.district.id,
        email: `co.teacher.${world.tag}@test.example`,
        name: `Co Teacher ${world.tag}`,
        role: "teacher",
      })
      .returning();
    await db()
      .insert(sectionTeachers)
      .values({ sectionId: world.sectionA.id, userId: coTeacherUser!.id, startsOn: addDays(schoolDay, -60) });
    const coTeacher = await viewerFor(coTeacherUser!);
    const day = lastWeekday(addDays(schoolDay, -1));
    const entries = async () =>
      (
        await db()
          .select()
          .from(implementationLogs)
          .where(and(eq(implementationLogs.loggedBy, coTeacher.userId), eq(implementationLogs.logDate, day)))
      ).length;
    await expect(
      logImplementation(coTeacher, {
        accommodationId: extendedTime,
        sectionId: world.sectionA.id,
        date: day,
        status: "provided" as const,
        reason: "",
        note: "",
      }),
    ).rejects.toSatisfy(
      (e: unknown) =>
        e instanceof AppError && e.code === "CONFLICT" && e.messageKey === "errors.logNeedsAcknowledgment",
    );
    expect(await logWholeClass(coTeacher, { sectionId: world.sectionA.id, date: day })).toEqual({
      logged: 0,
      batchId: null,
    });
    expect(await entries()).toBe(0);
    await acknowledgeVersion(coTeacher, { versionId });
    expect(
      await logImplementation(coTeacher, {
        accommodationId: extendedTime,
        sectionId: world.sectionA.id,
        date: day,
        status: "provided" as const,
        reason: "",
        note: "",
      }),
    ).toEqual({
      replaced: false,
    });
    expect((await logWholeClass(coTeacher, { sectionId: world.sectionA.id, date: day })).logged).toBeGreaterThan(0);
  });
});

describe("undo of a whole-class log (issue 14: retractions in the append-only log)", () => {
  let w: World;
  let cm: Viewer;
  let t: Viewer;
  let day: string;
  let seatingId: string;
  const clock = process.env.PLANPATH_NOW!;
  const later = (ms: number) => {
    process.env.PLANPATH_NOW = new Date(Date.parse(clock) + ms).toISOString();
  };
  const undoRefusal = (key: string) => (e: unknown) =>
    e instanceof AppError && e.code === "CONFLICT" && e.messageKey === key;
  const rowsOfDay = () =>
    db()
      .select()
      .from(implementationLogs)
      .where(and(eq(implementationLogs.sectionId, w.sectionA.id), eq(implementationLogs.logDate, day)));

  beforeAll(async () => {
    w = await createWorld();
    cm = await viewerFor(w.users.caseManager);
    t = await viewerFor(w.users.teacher);
    day = lastWeekday(t.today);
    await db()
      .insert(caseloads)
      .values({ caseManagerId: w.users.caseManager.id, studentId: w.students.inSection.id, startsOn: "2020-01-01" });
    const created = await createPlan(cm, { studentId: w.students.inSection.id, type: "iep" });
    const content = completeIepContent({ meetingDate: addDays(day, -27) });
    await saveDraft(cm, { versionId: created.versionId, lockVersion: 1, content });
    await legalRecordFor(getDb(), created.versionId, cm.userId);
    await finalizeVersion(cm, { versionId: created.versionId });
    await activateVersion(cm, { versionId: created.versionId, effectiveOn: addDays(day, -7) });
    await acknowledgeVersion(t, { versionId: created.versionId });
    const items = await db()
      .select()
      .from(planAccommodations)
      .where(eq(planAccommodations.versionId, created.versionId));
    seatingId = items.find((i) => i.text === "Preferential seating")!.id;
  });

  it("withdraws the batch by the same teacher within the window: shown as withdrawn, counted nowhere, loggable again", async () => {
    const logged = await logWholeClass(t, { sectionId: w.sectionA.id, date: day });
    expect(logged.logged).toBe(2);
    const coverageBefore = (await getCoverage(t)).byTeacher[0]!.logRecorded;
    const other = await viewerFor(w.users.otherTeacher);
    await expect(undoWholeClass(other, { sectionId: w.sectionA.id, batchId: logged.batchId! })).rejects.toSatisfy(
      code("NOT_FOUND"),
    );
    later(CLASS_LOG_UNDO_MS - 1000);
    try {
      expect(await undoWholeClass(t, { sectionId: w.sectionA.id, batchId: logged.batchId! })).toEqual({ retracted: 2 });
    } finally {
      process.env.PLANPATH_NOW = clock;
    }
    const rows = await rowsOfDay();
    expect(rows.map((r) => r.status).sort()).toEqual(["provided", "provided", "retracted", "retracted"]);
    for (const retraction of rows.filter((r) => r.status === "retracted"))
      expect(rows.find((r) => r.id === retraction.replacesId)).toMatchObject({
        status: "provided",
        batchId: logged.batchId,
      });
    expect(await countAudit(t.userId, "implementation.class_log_undone")).toBe(1);

    const card = (await listMyAccommodations(t, day)).sections
      .flatMap((s) => s.students)
      .find((s) => s.studentId === w.students.inSection.id)!;
    expect(card.accommodations.map((a) => a.log)).toEqual([null, null]);
    expect((await getCoverage(t)).byTeacher[0]!.logRecorded).toBe(coverageBefore - 2);
    const report = await getEvidenceReport(cm, w.students.inSection.id, { from: day, to: day });
    const seating = report.accommodations.find((a) => a.text === "Preferential seating")!;
    expect(seating.entries.map((e) => [e.status, e.replaced])).toEqual([
      ["provided", true],
      ["retracted", false],
    ]);
    expect(seating.counts).toEqual({ provided: 0, not_needed: 0, declined: 0, not_provided: 0 });

    await expect(undoWholeClass(t, { sectionId: w.sectionA.id, batchId: logged.batchId! })).rejects.toSatisfy(
      undoRefusal("errors.undoDone"),
    );
    const again = await logWholeClass(t, { sectionId: w.sectionA.id, date: day });
    expect(again.logged).toBe(2);
    const relogged = (await rowsOfDay()).filter((r) => r.batchId === again.batchId);
    const retractionIds = (await rowsOfDay()).filter((r) => r.status === "retracted").map((r) => r.id);
    expect(relogged.map((r) => retractionIds.includes(r.replacesId!))).toEqual([true, true]);
    expect((await getCoverage(t)).byTeacher[0]!.logRecorded).toBe(coverageBefore);
  });

  it("is refused after the window (server clock), and keeps entries changed one by one since", async () => {
    const day2 = lastWeekday(addDays(day, -1));
    const logged = await logWholeClass(t, { sectionId: w.sectionA.id, date: day2 });
    expect(logged.logged).toBe(2);
    await logImplementation(t, {
      accommodationId: seatingId,
      sectionId: w.sectionA.id,
      date: day2,
      status: "declined",
      reason: "",
      note: "",
    });
    later(CLASS_LOG_UNDO_MS + 1000);
    try {
      await expect(undoWholeClass(t, { sectionId: w.sectionA.id, batchId: logged.batchId! })).rejects.toSatisfy(
        undoRefusal("errors.undoExpired"),
      );
    } finally {
      process.env.PLANPATH_NOW = clock;
    }
    expect(await undoWholeClass(t, { sectionId: w.sectionA.id, batchId: logged.batchId! })).toEqual({ retracted: 1 });
    const card = (await listMyAccommodations(t, day2)).sections
      .flatMap((s) => s.students)
      .find((s) => s.studentId === w.students.inSection.id)!;
    expect(card.accommodations.map((a) => a.log?.status ?? null)).toEqual([null, "declined"]);
  });

  it("the database refuses a retraction that withdraws nothing and a batch without its time", async () => {
    const [row] = await rowsOfDay();
    await expect(
      db()
        .execute(sql`insert into implementation_logs (version_id, accommodation_id, section_id, student_id, logged_by, log_date, status)
        values (${row!.versionId}, ${row!.accommodationId}, ${w.sectionA.id}, ${row!.studentId}, ${t.userId}, ${day}, 'retracted')`),
    ).rejects.toSatisfy(dbError(/implementation_logs_retraction/));
    await expect(
      db()
        .execute(sql`insert into implementation_logs (version_id, accommodation_id, section_id, student_id, logged_by, log_date, status, batch_id)
        values (${row!.versionId}, ${row!.accommodationId}, ${w.sectionA.id}, ${row!.studentId}, ${t.userId}, ${day}, 'provided', ${row!.id})`),
    ).rejects.toSatisfy(dbError(/implementation_logs_batch/));
  });
});
