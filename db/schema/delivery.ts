import { sql } from "drizzle-orm";
import { check, date, index, inet, integer, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { districts, schools } from "./district";
import { id } from "./columns";
import { implementationStatus } from "./enums";
import { planAccommodations, planVersions } from "./plans";
import { students, users } from "./people";
import { sections } from "./roster";

/**
 * "I have read and will implement these accommodations": one per implementer per plan version,
 * bound to the exact accommodation set (SHA-256 of the version's accommodations). Insert-only.
 */
export const acknowledgments = pgTable(
  "acknowledgments",
  {
    id: id(),
    versionId: uuid()
      .notNull()
      .references(() => planVersions.id),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    studentId: uuid()
      .notNull()
      .references(() => students.id),
    accommodationHash: text().notNull(),
    acknowledgedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    ip: inet(),
  },
  (t) => [unique().on(t.versionId, t.userId), index().on(t.userId), index().on(t.studentId)],
);

/**
 * The implementation log: per accommodation, per section, per school day (or per occurrence), what
 * happened. Rows are never changed: a correction is a new row that replaces the previous one, so
 * every edit stays in the history. "Not provided" needs a reason. A `retracted` row withdraws the
 * entry it replaces (undo of a whole-class log): it records nothing delivered and counts nowhere.
 * Rows written by one whole-class tap share a `batchId` and the app-clock instant of the tap
 * (`batchAt`), which bounds the undo window; their retractions carry the same batch.
 */
export const implementationLogs = pgTable(
  "implementation_logs",
  {
    id: id(),
    versionId: uuid()
      .notNull()
      .references(() => planVersions.id),
    accommodationId: uuid()
      .notNull()
      .references(() => planAccommodations.id),
    sectionId: uuid().references(() => sections.id),
    studentId: uuid()
      .notNull()
      .references(() => students.id),
    loggedBy: uuid()
      .notNull()
      .references(() => users.id),
    logDate: date({ mode: "string" }).notNull(),
    status: implementationStatus().notNull(),
    reason: text(),
    note: text(),
    replacesId: uuid(),
    batchId: uuid(),
    batchAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.batchId),
    index().on(t.replacesId),
    index().on(t.sectionId, t.logDate),
    index().on(t.studentId, t.logDate),
    index().on(t.accommodationId, t.logDate),
    index().on(t.loggedBy, t.logDate),
    // Coverage reads a version's logs by date (issue 15: 0.33 s instead of seconds at 53k students).
    index().on(t.versionId, t.logDate),
    check(
      "implementation_logs_reason",
      sql`${t.status} <> 'not_provided' or (${t.reason} is not null and length(trim(${t.reason})) > 0)`,
    ),
    check("implementation_logs_retraction", sql`${t.status}::text <> 'retracted' or ${t.replacesId} is not null`),
    check("implementation_logs_batch", sql`(${t.batchId} is null) = (${t.batchAt} is null)`),
  ],
);

/**
 * Accommodation-delivery numbers of one school, as the dashboards show them (issue 15): implementer
 * assignments, acknowledged, overdue (on the school's calendar, as of `asOf`), escalated, and
 * implementation-log coverage over the district's window of school days ending on `asOf`. Derived,
 * never edited by hand: recomputed by `refreshSchoolSummaries` (lib/dal/internal/coverage.ts) in the
 * transaction of lifecycle steps, whole-class logs and plan ends and by the summary job (date-driven
 * changes, and whatever changed outside the app's mutations: settings, calendars, rosters), and moved by
 * increments in the transaction of an acknowledgment or a single log entry (same file; `refreshedAt`
 * is the last full recompute). The district and school dashboards read these rows instead of
 * recomputing the district per request.
 */
export const schoolDeliverySummaries = pgTable(
  "school_delivery_summaries",
  {
    schoolId: uuid()
      .primaryKey()
      .references(() => schools.id),
    districtId: uuid()
      .notNull()
      .references(() => districts.id),
    asOf: date({ mode: "string" }).notNull(),
    windowFrom: date({ mode: "string" }),
    assigned: integer().notNull(),
    acknowledged: integer().notNull(),
    overdue: integer().notNull(),
    escalated: integer().notNull(),
    logExpected: integer().notNull(),
    logRecorded: integer().notNull(),
    /** The earliest due date among the escalated acknowledgments (the work queue's order), or null. */
    escalatedSince: date({ mode: "string" }),
    refreshedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index().on(t.districtId, t.refreshedAt),
    check(
      "school_delivery_summaries_counts",
      sql`${t.acknowledged} + ${t.overdue} <= ${t.assigned} and ${t.escalated} <= ${t.overdue} and ${t.logRecorded} <= ${t.logExpected} and ${t.acknowledged} >= 0 and ${t.escalated} >= 0 and ${t.logRecorded} >= 0`,
    ),
  ],
);
