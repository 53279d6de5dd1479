import { sql } from "drizzle-orm";
import { check, date, index, integer, pgEnum, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { id, timestamps } from "./columns";
import { schoolYears } from "./district";
import { planServices, planVersions } from "./plans";
import { students, users } from "./people";

/**
 * What happened to one scheduled service session: delivered, missed because the student was absent
 * (not owed), missed because the provider was absent (owed until made up), or the school was closed
 * (counted nowhere: the calendar already leaves closures out of the requirement).
 */
export const serviceSessionStatus = pgEnum("service_session_status", [
  "delivered",
  "student_absent",
  "provider_absent",
  "school_closed",
]);

/**
 * The service log: one row per student per session of one service of the IEP version in force.
 * A group session logged once for several students writes one row per student sharing `groupId`
 * (and `groupSize`, which may count students of other plans). `minutes` is what was delivered,
 * or for a missed session what was scheduled. Rows are never changed (trigger, and no UPDATE or
 * DELETE for the app role): a correction is a new row whose `replacesId` names the row it
 * replaces, and both stay in the history. A make-up is a delivered session naming the missed one.
 */
export const serviceSessions = pgTable(
  "service_sessions",
  {
    id: id(),
    serviceId: uuid()
      .notNull()
      .references(() => planServices.id),
    versionId: uuid()
      .notNull()
      .references(() => planVersions.id),
    studentId: uuid()
      .notNull()
      .references(() => students.id),
    loggedBy: uuid()
      .notNull()
      .references(() => users.id),
    sessionDate: date({ mode: "string" }).notNull(),
    minutes: integer().notNull(),
    groupSize: integer().notNull().default(1),
    groupId: uuid(),
    status: serviceSessionStatus().notNull(),
    goalIds: uuid()
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    makeUpForId: uuid(),
    replacesId: uuid(),
    note: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.serviceId, t.sessionDate),
    index().on(t.studentId, t.sessionDate),
    index().on(t.loggedBy, t.sessionDate),
    index().on(t.versionId, t.sessionDate),
    index().on(t.replacesId),
    index().on(t.makeUpForId),
    index().on(t.groupId),
    check("service_sessions_minutes", sql`${t.minutes} between 1 and 600`),
    check("service_sessions_group_size", sql`${t.groupSize} between 1 and 30`),
    check("service_sessions_make_up", sql`${t.makeUpForId} is null or ${t.status} = 'delivered'`),
  ],
);

/** Report-card issue dates of one school year: the progress-reporting periods (D-13) end on them. */
export const reportCardDates = pgTable(
  "report_card_dates",
  {
    id: id(),
    schoolYearId: uuid()
      .notNull()
      .references(() => schoolYears.id, { onDelete: "cascade" }),
    date: date({ mode: "string" }).notNull(),
    label: text().notNull(),
    ...timestamps,
  },
  (t) => [unique().on(t.schoolYearId, t.date), index().on(t.schoolYearId, t.date)],
);
