import { sql } from "drizzle-orm";
import { check, date, index, jsonb, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import { id, timestamps } from "./columns";
import { calendarDayKind, schoolLevel } from "./enums";

export const districts = pgTable("districts", {
  id: id(),
  name: text().notNull(),
  slug: text().notNull().unique(),
  state: text().notNull().default("CT"),
  settings: jsonb().$type<Record<string, unknown>>().notNull().default({}),
  ...timestamps,
});

export const schools = pgTable(
  "schools",
  {
    id: id(),
    districtId: uuid()
      .notNull()
      .references(() => districts.id),
    name: text().notNull(),
    code: text().notNull(),
    level: schoolLevel().notNull(),
    /** The main office's telephone number: families are sent to it (e.g. under a restriction order). */
    phone: text(),
    ...timestamps,
  },
  (t) => [unique().on(t.districtId, t.code), index().on(t.districtId)],
);

/** One school year of one school: its first and last instructional day. */
export const schoolYears = pgTable(
  "school_years",
  {
    id: id(),
    schoolId: uuid()
      .notNull()
      .references(() => schools.id),
    label: text().notNull(),
    firstDay: date({ mode: "string" }).notNull(),
    lastDay: date({ mode: "string" }).notNull(),
    ...timestamps,
  },
  (t) => [
    unique().on(t.schoolId, t.label),
    index().on(t.schoolId, t.firstDay),
    check("school_years_order", sql`${t.firstDay} <= ${t.lastDay}`),
  ],
);

/** Exceptions to the Monday–Friday pattern of a school year: closures and make-up (extra) days. */
export const calendarDays = pgTable(
  "calendar_days",
  {
    id: id(),
    schoolYearId: uuid()
      .notNull()
      .references(() => schoolYears.id, { onDelete: "cascade" }),
    date: date({ mode: "string" }).notNull(),
    kind: calendarDayKind().notNull(),
    reason: text().notNull(),
    ...timestamps,
  },
  (t) => [unique().on(t.schoolYearId, t.date), index().on(t.schoolYearId, t.date)],
);
