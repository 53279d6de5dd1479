import { sql } from "drizzle-orm";
import { check, date, index, integer, jsonb, pgEnum, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { id, timestamps } from "./columns";
import { districts } from "./district";
import { locale } from "./enums";
import { storedDocuments } from "./legal-record";
import { students, users } from "./people";
import { planGoals, planObjectives, plans, planVersions } from "./plans";

/** The six Connecticut progress codes (D-13; CT IEP Manual §12), a closed set (PM-3). */
export const progressCode = pgEnum("progress_code", [
  "not_introduced",
  "no_progress",
  "limited_progress",
  "satisfactory_progress",
  "not_mastered",
  "mastered",
]);

export const progressReportStatus = pgEnum("progress_report_status", ["draft", "issued"]);

/** How an issued report reached the family. */
export const progressReportDelivery = pgEnum("progress_report_delivery", [
  "portal",
  "mail",
  "in_person",
  "email",
  "with_student",
]);

/**
 * A progress report to the family (D-13, PM-3/PM-4): one per IEP (plan) per reporting period, the
 * period ending on a report-card date. Drafted and edited by the case manager, then issued: an issued
 * row is frozen (trigger `progress_reports_issued_frozen`), its document stored as sent in the family's
 * language, and issuing writes the `progress_report_sent` case event (source workflow, `source_id` = this
 * row). A correction is a new row (`version` + 1) naming the issued row it corrects, with a reason; the
 * corrected row stays readable and is superseded once its correction is issued.
 */
export const progressReports = pgTable(
  "progress_reports",
  {
    id: id(),
    districtId: uuid()
      .notNull()
      .references(() => districts.id),
    studentId: uuid()
      .notNull()
      .references(() => students.id),
    planId: uuid()
      .notNull()
      .references(() => plans.id),
    /** The IEP version in force on the report-card date: its goals and objectives are reported. */
    planVersionId: uuid()
      .notNull()
      .references(() => planVersions.id),
    periodStart: date({ mode: "string" }).notNull(),
    reportCardDate: date({ mode: "string" }).notNull(),
    version: integer().notNull().default(1),
    correctsId: uuid(),
    correctionReason: text(),
    status: progressReportStatus().notNull().default("draft"),
    /** The family's language: the language the report is issued in. */
    language: locale().notNull(),
    deliveryMethod: progressReportDelivery(),
    issuedOn: date({ mode: "string" }),
    issuedBy: uuid().references(() => users.id),
    documentId: uuid().references(() => storedDocuments.id),
    /** Optimistic concurrency for the draft form: a stale save is a CONFLICT and the typed text is kept. */
    lockVersion: integer().notNull().default(1),
    createdBy: uuid()
      .notNull()
      .references(() => users.id),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("progress_reports_one_version").on(t.planId, t.reportCardDate, t.version),
    uniqueIndex("progress_reports_one_correction").on(t.correctsId),
    index().on(t.studentId, t.reportCardDate),
    index().on(t.districtId, t.status, t.reportCardDate),
    check("progress_reports_period", sql`${t.periodStart} <= ${t.reportCardDate}`),
    check(
      "progress_reports_correction",
      sql`(${t.correctsId} is null) = (${t.correctionReason} is null) and (${t.correctsId} is null) = (${t.version} = 1)`,
    ),
    check(
      "progress_reports_issued",
      sql`(${t.status} = 'issued') = (${t.issuedOn} is not null and ${t.issuedBy} is not null
        and ${t.deliveryMethod} is not null and ${t.documentId} is not null)`,
    ),
  ],
);

/**
 * One line of a progress report: a goal (`objective_id` null) or one of its short-term objectives,
 * with the code (chosen by the case manager, prefilled from the suggestion), the required
 * justification, and — frozen when the report is issued — the suggestion and the period's data summary.
 * Frozen with its report (trigger `progress_report_items_frozen`).
 */
export const progressReportItems = pgTable(
  "progress_report_items",
  {
    id: id(),
    reportId: uuid()
      .notNull()
      .references(() => progressReports.id),
    goalId: uuid()
      .notNull()
      .references(() => planGoals.id),
    /** The goal's stable item id across versions (consecutive reports compare a goal by it). */
    goalItemId: uuid().notNull(),
    objectiveId: uuid().references(() => planObjectives.id),
    position: integer().notNull(),
    code: progressCode(),
    justification: text().notNull().default(""),
    suggestedCode: progressCode(),
    /** The suggestion rule, its inputs and the period's data summary (lib/progress/report-status). */
    suggestion: jsonb().$type<Record<string, unknown>>().notNull(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("progress_report_items_goal")
      .on(t.reportId, t.goalId)
      .where(sql`${t.objectiveId} is null`),
    uniqueIndex("progress_report_items_objective")
      .on(t.reportId, t.objectiveId)
      .where(sql`${t.objectiveId} is not null`),
    index().on(t.reportId, t.position),
    index().on(t.goalItemId),
  ],
);
