import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, caseloads, guardianships, staffAssignments, students, users } from "@/db/schema";
import { setupTestDatabase } from "@/db/testing/database";
import { failsOnField, failsWith } from "@/db/testing/errors";
import { countAudit, createWorld, viewerFor, type World } from "@/db/testing/factories";
import type { Viewer } from "@/lib/dal/viewer";
import { assignCaseManagerSchema } from "@/lib/validation/referrals";
import { assignCaseManager, getCaseManagerAssignment } from "./case-managers";
import { createReferral, getTransition } from "./referrals";
import { buildWorkQueue } from "./work-queue";

/**
 * Assigning the case manager of a referred student who has none (issue 12): the principal or a district
 * admin writes the caseload row that `caseManagerOf`, caseloads and the work queue read; refusals change
 * nothing and are audited.
 */

const db = setupTestDatabase();
let world: World;
let principal: Viewer;
let admin: Viewer;
let caseManager: Viewer;
let otherCaseManagerId: string;
let inactiveCaseManagerId: string;

beforeAll(async () => {
  world = await createWorld();
  principal = await viewerFor(world.users.principalA);
  admin = await viewerFor(world.users.admin);
  caseManager = await viewerFor(world.users.caseManager);
  const past = "2020-01-01";
  const [other, inactive] = await db()
    .insert(users)
    .values([
      {
        districtId: world.district.id,
        email: `cm.b.${world.tag}@test.example`,
        name: `Case Manager B ${world.tag}`,
        role: "case_manager",
      },
      {
        districtId: world.district.id,
        email: `cm.gone.${world.tag}@test.example`,
        name: `Case Manager Gone ${world.tag}`,
        role: "case_manager",
        isActive: false,
      },
    ])
    .returning();
  otherCaseManagerId = other!.id;
  inactiveCaseManagerId = inactive!.id;
  await db()
    .insert(staffAssignments)
    .values([
      { userId: other!.id, schoolId: world.schoolB.id, role: "case_manager", startsOn: past },
      { userId: inactive!.id, schoolId: world.schoolA.id, role: "case_manager", startsOn: past },
    ]);
});

/** A student of school A with a guardian and no case manager, referred by the principal. */
async function referredWithoutCaseManager() {
  const [student] = await db()
    .insert(students)
    .values({
      districtId: world.district.id,
      schoolId: world.schoolA.id,
      sasid: String(Math.floor(1e9 + Math.random() * 8e9)),
      firstName: "Nadia",
      lastName: `Unassigned${world.tag}`,
      birthDate: "2016-03-01",
      grade: "4",
    })
    .returning();
  await db()
    .insert(guardianships)
    .values({ studentId: student!.id, guardianUserId: world.users.parent.id, startsOn: "2016-03-01" });
  const { referralId } = await createReferral(principal, {
    studentId: student!.id,
    source: "teacher",
    receivedOn: principal.today,
    concern: "Struggles with reading despite classroom supports.",
    interventions: [],
  });
  return { student: student!, referralId };
}

const caseloadOf = (studentId: string) => db().select().from(caseloads).where(eq(caseloads.studentId, studentId));

describe("assigning the case manager of a referred student (caseManager.assign)", () => {
  it("the principal picks one of the school's case managers: the caseload row from today, one audit row; the queue item and the case move to the case manager", async () => {
    const { student, referralId } = await referredWithoutCaseManager();
    const form = await getCaseManagerAssignment(principal, student.id);
    expect(form?.options.map((o) => o.id)).toEqual([world.users.caseManager.id]);
    expect((await buildWorkQueue(principal)).items.find((i) => i.key === `referral:${referralId}`)).toMatchObject({
      reason: "noCaseManager",
    });
    await expect(getTransition(caseManager, student.id, referralId)).rejects.toSatisfy(failsWith("NOT_FOUND"));

    const before = await countAudit(principal.userId, "caseManager.assigned");
    await assignCaseManager(principal, { studentId: student.id, caseManagerId: world.users.caseManager.id });

    expect(await caseloadOf(student.id)).toEqual([
      expect.objectContaining({ caseManagerId: world.users.caseManager.id, startsOn: principal.today, endsOn: null }),
    ]);
    expect(await countAudit(principal.userId, "caseManager.assigned")).toBe(before + 1);
    const [audit] = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorUserId, principal.userId), eq(auditEvents.action, "caseManager.assigned")));
    expect(audit).toMatchObject({ outcome: "success", entityType: "student", entityId: student.id });
    expect(await getCaseManagerAssignment(principal, student.id)).toBeNull();

    const view = await getTransition(caseManager, student.id, referralId);
    expect(view.nextActor).toEqual({ role: "caseManager", names: [world.users.caseManager.name] });
    expect((await buildWorkQueue(caseManager)).items.find((i) => i.key === `referral:${referralId}`)).toMatchObject({
      reason: "caseload",
      title: { key: "referrals.queue.decide" },
    });
    expect((await buildWorkQueue(principal)).items.some((i) => i.key === `referral:${referralId}`)).toBe(false);
  });

  it("a district admin may assign; a second assignment is a CONFLICT and changes nothing", async () => {
    const { student } = await referredWithoutCaseManager();
    await assignCaseManager(admin, { studentId: student.id, caseManagerId: world.users.caseManager.id });
    await expect(
      assignCaseManager(principal, { studentId: student.id, caseManagerId: world.users.caseManager.id }),
    ).rejects.toSatisfy(failsWith("CONFLICT", "errors.caseManager.alreadyAssigned"));
    expect(await caseloadOf(student.id)).toHaveLength(1);
  });

  it("refuses another school's case manager, an inactive one, a teacher and an unknown user, with a field error", async () => {
    const { student } = await referredWithoutCaseManager();
    for (const caseManagerId of [
      otherCaseManagerId,
      inactiveCaseManagerId,
      world.users.teacher.id,
      world.users.principalA.id,
      world.users.parent.id,
      "00000000-0000-4000-8000-000000000000",
    ])
      await expect(assignCaseManager(principal, { studentId: student.id, caseManagerId })).rejects.toSatisfy(
        failsOnField("caseManagerId", "errors.caseManager.notAtSchool", "VALIDATION"),
      );
    expect(await caseloadOf(student.id)).toEqual([]);
  });

  it("a parent of the student is FORBIDDEN (a denied audit row); staff without a relationship get NOT_FOUND; nothing changes", async () => {
    const { student } = await referredWithoutCaseManager();
    const parent = await viewerFor(world.users.parent);
    const input = { studentId: student.id, caseManagerId: world.users.caseManager.id };
    const deniedBefore = await countAudit(parent.userId, "caseManager.assigned", "denied");
    await expect(assignCaseManager(parent, input)).rejects.toSatisfy(failsWith("FORBIDDEN"));
    expect(await countAudit(parent.userId, "caseManager.assigned", "denied")).toBe(deniedBefore + 1);
    expect(await getCaseManagerAssignment(parent, student.id)).toBeNull();
    for (const outsider of [world.users.principalB, world.users.caseManager, world.users.teacher])
      await expect(assignCaseManager(await viewerFor(outsider), input)).rejects.toSatisfy(failsWith("NOT_FOUND"));
    expect(await caseloadOf(student.id)).toEqual([]);
    expect(await countAudit(parent.userId, "caseManager.assigned", "success")).toBe(0);
  });

  it("the schema asks for a case manager with a specific message", () => {
    const result = assignCaseManagerSchema.safeParse({ studentId: world.students.child.id, caseManagerId: "" });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["caseManagerId", "validation.caseManager.choose"],
    ]);
  });
});
