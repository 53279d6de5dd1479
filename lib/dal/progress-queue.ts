import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { caseloads, planGoals, planVersions, schools, students } from "@/db/schema";
import type { WorkQueueItem } from "@/lib/dto/deadlines";
import { parseProgressSettings } from "@/lib/progress/settings";
import { lastObservedOnSameGoal } from "./internal/same-goal";
import { onCaseloadOf } from "./internal/own-students";
import type { Viewer } from "./viewer";
import type { WorkQueueContext, WorkQueueProvider } from "./work-queue";

/**
 * Goal-data provider for the work queue (legal-review PM-5, "no data for a goal in N school days"):
 * for a case manager, every goal of an IEP in force for a student on their caseload whose last data
 * point (or, with none, the day the version took effect) is `staleGoalSchoolDays` school days or more
 * before today ([S] district setting). Due on the Nth school day after that day. One query for the
 * goals; the setting comes from the queue's one settings read and calendars from the shared cache.
 */
export const goalDataQueueProvider: WorkQueueProvider = {
  id: "goalData",
  async items(viewer, context, limit) {
    if (viewer.role !== "case_manager") return { items: [], truncated: false };
    const items = await staleGoals(viewer, context);
    items.sort((a, b) => (a.due ?? "").localeCompare(b.due ?? ""));
    return { items: items.slice(0, limit), truncated: items.length > limit };
  },
};

async function staleGoals(viewer: Viewer, context: WorkQueueContext): Promise<WorkQueueItem[]> {
  const { staleGoalSchoolDays } = parseProgressSettings(context.districtSettings);
  const rows = await context.batch.read(
    context.db
      .select({
        goalId: planGoals.id,
        position: planGoals.position,
        studentId: students.id,
        firstName: students.firstName,
        lastName: students.lastName,
        schoolId: students.schoolId,
        schoolName: schools.name,
        effectiveOn: planVersions.effectiveOn,
        lastObservedOn: lastObservedOnSameGoal(),
      })
      .from(planGoals)
      .innerJoin(planVersions, eq(planVersions.id, planGoals.versionId))
      .innerJoin(students, eq(students.id, planVersions.studentId))
      .innerJoin(schools, eq(schools.id, students.schoolId))
      .innerJoin(caseloads, onCaseloadOf(viewer.userId, context.today))
      .where(
        and(
          eq(students.districtId, viewer.districtId),
          eq(planVersions.status, "active"),
          eq(planVersions.planType, "iep"),
          sql`${planVersions.effectiveOn} <= ${context.today}::date`,
        ),
      )
      .orderBy(asc(students.lastName), asc(planGoals.position))
      .limit(1000),
  );
  const calendars = await context.calendars.get(
    context.db,
    rows.map((r) => r.schoolId),
  );
  return rows.flatMap((row): WorkQueueItem[] => {
    const calendar = calendars.get(row.schoolId);
    const since = row.lastObservedOn ?? row.effectiveOn;
    if (!calendar || !since) return [];
    const due = calendar.nthSchoolDayAfter(since, staleGoalSchoolDays);
    if (!due || due > context.today) return [];
    const schoolDaysLeft = calendar.schoolDaysBetween(context.today, due);
    return [
      {
        key: `goalData:${row.goalId}`,
        source: "goalData",
        title: row.lastObservedOn
          ? { key: "progress.queue.noRecentData", values: { goal: row.position + 1, days: staleGoalSchoolDays } }
          : { key: "progress.queue.noData", values: { goal: row.position + 1 } },
        studentId: row.studentId,
        studentName: `${row.firstName} ${row.lastName}`,
        studentFirstName: row.firstName,
        studentLastName: row.lastName,
        schoolName: row.schoolName,
        due,
        dueUnknown: false,
        schoolDaysLeft,
        overdue: due < context.today,
        escalated: false,
        dueSoon: false,
        beyondCalendar: false,
        reason: "goalData",
        href: `/students/${row.studentId}/progress`,
      },
    ];
  });
}
