import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { schools, sectionEnrollments, sections, sectionTeachers, students } from "@/db/schema";
import type { SectionWithStudents } from "@/lib/dto/schools";
import { inForce, visibleStudents } from "@/lib/policy";
import { recordListAccess } from "./core";
import { scopeOf } from "./internal/scope";
import type { Viewer } from "./viewer";

/**
 * The sections the viewer teaches today, each with its currently enrolled students, in one query
 * whatever the number of sections (a section without students comes as one row with no student).
 * Ended enrollments and ended teaching assignments are excluded.
 */
export async function listMySections(viewer: Viewer): Promise<SectionWithStudents[]> {
  const rows = await getDb()
    .select({
      id: sections.id,
      code: sections.code,
      name: sections.name,
      period: sections.period,
      schedule: sections.schedule,
      room: sections.room,
      schoolName: schools.name,
      studentId: students.id,
      firstName: students.firstName,
      lastName: students.lastName,
      grade: students.grade,
    })
    .from(sectionTeachers)
    .innerJoin(sections, eq(sections.id, sectionTeachers.sectionId))
    .innerJoin(schools, eq(schools.id, sections.schoolId))
    .leftJoin(
      sectionEnrollments,
      and(eq(sectionEnrollments.sectionId, sections.id), inForce(sectionEnrollments, viewer.today)),
    )
    .leftJoin(students, and(eq(students.id, sectionEnrollments.studentId), visibleStudents(scopeOf(viewer))))
    .where(
      and(
        eq(sectionTeachers.userId, viewer.userId),
        eq(schools.districtId, viewer.districtId),
        inForce(sectionTeachers, viewer.today),
      ),
    )
    .orderBy(
      asc(sections.period),
      asc(sections.name),
      asc(sections.id),
      asc(students.lastName),
      asc(students.firstName),
    );
  if (rows.length === 0) return [];
  const out = new Map<string, SectionWithStudents>();
  const listed: string[] = [];
  for (const { studentId, firstName, lastName, grade, ...section } of rows) {
    const entry = out.get(section.id) ?? { ...section, students: [] };
    out.set(section.id, entry);
    if (studentId === null) continue;
    listed.push(studentId);
    entry.students.push({ id: studentId, name: `${lastName}, ${firstName}`, grade: grade! });
  }
  await recordListAccess(viewer, "students.listed", { list: "sections" }, listed);
  return [...out.values()];
}
