import "server-only";
import { and, asc, eq, gt, or, sql } from "drizzle-orm";
import {
  caseloads,
  planServices,
  planVersions,
  schoolDeliverySummaries,
  schools,
  sectionEnrollments,
  sectionTeachers,
  students,
} from "@/db/schema";
import type { WorkQueueItem } from "@/lib/dto/deadlines";
import { inForce, visibleStudents } from "@/lib/policy";
import { loadTimedAssignments, ownAssignments } from "./internal/assignments";
import { holdsCaseload, ownStudentIds } from "./internal/own-students";
import { scopeOf } from "./internal/scope";
import type { Viewer } from "./viewer";
import type { WorkQueueContext, WorkQueueProvider } from "./work-queue";

/**
 * Acknowledgments provider for the work queue (and so the daily digest). A viewer's items are:
 * their own unacknowledged plan versions (teachers and providers, from the day of assignment);
 * overdue acknowledgments of the plans they lead (IEP: case manager; 504: principal or 504
 * coordinator); escalated ones at their school (principals). One item per implementer and
 * version. A district admin gets one item per school with escalated acknowledgments, read from the
 * per-school summary (a count linking to the school's overdue rows), never every assignment of the
 * district.
 */
export const acknowledgmentQueueProvider: WorkQueueProvider = {
  id: "acknowledgment",
  async items(viewer, context, limit) {
    let more = false;
    const items =
      viewer.role === "district_admin"
        ? await Promise.all([ownItems(viewer, context), districtItems(viewer, context)]).then(([own, district]) => {
            more = district.more;
            return [...own, ...district.items];
          })
        : await staffItems(viewer, context);
    items.sort((a, b) => (a.due ?? "").localeCompare(b.due ?? ""));
    return { items: items.slice(0, limit), truncated: more || items.length > limit };
  },
};

async function timed(viewer: Viewer, context: WorkQueueContext, where: Parameters<typeof loadTimedAssignments>[3]) {
  const { calendars, timed: rows } = await loadTimedAssignments(
    context.db,
    viewer.districtId,
    context.today,
    where,
    (ids) => context.calendars.get(context.db, ids),
  );
  const unique = new Map<string, (typeof rows)[number]>();
  for (const row of rows)
    if (!unique.has(`${row.userId}|${row.versionId}`)) unique.set(`${row.userId}|${row.versionId}`, row);
  return { rows: [...unique.values()], calendars };
}

type Timed = Awaited<ReturnType<typeof timed>>;

function toItem(
  row: Timed["rows"][number],
  context: WorkQueueContext,
  calendars: Timed["calendars"],
  own: boolean,
  reason: string,
): WorkQueueItem | null {
  if (!row.timing.due) return null;
  const calendar = calendars.get(row.schoolId)!;
  const schoolDaysLeft = calendar.schoolDaysBetween(context.today, row.timing.due);
  const overdue = row.timing.due < context.today;
  return {
    key: `acknowledgment:${row.versionId}:${row.userId}`,
    source: "acknowledgment",
    title: own
      ? { key: "delivery.queue.own", values: { type: row.planType === "iep" ? "IEP" : "504" } }
      : {
          key: "delivery.queue.other",
          values: { teacher: row.userName, type: row.planType === "iep" ? "IEP" : "504" },
        },
    studentId: row.studentId,
    studentName: `${row.studentFirstName} ${row.studentLastName}`,
    studentFirstName: row.studentFirstName,
    studentLastName: row.studentLastName,
    schoolName: row.schoolName,
    due: row.timing.due,
    dueUnknown: false,
    schoolDaysLeft,
    overdue,
    escalated: row.timing.state === "escalated",
    dueSoon: !overdue && schoolDaysLeft <= context.settings.workQueue.digestWindowSchoolDays,
    beyondCalendar: calendar.lastSchoolDay === null || row.timing.due > calendar.lastSchoolDay,
    reason,
    href: own ? "/accommodations" : `/coverage/details?teacher=${row.userId}&state=outstanding`,
  };
}

/** The viewer's own unacknowledged assignments (rows whose implementer is the viewer) as items. */
function ownItemsOf(viewer: Viewer, context: WorkQueueContext, { rows, calendars }: Timed): WorkQueueItem[] {
  return rows
    .filter((r) => r.userId === viewer.userId && r.timing.state !== "acknowledged")
    .flatMap((r) => toItem(r, context, calendars, true, "implementer") ?? []);
}

async function ownItems(viewer: Viewer, context: WorkQueueContext): Promise<WorkQueueItem[]> {
  return ownItemsOf(viewer, context, await timed(viewer, context, ownAssignments(viewer)));
}

const uuids = (ids: Iterable<string>) =>
  sql.join(
    [...ids].map((id) => sql`${id}::uuid`),
    sql`, `,
  );

/**
 * A staff member's items (everyone but the district admin): their own assignments and, for a plan lead
 * (case manager, principal, 504 coordinator), the overdue and escalated assignments of others they
 * oversee — read together, in one load of assignments and acknowledgments (issue 15: statements per
 * render). Only students an item can be for drive the query, as an id array the planner looks up by
 * index: the sections the viewer teaches and the services they provide (their own rows), the caseload's
 * IEPs and the lead schools' students (others' rows, with the policy's visibility kept as a filter).
 * Without the array the query walked every plan in force in the district (1.3–1.7 s at 500,000).
 */
async function staffItems(viewer: Viewer, context: WorkQueueContext): Promise<WorkQueueItem[]> {
  const leadSchools = new Set(
    viewer.schoolRoles.filter((r) => r.role === "principal" || r.role === "coordinator_504").map((r) => r.schoolId),
  );
  const principalSchools = new Set(viewer.schoolRoles.filter((r) => r.role === "principal").map((r) => r.schoolId));
  const leads = leadSchools.size > 0;
  const own = ownAssignments(viewer);
  // No caseload and no lead school: the viewer oversees no one, their own assignments are the query.
  if (!holdsCaseload(viewer) && !leads) return ownItemsOf(viewer, context, await timed(viewer, context, own));
  // A case manager who leads no school oversees their caseload only: it drives the query as a subquery and
  // every overseen row is of their caseload. One who leads schools too reads it, to tell the two apart.
  const caseloadIds =
    holdsCaseload(viewer) && leads
      ? (
          await context.db
            .select({ studentId: caseloads.studentId })
            .from(caseloads)
            .where(and(eq(caseloads.caseManagerId, viewer.userId), inForce(caseloads, context.today)))
        ).map((r) => r.studentId)
      : [];
  const caseload = new Set(caseloadIds);
  const onCaseload = (studentId: string) => !leads || caseload.has(studentId);
  const overseen = sql.join(
    [
      ...(!leads
        ? [ownStudentIds(viewer.userId, context.today, { caseload: true, schoolRoles: [] })]
        : caseloadIds.length > 0
          ? [sql`select unnest(array[${uuids(caseloadIds)}])`]
          : []),
      ...(leads ? [sql`select lead.id from ${students} lead where lead.school_id in (${uuids(leadSchools)})`] : []),
    ],
    sql` union all `,
  );
  const others = and(
    sql`${students.id} = any(array(${overseen}))`,
    visibleStudents(scopeOf(viewer), "implementation.read"),
    eq(students.districtId, viewer.districtId),
  )!;
  const taught = sql`select se.student_id from ${sectionEnrollments} se
    join ${sectionTeachers} st on st.section_id = se.section_id
    where st.user_id = ${viewer.userId}
      and se.starts_on <= ${context.today}::date and (se.ends_on is null or se.ends_on >= ${context.today}::date)
      and st.starts_on <= ${context.today}::date and (st.ends_on is null or st.ends_on >= ${context.today}::date)`;
  const provided = sql`select pv.student_id from ${planServices} ps join ${planVersions} pv on pv.id = ps.version_id
    where ps.provider_user_id = ${viewer.userId} and pv.status = 'active'`;
  const timedRows = await timed(viewer, context, {
    teachers: and(sql`${students.id} = any(array(${overseen} union all ${taught}))`, or(own.teachers, others))!,
    providers: and(sql`${students.id} = any(array(${overseen} union all ${provided}))`, or(own.providers, others))!,
  });
  const oversight = timedRows.rows.flatMap((row) => {
    if (row.userId === viewer.userId || (row.timing.state !== "overdue" && row.timing.state !== "escalated")) return [];
    const isLead = row.planType === "iep" ? onCaseload(row.studentId) : leadSchools.has(row.schoolId);
    const reason = isLead
      ? "planLead"
      : row.timing.state === "escalated" && principalSchools.has(row.schoolId)
        ? "escalation"
        : null;
    return reason ? (toItem(row, context, timedRows.calendars, false, reason) ?? []) : [];
  });
  return [...ownItemsOf(viewer, context, timedRows), ...oversight];
}

/**
 * Schools listed to a district admin, earliest escalation first: the first page of a district of a
 * thousand schools (the dashboard counts every one from the summaries, `countEscalatedSchools`), so the
 * queue never loads a calendar per school of the state.
 */
export const DISTRICT_SCHOOL_ITEMS = 25;

/** Key prefix of the district admin's per-school acknowledgment items. */
export const SCHOOL_ITEM_KEY = "acknowledgment:school:";

/**
 * The district admin's escalations: per school, how many acknowledgments are escalated (from the
 * school's summary row) since the earliest due date, linking to that school's overdue rows. One
 * query over at most one row per school, plus the calendars of the schools listed.
 */
async function districtItems(
  viewer: Viewer,
  context: WorkQueueContext,
): Promise<{ items: WorkQueueItem[]; more: boolean }> {
  const rows = await context.db
    .select({
      schoolId: schools.id,
      schoolName: schools.name,
      escalated: schoolDeliverySummaries.escalated,
      since: schoolDeliverySummaries.escalatedSince,
    })
    .from(schoolDeliverySummaries)
    .innerJoin(schools, eq(schools.id, schoolDeliverySummaries.schoolId))
    .where(and(eq(schoolDeliverySummaries.districtId, viewer.districtId), gt(schoolDeliverySummaries.escalated, 0)))
    .orderBy(asc(schoolDeliverySummaries.escalatedSince), asc(schools.name))
    .limit(DISTRICT_SCHOOL_ITEMS + 1);
  const more = rows.length > DISTRICT_SCHOOL_ITEMS;
  rows.splice(DISTRICT_SCHOOL_ITEMS);
  if (!rows.length) return { items: [], more };
  const calendars = await context.calendars.get(
    context.db,
    rows.map((r) => r.schoolId),
  );
  const items = rows.map((row): WorkQueueItem => {
    const calendar = calendars.get(row.schoolId);
    const due = row.since;
    return {
      key: `${SCHOOL_ITEM_KEY}${row.schoolId}`,
      source: "acknowledgment",
      title: { key: "delivery.queue.school", values: { count: row.escalated } },
      // A school-level item names no student (the work queue logs only the students it lists).
      studentId: "",
      studentName: row.schoolName,
      studentFirstName: "",
      studentLastName: "",
      schoolName: row.schoolName,
      due,
      dueUnknown: false,
      schoolDaysLeft: due && calendar ? calendar.schoolDaysBetween(context.today, due) : 0,
      overdue: true,
      escalated: true,
      dueSoon: false,
      beyondCalendar: false,
      reason: "district",
      href: `/coverage/details?school=${row.schoolId}&state=escalated`,
    };
  });
  return { items, more };
}
