import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import { schools, sectionEnrollments, sections, sectionTeachers, students } from "@/db/schema";
import type { SectionWithStudents } from "@/lib/dto/schools";
import { inForce, visibleStudents } from "@/lib/policy";
import { recordListAccess } from "./core";
import { scopeOf } from "./internal/scope";
import type { Viewer } from "./viewer";

/**
 * The sections the viewer teaches today, each with its currently enrolled students
 * (two queries, whatever the number of sections). Ended enrollments and ended teaching
 * assignments are excluded.
 */
export async function listMySections(viewer: Viewer): Promise<SectionWithStudents[]> {
  const db = getDb();
  const sectionRows = await db
    .select({
      id: sections.id,
      code: sections.code,
      name: sections.name,
      period: sections.period,
      schedule: sections.schedule,
      room: sections.room,
      schoolName: schools.name,
    })
    .from(sectionTeachers)
    .innerJoin(sections, eq(sections.id, sectionTeachers.sectionId))
    .innerJoin(schools, eq(schools.id, sections.schoolId))
    .where(
      and(
        eq(sectionTeachers.userId, viewer.userId),
        eq(schools.districtId, viewer.districtId),
        inForce(sectionTeachers, viewer.today),
      ),
    )
    .orderBy(asc(sections.period), asc(sections.name));
  if (sectionRows.length === 0) return [];
  const enrolled = await db
    .select({
      sectionId: sectionEnrollments.sectionId,
      id: students.id,
      firstName: students.firstName,
      lastName: students.lastName,
      grade: students.grade,
    })
    .from(sectionEnrollments)
    .innerJoin(students, eq(students.id, sectionEnrollments.studentId))
    .where(
      and(
        inArray(
          sectionEnrollments.sectionId,
          sectionRows.map((s) => s.id),
        ),
        inForce(sectionEnrollments, viewer.today),
        visibleStudents(scopeOf(viewer)),
      ),
    )
    .orderBy(asc(students.lastName), asc(students.firstName));
  await recordListAccess(
    viewer,
    "students.listed",
    { list: "sections" },
    enrolled.map((e) => e.id),
  );
  return sectionRows.map((section) => ({
    ...section,
    students: enrolled
      .filter((e) => e.sectionId === section.id)
      .map((e) => ({ id: e.id, name: `${e.lastName}, ${e.firstName}`, grade: e.grade })),
  }));
}
