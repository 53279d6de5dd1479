import { sql } from "drizzle-orm";
import { check, date, index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { id, timestamps } from "./columns";
import { districts } from "./district";
import { planType } from "./enums";
import { priorWrittenNotices, consentResponses } from "./legal-record";
import { students, users } from "./people";
import { plans, planVersions } from "./plans";

/**
 * Why a plan ended (issue 12; compliance.md §3.2–3.4, legal-review.md CL-6, CL-9). An IEP: regular
 * diploma, aging out, not eligible at reevaluation, consent revoked, moved out of the district,
 * transferred to a 504 plan. A 504 plan: no longer needed, moved, replaced by an IEP (Rule 504-4).
 */
export const planEndReason = pgEnum("plan_end_reason", [
  "graduated",
  "aged_out",
  "not_eligible",
  "consent_revoked",
  "moved",
  "transferred_to_504",
  "no_longer_needed",
  "replaced_by_iep",
]);

export const planEndStatus = pgEnum("plan_end_status", ["scheduled", "completed", "cancelled"]);

/**
 * The end of a plan in force: the version it ends, why, the notice that proposed it and the first
 * day without the plan (`ends_on` is that day: the version's `ended_on` is the day before). Scheduled
 * ends are completed by the activation job on `ends_on`. Graduation and aging out carry the Summary
 * of Performance (300.305(e)(3)). Never deleted; the lifecycle trigger refuses an active version's
 * end without its row here.
 */
export const planEnds = pgTable(
  "plan_ends",
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
    versionId: uuid()
      .notNull()
      .references(() => planVersions.id),
    planType: planType().notNull(),
    reason: planEndReason().notNull(),
    status: planEndStatus().notNull().default("scheduled"),
    /** The first day the plan is no longer in force (the notice's implementation date). */
    endsOn: date({ mode: "string" }).notNull(),
    noticeId: uuid().references(() => priorWrittenNotices.id),
    /** The parent's (or adult student's) written revocation of consent to services (CL-6). */
    revocationResponseId: uuid().references(() => consentResponses.id),
    /** Summary of Performance (graduation, aging out): academic achievement. */
    summaryAcademic: text(),
    /** Summary of Performance: functional performance. */
    summaryFunctional: text(),
    /** Summary of Performance: recommendations to help meet the postsecondary goals. */
    summaryRecommendations: text(),
    completedAt: timestamp({ withTimezone: true }),
    cancelledAt: timestamp({ withTimezone: true }),
    cancelReason: text(),
    createdBy: uuid().references(() => users.id),
    ...timestamps,
  },
  (t) => [
    index().on(t.studentId, t.status),
    index().on(t.status, t.endsOn),
    uniqueIndex("plan_ends_one_open_per_version")
      .on(t.versionId)
      .where(sql`${t.status} <> 'cancelled'`),
    check(
      "plan_ends_reason_fits_type",
      sql`(${t.planType} = 'iep') = (${t.reason} in ('graduated', 'aged_out', 'not_eligible', 'consent_revoked', 'moved', 'transferred_to_504'))`,
    ),
    check("plan_ends_iep_notice", sql`${t.planType} <> 'iep' or ${t.noticeId} is not null`),
    check("plan_ends_504_notice", sql`${t.reason} = 'replaced_by_iep' or ${t.noticeId} is not null`),
    check(
      "plan_ends_summary_of_performance",
      sql`${t.reason} not in ('graduated', 'aged_out') or (length(btrim(coalesce(${t.summaryAcademic}, ''))) > 0
        and length(btrim(coalesce(${t.summaryFunctional}, ''))) > 0 and length(btrim(coalesce(${t.summaryRecommendations}, ''))) > 0)`,
    ),
    check("plan_ends_revocation", sql`(${t.reason} = 'consent_revoked') = (${t.revocationResponseId} is not null)`),
    check(
      "plan_ends_state",
      sql`(${t.status} = 'completed') = (${t.completedAt} is not null) and (${t.status} = 'cancelled') = (${t.cancelledAt} is not null)`,
    ),
  ],
);
