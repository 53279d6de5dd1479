import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, guardianships, staffAssignments, users } from "@/db/schema";
import { setupTestDatabase } from "@/db/testing/database";
import { auditEventsBy, countAudit, createWorld, viewerFor, type World } from "@/db/testing/factories";
import { AppError } from "@/lib/errors";
import { designate504Coordinator, remove504Coordinator } from "./schools";
import { setGuardianshipRestriction, setUserActive, updateMySettings } from "./users";
import { unsafeLoadViewer } from "./viewer";
import { ownerDb } from "@/db/testing/owner";

const db = setupTestDatabase();
let world: World;
let other: World;

beforeAll(async () => {
  world = await createWorld();
  other = await createWorld();
});

const code = (c: string) => (e: unknown) => e instanceof AppError && e.code === c;

async function coordinatorRows(schoolId: string, userId: string) {
  return db()
    .select()
    .from(staffAssignments)
    .where(
      and(
        eq(staffAssignments.schoolId, schoolId),
        eq(staffAssignments.userId, userId),
        eq(staffAssignments.role, "coordinator_504"),
      ),
    );
}

describe("mutate(): every change writes exactly one audit row in the same transaction", () => {
  it("user.settings.update changes the viewer's locale and records the field name only", async () => {
    const viewer = await viewerFor(world.users.teacher);
    const before = (await auditEventsBy(viewer.userId)).length;
    await updateMySettings(viewer, { locale: "es" });
    const [row] = await db().select({ locale: users.locale }).from(users).where(eq(users.id, viewer.userId));
    expect(row!.locale).toBe("es");
    const events = (await auditEventsBy(viewer.userId)).slice(before);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      kind: "mutation",
      action: "user.settings_updated",
      outcome: "success",
      entityId: viewer.userId,
      details: { fields: ["locale"] },
    });
  });

  it("a principal designates and removes a 504 coordinator of their own school", async () => {
    const principal = await viewerFor(world.users.principalA);
    await designate504Coordinator(principal, { schoolId: world.schoolA.id, userId: world.users.teacher.id });
    expect(await coordinatorRows(world.schoolA.id, world.users.teacher.id)).toHaveLength(1);
    expect(await countAudit(principal.userId, "coordinator504.designated")).toBe(1);

    const teacherViewer = await viewerFor(world.users.teacher);
    expect(teacherViewer.schoolRoles).toContainEqual({ schoolId: world.schoolA.id, role: "coordinator_504" });

    await remove504Coordinator(principal, { schoolId: world.schoolA.id, userId: world.users.teacher.id });
    expect(await coordinatorRows(world.schoolA.id, world.users.teacher.id)).toHaveLength(0);
    expect(await countAudit(principal.userId, "coordinator504.removed")).toBe(1);
  });

  it("designating the same person twice is a conflict that changes nothing and writes no audit row", async () => {
    const principal = await viewerFor(world.users.principalA);
    await designate504Coordinator(principal, { schoolId: world.schoolA.id, userId: world.users.caseManager.id });
    const events = (await auditEventsBy(principal.userId)).length;
    await expect(
      designate504Coordinator(principal, { schoolId: world.schoolA.id, userId: world.users.caseManager.id }),
    ).rejects.toSatisfy(code("CONFLICT"));
    expect(await coordinatorRows(world.schoolA.id, world.users.caseManager.id)).toHaveLength(1);
    expect((await auditEventsBy(principal.userId)).length).toBe(events);
  });

  it("a failing step rolls back the change and its audit row (staff of another school)", async () => {
    const principal = await viewerFor(world.users.principalA);
    const events = (await auditEventsBy(principal.userId)).length;
    await expect(
      designate504Coordinator(principal, { schoolId: world.schoolA.id, userId: world.users.otherTeacher.id }),
    ).rejects.toSatisfy(code("VALIDATION"));
    expect(await coordinatorRows(world.schoolA.id, world.users.otherTeacher.id)).toHaveLength(0);
    expect((await auditEventsBy(principal.userId)).length).toBe(events);
  });
});

describe("denials change nothing", () => {
  it("another school's principal cannot see the school: NOT_FOUND, nothing written but the denied access", async () => {
    const principalB = await viewerFor(world.users.principalB);
    const events = (await auditEventsBy(principalB.userId)).length;
    await expect(
      designate504Coordinator(principalB, { schoolId: world.schoolA.id, userId: world.users.teacher.id }),
    ).rejects.toSatisfy(code("NOT_FOUND"));
    expect(await coordinatorRows(world.schoolA.id, world.users.teacher.id)).toHaveLength(0);
    const written = (await auditEventsBy(principalB.userId)).slice(events);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({
      action: "access.out_of_scope",
      outcome: "denied",
      entityType: "school",
      entityId: world.schoolA.id,
    });
  });

  it("a 504 coordinator can read the school but not designate: FORBIDDEN plus a denied audit event", async () => {
    const principal = await viewerFor(world.users.principalA);
    await designate504Coordinator(principal, { schoolId: world.schoolA.id, userId: world.users.teacher.id });
    const coordinator = await viewerFor(world.users.teacher);
    await expect(
      designate504Coordinator(coordinator, { schoolId: world.schoolA.id, userId: world.users.caseManager.id }),
    ).rejects.toSatisfy(code("FORBIDDEN"));
    expect(await countAudit(coordinator.userId, "coordinator504.designated", "denied")).toBe(1);
    expect(await countAudit(coordinator.userId, "coordinator504.designated", "success")).toBe(0);
    await remove504Coordinator(principal, { schoolId: world.schoolA.id, userId: world.users.teacher.id });
  });

  it("a teacher cannot deactivate accounts: FORBIDDEN, the account stays active", async () => {
    const teacher = await viewerFor(world.users.teacher);
    await expect(setUserActive(teacher, { userId: world.users.otherTeacher.id, active: false })).rejects.toSatisfy(
      code("FORBIDDEN"),
    );
    const [row] = await db()
      .select({ isActive: users.isActive })
      .from(users)
      .where(eq(users.id, world.users.otherTeacher.id));
    expect(row!.isActive).toBe(true);
    expect(await countAudit(teacher.userId, "user.deactivated", "denied")).toBe(1);
  });

  it("an admin cannot reach another district's account: NOT_FOUND, nothing changes", async () => {
    const admin = await viewerFor(world.users.admin);
    await expect(setUserActive(admin, { userId: other.users.teacher.id, active: false })).rejects.toSatisfy(
      code("NOT_FOUND"),
    );
    const [row] = await db()
      .select({ isActive: users.isActive })
      .from(users)
      .where(eq(users.id, other.users.teacher.id));
    expect(row!.isActive).toBe(true);
  });

  it("guardianship restrictions: only district admins, only for students they can see", async () => {
    const principal = await viewerFor(world.users.principalA);
    const input = {
      studentId: world.students.child.id,
      guardianshipId: world.guardianships.guardianship.id,
      restricted: true,
    };
    await expect(setGuardianshipRestriction(principal, input)).rejects.toSatisfy(code("FORBIDDEN"));
    const admin = await viewerFor(other.users.admin);
    await expect(setGuardianshipRestriction(admin, input)).rejects.toSatisfy(code("NOT_FOUND"));
    const [row] = await db()
      .select({ restricted: guardianships.restricted })
      .from(guardianships)
      .where(eq(guardianships.id, input.guardianshipId));
    expect(row!.restricted).toBe(false);
  });
});

describe("session revocation", () => {
  it("deactivation bumps the session version: the user's existing session no longer loads", async () => {
    const admin = await viewerFor(world.users.admin);
    const target = await viewerFor(world.users.otherTeacher);
    await setUserActive(admin, { userId: target.userId, active: false });
    expect(await unsafeLoadViewer(target.userId, target.sessionVersion)).toBeNull();
    expect(await countAudit(admin.userId, "user.deactivated")).toBe(1);
    await setUserActive(admin, { userId: target.userId, active: true });
    expect(await unsafeLoadViewer(target.userId, target.sessionVersion)).toBeNull();
    expect(await unsafeLoadViewer(target.userId, target.sessionVersion + 1)).not.toBeNull();
  });

  it("admins cannot deactivate themselves", async () => {
    const admin = await viewerFor(world.users.admin);
    await expect(setUserActive(admin, { userId: admin.userId, active: false })).rejects.toSatisfy(code("VALIDATION"));
  });

  it("a restriction order recorded by the admin ends the guardian's access at once", async () => {
    const admin = await viewerFor(world.users.admin);
    const parent = await viewerFor(world.users.parent);
    await setGuardianshipRestriction(admin, {
      studentId: world.students.child.id,
      guardianshipId: world.guardianships.guardianship.id,
      restricted: true,
    });
    const { getStudentRecord } = await import("./students");
    await expect(getStudentRecord(parent, world.students.child.id)).rejects.toSatisfy(code("NOT_FOUND"));
    await setGuardianshipRestriction(admin, {
      studentId: world.students.child.id,
      guardianshipId: world.guardianships.guardianship.id,
      restricted: false,
    });
    await expect(getStudentRecord(parent, world.students.child.id)).resolves.toMatchObject({
      id: world.students.child.id,
    });
    expect(await countAudit(admin.userId, "guardianship.restriction_changed")).toBe(2);
  });
});

describe("the audit trail is append-only (database trigger)", () => {
  it("rejects UPDATE and DELETE of audit rows", async () => {
    const [event] = await db().select({ id: auditEvents.id }).from(auditEvents).limit(1);
    expect(event).toBeDefined();
    const appendOnly = (e: unknown) =>
      /append-only/.test(String((e as { cause?: Error }).cause?.message ?? (e as Error).message));
    await expect(
      ownerDb().execute(sql`update audit_events set action = 'tampered' where id = ${event!.id}`),
    ).rejects.toSatisfy(appendOnly);
    await expect(ownerDb().execute(sql`delete from audit_events where id = ${event!.id}`)).rejects.toSatisfy(
      appendOnly,
    );
    const [still] = await db()
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.id, event!.id));
    expect(still!.action).not.toBe("tampered");
  });
});
