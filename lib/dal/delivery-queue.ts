import "server-only";
import { and, eq } from "drizzle-orm";
import { caseloads, students } from "@/db/schema";
import type { WorkQueueItem } from "@/lib/dto/deadlines";
import { inForce, visibleStudents } from "@/lib/policy";
import { loadTimedAssignments, ownAssignments } from "./internal/assignments";
import { scopeOf } from "./internal/scope";
import type { Viewer } from "./viewer";
import type { WorkQueueContext, WorkQueueProvider } from "./work-queue";

/**
 * Acknowledgments provider for the work queue (and so the daily digest). A viewer's items are:
 * their own unacknowledged plan versions (teachers and providers, from the day of assignment);
 * overdue acknowledgments of the plans they lead (IEP: case manager; 504: principal or 504
 * coordinator); escalated ones at their school (principals); every escalated one in the district
 * (district admins). One item per implementer and version.
 */
export const acknowledgmentQueueProvider: WorkQueueProvider = {
  id: "acknowledgment",
  async items(viewer, context, limit) {
    const items = [...(await ownItems(viewer, context)), ...(await oversightItems(viewer, context))];
    items.sort((a, b) => (a.due ?? "").localeCompare(b.due ?? ""));
    return { items: items.slice(0, limit), truncated: items.length > limit };
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

function toItem(
  row: Awaited<ReturnType<typeof timed>>["rows"][number],
  context: WorkQueueContext,
  calendars: Awaited<ReturnType<typeof timed>>["calendars"],
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

async function ownItems(viewer: Viewer, context: WorkQueueContext): Promise<WorkQueueItem[]> {
  const { rows, calendars } = await timed(viewer, context, ownAssignments(viewer));
  return rows
    .filter((r) => r.timing.state !== "acknowledged")
    .flatMap((r) => toItem(r, context, calendars, true, "implementer") ?? []);
}

async function oversightItems(viewer: Viewer, context: WorkQueueContext): Promise<WorkQueueItem[]> {
  const leadSchools = new Set(
    viewer.schoolRoles.filter((r) => r.role === "principal" || r.role === "coordinator_504").map((r) => r.schoolId),
  );
  const principalSchools = new Set(viewer.schoolRoles.filter((r) => r.role === "principal").map((r) => r.schoolId));
  if (viewer.role !== "district_admin" && viewer.role !== "case_manager" && leadSchools.size === 0) return [];
  const visible = and(
    visibleStudents(scopeOf(viewer), "implementation.read"),
    eq(students.districtId, viewer.districtId),
  )!;
  const { rows, calendars } = await timed(viewer, context, { teachers: visible, providers: visible });
  const caseload = new Set(
    viewer.role === "case_manager"
      ? (
          await context.db
            .select({ studentId: caseloads.studentId })
            .from(caseloads)
            .where(and(eq(caseloads.caseManagerId, viewer.userId), inForce(caseloads, context.today)))
        ).map((r) => r.studentId)
      : [],
  );
  return rows.flatMap((row) => {
    if (row.userId === viewer.userId || (row.timing.state !== "overdue" && row.timing.state !== "escalated")) return [];
    const leads = row.planType === "iep" ? caseload.has(row.studentId) : leadSchools.has(row.schoolId);
    const reason = leads
      ? "planLead"
      : row.timing.state === "escalated" && principalSchools.has(row.schoolId)
        ? "escalation"
        : row.timing.state === "escalated" && viewer.role === "district_admin"
          ? "district"
          : null;
    return reason ? (toItem(row, context, calendars, false, reason) ?? []) : [];
  });
}
