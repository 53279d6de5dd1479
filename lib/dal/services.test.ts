import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import {
  auditEvents,
  auditEventStudents,
  calendarDays,
  caseloads,
  planGoals,
  planServices,
  schoolYears,
  serviceSessions,
  staffAssignments,
  users,
} from "@/db/schema";
import { setupTestDatabase } from "@/db/testing/database";
import { countAudit, createWorld, viewerFor, type World } from "@/db/testing/factories";
import { legalRecordFor } from "@/db/testing/lifecycle-fixtures";
import { ownerDb } from "@/db/testing/owner";
import { completeIepContent } from "@/db/testing/plan-fixtures";
import { addDays, weekday } from "@/lib/compliance/dates";
import type { Viewer } from "@/lib/dal/viewer";
import { AppError } from "@/lib/errors";
import { weekStart } from "@/lib/services/minutes";
import { logServiceSessionSchema, type LogServiceSessionInput } from "@/lib/validation/services";
import { activateVersion, createPlan, finalizeVersion, saveDraft } from "./plans";
import { buildWorkQueue } from "./work-queue";
import { exportStudentServiceSessions, getStudentServices, listMyServices, logServiceSession } from "./services";

const db = setupTestDatabase();
const code = (c: string) => (e: unknown) => e instanceof AppError && e.code === c;
const field = (name: string, key: string) => (e: unknown) =>
  e instanceof AppError &&
  e.code === "VALIDATION" &&
  JSON.stringify(e).includes(key) &&
  JSON.stringify(e).includes(name);

let world: World;
let caseManager: Viewer;
let provider: Viewer;
let teacher: Viewer;
let parent: Viewer;
let effectiveOn: string;
let schoolDay: string;
let closureDay: string;
/** Speech of Cleo (the parent's child): provided by the provider. */
let speechCleo: string;
/** Speech of Casey (on the caseload): provided by the provider. */
let speechCasey: string;
/** Reading of Cleo: delivered by the case manager (no provider account). */
let readingCleo: string;
/** Reading of Casey: never logged. */
let readingCasey: string;
let cleoGoal: string;
let caseyGoal: string;

function lastWeekdayBefore(date: string): string {
  let d = addDays(date, -1);
  while (weekday(d) === 0 || weekday(d) === 6) d = addDays(d, -1);
  return d;
}

async function activeIep(studentId: string, providerId: string) {
  const content = completeIepContent({ meetingDate: addDays(effectiveOn, -20) });
  content.services = [
    {
      id: randomUUID(),
      category: "related",
      type: "Speech and language therapy",
      minutes: "60",
      frequency: "week",
      location: "special_education",
      providerUserId: providerId,
      providerName: "Speech-language pathologist",
      startDate: effectiveOn,
      endDate: addDays(effectiveOn, 360),
    },
    {
      id: randomUUID(),
      category: "special_education",
      type: "Specialized reading instruction",
      minutes: "30",
      frequency: "day",
      location: "special_education",
      providerUserId: "",
      providerName: "Case manager",
      startDate: effectiveOn,
      endDate: addDays(effectiveOn, 360),
    },
  ];
  const created = await createPlan(caseManager, { studentId, type: "iep" });
  await saveDraft(caseManager, { versionId: created.versionId, lockVersion: 1, content });
  await legalRecordFor(getDb(), created.versionId, caseManager.userId);
  await finalizeVersion(caseManager, { versionId: created.versionId });
  await activateVersion(caseManager, { versionId: created.versionId, effectiveOn });
  const services = await db()
    .select({ id: planServices.id, type: planServices.serviceType })
    .from(planServices)
    .where(eq(planServices.versionId, created.versionId))
    .orderBy(planServices.position);
  const [goal] = await db()
    .select({ id: planGoals.id })
    .from(planGoals)
    .where(eq(planGoals.versionId, created.versionId));
  return { speech: services[0]!.id, reading: services[1]!.id, goal: goal!.id };
}

const input = (over: Partial<LogServiceSessionInput> & { entries: LogServiceSessionInput["entries"] }) =>
  logServiceSessionSchema.parse({ date: schoolDay, minutes: 30, status: "delivered", ...over });

async function sessionsFor(serviceId: string) {
  return db().select().from(serviceSessions).where(eq(serviceSessions.serviceId, serviceId));
}

beforeAll(async () => {
  world = await createWorld();
  const [providerRow] = await db()
    .insert(users)
    .values({
      districtId: world.district.id,
      email: `slp.${world.tag}@test.example`,
      name: `Speech Provider ${world.tag}`,
      role: "provider",
    })
    .returning();
  await db()
    .insert(staffAssignments)
    .values({
      userId: providerRow!.id,
      schoolId: world.schoolA.id,
      role: "provider",
      startsOn: addDays(world.today, -90),
    });
  await db()
    .insert(caseloads)
    .values({ caseManagerId: world.users.caseManager.id, studentId: world.students.child.id, startsOn: "2020-01-01" });
  caseManager = await viewerFor(world.users.caseManager);
  provider = await viewerFor(providerRow!);
  teacher = await viewerFor(world.users.teacher);
  parent = await viewerFor(world.users.parent);
  effectiveOn = addDays(weekStart(world.today), -35);
  schoolDay = lastWeekdayBefore(addDays(world.today, 1));
  closureDay = addDays(effectiveOn, 9); // a Wednesday of the plan's second week
  const [year] = await db().select().from(schoolYears).where(eq(schoolYears.schoolId, world.schoolA.id));
  await db()
    .insert(calendarDays)
    .values({ schoolYearId: year!.id, date: closureDay, kind: "closure", reason: "Snow day" });
  const cleo = await activeIep(world.students.child.id, providerRow!.id);
  const casey = await activeIep(world.students.onCaseload.id, providerRow!.id);
  [speechCleo, readingCleo, cleoGoal] = [cleo.speech, cleo.reading, cleo.goal];
  [speechCasey, readingCasey, caseyGoal] = [casey.speech, casey.reading, casey.goal];
});

describe("logging service sessions (service.log)", () => {
  it("the named provider logs an individual session: one row, one audit row linked to the student", async () => {
    const result = await logServiceSession(
      provider,
      input({ entries: [{ serviceId: speechCleo, goalIds: [cleoGoal] }] }),
    );
    expect(result).toEqual({ sessions: 1, groupId: null });
    const rows = await sessionsFor(speechCleo);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ minutes: 30, groupSize: 1, status: "delivered", goalIds: [cleoGoal] });
    expect(await countAudit(provider.userId, "services.logged", "success")).toBe(1);
  });

  it("a group session is logged once for several students: one row each, one group id and size, one audit row for both", async () => {
    const before = await countAudit(provider.userId, "services.logged", "success");
    const result = await logServiceSession(
      provider,
      input({
        minutes: 25,
        groupSize: 3,
        entries: [
          { serviceId: speechCleo, goalIds: [cleoGoal] },
          { serviceId: speechCasey, goalIds: [caseyGoal] },
        ],
      }),
    );
    expect(result.sessions).toBe(2);
    const rows = await db().select().from(serviceSessions).where(eq(serviceSessions.groupId, result.groupId!));
    expect(rows.map((r) => [r.studentId, r.groupSize, r.minutes]).sort()).toEqual(
      [
        [world.students.child.id, 3, 25],
        [world.students.onCaseload.id, 3, 25],
      ].sort(),
    );
    expect(await countAudit(provider.userId, "services.logged", "success")).toBe(before + 1);
    const [event] = await db()
      .select({ id: auditEvents.id })
      .from(auditEvents)
      .where(and(eq(auditEvents.actorUserId, provider.userId), eq(auditEvents.action, "services.logged")))
      .orderBy(sql`${auditEvents.id} desc`)
      .limit(1);
    const linked = await db().select().from(auditEventStudents).where(eq(auditEventStudents.eventId, event!.id));
    expect(linked.map((l) => l.studentId).sort()).toEqual(
      [world.students.child.id, world.students.onCaseload.id].sort(),
    );
  });

  it("the case manager may log any service of the caseload; a teacher of the student may not (403, nothing written, denied event)", async () => {
    await logServiceSession(caseManager, input({ entries: [{ serviceId: readingCleo, goalIds: [] }] }));
    expect(await sessionsFor(readingCleo)).toHaveLength(1);
    await expect(
      logServiceSession(teacher, input({ entries: [{ serviceId: readingCleo, goalIds: [] }] })),
    ).rejects.toSatisfy(code("FORBIDDEN"));
    expect(await sessionsFor(readingCleo)).toHaveLength(1);
    expect(await countAudit(teacher.userId, "services.logged", "denied")).toBe(1);
  });

  it("a provider may not log a service they do not provide, alone or mixed into a group; a parent may not log", async () => {
    await expect(
      logServiceSession(provider, input({ entries: [{ serviceId: readingCleo, goalIds: [] }] })),
    ).rejects.toSatisfy(code("FORBIDDEN"));
    await expect(
      logServiceSession(
        provider,
        input({
          entries: [
            { serviceId: speechCasey, goalIds: [] },
            { serviceId: readingCleo, goalIds: [] },
          ],
        }),
      ),
    ).rejects.toSatisfy(code("FORBIDDEN"));
    await expect(
      logServiceSession(parent, input({ entries: [{ serviceId: speechCleo, goalIds: [] }] })),
    ).rejects.toSatisfy(code("FORBIDDEN"));
    await expect(
      logServiceSession(provider, input({ entries: [{ serviceId: randomUUID(), goalIds: [] }] })),
    ).rejects.toSatisfy(code("NOT_FOUND"));
  });

  it("refuses a future date, a day outside the plan, a closed day, 'school closed' on an open day and goals of another plan", async () => {
    const before = (await sessionsFor(speechCleo)).length;
    const one = (over: Partial<LogServiceSessionInput>) =>
      logServiceSession(provider, input({ entries: [{ serviceId: speechCleo, goalIds: [] }], ...over }));
    await expect(one({ date: addDays(world.today, 1) })).rejects.toSatisfy(field("date", "services.errors.futureDate"));
    await expect(one({ date: addDays(effectiveOn, -3) })).rejects.toSatisfy(
      field("date", "services.errors.outsidePlan"),
    );
    await expect(one({ date: closureDay })).rejects.toSatisfy(field("date", "services.errors.notSchoolDay"));
    await expect(one({ status: "school_closed" })).rejects.toSatisfy(field("status", "services.errors.schoolOpen"));
    await expect(
      logServiceSession(provider, input({ entries: [{ serviceId: speechCleo, goalIds: [caseyGoal] }] })),
    ).rejects.toSatisfy(field("entries", "services.errors.goalNotInPlan"));
    expect(await sessionsFor(speechCleo)).toHaveLength(before);
    await one({ date: closureDay, status: "school_closed", minutes: 30 });
    expect(await sessionsFor(speechCleo)).toHaveLength(before + 1);
  });

  it("zod refuses bad minutes, an empty group, a group size smaller than the students listed, a make-up that was not delivered", () => {
    const parse = (value: unknown) => logServiceSessionSchema.safeParse(value);
    const base = { date: schoolDay, minutes: 30, status: "delivered", entries: [{ serviceId: speechCleo }] };
    expect(parse({ ...base, minutes: 0 }).success).toBe(false);
    expect(parse({ ...base, minutes: 601 }).success).toBe(false);
    expect(parse({ ...base, entries: [] }).success).toBe(false);
    expect(
      parse({ ...base, groupSize: 1, entries: [{ serviceId: speechCleo }, { serviceId: speechCasey }] }).success,
    ).toBe(false);
    expect(parse({ ...base, status: "student_absent", makeUpForId: randomUUID() }).success).toBe(false);
    expect(parse(base).success).toBe(true);
  });

  it("a make-up names a session the provider missed, once; a correction replaces the current entry once", async () => {
    const missedDay = addDays(effectiveOn, 1);
    await logServiceSession(
      provider,
      input({
        date: missedDay,
        status: "provider_absent",
        minutes: 60,
        entries: [{ serviceId: speechCasey, goalIds: [] }],
      }),
    );
    const [missed] = await db()
      .select()
      .from(serviceSessions)
      .where(and(eq(serviceSessions.serviceId, speechCasey), eq(serviceSessions.status, "provider_absent")));
    const makeUp = (over: Partial<LogServiceSessionInput> = {}) =>
      logServiceSession(
        provider,
        input({
          date: addDays(effectiveOn, 3),
          minutes: 60,
          makeUpForId: missed!.id,
          entries: [{ serviceId: speechCasey, goalIds: [] }],
          ...over,
        }),
      );
    await expect(makeUp({ date: effectiveOn })).rejects.toSatisfy(field("date", "services.errors.makeUpBefore"));
    await makeUp();
    await expect(makeUp()).rejects.toSatisfy(field("makeUpForId", "services.errors.makeUpDone"));
    const [delivered] = await sessionsFor(speechCleo);
    await expect(
      logServiceSession(
        provider,
        input({ makeUpForId: delivered!.id, entries: [{ serviceId: speechCleo, goalIds: [] }] }),
      ),
    ).rejects.toSatisfy(field("makeUpForId", "services.errors.makeUpInvalid"));

    await logServiceSession(
      provider,
      input({ minutes: 20, replacesId: delivered!.id, entries: [{ serviceId: speechCleo, goalIds: [] }] }),
    );
    await expect(
      logServiceSession(
        provider,
        input({ replacesId: delivered!.id, entries: [{ serviceId: speechCleo, goalIds: [] }] }),
      ),
    ).rejects.toSatisfy(code("CONFLICT"));
    const view = await getStudentServices(caseManager, world.students.onCaseload.id);
    const speech = view.services.find((s) => s.serviceId === speechCasey)!;
    expect(speech.total.madeUp).toBe(60);
    expect(speech.total.owed).toBe(0);
    expect(speech.missed).toEqual([]);
  });

  it("rows cannot be changed or deleted, by the app role or even by the owner (trigger)", async () => {
    const [row] = await sessionsFor(speechCleo);
    await expect(db().execute(sql`update service_sessions set minutes = 90 where id = ${row!.id}`)).rejects.toThrow();
    await expect(db().execute(sql`delete from service_sessions where id = ${row!.id}`)).rejects.toThrow();
    await expect(
      ownerDb().execute(sql`update service_sessions set minutes = 90 where id = ${row!.id}`),
    ).rejects.toThrow();
    const [after] = await db().select().from(serviceSessions).where(eq(serviceSessions.id, row!.id));
    expect(after!.minutes).toBe(row!.minutes);
  });
});

describe("reading minutes (service.read, service.export, service.own.read)", () => {
  it("the case manager sees required vs delivered per week with the closure pro-rated, and a shortfall", async () => {
    const view = await getStudentServices(caseManager, world.students.child.id);
    const speech = view.services.find((s) => s.serviceId === speechCleo)!;
    const closureWeek = speech.weeks.find((w) => w.start === weekStart(closureDay))!;
    expect(closureWeek.required).toBe(48);
    expect(speech.total.delivered).toBe(20 + 25);
    expect(speech.short).toBe(true);
    expect(speech.sessions.find((s) => s.corrected)).toMatchObject({
      minutes: 20,
      loggedBy: expect.stringContaining("Speech"),
    });
    expect(view.canExport).toBe(true);
    expect(await countAudit(caseManager.userId, "services.viewed", "success")).toBeGreaterThan(0);
  });

  it("a parent sees their own child's minutes and group sizes — no names, notes or loggers — and nothing of another child", async () => {
    const view = await getStudentServices(parent, world.students.child.id);
    expect(view.canExport).toBe(false);
    const sessions = view.services.flatMap((s) => s.sessions);
    expect(sessions.length).toBeGreaterThan(0);
    expect(sessions.every((s) => s.loggedBy === null && s.note === null)).toBe(true);
    expect(JSON.stringify(view)).not.toContain(world.students.onCaseload.firstName);
    expect(view.services.every((s) => !s.canLog)).toBe(true);
    await expect(getStudentServices(parent, world.students.onCaseload.id)).rejects.toSatisfy(code("NOT_FOUND"));
    await expect(
      exportStudentServiceSessions(parent, world.students.child.id, { from: effectiveOn, to: world.today }),
    ).rejects.toSatisfy(code("FORBIDDEN"));
  });

  it("a provider sees only the services they provide, and may not export", async () => {
    const view = await getStudentServices(provider, world.students.child.id);
    expect(view.services.map((s) => s.serviceId)).toEqual([speechCleo]);
    await expect(
      exportStudentServiceSessions(provider, world.students.child.id, { from: effectiveOn, to: world.today }),
    ).rejects.toSatisfy(code("FORBIDDEN"));
  });

  it("the export carries student, service, provider, date, minutes, group size and status, corrections flagged", async () => {
    const out = await exportStudentServiceSessions(caseManager, world.students.child.id, {
      from: effectiveOn,
      to: world.today,
    });
    const speech = out.rows.filter((r) => r.service === "Speech and language therapy");
    expect(speech.some((r) => r.groupSize === 3 && r.minutes === 25 && r.status === "delivered")).toBe(true);
    expect(speech.filter((r) => r.replaced)).toHaveLength(1);
    expect(speech[0]).toMatchObject({
      provider: expect.stringContaining("Speech Provider"),
      sasid: expect.any(String),
    });
    expect(await countAudit(caseManager.userId, "services.exported", "success")).toBe(1);
  });

  it("the provider's screen lists the services they provide with this week's minutes and the sessions of the day", async () => {
    const mine = await listMyServices(provider, schoolDay);
    expect(mine.services.map((s) => s.serviceId).sort()).toEqual([speechCleo, speechCasey].sort());
    const cleo = mine.services.find((s) => s.serviceId === speechCleo)!;
    expect(cleo.goals.map((g) => g.id)).toContain(cleoGoal);
    expect(cleo.logged.length).toBeGreaterThan(0);
    expect(cleo.week.required).toBeGreaterThan(0);
    const asCaseManager = await listMyServices(caseManager, null);
    expect(asCaseManager.services.map((s) => s.serviceId)).toEqual(
      expect.arrayContaining([speechCleo, readingCleo, speechCasey]),
    );
    await expect(listMyServices(parent, null)).rejects.toSatisfy(code("FORBIDDEN"));
  });

  it("SM-3: a shortfall over completed weeks appears on the case manager's queue (not the provider's); the district threshold decides", async () => {
    const queue = await buildWorkQueue(caseManager);
    const item = queue.items.find((i) => i.key === `serviceShortfall:${speechCleo}`);
    expect(item).toMatchObject({ studentId: world.students.child.id, overdue: true, reason: "caseload" });
    expect(item!.href).toBe(`/students/${world.students.child.id}/services`);
    expect(queue.items.some((i) => i.key === `serviceShortfall:${speechCasey}`)).toBe(true);
    expect((await buildWorkQueue(provider)).items.some((i) => i.source === "serviceShortfall")).toBe(false);
    await ownerDb().execute(
      sql`update districts set settings = settings || '{"services": {"shortfallPercent": 100}}'::jsonb where id = ${world.district.id}`,
    );
    const relaxed = await buildWorkQueue(caseManager);
    // At 100 %, only a service with nothing delivered over completed weeks is short: Casey's make-up counts.
    expect(relaxed.items.some((i) => i.key === `serviceShortfall:${speechCasey}`)).toBe(false);
    expect(relaxed.items.some((i) => i.key === `serviceShortfall:${readingCasey}`)).toBe(true);
  });
});
