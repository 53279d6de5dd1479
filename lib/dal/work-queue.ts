import "server-only";
import { and, asc, eq, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { deadlines, districts, schools, students } from "@/db/schema";
import { addDays, type SchoolCalendar } from "@/lib/compliance";
import { loadSchoolCalendars } from "@/lib/deadlines/calendars";
import { parseDeadlineSettings, type DeadlineSettings } from "@/lib/deadlines/settings";
import { timingOf } from "@/lib/deadlines/timing";
import type { WorkQueue, WorkQueueItem, WorkQueueSummary } from "@/lib/dto/deadlines";
import { AppError } from "@/lib/errors";
import { can, studentRelationshipConditions, visibleStudents } from "@/lib/policy";
import { recordListAccess } from "./core";
import { acknowledgmentQueueProvider } from "./delivery-queue";
import { scopeOf, selectField } from "./scope";
import type { Viewer } from "./viewer";

/** Built school calendars, shared across queues computed in one pass (a digest run). */
export class CalendarCache {
  readonly #calendars = new Map<string, SchoolCalendar>();

  /** The calendars of these schools, loading only the ones not cached yet (two queries at most). */
  async get(db: Executor, schoolIds: readonly string[]): Promise<Map<string, SchoolCalendar>> {
    const missing = [...new Set(schoolIds)].filter((id) => !this.#calendars.has(id));
    if (missing.length > 0)
      for (const [id, calendar] of await loadSchoolCalendars(db, missing)) this.#calendars.set(id, calendar);
    return this.#calendars;
  }
}

/** What every provider gets: the viewer's date, the district's settings, the shared calendars. */
export interface WorkQueueContext {
  db: Executor;
  today: string;
  settings: DeadlineSettings;
  calendars: CalendarCache;
}

/**
 * A source of work-queue items. Deadlines are one; acknowledgments (issue 5) add another by
 * appending to {@link WORK_QUEUE_PROVIDERS}. A provider scopes its own query to the viewer's
 * relationships and returns at most `limit` items plus whether it had more.
 */
export interface WorkQueueProvider {
  id: string;
  items(
    viewer: Viewer,
    context: WorkQueueContext,
    limit: number,
  ): Promise<{ items: WorkQueueItem[]; truncated: boolean }>;
}

const PROVIDER_LIMIT = 500;

/** How far ahead a queue looks: items due later are on the student page, not in the queue. */
export const QUEUE_HORIZON_DAYS = 120;

/**
 * Deadlines provider. A viewer's deadline items are the open deadlines (not completed, with a due
 * date at most {@link QUEUE_HORIZON_DAYS} days ahead) of: IEP items of students on their caseload; 504 items of students at a school they lead
 * (principal or 504 coordinator); IEP items at their school overdue by the district's escalation
 * threshold (principals); every overdue item of the district (district admins).
 */
export const deadlineQueueProvider: WorkQueueProvider = {
  id: "deadline",
  async items(viewer, context, limit) {
    const scope = scopeOf(viewer);
    const rel = studentRelationshipConditions(scope);
    const overdue = sql`${deadlines.due} < ${context.today}::date`;
    const own = or(
      and(eq(deadlines.program, "iep"), rel.caseManagerOf),
      and(eq(deadlines.program, "504"), or(rel.principalOf, rel.coordinator504Of)),
    )!;
    const escalation = and(eq(deadlines.program, "iep"), overdue, rel.principalOf)!;
    const district = and(overdue, rel.districtAdmin)!;
    const flag = (condition: SQL) => selectField<boolean>(sql`(${condition})`);
    const rows = await context.db
      .select({
        id: deadlines.id,
        ruleId: deadlines.ruleId,
        program: deadlines.program,
        due: deadlines.due,
        studentId: students.id,
        firstName: students.firstName,
        lastName: students.lastName,
        schoolId: students.schoolId,
        schoolName: schools.name,
        own: flag(own),
        escalation: flag(escalation),
        district: flag(district),
      })
      .from(deadlines)
      .innerJoin(students, eq(students.id, deadlines.studentId))
      .innerJoin(schools, eq(schools.id, students.schoolId))
      .where(
        and(
          eq(deadlines.districtId, viewer.districtId),
          eq(deadlines.status, "open"),
          isNull(deadlines.completedOn),
          isNotNull(deadlines.due),
          sql`${deadlines.due} <= ${addDays(context.today, QUEUE_HORIZON_DAYS)}::date`,
          visibleStudents(scope),
          or(own, escalation, district),
        ),
      )
      .orderBy(asc(deadlines.due), asc(students.lastName), asc(deadlines.ruleId))
      .limit(limit + 1);
    const calendars = await context.calendars.get(
      context.db,
      rows.map((r) => r.schoolId),
    );
    const items: WorkQueueItem[] = [];
    for (const row of rows.slice(0, limit)) {
      const timing = timingOf(calendars.get(row.schoolId)!, context.today, row.due!, context.settings.workQueue);
      if (!row.own && !row.district && !(row.escalation && timing.escalated)) continue;
      items.push({
        key: `deadline:${row.id}`,
        source: "deadline",
        title: { key: `deadlines.rules.${row.ruleId}.title` },
        studentId: row.studentId,
        studentName: `${row.firstName} ${row.lastName}`,
        studentFirstName: row.firstName,
        studentLastName: row.lastName,
        schoolName: row.schoolName,
        due: row.due!,
        ...timing,
        reason: row.own
          ? row.program === "504"
            ? "school504"
            : "caseload"
          : row.escalation && timing.escalated
            ? "escalation"
            : "district",
        href: `/students/${row.studentId}#deadlines`,
      });
    }
    return { items, truncated: rows.length > limit };
  },
};

/** Every source of work-queue items, in display order: deadlines, then accommodation acknowledgments. */
export const WORK_QUEUE_PROVIDERS: WorkQueueProvider[] = [deadlineQueueProvider, acknowledgmentQueueProvider];

async function contextFor(viewer: Viewer, calendars: CalendarCache): Promise<WorkQueueContext> {
  const db = getDb();
  const [district] = await db
    .select({ settings: districts.settings })
    .from(districts)
    .where(eq(districts.id, viewer.districtId));
  return { db, today: viewer.today, settings: parseDeadlineSettings(district?.settings ?? {}), calendars };
}

/**
 * `workQueue.read`: the viewer's work queue from every provider, oldest due date first, without
 * logging (used by jobs, whose outbox row is the record, and by counts). Parents get an empty queue.
 * Pass a shared {@link CalendarCache} when building many queues in one pass.
 */
export async function buildWorkQueue(viewer: Viewer, options: { calendars?: CalendarCache } = {}): Promise<WorkQueue> {
  if (!can({ role: viewer.role }, "workQueue.read", { relationships: new Set() })) {
    return { today: viewer.today, items: [], truncated: false };
  }
  const context = await contextFor(viewer, options.calendars ?? new CalendarCache());
  const results = await Promise.all(
    WORK_QUEUE_PROVIDERS.map((provider) => provider.items(viewer, context, PROVIDER_LIMIT)),
  );
  const items = results
    .flatMap((r) => r.items)
    .sort((a, b) => a.due.localeCompare(b.due) || a.studentName.localeCompare(b.studentName));
  return { today: viewer.today, items, truncated: results.some((r) => r.truncated) };
}

/**
 * `workQueue.read`: the viewer's work queue (see {@link buildWorkQueue}), logged as a list read of
 * those students. Throws FORBIDDEN for viewers without a queue (parents).
 */
export async function listWorkQueue(viewer: Viewer, list = "workQueue"): Promise<WorkQueue> {
  if (!can({ role: viewer.role }, "workQueue.read", { relationships: new Set() })) throw new AppError("FORBIDDEN");
  const queue = await buildWorkQueue(viewer);
  if (queue.items.length > 0) {
    await recordListAccess(viewer, "students.listed", {
      list,
      studentIds: [...new Set(queue.items.map((i) => i.studentId))],
    });
  }
  return queue;
}

/** `workQueue.read`: counts for the dashboard (no names, so no access is logged). */
export async function summarizeWorkQueue(viewer: Viewer): Promise<WorkQueueSummary> {
  const { items } = await buildWorkQueue(viewer);
  return {
    open: items.length,
    overdue: items.filter((i) => i.overdue).length,
    escalated: items.filter((i) => i.escalated).length,
    dueSoon: items.filter((i) => i.dueSoon).length,
  };
}
