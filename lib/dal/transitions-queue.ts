import "server-only";
import { and, eq, gte, isNull, or, sql } from "drizzle-orm";
import { planEnds, planVersions, schools, students } from "@/db/schema";
import { addDays } from "@/lib/compliance/dates";
import type { WorkQueueItem } from "@/lib/dto/deadlines";
import { studentRelationshipConditions, visibleStudents } from "@/lib/policy";
import { ownStudentIds } from "./internal/own-students";
import { scopeOf } from "./internal/scope";
import type { WorkQueueProvider } from "./work-queue";

/**
 * Transitions provider for the work queue (issue 12; CL-9 IEP→504 step 6): an IEP ending by transfer to
 * a 504 plan (scheduled, or ended within the last 120 days) with no 504 plan finalized and scheduled
 * for the day after — the 504 team's next step. Items go to the principal and the 504 coordinator of
 * the student's school, due the IEP's last day. One query.
 */
export const transitionQueueProvider: WorkQueueProvider = {
  id: "transition",
  async items(viewer, context, limit) {
    // Only the 504 leads of a school get these items: no query for anyone else.
    if (!viewer.schoolRoles.some((r) => r.role === "principal" || r.role === "coordinator_504"))
      return { items: [], truncated: false };
    const scope = scopeOf(viewer);
    const rel = studentRelationshipConditions(scope);
    const rows = await context.batch.read(
      context.db
        .select({
          id: planEnds.id,
          endsOn: planEnds.endsOn,
          studentId: students.id,
          firstName: students.firstName,
          lastName: students.lastName,
          schoolId: students.schoolId,
          schoolName: schools.name,
        })
        .from(planEnds)
        .innerJoin(students, eq(students.id, planEnds.studentId))
        .innerJoin(schools, eq(schools.id, students.schoolId))
        .where(
          and(
            eq(planEnds.districtId, viewer.districtId),
            eq(planEnds.reason, "transferred_to_504"),
            or(eq(planEnds.status, "scheduled"), eq(planEnds.status, "completed")),
            isNull(planEnds.stayPutFilingId),
            gte(planEnds.endsOn, addDays(context.today, -120)),
            sql`${planEnds.studentId} in (${ownStudentIds(viewer.userId, context.today, {
              caseload: false,
              schoolRoles: ["principal", "coordinator_504"],
            })})`,
            visibleStudents(scope),
            or(rel.principalOf, rel.coordinator504Of),
            sql`not exists (select 1 from ${planVersions} v where v.student_id = ${planEnds.studentId}
            and v.plan_type = '504' and v.status in ('final', 'active') and v.effective_on = ${planEnds.endsOn})`,
          ),
        )
        .orderBy(planEnds.endsOn)
        .limit(limit + 1),
    );
    const calendars = await context.calendars.get(
      context.db,
      rows.map((r) => r.schoolId),
    );
    const items: WorkQueueItem[] = rows.slice(0, limit).map((row) => {
      const calendar = calendars.get(row.schoolId)!;
      const due = addDays(row.endsOn, -1);
      const overdue = due < context.today;
      const schoolDaysLeft = calendar.schoolDaysBetween(context.today, due);
      return {
        key: `transition:${row.id}`,
        source: "transition",
        title: { key: "transitions.queue.plan504Needed" },
        studentId: row.studentId,
        studentName: `${row.firstName} ${row.lastName}`,
        studentFirstName: row.firstName,
        studentLastName: row.lastName,
        schoolName: row.schoolName,
        due,
        dueUnknown: false,
        schoolDaysLeft,
        overdue,
        escalated: overdue,
        dueSoon: !overdue && schoolDaysLeft <= context.settings.workQueue.digestWindowSchoolDays,
        beyondCalendar: calendar.lastSchoolDay === null || due > calendar.lastSchoolDay,
        reason: "school504",
        href: `/students/${row.studentId}`,
      };
    });
    return { items, truncated: rows.length > limit };
  },
};
