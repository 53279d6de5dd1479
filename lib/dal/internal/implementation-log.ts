import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { implementationLogs, planAccommodations, planVersions, sectionEnrollments, sectionTeachers } from "@/db/schema";
import { inForce } from "@/lib/policy";
import { selectField } from "./scope";

/**
 * SQL condition: the `implementation_logs` row is the current entry of its accommodation, section and
 * day — no later row replaces it (a correction or an undo's retraction).
 */
export const currentLogEntry = sql`not exists (select 1 from implementation_logs as later where later.replaces_id = ${implementationLogs.id})`;

/** Advisory-lock namespace of one accommodation-section-day's entries (distinct from other advisory locks). */
const LOG_ENTRY_LOCK = 15_002;

/**
 * SQL expression taking the lock of one accommodation, section (empty for a provider) and day until
 * the transaction ends. Two entries for the same day (two co-teachers, a double tap) then run one
 * after the other: the second reads the first as the entry it replaces — one current entry per day,
 * and the first counted once in the school's summary. Meant to sit in a statement before that read.
 */
export function logEntryLock(accommodationId: string, sectionId: string, date: string): SQL {
  return sql`pg_advisory_xact_lock(${LOG_ENTRY_LOCK}, hashtext(${`${accommodationId}|${sectionId}|${date}`}))`;
}

/** The entries of one accommodation for a section (null: as a provider) and day. */
function sameDay(accommodationId: string, sectionId: string | null, date: string) {
  return and(
    eq(implementationLogs.accommodationId, accommodationId),
    sectionId ? eq(implementationLogs.sectionId, sectionId) : sql`${implementationLogs.sectionId} is null`,
    eq(implementationLogs.logDate, date),
  )!;
}

/**
 * Select field: the latest entry of one accommodation for a section and day (the one a new entry
 * replaces), or null. Read under {@link logEntryLock}.
 */
export function latestEntryField(accommodationId: string, sectionId: string | null, date: string) {
  return selectField<string | null>(
    sql`(select ${implementationLogs.id} from ${implementationLogs} where ${sameDay(accommodationId, sectionId, date)} order by ${implementationLogs.createdAt} desc limit 1)`,
  );
}

/**
 * After the entry `entryId` was written for an accommodation, section and day, in one query: whether
 * the day counted as logged without it (a current entry that is not a retraction, as log coverage
 * counts it, "current" ignoring that `entryId` replaces it), and — with `countImplementers` — how
 * many implementer assignments expect that accommodation-day: the teachers of the section today,
 * with the student enrolled today, for the accommodation's version while it is active, whose
 * assignment began by `date` (lib/dal/internal/assignments.ts).
 */
export async function entryCounts(
  db: Executor,
  input: {
    entryId: string;
    accommodationId: string;
    sectionId: string | null;
    date: string;
    today: string;
    countImplementers: boolean;
  },
): Promise<{ loggedBefore: boolean; implementers: number }> {
  const { entryId, accommodationId, sectionId, date, today } = input;
  const implementers =
    input.countImplementers && sectionId
      ? selectField<number>(sql`(select count(*)::int from ${sectionEnrollments}
          join ${planVersions} on ${planVersions.id} = ${planAccommodations.versionId}
            and ${planVersions.studentId} = ${sectionEnrollments.studentId} and ${planVersions.status} = 'active'
          join ${sectionTeachers} on ${sectionTeachers.sectionId} = ${sectionEnrollments.sectionId}
            and ${inForce(sectionTeachers, today)}
          where ${sectionEnrollments.sectionId} = ${sectionId} and ${inForce(sectionEnrollments, today)}
            and greatest(${planVersions.effectiveOn}, ${sectionEnrollments.startsOn}, ${sectionTeachers.startsOn}) <= ${date}::date)`)
      : sql<number>`0`;
  const [row] = await db
    .select({
      loggedBefore: selectField<boolean>(
        sql`exists (select 1 from ${implementationLogs} where ${sameDay(accommodationId, sectionId, date)}
          and ${implementationLogs.id} <> ${entryId} and ${implementationLogs.status} <> 'retracted'
          and not exists (select 1 from implementation_logs as later where later.replaces_id = ${implementationLogs.id} and later.id <> ${entryId}))`,
      ),
      implementers,
    })
    .from(planAccommodations)
    .where(eq(planAccommodations.id, accommodationId));
  return { loggedBefore: row?.loggedBefore ?? true, implementers: row?.implementers ?? 0 };
}
