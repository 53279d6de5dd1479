import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { id, timestamps } from "./columns";
import { districts, schools } from "./district";
import { guardianRelation, locale, schoolRole, userRole } from "./enums";

export const users = pgTable(
  "users",
  {
    id: id(),
    districtId: uuid()
      .notNull()
      .references(() => districts.id),
    email: text().notNull(),
    name: text().notNull(),
    passwordHash: text(),
    role: userRole().notNull(),
    locale: locale(),
    isActive: boolean().notNull().default(true),
    sessionVersion: integer().notNull().default(1),
    deactivatedAt: timestamp({ withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("users_email_lower_key").on(sql`lower(${t.email})`),
    index().on(t.districtId, t.role),
    // /admin/staff: a keyset over (name, id) of the district's staff accounts.
    index("users_staff_by_name_index")
      .on(t.districtId, t.name, t.id)
      .where(sql`${t.role} <> 'parent'`),
  ],
);

/**
 * Sessions ended by sign-out (the JWT's `sid`): a copied cookie of a signed-out session is refused
 * even though its signature and expiry are still valid. A row can be dropped once `expiresAt` has
 * passed (the cookie has expired by then).
 */
export const revokedSessions = pgTable(
  "revoked_sessions",
  {
    sessionId: uuid().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.expiresAt)],
);

/**
 * "Forgot password" links: only the SHA-256 of the token is stored; a token works once, until
 * `expires_at`, and asking for a new link retires the older ones.
 */
export const passwordResetTokens = pgTable(
  "password_reset_tokens",
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    tokenHash: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("password_reset_tokens_hash_key").on(t.tokenHash), index().on(t.userId)],
);

/** A staff member's role at one school, for a date range (ends_on null = current). */
export const staffAssignments = pgTable(
  "staff_assignments",
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    schoolId: uuid()
      .notNull()
      .references(() => schools.id),
    role: schoolRole().notNull(),
    startsOn: date({ mode: "string" }).notNull(),
    endsOn: date({ mode: "string" }),
    ...timestamps,
  },
  (t) => [
    index().on(t.userId, t.role),
    index().on(t.schoolId, t.role),
    check("staff_assignments_order", sql`${t.endsOn} is null or ${t.startsOn} <= ${t.endsOn}`),
  ],
);

export const students = pgTable(
  "students",
  {
    id: id(),
    districtId: uuid()
      .notNull()
      .references(() => districts.id),
    schoolId: uuid()
      .notNull()
      .references(() => schools.id),
    sasid: text().notNull(),
    firstName: text().notNull(),
    lastName: text().notNull(),
    birthDate: date({ mode: "string" }).notNull(),
    grade: text().notNull(),
    homeLanguage: text().notNull().default("en"),
    parentLanguage: text().notNull().default("en"),
    ...timestamps,
  },
  (t) => [
    unique().on(t.districtId, t.sasid),
    index().on(t.schoolId, t.lastName),
    index().on(t.districtId),
    check("students_sasid_format", sql`${t.sasid} ~ '^[0-9]{10}$'`),
  ],
);

/** A guardian's relationship to a student. `restricted` = a restriction order is on file (no access). */
export const guardianships = pgTable(
  "guardianships",
  {
    id: id(),
    studentId: uuid()
      .notNull()
      .references(() => students.id),
    guardianUserId: uuid()
      .notNull()
      .references(() => users.id),
    relation: guardianRelation().notNull().default("parent"),
    hasDecisionRights: boolean().notNull().default(true),
    receivesNotices: boolean().notNull().default(true),
    restricted: boolean().notNull().default(false),
    restrictionNote: text(),
    startsOn: date({ mode: "string" }).notNull(),
    endsOn: date({ mode: "string" }),
    ...timestamps,
  },
  (t) => [index().on(t.guardianUserId), index().on(t.studentId), unique().on(t.studentId, t.guardianUserId)],
);
