import "server-only";
import { and, eq, or, sql } from "drizzle-orm";
import { caseloads, deadlines, meetings, referrals, schools, students } from "@/db/schema";
import type { WorkQueueItem } from "@/lib/dto/deadlines";
import { studentRelationshipConditions, visibleStudents } from "@/lib/policy";
import { evaluationReportDue } from "@/lib/referrals/steps";
import { holdsCaseload, holdsSchoolRole, ownStudentIds } from "./internal/own-students";
import { scopeOf } from "./internal/scope";
import type { WorkQueueProvider } from "./work-queue";

/** The staff step an open referral waits on, from its record (the parent's steps are D-23 items). */
function stageOf(row: {
  decision: string | null;
  evaluationCompletedOn: string | null;
  needsSdi: boolean | null;
}): "decide" | "evaluate" | "eligibility" | "notEligibleNotice" | "iep" {
  if (!row.decision) return "decide";
  if (!row.evaluationCompletedOn) return "evaluate";
  if (row.needsSdi === null) return "eligibility";
  return row.needsSdi ? "iep" : "notEligibleNotice";
}

/**
 * Referrals provider for the work queue (issue 12; compliance.md §3.1): each open referral is an item for
 * whoever acts next — the student's case manager, or the school's principal while the student has no case
 * manager — titled with the step it waits on and due on the referral's D-01 date (the engine's deadline; no
 * item while the clock is paused for consent: the parent's answer is the D-23 item). A parent's request for the evaluation report adds a D-07 item,
 * due 3 school days before the scheduled eligibility PPT. Items link to the transition page. One query.
 */
export const referralQueueProvider: WorkQueueProvider = {
  id: "referral",
  async items(viewer, context, limit) {
    // Items go to a case manager (their caseload) or a principal (their school): no query for anyone else.
    if (!holdsCaseload(viewer) && !holdsSchoolRole(viewer, ["principal"])) return { items: [], truncated: false };
    const scope = scopeOf(viewer);
    const rel = studentRelationshipConditions(scope);
    const hasCaseManager = sql`exists (select 1 from ${caseloads} where ${caseloads.studentId} = ${students.id}
      and ${caseloads.startsOn} <= ${context.today}::date
      and (${caseloads.endsOn} is null or ${caseloads.endsOn} >= ${context.today}::date))`;
    const rows = await context.batch.read(
      context.db
        .select({
          id: referrals.id,
          decision: referrals.decision,
          evaluationCompletedOn: referrals.evaluationCompletedOn,
          needsSdi: referrals.needsSdi,
          reportRequestedOn: referrals.reportRequestedOn,
          d01: deadlines.due,
          eligibilityOn: sql<string | null>`(select min(${meetings.scheduledOn}) from ${meetings}
          where ${meetings.studentId} = ${referrals.studentId} and ${meetings.program} = 'iep'
            and ${meetings.status} = 'scheduled' and 'eligibility' = any(${meetings.purposes})
            and ${meetings.scheduledOn} >= ${referrals.receivedOn})`,
          studentId: students.id,
          viaCaseload: sql<boolean>`${rel.caseManagerOf}`,
          firstName: students.firstName,
          lastName: students.lastName,
          schoolId: students.schoolId,
          schoolName: schools.name,
        })
        .from(referrals)
        .innerJoin(students, eq(students.id, referrals.studentId))
        .innerJoin(schools, eq(schools.id, students.schoolId))
        .leftJoin(deadlines, and(eq(deadlines.triggerEventId, referrals.receivedEventId), eq(deadlines.ruleId, "D-01")))
        .where(
          and(
            eq(referrals.districtId, viewer.districtId),
            eq(referrals.status, "open"),
            sql`${referrals.studentId} in (${ownStudentIds(viewer.userId, context.today, {
              caseload: true,
              schoolRoles: ["principal"],
            })})`,
            visibleStudents(scope),
            or(rel.caseManagerOf, and(rel.principalOf, sql`not ${hasCaseManager}`)),
          ),
        )
        .orderBy(referrals.receivedOn)
        .limit(limit + 1),
    );
    const calendars = await context.calendars.get(
      context.db,
      rows.map((r) => r.schoolId),
    );
    const items: WorkQueueItem[] = [];
    for (const row of rows.slice(0, limit)) {
      const calendar = calendars.get(row.schoolId)!;
      const base = {
        studentId: row.studentId,
        studentName: `${row.firstName} ${row.lastName}`,
        studentFirstName: row.firstName,
        studentLastName: row.lastName,
        schoolName: row.schoolName,
        reason: row.viaCaseload ? ("caseload" as const) : ("noCaseManager" as const),
        href: `/students/${row.studentId}/transitions/${row.id}`,
      };
      const timing = (due: string) => {
        const overdue = due < context.today;
        const schoolDaysLeft = calendar.schoolDaysBetween(context.today, due);
        return {
          due,
          dueUnknown: false,
          schoolDaysLeft,
          overdue,
          escalated: false,
          dueSoon: !overdue && schoolDaysLeft <= context.settings.workQueue.digestWindowSchoolDays,
          beyondCalendar: calendar.lastSchoolDay === null || due > calendar.lastSchoolDay,
        };
      };
      if (row.d01 !== null)
        items.push({
          ...base,
          ...timing(row.d01),
          key: `referral:${row.id}`,
          source: "referral",
          title: { key: `referrals.queue.${stageOf(row)}` },
        });
      if (row.reportRequestedOn && row.needsSdi === null) {
        const due = evaluationReportDue(row.reportRequestedOn, row.eligibilityOn, (date, n) =>
          calendar.nthSchoolDayBefore(date, n),
        );
        if (due)
          items.push({
            ...base,
            ...timing(due),
            key: `referral-report:${row.id}`,
            source: "referral",
            title: { key: "referrals.queue.report" },
          });
      }
    }
    return { items, truncated: rows.length > limit };
  },
};
