import {
  bigint,
  bigserial,
  index,
  inet,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { auditKind, auditOutcome } from "./enums";

/**
 * Append-only audit trail: every mutation (same transaction), every read of a student record
 * (IDEA §300.614 record of access) and every sign-in event. A trigger rejects UPDATE and DELETE.
 * No foreign keys on purpose: the trail must outlive the rows it describes.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    occurredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    districtId: uuid(),
    actorUserId: uuid(),
    actorRole: text(),
    kind: auditKind().notNull(),
    action: text().notNull(),
    outcome: auditOutcome().notNull().default("success"),
    entityType: text(),
    entityId: text(),
    studentId: uuid(),
    ip: inet(),
    details: jsonb().$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    index().on(t.studentId, t.occurredAt),
    index().on(t.actorUserId, t.occurredAt),
    index().on(t.districtId, t.occurredAt),
    index().on(t.action, t.occurredAt),
  ],
);

/**
 * The students one list read showed (a caseload, a roster, a work queue, a dashboard): one row per
 * student, so each list read appears in every listed student's record of access. Append-only like
 * `audit_events`; written with its event in one transaction, whatever the number of students.
 */
export const auditEventStudents = pgTable(
  "audit_event_students",
  {
    eventId: bigint({ mode: "number" })
      .notNull()
      .references(() => auditEvents.id),
    studentId: uuid().notNull(),
  },
  (t) => [primaryKey({ columns: [t.studentId, t.eventId] })],
);

/** Failed sign-in counters, one row per throttle key (`email:<addr>` or `ip:<addr>`). */
export const loginAttempts = pgTable("login_attempts", {
  key: text().primaryKey(),
  failures: integer().notNull().default(0),
  windowStartedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  lockedUntil: timestamp({ withTimezone: true }),
  lastAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
