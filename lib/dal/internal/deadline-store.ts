import { and, asc, eq, inArray, ne, sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { caseEvents, deadlines, districts, planVersions, schools, students } from "@/db/schema";
import { computeDeadlines, ctRules, type DeadlineEvent, type SchoolCalendar } from "@/lib/compliance";
import { loadReportCardDates, loadSchoolCalendars } from "./calendars";
import { refreshSchoolDeadlineSummaries } from "./deadline-summaries";
import { iepReportingDates } from "./reporting-periods";
import { MEETING_NOTICE_RULE, programOfRule, ruleById } from "@/lib/deadlines/programs";
import { parseDeadlineSettings } from "@/lib/deadlines/settings";
import { parseServicesSettings } from "@/lib/services/settings";
import { now as clockNow } from "@/lib/time";

/** Which students' deadlines to recompute: some students, one school's, or a whole district's. */
export type RefreshScope =
  | { districtId: string; studentIds: readonly string[] }
  | { districtId: string; schoolId: string }
  | { districtId: string; all: true };

type EventRow = typeof caseEvents.$inferSelect;

const CHUNK = 500;

function studentCondition(
  scope: RefreshScope,
  column: typeof students.id | typeof deadlines.studentId | typeof planVersions.studentId,
): SQL {
  if ("studentIds" in scope) return inArray(column, [...scope.studentIds]);
  if ("schoolId" in scope) {
    return sql`${column} in (select ${students.id} from ${students} where ${students.schoolId} = ${scope.schoolId})`;
  }
  return sql`true`;
}

/** The columns of a stored case event the engine reads. */
export type EngineEventRow = Pick<
  EventRow,
  | "type"
  | "date"
  | "consent"
  | "meetingDate"
  | "agreedImplementationDate"
  | "birthToThree"
  | "eligibilityKind"
  | "eligible"
  | "meetingPurposes"
  | "pwnAction"
  | "pwnSubject"
  | "exitReason"
>;

/**
 * The engine's view of a stored case event (contract version 2): optional fields are passed only
 * when stored, so an event recorded before they existed keeps its version-1 meaning.
 */
export function toEngineEvent(row: EngineEventRow): DeadlineEvent {
  switch (row.type) {
    case "consent_requested":
    case "consent_granted":
    case "consent_refused":
      return { type: row.type, date: row.date, consent: row.consent! };
    case "meeting_scheduled":
      return { type: row.type, date: row.date, meetingDate: row.meetingDate! };
    case "pwn_sent":
      return {
        type: row.type,
        date: row.date,
        ...(row.agreedImplementationDate ? { agreedImplementationDate: row.agreedImplementationDate } : {}),
        ...(row.pwnAction ? { action: row.pwnAction } : {}),
        ...(row.pwnSubject ? { subject: row.pwnSubject } : {}),
      };
    case "referral_received":
      return { type: row.type, date: row.date, ...(row.birthToThree ? { birthToThree: true } : {}) };
    case "eligibility_determined":
      return {
        type: row.type,
        date: row.date,
        ...(row.eligibilityKind ? { kind: row.eligibilityKind } : {}),
        ...(row.eligible !== null ? { eligible: row.eligible } : {}),
      };
    case "ppt_meeting_held":
      return {
        type: row.type,
        date: row.date,
        ...(row.meetingPurposes && row.meetingPurposes.length > 0 ? { purposes: row.meetingPurposes } : {}),
      };
    case "exited":
      return { type: row.type, date: row.date, reason: row.exitReason! };
    default:
      return { type: row.type, date: row.date };
  }
}

/**
 * Recomputes and stores the deadlines of every student in `scope` from their case events (voided
 * ones excluded), their school's calendar and the district's settings — the engine of
 * lib/compliance, with one calendar built per school. Bounded: a fixed number of queries whatever
 * the number of students (events, calendars and settings are batch-loaded; rows are upserted in
 * chunks; a whole district is refreshed school by school, so memory stays bounded by the largest
 * school). Rows keep their id and the facts staff entered (completion, delay reason); rule instances
 * that no longer exist are deleted. Serialized per district with a transaction-level advisory lock,
 * so run it inside the transaction that changed the inputs.
 */
export async function refreshDeadlines(
  db: Executor,
  scope: RefreshScope,
): Promise<{ students: number; deadlines: number }> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`deadlines:${scope.districtId}`}))`);
  if ("all" in scope) {
    const total = { students: 0, deadlines: 0 };
    for (const school of await db
      .select({ id: schools.id })
      .from(schools)
      .where(eq(schools.districtId, scope.districtId))) {
      const done = await refreshScope(db, { districtId: scope.districtId, schoolId: school.id });
      total.students += done.students;
      total.deadlines += done.deadlines;
    }
    return total;
  }
  return refreshScope(db, scope);
}

/** One school's or some students' refresh (see {@link refreshDeadlines}). */
async function refreshScope(
  db: Executor,
  scope: Exclude<RefreshScope, { all: true }>,
): Promise<{ students: number; deadlines: number }> {
  const stamp = clockNow();
  const { students: studentCount, values } = await computeScopeDeadlines(db, scope, stamp);
  for (let start = 0; start < values.length; start += CHUNK) {
    await db
      .insert(deadlines)
      .values(values.slice(start, start + CHUNK))
      .onConflictDoUpdate({
        target: [deadlines.studentId, deadlines.ruleId, deadlines.triggerKey],
        set: {
          triggerEventId: sql`excluded.trigger_event_id`,
          program: sql`excluded.program`,
          due: sql`excluded.due`,
          unit: sql`excluded.unit`,
          status: sql`excluded.status`,
          computedAt: sql`excluded.computed_at`,
          updatedAt: sql`now()`,
        },
      });
  }
  await db
    .delete(deadlines)
    .where(
      and(
        eq(deadlines.districtId, scope.districtId),
        studentCondition(scope, deadlines.studentId),
        ne(deadlines.computedAt, stamp),
      ),
    );
  // The district admin's counts (school_deadline_summaries) follow in the same transaction.
  const schoolIds =
    "schoolId" in scope
      ? [scope.schoolId]
      : (
          await db
            .selectDistinct({ schoolId: students.schoolId })
            .from(students)
            .where(and(eq(students.districtId, scope.districtId), studentCondition(scope, students.id)))
        ).map((r) => r.schoolId);
  await refreshSchoolDeadlineSummaries(db, { districtId: scope.districtId, schoolIds, now: stamp });
  return { students: studentCount, deadlines: values.length };
}

/**
 * The deadline rows of the students in `scope` as the engine computes them now (stamped
 * `computedAt = stamp`), without writing them: {@link refreshDeadlines} upserts them; the scale
 * generator (db/bench) copies them into a new district in bulk.
 */
export async function computeScopeDeadlines(
  db: Executor,
  scope: Exclude<RefreshScope, { all: true }>,
  stamp: Date,
): Promise<{ students: number; values: (typeof deadlines.$inferInsert)[] }> {
  const [district] = await db
    .select({ settings: districts.settings })
    .from(districts)
    .where(eq(districts.id, scope.districtId));
  if (!district) return { students: 0, values: [] };
  const settings = parseDeadlineSettings(district.settings).compliance;

  const rows = await db
    .select({ event: caseEvents, schoolId: students.schoolId, birthDate: students.birthDate })
    .from(caseEvents)
    .innerJoin(students, eq(students.id, caseEvents.studentId))
    .where(
      and(
        eq(students.districtId, scope.districtId),
        studentCondition(scope, students.id),
        sql`${caseEvents.voidedAt} is null`,
      ),
    )
    .orderBy(asc(caseEvents.studentId), asc(caseEvents.date), asc(caseEvents.createdAt), asc(caseEvents.id));

  const byStudent = new Map<string, { schoolId: string; birthDate: string; events: EventRow[] }>();
  for (const row of rows) {
    const entry = byStudent.get(row.event.studentId) ?? {
      schoolId: row.schoolId,
      birthDate: row.birthDate,
      events: [],
    };
    entry.events.push(row.event);
    byStudent.set(row.event.studentId, entry);
  }
  const schoolIds = [...new Set([...byStudent.values()].map((s) => s.schoolId))];
  const [calendars, schoolReportCards] = await Promise.all([
    loadSchoolCalendars(db, schoolIds),
    loadReportCardDates(db, schoolIds),
  ]);
  // D-13's due dates ([U] district setting): the school's report-card dates, or the dates each IEP's
  // reporting schedule writes — the same periods progress reports are drafted for.
  const reportCards: ReadonlyMap<string, readonly string[]> =
    parseServicesSettings(district.settings).progressReports === "report_cards"
      ? new Map([...byStudent].map(([studentId, s]) => [studentId, schoolReportCards.get(s.schoolId) ?? []]))
      : await iepReportingDates(
          db,
          and(
            sql`${planVersions.studentId} in (select ${students.id} from ${students} where ${students.districtId} = ${scope.districtId})`,
            studentCondition(scope, planVersions.studentId),
          )!,
          new Map([...byStudent].map(([studentId, s]) => [studentId, s.schoolId])),
          schoolReportCards,
        );

  const values: (typeof deadlines.$inferInsert)[] = [];
  for (const [studentId, { schoolId, birthDate, events }] of byStudent) {
    const calendar = calendars.get(schoolId) as SchoolCalendar;
    const result = computeDeadlines(
      {
        calendar: { schoolYears: [], reportCardDates: [...(reportCards.get(studentId) ?? [])] },
        // The engine decides D-10 / D-11 (only with an IEP on the birthday) and the Birth-to-Three cap.
        student: { birthDate },
        events: events.map(toEngineEvent),
        settings,
      },
      ctRules,
      { calendar },
    );
    for (const deadline of result.deadlines) {
      const trigger = deadline.event === undefined ? undefined : events[deadline.event]!;
      const triggerEventId = trigger?.id ?? null;
      // The parent agreed in writing to a shorter meeting notice ([U] district setting): D-06 is met.
      const noticeAgreed = deadline.rule === MEETING_NOTICE_RULE && trigger?.shorterNoticeAgreed === true;
      values.push({
        districtId: scope.districtId,
        studentId,
        ruleId: deadline.rule,
        // D-13 has one entry per report-card date from the same implementing event.
        triggerKey: deadline.unit === "report_card" ? `reportCard:${deadline.due}` : (triggerEventId ?? "birthDate"),
        triggerEventId,
        program: programOfRule(ruleById(deadline.rule)!),
        due: deadline.due,
        unit: deadline.unit,
        status: noticeAgreed && deadline.status === "open" ? "met" : deadline.status,
        computedAt: stamp,
      });
    }
  }
  return { students: byStudent.size, values };
}
