import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { todayIn } from "@/lib/time";
import { unsafeLoadViewer, type Viewer } from "@/lib/dal/viewer";
import { getDb } from "../client";
import {
  auditEvents,
  caseloads,
  districts,
  guardianships,
  schools,
  schoolYears,
  sectionEnrollments,
  sections,
  sectionTeachers,
  staffAssignments,
  students,
  users,
} from "../schema";

type Role = "district_admin" | "principal" | "case_manager" | "teacher" | "provider" | "parent";

const unique = () => randomUUID().slice(0, 8);

function shiftDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * Builds an isolated district (unique ids, slug and e-mails) so test files can run in parallel
 * against one database. The world holds two schools and every relationship the policy knows,
 * including ended ones and a restricted guardianship.
 */
export async function createWorld() {
  const db = getDb();
  const tag = unique();
  const today = todayIn();
  const past = shiftDays(today, -90);
  const ended = shiftDays(today, -1);

  const [district] = await db
    .insert(districts)
    .values({ name: `Test District ${tag}`, slug: `test-${tag}` })
    .returning();
  const [schoolA, schoolB] = await db
    .insert(schools)
    .values([
      { districtId: district!.id, name: `North Elementary ${tag}`, code: `N-${tag}`, level: "elementary" },
      { districtId: district!.id, name: `South High ${tag}`, code: `S-${tag}`, level: "high" },
    ])
    .returning();
  const [yearA, yearB] = await db
    .insert(schoolYears)
    .values([
      { schoolId: schoolA!.id, label: "test-year", firstDay: shiftDays(today, -120), lastDay: shiftDays(today, 120) },
      { schoolId: schoolB!.id, label: "test-year", firstDay: shiftDays(today, -120), lastDay: shiftDays(today, 120) },
    ])
    .returning();

  const user = async (role: Role, name: string) => {
    const [row] = await db
      .insert(users)
      .values({
        districtId: district!.id,
        email: `${name.toLowerCase().replace(/\W+/g, ".")}.${tag}@test.example`,
        name: `${name} ${tag}`,
        role,
      })
      .returning();
    return row!;
  };
  const admin = await user("district_admin", "Admin");
  const principalA = await user("principal", "Principal A");
  const principalB = await user("principal", "Principal B");
  const caseManager = await user("case_manager", "Case Manager");
  const teacher = await user("teacher", "Teacher");
  const otherTeacher = await user("teacher", "Other Teacher");
  const parent = await user("parent", "Parent");
  const restrictedParent = await user("parent", "Restricted Parent");

  await db.insert(staffAssignments).values([
    { userId: principalA.id, schoolId: schoolA!.id, role: "principal", startsOn: past },
    { userId: principalB.id, schoolId: schoolB!.id, role: "principal", startsOn: past },
    { userId: caseManager.id, schoolId: schoolA!.id, role: "case_manager", startsOn: past },
    { userId: teacher.id, schoolId: schoolA!.id, role: "teacher", startsOn: past },
    { userId: otherTeacher.id, schoolId: schoolB!.id, role: "teacher", startsOn: past },
  ]);

  const student = async (schoolId: string, first: string, grade = "3") => {
    const [row] = await db
      .insert(students)
      .values({
        districtId: district!.id,
        schoolId,
        sasid: String(Math.floor(1_000_000_000 + Math.random() * 8_999_999_999)),
        firstName: first,
        lastName: `Test${tag}`,
        birthDate: "2017-05-01",
        grade,
      })
      .returning();
    return row!;
  };
  const onCaseload = await student(schoolA!.id, "Casey");
  const inSection = await student(schoolA!.id, "Sam");
  const endedEnrollment = await student(schoolA!.id, "Eli");
  const endedCaseload = await student(schoolA!.id, "Ivy");
  const otherSchool = await student(schoolB!.id, "Otto", "10");
  const child = await student(schoolA!.id, "Cleo");
  const restrictedChild = await student(schoolA!.id, "Rory");

  const [sectionA, sectionB] = await db
    .insert(sections)
    .values([
      {
        schoolId: schoolA!.id,
        schoolYearId: yearA!.id,
        code: `A1-${tag}`,
        name: "Grade 3",
        period: "HR",
        schedule: "Mon–Fri",
      },
      {
        schoolId: schoolB!.id,
        schoolYearId: yearB!.id,
        code: `B1-${tag}`,
        name: "Biology",
        period: "2",
        schedule: "A days",
      },
    ])
    .returning();
  await db.insert(sectionTeachers).values([
    { sectionId: sectionA!.id, userId: teacher.id, startsOn: past },
    { sectionId: sectionB!.id, userId: otherTeacher.id, startsOn: past },
  ]);
  await db.insert(sectionEnrollments).values([
    { sectionId: sectionA!.id, studentId: inSection.id, startsOn: past },
    { sectionId: sectionA!.id, studentId: child.id, startsOn: past },
    { sectionId: sectionA!.id, studentId: endedEnrollment.id, startsOn: past, endsOn: ended },
    { sectionId: sectionB!.id, studentId: otherSchool.id, startsOn: past },
  ]);
  await db.insert(caseloads).values([
    { caseManagerId: caseManager.id, studentId: onCaseload.id, startsOn: past },
    { caseManagerId: caseManager.id, studentId: endedCaseload.id, startsOn: past, endsOn: ended },
  ]);
  const [guardianship, restrictedGuardianship] = await db
    .insert(guardianships)
    .values([
      { studentId: child.id, guardianUserId: parent.id, startsOn: past },
      { studentId: restrictedChild.id, guardianUserId: restrictedParent.id, startsOn: past, restricted: true },
    ])
    .returning();

  return {
    tag,
    today,
    district: district!,
    schoolA: schoolA!,
    schoolB: schoolB!,
    sectionA: sectionA!,
    users: { admin, principalA, principalB, caseManager, teacher, otherTeacher, parent, restrictedParent },
    students: { onCaseload, inSection, endedEnrollment, endedCaseload, otherSchool, child, restrictedChild },
    guardianships: { guardianship: guardianship!, restrictedGuardianship: restrictedGuardianship! },
  };
}

export type World = Awaited<ReturnType<typeof createWorld>>;

/** Loads a viewer exactly as a signed-in request would (fresh from the database). */
export async function viewerFor(user: { id: string }): Promise<Viewer> {
  const [row] = await getDb().select({ sessionVersion: users.sessionVersion }).from(users).where(eq(users.id, user.id));
  const viewer = await unsafeLoadViewer(user.id, row!.sessionVersion);
  if (!viewer) throw new Error("viewer not loadable (inactive?)");
  return viewer;
}

/** The viewers of the world's staff and parent, loaded as signed-in requests would load them. */
export async function worldViewers(world: World) {
  return {
    admin: await viewerFor(world.users.admin),
    principal: await viewerFor(world.users.principalA),
    caseManager: await viewerFor(world.users.caseManager),
    teacher: await viewerFor(world.users.teacher),
    parent: await viewerFor(world.users.parent),
  };
}

/** Audit events written by one actor, oldest first (tests assert exact counts per action). */
export async function auditEventsBy(userId: string) {
  return getDb().select().from(auditEvents).where(eq(auditEvents.actorUserId, userId)).orderBy(auditEvents.id);
}

/** Number of audit events with this action for this actor. */
export async function countAudit(userId: string, action: string, outcome?: "success" | "denied" | "failure") {
  const [row] = await getDb()
    .select({ n: sql<number>`count(*)::int` })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.actorUserId, userId),
        eq(auditEvents.action, action),
        outcome ? eq(auditEvents.outcome, outcome) : undefined,
      ),
    );
  return row!.n;
}
