import { sql } from "drizzle-orm";
import { boolean, check, date, index, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { id } from "./columns";
import { students, users } from "./people";
import { planGoals, planObjectives, plans, planVersions } from "./plans";

/**
 * Who collects data on a goal (legal-review PM-6): staff the case manager names for one goal of a
 * plan, by the goal's stable item id so the responsibility carries over amendments. The case
 * manager collects on every goal of the caseload without a row. Rows are never deleted: removing a
 * collector sets `ended_at`.
 */
export const goalCollectors = pgTable(
  "goal_collectors",
  {
    id: id(),
    planId: uuid()
      .notNull()
      .references(() => plans.id),
    goalItemId: uuid().notNull(),
    studentId: uuid()
      .notNull()
      .references(() => students.id),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    assignedBy: uuid()
      .notNull()
      .references(() => users.id),
    assignedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp({ withTimezone: true }),
    endedBy: uuid().references(() => users.id),
  },
  (t) => [
    uniqueIndex("goal_collectors_one_open")
      .on(t.planId, t.goalItemId, t.userId)
      .where(sql`${t.endedAt} is null`),
    index().on(t.userId, t.endedAt),
    index().on(t.studentId),
    check("goal_collectors_ended", sql`(${t.endedAt} is null) = (${t.endedBy} is null)`),
  ],
);

/**
 * Goal data (PM-1): one observation on a goal (or one of its short-term objectives) of a finalized
 * IEP version, on the goal's measure — a number (percent, count, rate, minutes, rubric level) or,
 * for a qualitative measure, only the note. Append-only (trigger and privileges): a correction is a
 * new row naming the point it corrects with a reason, and may withdraw it. Points entered in one
 * group session share `session_id`.
 */
export const goalDataPoints = pgTable(
  "goal_data_points",
  {
    id: id(),
    goalId: uuid()
      .notNull()
      .references(() => planGoals.id),
    objectiveId: uuid().references(() => planObjectives.id),
    versionId: uuid()
      .notNull()
      .references(() => planVersions.id),
    studentId: uuid()
      .notNull()
      .references(() => students.id),
    collectedBy: uuid()
      .notNull()
      .references(() => users.id),
    observedOn: date({ mode: "string" }).notNull(),
    value: numeric({ precision: 10, scale: 2, mode: "number" }),
    method: text().notNull(),
    setting: text(),
    note: text(),
    /** Why a point was entered more than the district's number of school days after the day observed. */
    lateReason: text(),
    correctsId: uuid(),
    correctionReason: text(),
    withdrawn: boolean().notNull().default(false),
    sessionId: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.goalId, t.observedOn),
    index().on(t.studentId, t.observedOn),
    index().on(t.collectedBy, t.observedOn),
    uniqueIndex("goal_data_points_one_correction").on(t.correctsId),
    index().on(t.versionId),
    check("goal_data_points_correction", sql`(${t.correctsId} is null) = (${t.correctionReason} is null)`),
    check("goal_data_points_withdrawal", sql`not ${t.withdrawn} or ${t.correctsId} is not null`),
    check("goal_data_points_value", sql`${t.value} is null or ${t.value} >= 0`),
  ],
);
