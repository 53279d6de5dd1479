import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, schools } from "@/db/schema";
import { setupTestDatabase } from "@/db/testing/database";
import { hasCode } from "@/db/testing/errors";
import { countAudit, createWorld, viewerFor, type World } from "@/db/testing/factories";
import { AppError } from "@/lib/errors";
import { listSchools } from "./schools";
import { listMySections } from "./sections";
import {
  getRestrictedGuardianshipContact,
  getStudentRecord,
  listCaseload,
  listMyChildren,
  listStudentAccessLog,
} from "./students";

const db = setupTestDatabase();
let world: World;
let other: World;

beforeAll(async () => {
  world = await createWorld();
  other = await createWorld();
});

async function expectNotFound(promise: Promise<unknown>) {
  await expect(promise).rejects.toSatisfy((e: unknown) => e instanceof AppError && e.code === "NOT_FOUND");
}

describe("student.read scope: who can open which student", () => {
  it("the case manager opens students on the caseload, not ended caseloads or other students", async () => {
    const viewer = await viewerFor(world.users.caseManager);
    const record = await getStudentRecord(viewer, world.students.onCaseload.id);
    expect(record.relationships).toEqual(["caseManagerOf"]);
    expect(record.sasid).toBe(world.students.onCaseload.sasid);
    await expectNotFound(getStudentRecord(viewer, world.students.endedCaseload.id));
    await expectNotFound(getStudentRecord(viewer, world.students.inSection.id));
    await expectNotFound(getStudentRecord(viewer, other.students.onCaseload.id));
  });

  it("the teacher opens currently enrolled students with need-to-know fields only", async () => {
    const viewer = await viewerFor(world.users.teacher);
    const record = await getStudentRecord(viewer, world.students.inSection.id);
    expect(record.relationships).toEqual(["teacherOf"]);
    expect(record.sasid).toBeNull();
    expect(record.birthDate).toBeNull();
    expect(record.guardians).toEqual([]);
    expect(record.sections.map((s) => s.id)).toEqual([world.sectionA.id]);
    await expectNotFound(getStudentRecord(viewer, world.students.endedEnrollment.id));
    await expectNotFound(getStudentRecord(viewer, world.students.otherSchool.id));
  });

  it("a principal opens students at their own school only", async () => {
    const viewer = await viewerFor(world.users.principalA);
    expect((await getStudentRecord(viewer, world.students.endedEnrollment.id)).relationships).toEqual(["principalOf"]);
    await expectNotFound(getStudentRecord(viewer, world.students.otherSchool.id));
    await expectNotFound(getStudentRecord(viewer, other.students.child.id));
  });

  it("a district admin opens any student of the district, never another district's", async () => {
    const viewer = await viewerFor(world.users.admin);
    expect((await getStudentRecord(viewer, world.students.otherSchool.id)).relationships).toEqual(["districtAdmin"]);
    await expectNotFound(getStudentRecord(viewer, other.students.otherSchool.id));
  });

  it("a parent opens their own child; a restriction order removes access", async () => {
    const parent = await viewerFor(world.users.parent);
    const record = await getStudentRecord(parent, world.students.child.id);
    expect(record.relationships).toEqual(["decisionMaker", "guardianOf"]);
    await expectNotFound(getStudentRecord(parent, world.students.inSection.id));
    const restricted = await viewerFor(world.users.restrictedParent);
    await expectNotFound(getStudentRecord(restricted, world.students.restrictedChild.id));
  });

  it("malformed ids are a 404, not a database error", async () => {
    const viewer = await viewerFor(world.users.admin);
    await expectNotFound(getStudentRecord(viewer, "not-a-uuid"));
    await expectNotFound(getStudentRecord(viewer, "'; drop table students; --"));
  });

  it("every successful read is logged as an access event for that student", async () => {
    const viewer = await viewerFor(world.users.principalA);
    const before = await countAudit(viewer.userId, "student.viewed");
    await getStudentRecord(viewer, world.students.child.id);
    expect(await countAudit(viewer.userId, "student.viewed")).toBe(before + 1);
    const [event] = await db()
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.actorUserId, viewer.userId))
      .orderBy(auditEvents.id)
      .then((rows) => rows.slice(-1));
    expect(event).toMatchObject({
      kind: "access",
      action: "student.viewed",
      studentId: world.students.child.id,
      outcome: "success",
    });
  });
});

describe("scoped lists never leak", () => {
  it("caseload lists only the case manager's current caseload", async () => {
    const rows = await listCaseload(await viewerFor(world.users.caseManager));
    expect(rows.map((r) => r.id)).toEqual([world.students.onCaseload.id]);
  });

  it("caseload is empty for anyone who is not a case manager", async () => {
    expect(await listCaseload(await viewerFor(world.users.teacher))).toEqual([]);
  });

  it("sections list only the teacher's sections and currently enrolled students", async () => {
    const sections = await listMySections(await viewerFor(world.users.teacher));
    expect(sections.map((s) => s.id)).toEqual([world.sectionA.id]);
    expect(sections[0]!.students.map((s) => s.id).sort()).toEqual(
      [world.students.inSection.id, world.students.child.id].sort(),
    );
  });

  it("schools: principals see their own school, admins every school of their district", async () => {
    expect((await listSchools(await viewerFor(world.users.principalB))).schools.map((s) => s.id)).toEqual([
      world.schoolB.id,
    ]);
    const all = await listSchools(await viewerFor(world.users.admin));
    expect(all.next).toBeNull();
    expect(all.schools.map((s) => s.id).sort()).toEqual([world.schoolA.id, world.schoolB.id].sort());
    expect(all.schools.find((s) => s.id === world.schoolA.id)).toMatchObject({ studentCount: 6, sectionCount: 1 });
    expect(await listSchools(await viewerFor(world.users.teacher))).toEqual({ schools: [], next: null });
  });

  it("schools (issue 15): a district admin's list comes in keyset pages by name, each school once", async () => {
    const admin = await viewerFor(world.users.admin);
    const all = (await listSchools(admin)).schools;
    const first = await listSchools(admin, null, 1);
    expect(first.schools).toEqual([all[0]]);
    expect(first.next).not.toBeNull();
    const second = await listSchools(admin, first.next, 1);
    expect(second.schools).toEqual([all[1]]);
    expect(second.next).toBeNull();
    await expect(listSchools(admin, "not-a-cursor")).rejects.toSatisfy(hasCode("NOT_FOUND"));
  });

  it("children: a parent sees their child; a restricted child appears only as a restricted entry", async () => {
    expect(await listMyChildren(await viewerFor(world.users.parent))).toEqual([
      expect.objectContaining({ id: world.students.child.id, restricted: false }),
    ]);
    await db().update(schools).set({ phone: "(860) 555-0100" }).where(eq(schools.id, world.schoolA.id));
    const restrictedParent = await viewerFor(world.users.restrictedParent);
    const contact = { schoolName: world.schoolA.name, phone: "(860) 555-0100" };
    expect(await listMyChildren(restrictedParent)).toEqual([
      { id: null, name: null, grade: null, schoolName: null, restricted: true, contact },
    ]);
    expect(await getRestrictedGuardianshipContact(restrictedParent, world.students.restrictedChild.id)).toEqual(
      contact,
    );
    expect(
      await getRestrictedGuardianshipContact(await viewerFor(world.users.parent), world.students.restrictedChild.id),
    ).toBeNull();
  });
});

describe("record of access (accessLog.read)", () => {
  it("a parent sees staff reads of their child, not their own", async () => {
    const parent = await viewerFor(world.users.parent);
    await getStudentRecord(parent, world.students.child.id);
    await getStudentRecord(await viewerFor(world.users.teacher), world.students.child.id);
    const entries = await listStudentAccessLog(parent, world.students.child.id);
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((e) => e.actorRole !== "parent")).toBe(true);
    expect(entries.some((e) => e.actorRole === "teacher" && e.action === "student.viewed")).toBe(true);
  });

  it("teachers may read the student but not the access log (403, audited as denied)", async () => {
    const teacher = await viewerFor(world.users.teacher);
    const before = await countAudit(teacher.userId, "access.denied", "denied");
    await expect(listStudentAccessLog(teacher, world.students.inSection.id)).rejects.toSatisfy(
      (e: unknown) => e instanceof AppError && e.code === "FORBIDDEN",
    );
    expect(await countAudit(teacher.userId, "access.denied", "denied")).toBe(before + 1);
    expect(await countAudit(teacher.userId, "student.viewed", "denied")).toBe(0);
  });
});
