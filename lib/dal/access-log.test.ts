import { getDb } from "@/db/client";
import { legalRecordFor } from "@/db/testing/lifecycle-fixtures";
import { randomUUID } from "node:crypto";
import { and, desc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, auditEventStudents, caseloads, students } from "@/db/schema";
import { setupTestDatabase } from "@/db/testing/database";
import { countAudit, createWorld, viewerFor, type World } from "@/db/testing/factories";
import { completeIepContent } from "@/db/testing/plan-fixtures";
import { addDays } from "@/lib/compliance/dates";
import type { Viewer } from "@/lib/dal/viewer";
import { AppError } from "@/lib/errors";
import { getComplianceReport } from "./compliance-report";
import { listMyAccommodations } from "./delivery";
import { getCoverage, getCoverageDetails, getEvidenceReport } from "./delivery-reports";
import { getDraftForEdit, getPlanView } from "./plan-views";
import { activateVersion, createPlan, finalizeVersion, saveDraft } from "./plans";
import { listMySections } from "./sections";
import { getStudentRecord, listCaseload, listStudentAccessLog } from "./students";
import { listWorkQueue } from "./work-queue";

const db = setupTestDatabase();
const code = (c: string) => (e: unknown) => e instanceof AppError && e.code === c;

let world: World;
let admin: Viewer;
let teacher: Viewer;
let caseManager: Viewer;
let parent: Viewer;

beforeAll(async () => {
  world = await createWorld();
  admin = await viewerFor(world.users.admin);
  teacher = await viewerFor(world.users.teacher);
  caseManager = await viewerFor(world.users.caseManager);
  parent = await viewerFor(world.users.parent);
});

/** The newest audit row written by one actor with this action. */
async function lastEvent(userId: string, action: string) {
  const [row] = await db()
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.actorUserId, userId), eq(auditEvents.action, action)))
    .orderBy(desc(auditEvents.id))
    .limit(1);
  return row;
}

async function linkedStudents(eventId: number) {
  const rows = await db()
    .select({ studentId: auditEventStudents.studentId })
    .from(auditEventStudents)
    .where(eq(auditEventStudents.eventId, eventId));
  return rows.map((r) => r.studentId).sort();
}

describe("list reads appear in each listed student's record of access", () => {
  it("a teacher opens their section roster: the student's record of access shows that read, to admins and parents", async () => {
    const before = await countAudit(teacher.userId, "students.listed");
    await listMySections(teacher);
    expect(await countAudit(teacher.userId, "students.listed")).toBe(before + 1);
    const event = await lastEvent(teacher.userId, "students.listed");
    expect(event!.details).toMatchObject({ list: "sections", students: 2 });
    expect(await linkedStudents(event!.id)).toEqual([world.students.child.id, world.students.inSection.id].sort());

    const adminLog = await listStudentAccessLog(admin, world.students.inSection.id);
    expect(adminLog.find((e) => e.id === event!.id)).toMatchObject({
      action: "students.listed",
      actorRole: "teacher",
      outcome: "success",
    });
    const parentLog = await listStudentAccessLog(parent, world.students.child.id);
    expect(parentLog.map((e) => e.id)).toContain(event!.id);
    const unrelated = await listStudentAccessLog(admin, world.students.otherSchool.id);
    expect(unrelated.map((e) => e.id)).not.toContain(event!.id);
  });

  it("the caseload list appears in the record of access of the students on it", async () => {
    await listCaseload(caseManager);
    const event = await lastEvent(caseManager.userId, "students.listed");
    expect(await linkedStudents(event!.id)).toEqual([world.students.onCaseload.id]);
    const log = await listStudentAccessLog(admin, world.students.onCaseload.id);
    expect(log.map((e) => e.id)).toContain(event!.id);
  });

  it("a list of 300 students is one audit row linked to all 300 students", async () => {
    const many = await db()
      .insert(students)
      .values(
        Array.from({ length: 300 }, (_, i) => ({
          districtId: world.district.id,
          schoolId: world.schoolA.id,
          sasid: String(9_000_000_000 + i),
          firstName: `Many${i}`,
          lastName: `Bulk${world.tag}`,
          birthDate: "2017-01-01",
          grade: "3",
        })),
      )
      .returning({ id: students.id });
    const manager = await viewerFor(world.users.caseManager);
    await db()
      .insert(caseloads)
      .values(many.map((s) => ({ caseManagerId: manager.userId, studentId: s.id, startsOn: "2020-01-01" })));
    const before = await countAudit(manager.userId, "students.listed");
    const rows = await listCaseload(manager);
    expect(rows).toHaveLength(301);
    expect(await countAudit(manager.userId, "students.listed")).toBe(before + 1);
    const event = await lastEvent(manager.userId, "students.listed");
    expect(await linkedStudents(event!.id)).toHaveLength(301);
    await db()
      .delete(caseloads)
      .where(
        and(
          eq(caseloads.caseManagerId, manager.userId),
          sql`${caseloads.studentId} in (select id from students where last_name = ${`Bulk${world.tag}`})`,
        ),
      );
  });

  it("the links of a list read are append-only like the audit trail", async () => {
    const event = await lastEvent(teacher.userId, "students.listed");
    await expect(
      db().execute(sql`update audit_event_students set student_id = ${randomUUID()} where event_id = ${event!.id}`),
    ).rejects.toThrow();
    await expect(db().execute(sql`delete from audit_event_students where event_id = ${event!.id}`)).rejects.toThrow();
    expect(await linkedStudents(event!.id)).toHaveLength(2);
  });
});

describe("every refusal is audited with its real verb and entity", () => {
  it("a denied read of a district resource is not logged as a student read", async () => {
    await expect(getComplianceReport(teacher, 2026)).rejects.toSatisfy(code("FORBIDDEN"));
    const event = await lastEvent(teacher.userId, "access.denied");
    expect(event).toMatchObject({ outcome: "denied", entityType: "district", entityId: world.district.id });
    expect(event!.details).toEqual({ verb: "complianceReport.read" });
    expect(await countAudit(teacher.userId, "student.viewed", "denied")).toBe(0);
  });

  it("the work queue, my accommodations and the coverage dashboard refuse a parent with a denied row each", async () => {
    await expect(listWorkQueue(parent)).rejects.toSatisfy(code("FORBIDDEN"));
    await expect(listMyAccommodations(parent, null)).rejects.toSatisfy(code("FORBIDDEN"));
    await expect(getCoverage(parent)).rejects.toSatisfy(code("FORBIDDEN"));
    const denied = await db()
      .select({ details: auditEvents.details, entityType: auditEvents.entityType })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.actorUserId, parent.userId),
          eq(auditEvents.action, "access.denied"),
          eq(auditEvents.outcome, "denied"),
        ),
      )
      .orderBy(auditEvents.id);
    expect(denied.map((d) => d.details.verb)).toEqual(["workQueue.read", "coverage.read", "coverage.read"]);
    expect(denied.every((d) => d.entityType === "user")).toBe(true);
  });

  it("the evidence report refuses a teacher of the student with an implementation.read denial on the student", async () => {
    await expect(
      getEvidenceReport(teacher, world.students.inSection.id, { from: addDays(teacher.today, -30), to: teacher.today }),
    ).rejects.toSatisfy(code("FORBIDDEN"));
    const event = await lastEvent(teacher.userId, "evidence.viewed");
    expect(event).toMatchObject({
      outcome: "denied",
      entityType: "student",
      studentId: world.students.inSection.id,
      details: { verb: "implementation.read" },
    });
  });
});

describe("reads that wrote no access row", () => {
  it("opening the plan editor is logged for the student", async () => {
    const { planId, versionId } = await createPlan(caseManager, {
      studentId: world.students.onCaseload.id,
      type: "iep",
    });
    await getDraftForEdit(caseManager, planId, versionId);
    const event = await lastEvent(caseManager.userId, "plan.draft_opened");
    expect(event).toMatchObject({
      outcome: "success",
      entityType: "plan",
      entityId: planId,
      studentId: world.students.onCaseload.id,
      details: { planId, versionId },
    });
    const log = await listStudentAccessLog(admin, world.students.onCaseload.id);
    expect(log.map((e) => e.action)).toContain("plan.draft_opened");
  });

  it("the coverage details list is logged as a read of the students it shows", async () => {
    await db()
      .insert(caseloads)
      .values({ caseManagerId: caseManager.userId, studentId: world.students.inSection.id, startsOn: "2020-01-01" });
    const effectiveOn = addDays(caseManager.today, -7);
    const { versionId } = await createPlan(caseManager, { studentId: world.students.inSection.id, type: "iep" });
    await saveDraft(caseManager, {
      versionId,
      lockVersion: 1,
      content: completeIepContent({ meetingDate: addDays(effectiveOn, -20) }),
    });
    await legalRecordFor(getDb(), versionId, caseManager.userId);
    await finalizeVersion(caseManager, { versionId });
    await activateVersion(caseManager, { versionId, effectiveOn });
    const principal = await viewerFor(world.users.principalA);
    const before = await countAudit(principal.userId, "coverage.viewed");
    const rows = await getCoverageDetails(principal, {});
    expect(rows.map((r) => r.studentId)).toContain(world.students.inSection.id);
    expect(await countAudit(principal.userId, "coverage.viewed")).toBe(before + 1);
    const event = await lastEvent(principal.userId, "coverage.viewed");
    expect(event!.details).toMatchObject({ view: "details" });
    expect(await linkedStudents(event!.id)).toContain(world.students.inSection.id);
    const log = await listStudentAccessLog(admin, world.students.inSection.id);
    expect(log.map((e) => e.id)).toContain(event!.id);
  });
});

describe("requests outside the viewer's scope leave a trace", () => {
  it("a student outside the scope is a 404 recorded as a denied access with the requested id", async () => {
    const probe = world.students.otherSchool.id;
    await expect(getStudentRecord(teacher, probe)).rejects.toSatisfy(code("NOT_FOUND"));
    const event = await lastEvent(teacher.userId, "access.out_of_scope");
    expect(event).toMatchObject({
      outcome: "denied",
      kind: "access",
      entityType: "student",
      entityId: probe,
      studentId: probe,
      details: { verb: "student.read" },
    });
    const log = await listStudentAccessLog(admin, probe);
    expect(log.find((e) => e.id === event!.id)).toMatchObject({ outcome: "denied", actorRole: "teacher" });
  });

  it("a probe from another district's user is listed to this district's admin without that user's name", async () => {
    const other = await createWorld();
    const outsider = await viewerFor(other.users.teacher);
    const probe = world.students.inSection.id;
    await expect(getStudentRecord(outsider, probe)).rejects.toSatisfy(code("NOT_FOUND"));
    const event = await lastEvent(outsider.userId, "access.out_of_scope");
    const entry = (await listStudentAccessLog(admin, probe)).find((e) => e.id === event!.id);
    expect(entry).toMatchObject({ outcome: "denied", actorRole: "teacher", actorName: null });
    const own = (await listStudentAccessLog(admin, probe)).find((e) => e.actorName === world.users.teacher.name);
    expect(own).toBeDefined();
  });

  it("an unknown plan id and a malformed id are recorded too, without storing the malformed text", async () => {
    const unknown = randomUUID();
    await expect(getPlanView(teacher, unknown)).rejects.toSatisfy(code("NOT_FOUND"));
    expect(await lastEvent(teacher.userId, "access.out_of_scope")).toMatchObject({
      entityType: "plan",
      entityId: unknown,
      studentId: null,
    });
    await expect(getStudentRecord(teacher, "'; drop table students; --")).rejects.toSatisfy(code("NOT_FOUND"));
    expect(await lastEvent(teacher.userId, "access.out_of_scope")).toMatchObject({
      entityType: "student",
      entityId: null,
      studentId: null,
      details: { verb: "student.read", malformedId: true },
    });
  });

  it("a change aimed outside the scope is a 404 recorded as a denied access", async () => {
    const other = await createWorld();
    await expect(createPlan(caseManager, { studentId: other.students.onCaseload.id, type: "iep" })).rejects.toSatisfy(
      code("NOT_FOUND"),
    );
    expect(await lastEvent(caseManager.userId, "access.out_of_scope")).toMatchObject({
      outcome: "denied",
      entityType: "student",
      entityId: other.students.onCaseload.id,
    });
  });
});
