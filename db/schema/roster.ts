import { sql } from "drizzle-orm";
import { check, date, index, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import { id, timestamps } from "./columns";
import { schools, schoolYears } from "./district";
import { students, users } from "./people";

export const sections = pgTable(
  "sections",
  {
    id: id(),
    schoolId: uuid()
      .notNull()
      .references(() => schools.id),
    schoolYearId: uuid()
      .notNull()
      .references(() => schoolYears.id),
    code: text().notNull(),
    name: text().notNull(),
    period: text().notNull(),
    schedule: text().notNull(),
    room: text(),
    ...timestamps,
  },
  (t) => [unique().on(t.schoolId, t.schoolYearId, t.code), index().on(t.schoolId)],
);

export const sectionTeachers = pgTable(
  "section_teachers",
  {
    id: id(),
    sectionId: uuid()
      .notNull()
      .references(() => sections.id),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    startsOn: date({ mode: "string" }).notNull(),
    endsOn: date({ mode: "string" }),
    ...timestamps,
  },
  (t) => [
    index().on(t.userId),
    index().on(t.sectionId),
    check("section_teachers_order", sql`${t.endsOn} is null or ${t.startsOn} <= ${t.endsOn}`),
  ],
);

export const sectionEnrollments = pgTable(
  "section_enrollments",
  {
    id: id(),
    sectionId: uuid()
      .notNull()
      .references(() => sections.id),
    studentId: uuid()
      .notNull()
      .references(() => students.id),
    startsOn: date({ mode: "string" }).notNull(),
    endsOn: date({ mode: "string" }),
    ...timestamps,
  },
  (t) => [
    index().on(t.sectionId),
    index().on(t.studentId),
    check("section_enrollments_order", sql`${t.endsOn} is null or ${t.startsOn} <= ${t.endsOn}`),
  ],
);

/** A student on a case manager's caseload, for a date range. */
export const caseloads = pgTable(
  "caseloads",
  {
    id: id(),
    caseManagerId: uuid()
      .notNull()
      .references(() => users.id),
    studentId: uuid()
      .notNull()
      .references(() => students.id),
    startsOn: date({ mode: "string" }).notNull(),
    endsOn: date({ mode: "string" }),
    ...timestamps,
  },
  (t) => [
    index().on(t.caseManagerId),
    index().on(t.studentId),
    check("caseloads_order", sql`${t.endsOn} is null or ${t.startsOn} <= ${t.endsOn}`),
  ],
);
