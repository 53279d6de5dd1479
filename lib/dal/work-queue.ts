import "server-only";
import { and, asc, eq, inArray, isNull, not, or, sql, type SQL } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { caseloads, deadlines, plans, schools, staffAssignments, students } from "@/db/schema";
import { addDays, type SchoolCalendar } from "@/lib/compliance";
import { loadSchoolCalendars } from "@/lib/dal/internal/calendars";
import { CONSENT_ANSWER_RULE, SECTION_504_LEAD_RULES } from "@/lib/deadlines/programs";
import { parseDeadlineSettings, type DeadlineSettings } from "@/lib/deadlines/settings";
import { timingOf } from "@/lib/deadlines/timing";
import type { WorkQueue, WorkQueueItem, WorkQueuePage, WorkQueueSummary } from "@/lib/dto/deadlines";
import { AppError } from "@/lib/errors";
import { can, studentRelationshipConditions, visibleStudents } from "@/lib/policy";
import { authorize, recordListAccess } from "./core";
import { acknowledgmentQueueProvider, SCHOOL_ITEM_KEY } from "./delivery-queue";
import { serviceShortfallQueueProvider } from "./services-queue";
import { goalDataQueueProvider } from "./progress-queue";
import { progressReportQueueProvider } from "./progress-report-queue";
import { transitionQueueProvider } from "./transitions-queue";
import { referralQueueProvider } from "./referrals-queue";
import { decodeDeadlineCursor, encodeDeadlineCursor, type DeadlineCursor } from "./internal/cursor";
import { readDistrictDeadlineTotals, type DistrictDeadlineTotals } from "./internal/deadline-summaries";
import { holdsCaseload, holdsSchoolRole, ownStudentIds } from "./internal/own-students";
import { ReadBatch } from "./internal/read-batch";
import { scopeOf, selectField } from "./internal/scope";
import { districtSettingsOf } from "./internal/settings";
import type { Viewer } from "./viewer";

/**
 * Built school calendars, shared across the providers of one queue and across queues computed in one
 * pass (a digest run). Loads are shared too: providers asking at the same time for a school already
 * being loaded wait for that load instead of sending their own.
 */
export class CalendarCache {
  readonly #calendars = new Map<string, Promise<SchoolCalendar>>();

  /** The calendars of these schools, loading only the ones not cached or loading yet (two queries at most). */
  async get(db: Executor, schoolIds: readonly string[]): Promise<Map<string, SchoolCalendar>> {
    const wanted = [...new Set(schoolIds)];
    const missing = wanted.filter((id) => !this.#calendars.has(id));
    if (missing.length > 0) {
      const loading = loadSchoolCalendars(db, missing);
      for (const id of missing)
        this.#calendars.set(
          id,
          loading.then((calendars) => calendars.get(id)!),
        );
    }
    return new Map(await Promise.all(wanted.map(async (id) => [id, await this.#calendars.get(id)!] as const)));
  }
}

/**
 * What every provider gets: the viewer's date, the district's settings (read once per queue: the deadline
 * settings parsed, the raw document for the providers' own settings), the shared calendars.
 */
export interface WorkQueueContext {
  db: Executor;
  /**
   * The providers' first reads, sent together as one statement ({@link ReadBatch}): providers started at
   * once read through it, and a read issued alone is sent as it is.
   */
  batch: ReadBatch;
  today: string;
  settings: DeadlineSettings;
  districtSettings: Record<string, unknown>;
  calendars: CalendarCache;
}

/**
 * A source of work-queue items (compliance deadlines, implementer acknowledgments); a new source is added by
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
 * Why an open deadline is a viewer's (SQL over `deadlines` joined to `students`), so that nothing is
 * owned by nobody (legal-review.md E10):
 * - `own`: IEP items of students on their caseload; 504 items at a school they lead (principal or
 *   504 coordinator);
 * - `lead504`: records-request, discipline and consent items (`SECTION_504_LEAD_RULES`) of a 504-only
 *   student (a 504 plan or 504 deadline, no open IEP plan) at a school they lead;
 * - `noCaseManager` / `unassignedReferral`: every other IEP item of a student with no current case
 *   manager (a new referral), for the school's principal and for the school's case managers;
 * - `escalation`: IEP items at their school overdue (principals; shown past the threshold);
 * - `district`: every overdue item of the district (district admins).
 */
function routingOf(viewer: Viewer, today: string) {
  const scope = scopeOf(viewer);
  const rel = studentRelationshipConditions(scope);
  const overdue = sql`${deadlines.due} < ${today}::date`;
  const leads504 = or(rel.principalOf, rel.coordinator504Of)!;
  const hasCaseManager = sql`exists (
    select 1 from ${caseloads} where ${caseloads.studentId} = ${students.id}
      and ${caseloads.startsOn} <= ${today}::date
      and (${caseloads.endsOn} is null or ${caseloads.endsOn} >= ${today}::date))`;
  const openPlan = (type: "iep" | "504") =>
    sql`exists (select 1 from ${plans} where ${plans.studentId} = ${students.id}
      and ${plans.type} = ${type} and ${plans.endedAt} is null)`;
  const section504Only = and(
    or(
      openPlan("504"),
      sql`exists (select 1 from ${deadlines} d504 where d504.student_id = ${students.id} and d504.program = '504')`,
    ),
    not(openPlan("iep")),
  )!;
  const leadRule = inArray(deadlines.ruleId, [...SECTION_504_LEAD_RULES]);
  const iep = eq(deadlines.program, "iep");
  const lead504Item = and(iep, leadRule, section504Only)!;
  const unassignedItem = and(iep, not(hasCaseManager), not(lead504Item))!;
  const caseManagerAtSchool = sql`exists (
    select 1 from ${staffAssignments} where ${staffAssignments.userId} = ${viewer.userId}
      and ${staffAssignments.schoolId} = ${students.schoolId}
      and ${staffAssignments.role} = 'case_manager'
      and ${staffAssignments.startsOn} <= ${today}::date
      and (${staffAssignments.endsOn} is null or ${staffAssignments.endsOn} >= ${today}::date))`;
  return {
    scope,
    overdue,
    own: or(and(iep, rel.caseManagerOf), and(eq(deadlines.program, "504"), leads504))!,
    lead504: and(lead504Item, leads504)!,
    noCaseManager: and(unassignedItem, rel.principalOf)!,
    unassignedReferral: and(unassignedItem, caseManagerAtSchool)!,
    escalation: and(iep, overdue, rel.principalOf)!,
    district: and(overdue, rel.districtAdmin)!,
  };
}

/** Open deadlines nobody has completed (the items a queue may show). */
const openDeadline = () => and(eq(deadlines.status, "open"), isNull(deadlines.completedOn))!;

/**
 * Which deadlines a routing query starts from, so that it reads what the viewer sees instead of every
 * open deadline of the district (issue 15): the students of their current caseload and of the schools
 * where they currently lead (principal, 504 coordinator) or case-manage, through the indexes on
 * `caseloads`, `staff_assignments`, `students (school_id)` and `deadlines (student_id, status, due)`;
 * for a district admin, also the district's overdue deadlines through `deadlines (district_id, status,
 * due, id)`. Every route of {@link routingOf} holds only inside this set, which the routing then narrows
 * exactly: `own` and `escalation` need a caseload or a lead role at the student's school, `lead504` and
 * `noCaseManager` a lead role there, `unassignedReferral` a case-manager assignment there, `district`
 * an overdue deadline and the district admin role.
 */
function drivingDeadlines(viewer: Viewer, today: string, page?: { after: DeadlineCursor | null; limit: number }): SQL {
  const own = ownStudentIds(viewer.userId, today, {
    caseload: true,
    schoolRoles: ["principal", "coordinator_504", "case_manager"],
  });
  // `= any(array(...))`: the set is computed first (an init plan), and the deadlines are read through their
  // index by student (or id) — the planner cannot estimate a semi-join into the routing's OR'd conditions
  // and would otherwise scan the district's deadlines.
  if (viewer.role !== "district_admin") return sql`${deadlines.studentId} = any(array(${own}))`;
  // A page of the district's overdue deadlines needs only its first `limit + 1` after the cursor, read in
  // order from `deadlines (district_id, status, due, id)`: every one of them is routed to a district admin.
  const district = page
    ? sql`select d.id from ${deadlines} d where d.district_id = ${viewer.districtId} and d.status = 'open'
        and d.completed_on is null and d.due < ${today}::date and ${keysetAfter(page.after, sql`d.due`, sql`d.id`)}
        order by d.due, d.id limit ${page.limit + 1}`
    : sql`select d.id from ${deadlines} d where d.district_id = ${viewer.districtId} and d.status = 'open'
        and d.due < ${today}::date`;
  return sql`${deadlines.id} = any(array(
    select d.id from ${deadlines} d where d.student_id = any(array(${own})) and d.status = 'open'
    union
    (${district})))`;
}

/** SQL: the row (`due`, `id`) comes after the cursor in (due date, unknown first; id) order. */
function keysetAfter(
  after: DeadlineCursor | null,
  due: SQL | typeof deadlines.due,
  id: SQL | typeof deadlines.id,
): SQL {
  if (after === null) return sql`true`;
  if (after.due === null) return sql`(${due} is not null or ${id} > ${after.id}::uuid)`;
  return sql`(${due} > ${after.due}::date or (${due} = ${after.due}::date and ${id} > ${after.id}::uuid))`;
}

/** SQL over `deadlines` joined to `students`: the open deadlines in a viewer's queue (see {@link routedDeadlines}). */
function routedWhere(viewer: Viewer, today: string, page?: { after: DeadlineCursor | null; limit: number }): SQL {
  const route = routingOf(viewer, today);
  const visible = visibleStudents(route.scope);
  return and(
    eq(deadlines.districtId, viewer.districtId),
    drivingDeadlines(viewer, today, page),
    openDeadline(),
    or(isNull(deadlines.due), sql`${deadlines.due} <= ${addDays(today, QUEUE_HORIZON_DAYS)}::date`),
    or(
      and(visible, or(route.own, route.lead504, route.noCaseManager, route.escalation, route.district)),
      route.unassignedReferral,
    ),
  )!;
}

/**
 * The open deadlines routed to the viewer by {@link routingOf} (not completed, due at most
 * {@link QUEUE_HORIZON_DAYS} days ahead, or with an unknown due date), as work-queue items. With
 * `after`, the keyset page that follows that item in (due date, unknown first; id) order; without it,
 * the queue's order (due date, student, rule). A cursor only says where to start: the routing decides
 * what is listed, so no cursor reaches a deadline the viewer is not routed.
 */
async function routedDeadlines(
  viewer: Viewer,
  context: WorkQueueContext,
  { limit, after }: { limit: number; after?: DeadlineCursor | null },
): Promise<{ items: WorkQueueItem[]; truncated: boolean; last: DeadlineCursor | null }> {
  const route = routingOf(viewer, context.today);
  const visible = visibleStudents(route.scope);
  const flag = (condition: SQL) => selectField<boolean>(sql`(${condition})`);
  const keyset = after === undefined ? undefined : keysetAfter(after, deadlines.due, deadlines.id);
  const query = context.db
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
      visible: flag(visible),
      own: flag(route.own),
      lead504: flag(route.lead504),
      noCaseManager: flag(route.noCaseManager),
      unassignedReferral: flag(route.unassignedReferral),
      escalation: flag(route.escalation),
      district: flag(route.district),
    })
    .from(deadlines)
    .innerJoin(students, eq(students.id, deadlines.studentId))
    .innerJoin(schools, eq(schools.id, students.schoolId))
    .where(and(routedWhere(viewer, context.today, after === undefined ? undefined : { after, limit }), keyset))
    .orderBy(
      ...(keyset
        ? [sql`${deadlines.due} asc nulls first`, asc(deadlines.id)]
        : [sql`${deadlines.due} asc nulls first`, asc(students.lastName), asc(deadlines.ruleId)]),
    )
    .limit(limit + 1);
  const rows = await context.batch.read(query);
  const page = rows.slice(0, limit);
  const calendars = await context.calendars.get(
    context.db,
    page.map((r) => r.schoolId),
  );
  const items: WorkQueueItem[] = [];
  for (const row of page) {
    const timing =
      row.due === null
        ? { schoolDaysLeft: 0, overdue: false, escalated: false, dueSoon: false, beyondCalendar: true }
        : timingOf(calendars.get(row.schoolId)!, context.today, row.due, context.settings.workQueue);
    const reason = row.own
      ? row.program === "504"
        ? "school504"
        : "caseload"
      : row.lead504
        ? "lead504"
        : row.noCaseManager
          ? "noCaseManager"
          : row.unassignedReferral
            ? "unassignedReferral"
            : row.escalation && timing.escalated
              ? "escalation"
              : row.district
                ? "district"
                : null;
    if (reason === null) continue;
    items.push({
      key: `deadline:${row.id}`,
      source: "deadline",
      title: { key: `deadlines.rules.${row.ruleId}.title` },
      studentId: row.studentId,
      studentName: `${row.firstName} ${row.lastName}`,
      studentFirstName: row.firstName,
      studentLastName: row.lastName,
      schoolName: row.schoolName,
      due: row.due,
      dueUnknown: row.due === null,
      ...timing,
      reason,
      ...(row.ruleId === CONSENT_ANSWER_RULE && timing.overdue
        ? { step: { key: "workQueue.steps.recordConsentRefusal" } }
        : {}),
      href: row.visible ? `/students/${row.studentId}#deadlines` : "/work-queue",
    });
  }
  const lastRow = page.at(-1);
  return {
    items,
    truncated: rows.length > limit,
    last: rows.length > limit && lastRow ? { due: lastRow.due, id: lastRow.id } : null,
  };
}

/**
 * Deadlines provider: the viewer's routed open deadlines ({@link routedDeadlines}). A due date the
 * school calendar cannot count yet (`due` null: next year's calendar not loaded) is shown as "due date
 * unknown — load the school calendar", never dropped. A school case manager sees an unassigned referral
 * of a student they cannot open yet: its link is the queue.
 */
export const deadlineQueueProvider: WorkQueueProvider = {
  id: "deadline",
  async items(viewer, context, limit) {
    // Every route needs a caseload, a lead or case-manager role at a school, or the district admin role
    // (routingOf): a teacher or a provider has none of them, and no query is sent for them.
    if (
      viewer.role !== "district_admin" &&
      !holdsCaseload(viewer) &&
      !holdsSchoolRole(viewer, ["principal", "coordinator_504", "case_manager"])
    )
      return { items: [], truncated: false };
    // A district admin's deadlines are every overdue deadline of the district: read as the first keyset
    // page (due date, id) so that only `limit + 1` of them are read through the index, not all of them.
    const after = viewer.role === "district_admin" ? null : undefined;
    const { items, truncated } = await routedDeadlines(viewer, context, { limit, after });
    return { items, truncated };
  },
};

/** Deadlines per page of the paginated queue (the district admin's: every overdue deadline of the district). */
export const DEADLINE_PAGE_SIZE = 50;

/**
 * `workQueue.read`: one keyset page of the viewer's deadline items (`pageSize`, {@link DEADLINE_PAGE_SIZE} by default, in due
 * date then id order, starting after `after`, an encoded cursor or null for the first page), the counts of
 * their whole deadline queue from one aggregate query, and — on the first page — the items of the other
 * providers ({@link PAGED_QUEUE_OTHER_PROVIDERS}). Built for the district admin, whose deadline items are every overdue deadline of the district:
 * the page reads that many rows through `deadlines (district_id, status, due, id)`, not the district.
 * Logged as a list read of the students listed. Throws FORBIDDEN for viewers without a queue (parents),
 * NOT_FOUND for a malformed cursor.
 */
export async function listWorkQueuePage(
  viewer: Viewer,
  after: string | null,
  pageSize: number = DEADLINE_PAGE_SIZE,
): Promise<WorkQueuePage> {
  await authorize(viewer, "workQueue.read");
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 200) throw new AppError("VALIDATION");
  const cursor = after === null ? null : decodeDeadlineCursor(after);
  const context = await contextFor(viewer, new CalendarCache());
  const overdue = sql`${deadlines.due} < ${context.today}::date`;
  const countFields = {
    open: sql<number>`count(*)`.mapWith(Number),
    overdue: sql<number>`count(*) filter (where ${overdue})`.mapWith(Number),
    students: sql<number>`count(distinct ${deadlines.studentId})`.mapWith(Number),
    oldestDue: sql<string | null>`min(${deadlines.due})`,
  };
  const liveCounts = () =>
    viewer.role === "district_admin"
      ? // A district admin's counts are the district's overdue deadlines (what the page lists), from
        // `deadlines (district_id, status, due, id)`; anyone else's, their routed deadlines.
        context.db
          .select(countFields)
          .from(deadlines)
          .where(and(eq(deadlines.districtId, viewer.districtId), openDeadline(), overdue))
      : context.db
          .select(countFields)
          .from(deadlines)
          .innerJoin(students, eq(students.id, deadlines.studentId))
          .where(routedWhere(viewer, context.today));
  const [page, [counts], others] = await Promise.all([
    routedDeadlines(viewer, context, { limit: pageSize, after: cursor }),
    // A district admin's totals from the per-school summaries when they are today's (one row per school).
    viewer.role === "district_admin"
      ? districtTotals(viewer, context).then((totals) =>
          totals
            ? [
                {
                  open: totals.overdue,
                  overdue: totals.overdue,
                  students: totals.students,
                  oldestDue: totals.oldestDue,
                },
              ]
            : liveCounts(),
        )
      : liveCounts(),
    cursor === null
      ? Promise.all(PAGED_QUEUE_OTHER_PROVIDERS.map((p) => p.items(viewer, context, PROVIDER_LIMIT)))
      : Promise.resolve([]),
  ]);
  const otherItems = others.flatMap((r) => r.items).sort(byDueThenStudent);
  const listed = [...page.items, ...otherItems].flatMap((i) => (i.studentId ? [i.studentId] : []));
  if (listed.length > 0) await recordListAccess(viewer, "students.listed", { list: "workQueue" }, listed);
  return {
    today: context.today,
    counts: counts ?? { open: 0, overdue: 0, students: 0, oldestDue: null },
    deadlines: page.items,
    next: page.last ? encodeDeadlineCursor(page.last) : null,
    first: cursor !== null,
    others: otherItems,
    othersTruncated: others.some((r) => r.truncated),
  };
}

/**
 * The open deadlines (any due date) of the viewer's district that {@link routingOf} gives to this
 * viewer as their own to act on — own, 504 lead, no case manager, unassigned referral — leaving out
 * escalations and the district's overdue view. The union over a district's staff is every open
 * deadline of the district: the check that nothing is owned by nobody.
 */
export async function listOwnedOpenDeadlineIds(viewer: Viewer): Promise<string[]> {
  const route = routingOf(viewer, viewer.today);
  const rows = await getDb()
    .select({ id: deadlines.id })
    .from(deadlines)
    .innerJoin(students, eq(students.id, deadlines.studentId))
    .where(
      and(
        eq(deadlines.districtId, viewer.districtId),
        drivingDeadlines(viewer, viewer.today),
        openDeadline(),
        or(
          and(visibleStudents(route.scope), or(route.own, route.lead504, route.noCaseManager)),
          route.unassignedReferral,
        ),
      ),
    );
  return rows.map((r) => r.id);
}

/**
 * Every source of work-queue items, in display order: deadlines, accommodation acknowledgments,
 * service-minute shortfalls, goals without recent data, then transitions waiting for their next step.
 */
export const WORK_QUEUE_PROVIDERS: WorkQueueProvider[] = [
  deadlineQueueProvider,
  acknowledgmentQueueProvider,
  serviceShortfallQueueProvider,
  goalDataQueueProvider,
  progressReportQueueProvider,
  transitionQueueProvider,
  referralQueueProvider,
];

/**
 * The sources shown beside the paginated deadlines, on the first page: every provider but the deadlines
 * themselves. For a district admin the acknowledgment provider reads the per-school delivery summaries
 * (one item per school with escalated acknowledgments, `delivery-queue.ts`), not every assignment.
 */
const PAGED_QUEUE_OTHER_PROVIDERS = WORK_QUEUE_PROVIDERS.filter((p) => p !== deadlineQueueProvider);

/**
 * One read of the district's settings for every provider, and the calendars of the viewer's own schools
 * loaded alongside it (most items are of those schools), so that providers do not each send their own.
 */
async function contextFor(viewer: Viewer, calendars: CalendarCache): Promise<WorkQueueContext> {
  const db = getDb();
  const [districtSettings] = await Promise.all([
    districtSettingsOf(db, viewer.districtId),
    calendars.get(
      db,
      viewer.schoolRoles.map((r) => r.schoolId),
    ),
  ]);
  return {
    db,
    batch: new ReadBatch(db),
    today: viewer.today,
    settings: parseDeadlineSettings(districtSettings),
    districtSettings,
    calendars,
  };
}

/** The queue's order: due date (unknown first), then student name. */
function byDueThenStudent(a: WorkQueueItem, b: WorkQueueItem): number {
  return (a.due ?? "").localeCompare(b.due ?? "") || a.studentName.localeCompare(b.studentName);
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
  const items = results.flatMap((r) => r.items).sort(byDueThenStudent);
  return { today: viewer.today, items, truncated: results.some((r) => r.truncated) };
}

/**
 * `workQueue.read`: the viewer's work queue (see {@link buildWorkQueue}), logged as a list read of
 * those students. Throws FORBIDDEN for viewers without a queue (parents).
 */
export async function listWorkQueue(viewer: Viewer, list = "workQueue"): Promise<WorkQueue> {
  await authorize(viewer, "workQueue.read");
  const queue = await buildWorkQueue(viewer);
  if (queue.items.length > 0) {
    await recordListAccess(
      viewer,
      "students.listed",
      { list },
      queue.items.flatMap((i) => (i.studentId ? [i.studentId] : [])),
    );
  }
  return queue;
}

/**
 * A district admin's deadline items are every past-due open deadline of the district: their totals
 * from the per-school summaries (`school_deadline_summaries`, one row per school), or null when a
 * school's row is not today's or not of the current escalation threshold (the caller counts live).
 */
function districtTotals(viewer: Viewer, context: WorkQueueContext): Promise<DistrictDeadlineTotals | null> {
  return readDistrictDeadlineTotals(context.db, {
    districtId: viewer.districtId,
    today: context.today,
    escalateAfterSchoolDays: context.settings.workQueue.escalateAfterSchoolDays,
  });
}

/** The dashboard's counts of some work-queue items. */
function countItems(items: readonly WorkQueueItem[]): WorkQueueSummary {
  return {
    open: items.length,
    overdue: items.filter((i) => i.overdue).length,
    escalated: items.filter((i) => i.escalated).length,
    dueSoon: items.filter((i) => i.dueSoon).length,
  };
}

/**
 * `workQueue.read`: counts for the dashboard (no names, so no access is logged). A district admin's
 * deadlines are counted from the per-school summaries — all of them, where the queue lists at most
 * {@link PROVIDER_LIMIT} — and the other providers' items as they are listed.
 */
export async function summarizeWorkQueue(viewer: Viewer): Promise<WorkQueueSummary> {
  if (viewer.role !== "district_admin") return countItems((await buildWorkQueue(viewer)).items);
  const context = await contextFor(viewer, new CalendarCache());
  const [totals, others] = await Promise.all([
    districtTotals(viewer, context),
    Promise.all(PAGED_QUEUE_OTHER_PROVIDERS.map((p) => p.items(viewer, context, PROVIDER_LIMIT))),
  ]);
  const otherItems = others.flatMap((r) => r.items);
  if (!totals) {
    const { items } = await deadlineQueueProvider.items(viewer, context, PROVIDER_LIMIT);
    return countItems([...items, ...otherItems]);
  }
  // The per-school acknowledgment items are counted from the summaries (all of them; the queue lists the first).
  const rest = countItems(otherItems.filter((i) => !i.key.startsWith(SCHOOL_ITEM_KEY)));
  // Past-due deadlines are overdue and never "due soon".
  return {
    open: totals.overdue + totals.escalatedSchools + rest.open,
    overdue: totals.overdue + totals.escalatedSchools + rest.overdue,
    escalated: totals.escalated + totals.escalatedSchools + rest.escalated,
    dueSoon: rest.dueSoon,
  };
}
