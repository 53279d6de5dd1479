import { caseloads, guardianships, students } from "@/db/schema";
import { createPlan, saveDraft } from "@/lib/dal/plans";
import type { Viewer } from "@/lib/dal/viewer";
import { getDb } from "../client";
import type { World } from "./factories";
import { complete504Content, completeIepContent } from "./plan-fixtures";

/**
 * A new student at the world's school A, on the world's case manager's caseload since 2020, so a
 * test owns the student's plans (the world's shared students keep theirs). The last name carries the
 * world's tag (isolated per file).
 */
export async function caseloadStudent(
  world: World,
  names: { firstName: string; lastName: string; birthDate?: string; grade?: string },
) {
  const db = getDb();
  const [student] = await db
    .insert(students)
    .values({
      districtId: world.district.id,
      schoolId: world.schoolA.id,
      sasid: String(Math.floor(1e9 + Math.random() * 8e9)),
      firstName: names.firstName,
      lastName: `${names.lastName}${world.tag}`,
      birthDate: names.birthDate ?? "2016-02-01",
      grade: names.grade ?? "4",
    })
    .returning();
  await db
    .insert(caseloads)
    .values({ caseManagerId: world.users.caseManager.id, studentId: student!.id, startsOn: "2020-01-01" });
  return student!;
}

/**
 * A `caseloadStudent` whose guardian since 2020 is the world's parent (with decision rights), for the
 * flows that need the parent: consent, notices, the age of majority. Returns the guardianship's id too.
 */
export async function familyStudent(
  world: World,
  student: { firstName: string; lastName: string; birthDate: string; grade: string },
) {
  const row = await caseloadStudent(world, student);
  const [guardianship] = await getDb()
    .insert(guardianships)
    .values({ studentId: row.id, guardianUserId: world.users.parent.id, startsOn: "2020-01-01" })
    .returning();
  return { ...row, guardianshipId: guardianship!.id };
}

/**
 * A new plan of `type` for the student whose first draft is complete (passes every completeness
 * rule), written through the DAL by `lead` (the case manager for an IEP, a principal for a 504 plan).
 */
export async function completeDraft(lead: Viewer, studentId: string, type: "iep" | "504" = "iep") {
  const { planId, versionId } = await createPlan(lead, { studentId, type });
  await saveDraft(lead, {
    versionId,
    lockVersion: 1,
    content: type === "iep" ? completeIepContent() : complete504Content(),
  });
  return { planId, versionId };
}
