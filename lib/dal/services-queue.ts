import "server-only";
import { and, asc, eq, inArray, lte, sql, type SQL } from "drizzle-orm";
import { caseloads, planServices, planVersions, schools, schoolYears, serviceSessions, students } from "@/db/schema";
import type { WorkQueueItem } from "@/lib/dto/deadlines";
import { inForce, studentRelationshipConditions, visibleStudents } from "@/lib/policy";
import { completedThrough, exactRequiredMinutes, isShort, type ServiceFrequency } from "@/lib/services/minutes";
import { parseServicesSettings } from "@/lib/services/settings";
import { timingOf } from "@/lib/deadlines/timing";
import { scopeOf, selectField } from "./internal/scope";
import type { WorkQueueProvider } from "./work-queue";

/**
 * SQL (a select field over `plan_services` joined to `students`): the service's minutes this school year
 * as one JSON object — counted (delivered or student absent) and delivered, through the last completed
 * week and month. Only current entries (no later row replaces them) from the school year's first day (the
 * requirement is counted from it), read through `service_sessions (service_id, session_date)`.
 */
function minutesThisYear(today: string, weekEnd: string, monthEnd: string) {
  const counted = sql`s.status in ('delivered', 'student_absent')`;
  const delivered = sql`s.status = 'delivered'`;
  const sum = (status: SQL, through: string) =>
    sql`coalesce(sum(s.minutes) filter (where ${status} and s.session_date <= ${through}::date), 0)`;
  return selectField<{ weekCounted: number; monthCounted: number; weekDelivered: number; monthDelivered: number }>(
    sql`(select json_build_object('weekCounted', ${sum(counted, weekEnd)}, 'monthCounted', ${sum(counted, monthEnd)},
        'weekDelivered', ${sum(delivered, weekEnd)}, 'monthDelivered', ${sum(delivered, monthEnd)})
      from ${serviceSessions} s
      where s.service_id = ${planServices.id}
        and s.session_date >= (select max(sy.first_day) from ${schoolYears} sy join ${students} st on st.school_id = sy.school_id
          where st.id = s.student_id and sy.first_day <= ${today}::date)
        and not exists (select 1 from ${serviceSessions} later where later.replaces_id = s.id))`,
  );
}

/**
 * Service-minutes provider for the work queue (and so the daily digest): for a case manager, each
 * service of an IEP in force of a student on their caseload whose shortfall over completed weeks
 * (completed months for a monthly service) of the current school year reaches the district's
 * `services.shortfallPercent` (SM-3). Due on the last completed day counted, so it shows as overdue.
 * Sessions count on their own date here (a make-up after the last completed week counts from the
 * next one), where the student page credits a make-up to the week it makes up. Bounded: one query
 * whatever the caseload (each service with its minutes), the school years from the shared calendars.
 */
export const serviceShortfallQueueProvider: WorkQueueProvider = {
  id: "serviceShortfall",
  async items(viewer, context, limit) {
    if (viewer.role !== "case_manager") return { items: [], truncated: false };
    const scope = scopeOf(viewer);
    const weekEnd = completedThrough("week", context.today);
    const monthEnd = completedThrough("month", context.today);
    const services = await context.batch.read(
      context.db
        .select({
          serviceId: planServices.id,
          serviceType: planServices.serviceType,
          minutes: planServices.minutes,
          frequency: planServices.frequency,
          startDate: planServices.startDate,
          endDate: planServices.endDate,
          effectiveOn: planVersions.effectiveOn,
          studentId: students.id,
          firstName: students.firstName,
          lastName: students.lastName,
          schoolId: students.schoolId,
          schoolName: schools.name,
          total: minutesThisYear(context.today, weekEnd, monthEnd),
        })
        .from(planServices)
        .innerJoin(planVersions, eq(planVersions.id, planServices.versionId))
        .innerJoin(students, eq(students.id, planVersions.studentId))
        .innerJoin(schools, eq(schools.id, students.schoolId))
        .where(
          and(
            eq(planVersions.status, "active"),
            eq(planVersions.planType, "iep"),
            lte(planVersions.effectiveOn, context.today),
            // Driven from the case manager's current caseload through its index, not from every service in
            // force in the district (issue 15); the relationship condition below stays the rule.
            inArray(
              planVersions.studentId,
              context.db
                .select({ studentId: caseloads.studentId })
                .from(caseloads)
                .where(and(eq(caseloads.caseManagerId, viewer.userId), inForce(caseloads, context.today))),
            ),
            studentRelationshipConditions(scope).caseManagerOf,
            visibleStudents(scope),
          ),
        )
        .orderBy(asc(students.lastName), asc(planServices.position))
        .limit(limit * 4),
    );
    if (!services.length) return { items: [], truncated: false };
    const calendars = await context.calendars.get(
      context.db,
      services.map((s) => s.schoolId),
    );
    const percent = parseServicesSettings(context.districtSettings).shortfallPercent;
    const items: WorkQueueItem[] = [];
    for (const s of services) {
      // The school's current year: the latest that has started.
      const year = calendars
        .get(s.schoolId)!
        .schoolYears.filter((y) => y.firstDay <= context.today)
        .at(-1);
      if (!year) continue;
      const frequency = s.frequency as ServiceFrequency;
      const through = frequency === "month" ? monthEnd : weekEnd;
      const start = [year.firstDay, s.effectiveOn, s.startDate]
        .filter((d): d is string => d !== null)
        .sort()
        .at(-1)!;
      const end = [through, year.lastDay, s.endDate].filter((d): d is string => d !== null).sort()[0]!;
      if (start > end) continue;
      const required = Math.round(
        exactRequiredMinutes(
          { minutes: s.minutes, frequency },
          calendars.get(s.schoolId)!,
          { start, end },
          { start, end },
        ),
      );
      const counted = frequency === "month" ? s.total.monthCounted : s.total.weekCounted;
      const delivered = frequency === "month" ? s.total.monthDelivered : s.total.weekDelivered;
      const shortfall = Math.max(0, required - counted);
      if (!isShort({ required, shortfall }, percent)) continue;
      items.push({
        key: `serviceShortfall:${s.serviceId}`,
        source: "serviceShortfall",
        title: {
          key: "services.workQueue.shortfall",
          values: { service: s.serviceType, delivered, required },
        },
        studentId: s.studentId,
        studentName: `${s.firstName} ${s.lastName}`,
        studentFirstName: s.firstName,
        studentLastName: s.lastName,
        schoolName: s.schoolName,
        due: end,
        dueUnknown: false,
        ...timingOf(calendars.get(s.schoolId)!, context.today, end, context.settings.workQueue),
        overdue: true,
        escalated: false,
        reason: "caseload",
        href: `/students/${s.studentId}/services`,
      });
    }
    return { items: items.slice(0, limit), truncated: items.length > limit };
  },
};
