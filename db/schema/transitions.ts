import { sql } from "drizzle-orm";
import {
  check,
  date,
  index,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";
import { id, timestamps } from "./columns";
import { districts } from "./district";
import { planType } from "./enums";
import { consentResponses, dueProcessFilings, priorWrittenNotices } from "./legal-record";
import { guardianships, students, users } from "./people";
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
    /**
     * Stay-put (CL-7, 300.518): the due-process filing, made after the notice and before `ends_on`,
     * under which staff marked the plan as continuing. A held end never completes; once the filing
     * is closed it is cancelled, or cancelled and rescheduled (a new row naming it), per the outcome.
     */
    stayPutFilingId: uuid().references(() => dueProcessFilings.id),
    stayPutOn: date({ mode: "string" }),
    /** The held end this one reschedules after the due-process filing was closed. */
    rescheduledFromId: uuid().references((): AnyPgColumn => planEnds.id),
    /** Moved out of the district: the receiving district and school, when known. */
    receivingDistrict: text(),
    receivingSchool: text(),
    createdBy: uuid().references(() => users.id),
    ...timestamps,
  },
  (t) => [
    index().on(t.studentId, t.status),
    index().on(t.stayPutFilingId),
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
      "plan_ends_cancel_reason",
      sql`${t.status} <> 'cancelled' or length(btrim(coalesce(${t.cancelReason}, ''))) > 0`,
    ),
    check("plan_ends_stay_put", sql`(${t.stayPutFilingId} is null) = (${t.stayPutOn} is null)`),
    check(
      "plan_ends_receiving",
      sql`${t.reason} = 'moved' or (${t.receivingDistrict} is null and ${t.receivingSchool} is null)`,
    ),
    check(
      "plan_ends_state",
      sql`(${t.status} = 'completed') = (${t.completedAt} is not null) and (${t.status} = 'cancelled') = (${t.cancelledAt} is not null)`,
    ),
  ],
);

/**
 * Why an education record was disclosed without the parent's consent or to whom (FERPA 34 CFR 99.31):
 * to a school where the student seeks or intends to enroll (99.31(a)(2), 99.34), under a court order or
 * subpoena (99.31(a)(9)), or with the parent's (eligible student's) written consent (99.30).
 */
export const disclosureBasis = pgEnum("disclosure_basis", ["school_transfer", "court_order", "written_consent"]);

/**
 * The disclosure log (FERPA 34 CFR 99.32; IDEA 300.614; compliance.md A-04): each disclosure of a
 * student's records — who received which records, when, and the interest or basis that allowed it.
 * Kept with the student's record for as long as it exists; parents may inspect it (the record of
 * access). Insert-only (trigger and privileges). A records transfer after a move names its plan end.
 */
export const recordDisclosures = pgTable(
  "record_disclosures",
  {
    id: id(),
    districtId: uuid()
      .notNull()
      .references(() => districts.id),
    studentId: uuid()
      .notNull()
      .references(() => students.id),
    disclosedOn: date({ mode: "string" }).notNull(),
    /** The party that received the records (district, school, agency) and its address or contact. */
    recipient: text().notNull(),
    /** Which records were disclosed. */
    records: text().notNull(),
    basis: disclosureBasis().notNull(),
    /** The recipient's legitimate interest in the records (99.32(a)(3)(ii)). */
    legitimateInterest: text().notNull(),
    planEndId: uuid().references(() => planEnds.id),
    recordedBy: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.studentId, t.disclosedOn),
    check(
      "record_disclosures_text",
      sql`length(btrim(${t.recipient})) > 0 and length(btrim(${t.records})) > 0 and length(btrim(${t.legitimateInterest})) > 0`,
    ),
  ],
);

/**
 * A court's appointment of a guardian for an adult student (CL-10; 34 CFR 300.520(b); CT PPM ch. 8):
 * from the student's 18th birthday decision rights pass to the student unless a court has appointed a
 * guardian. Names the guardianship of the person appointed, the court, the order's date and its
 * document (a reference to where the order is kept). While in force (`starts_on`, `ends_on`) that
 * guardian decides and the student does not sign. Insert-only (trigger): a new order replaces it.
 */
export const courtGuardianships = pgTable(
  "court_guardianships",
  {
    id: id(),
    districtId: uuid()
      .notNull()
      .references(() => districts.id),
    studentId: uuid()
      .notNull()
      .references(() => students.id),
    guardianshipId: uuid()
      .notNull()
      .references(() => guardianships.id),
    court: text().notNull(),
    orderDate: date({ mode: "string" }).notNull(),
    startsOn: date({ mode: "string" }).notNull(),
    endsOn: date({ mode: "string" }),
    /** Where the order is kept (docket number, file location) or the stored copy's reference. */
    documentReference: text().notNull(),
    recordedBy: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.studentId, t.startsOn),
    index().on(t.guardianshipId),
    check("court_guardianships_text", sql`length(btrim(${t.court})) > 0 and length(btrim(${t.documentReference})) > 0`),
    check(
      "court_guardianships_dates",
      sql`${t.orderDate} <= ${t.startsOn} and (${t.endsOn} is null or ${t.startsOn} <= ${t.endsOn})`,
    ),
  ],
);
