import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { id, timestamps } from "./columns";
import { districts } from "./district";
import { planType, planVersionStatus } from "./enums";
import { students, users } from "./people";
import type { GoalMeasure } from "../../lib/validation/goal-measure";

/** One IEP or 504 plan of a student; its content lives in immutable versions. */
export const plans = pgTable(
  "plans",
  {
    id: id(),
    districtId: uuid()
      .notNull()
      .references(() => districts.id),
    studentId: uuid()
      .notNull()
      .references(() => students.id),
    type: planType().notNull(),
    createdBy: uuid().references(() => users.id),
    endedAt: timestamp({ withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    index().on(t.studentId),
    index().on(t.districtId, t.type),
    uniqueIndex("plans_one_open_per_type")
      .on(t.studentId, t.type)
      .where(sql`${t.endedAt} is null`),
  ],
);

/**
 * A version of a plan. Drafts are edited (optimistic concurrency on `lock_version`); once
 * proposed the content is frozen, and from `final` on the row can only move forward in the
 * lifecycle (database trigger). At most one active version per student: an IEP satisfies
 * Section 504, so an active IEP and an active 504 plan never coexist.
 */
export const planVersions = pgTable(
  "plan_versions",
  {
    id: id(),
    planId: uuid()
      .notNull()
      .references(() => plans.id),
    studentId: uuid()
      .notNull()
      .references(() => students.id),
    planType: planType().notNull(),
    number: integer().notNull(),
    status: planVersionStatus().notNull().default("draft"),
    content: jsonb().$type<Record<string, unknown>>().notNull(),
    lockVersion: integer().notNull().default(1),
    basedOnVersionId: uuid(),
    /**
     * The held meeting that decided this version (set at finalize; null only for an IEP amendment
     * the parent agreed in writing to make without a meeting, C-07). Checked by the lifecycle trigger.
     */
    meetingId: uuid(),
    contentHash: text(),
    reviewDue: date({ mode: "string" }),
    effectiveOn: date({ mode: "string" }),
    endedOn: date({ mode: "string" }),
    proposedAt: timestamp({ withTimezone: true }),
    finalizedAt: timestamp({ withTimezone: true }),
    activatedAt: timestamp({ withTimezone: true }),
    closedAt: timestamp({ withTimezone: true }),
    createdBy: uuid().references(() => users.id),
    updatedBy: uuid().references(() => users.id),
    ...timestamps,
  },
  (t) => [
    unique().on(t.planId, t.number),
    index().on(t.studentId, t.status),
    index().on(t.planId, t.status),
    index().on(t.status, t.effectiveOn),
    // The finalize gate checks that no other version was decided by the same meeting (issue 15: without
    // it every finalize reads the whole table).
    index().on(t.meetingId),
    uniqueIndex("plan_versions_one_active_per_plan")
      .on(t.planId)
      .where(sql`${t.status} = 'active'`),
    uniqueIndex("plan_versions_one_active_per_student")
      .on(t.studentId)
      .where(sql`${t.status} = 'active'`),
    uniqueIndex("plan_versions_one_open_draft_per_plan")
      .on(t.planId)
      .where(sql`${t.status} in ('draft', 'proposed')`),
    check("plan_versions_final_has_hash", sql`${t.status} in ('draft', 'proposed') or ${t.contentHash} is not null`),
    check("plan_versions_active_has_date", sql`${t.status} <> 'active' or ${t.effectiveOn} is not null`),
  ],
);

/** Accommodations and modifications of a finalized version, materialized for implementers. Insert-only. */
export const planAccommodations = pgTable(
  "plan_accommodations",
  {
    id: id(),
    versionId: uuid()
      .notNull()
      .references(() => planVersions.id),
    itemId: uuid().notNull(),
    position: integer().notNull(),
    kind: text().notNull(),
    text: text().notNull(),
    teacherAction: text().notNull(),
    classroom: boolean().notNull(),
    testing: boolean().notNull(),
    responsible: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique().on(t.versionId, t.itemId), index().on(t.versionId)],
);

/** Services of a finalized IEP version, materialized (providers, minutes). Insert-only. */
export const planServices = pgTable(
  "plan_services",
  {
    id: id(),
    versionId: uuid()
      .notNull()
      .references(() => planVersions.id),
    itemId: uuid().notNull(),
    position: integer().notNull(),
    category: text().notNull(),
    serviceType: text().notNull(),
    minutes: integer().notNull(),
    frequency: text().notNull(),
    location: text().notNull(),
    providerUserId: uuid().references(() => users.id),
    providerName: text(),
    startDate: date({ mode: "string" }),
    endDate: date({ mode: "string" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique().on(t.versionId, t.itemId), index().on(t.versionId), index().on(t.providerUserId)],
);

/** Annual goals of a finalized IEP version, materialized for progress monitoring. Insert-only. */
export const planGoals = pgTable(
  "plan_goals",
  {
    id: id(),
    versionId: uuid()
      .notNull()
      .references(() => planVersions.id),
    itemId: uuid().notNull(),
    position: integer().notNull(),
    area: text().notNull(),
    text: text().notNull(),
    baseline: text().notNull(),
    target: text().notNull(),
    measurement: text().notNull(),
    schedule: text().notNull(),
    /** The structured measure (baseline, target, unit); null for a free-text goal. */
    measure: jsonb().$type<GoalMeasure>(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique().on(t.versionId, t.itemId), index().on(t.versionId)],
);

/** Short-term objectives (required for every goal in Connecticut), materialized. Insert-only. */
export const planObjectives = pgTable(
  "plan_objectives",
  {
    id: id(),
    goalId: uuid()
      .notNull()
      .references(() => planGoals.id),
    itemId: uuid().notNull(),
    position: integer().notNull(),
    text: text().notNull(),
    criteria: text().notNull(),
    evaluation: text().notNull(),
    schedule: text().notNull(),
    /** The objective's own structured measure; null when it is measured on its goal's. */
    measure: jsonb().$type<GoalMeasure>(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique().on(t.goalId, t.itemId), index().on(t.goalId)],
);

/** District goal bank: starter goals authors insert into a draft and then edit. */
export const goalBank = pgTable(
  "goal_bank",
  {
    id: id(),
    districtId: uuid()
      .notNull()
      .references(() => districts.id),
    area: text().notNull(),
    text: text().notNull(),
    measurement: text().notNull(),
    objectives: jsonb().$type<string[]>().notNull().default([]),
    ...timestamps,
  },
  (t) => [index().on(t.districtId, t.area)],
);

/** District accommodation bank, by category (reading, writing, math, behavior, attention, testing…). */
export const accommodationBank = pgTable(
  "accommodation_bank",
  {
    id: id(),
    districtId: uuid()
      .notNull()
      .references(() => districts.id),
    category: text().notNull(),
    text: text().notNull(),
    teacherAction: text().notNull(),
    classroom: boolean().notNull().default(true),
    testing: boolean().notNull().default(false),
    ...timestamps,
  },
  (t) => [index().on(t.districtId, t.category)],
);
