import "server-only";
import { and, asc, desc, eq, gte, inArray, lte, sql } from "drizzle-orm";
import { caseloads, planServices, planVersions, schools, schoolYears, serviceSessions, students } from "@/db/schema";
import type { WorkQueueItem } from "@/lib/dto/deadlines";
import { inForce, studentRelationshipConditions, visibleStudents } from "@/lib/policy";
import { completedThrough, exactRequiredMinutes, isShort, type ServiceFrequency } from "@/lib/services/minutes";
import { parseServicesSettings } from "@/lib/services/settings";
import { timingOf } from "@/lib/deadlines/timing";
import { scopeOf } from "./internal/scope";
import type { WorkQueueProvider } from "./work-queue";

/** SQL: the session row is the current entry (no later row replaces it). */
const currentSession = sql`not exists (select 1 from service_sessions as later where later.replaces_id = ${serviceSessions.id})`;

/**
 * Service-minutes provider for the work queue (and so the daily digest): for a case manager, each
 * service of an IEP in force of a student on their caseload whose shortfall over completed weeks
 * (completed months for a monthly service) of the current school year reaches the district's
 * `services.shortfallPercent` (SM-3). Due on the last completed day counted, so it shows as overdue.
 * Sessions count on their own date here (a make-up after the last completed week counts from the
 * next one), where the student page credits a make-up to the week it makes up. Bounded: three
 * queries whatever the caseload.
 */
export const serviceShortfallQueueProvider: WorkQueueProvider = {
  id: "serviceShortfall",
  async items(viewer, context, limit) {
    if (viewer.role !== "case_manager") return { items: [], truncated: false };
    const scope = scopeOf(viewer);
    const services = await context.db
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
      .limit(limit * 4);
    if (!services.length) return { items: [], truncated: false };
    const schoolIds = [...new Set(services.map((s) => s.schoolId))];
    const weekEnd = completedThrough("week", context.today);
    const monthEnd = completedThrough("month", context.today);
    const [years, totals, calendars] = await Promise.all([
      context.db
        .selectDistinctOn([schoolYears.schoolId], {
          schoolId: schoolYears.schoolId,
          firstDay: schoolYears.firstDay,
          lastDay: schoolYears.lastDay,
        })
        .from(schoolYears)
        .where(and(inArray(schoolYears.schoolId, schoolIds), lte(schoolYears.firstDay, context.today)))
        .orderBy(schoolYears.schoolId, desc(schoolYears.firstDay)),
      context.db
        .select({
          serviceId: serviceSessions.serviceId,
          weekCounted:
            sql<number>`coalesce(sum(${serviceSessions.minutes}) filter (where ${serviceSessions.status} in ('delivered', 'student_absent') and ${serviceSessions.sessionDate} <= ${weekEnd}::date), 0)`.mapWith(
              Number,
            ),
          monthCounted:
            sql<number>`coalesce(sum(${serviceSessions.minutes}) filter (where ${serviceSessions.status} in ('delivered', 'student_absent') and ${serviceSessions.sessionDate} <= ${monthEnd}::date), 0)`.mapWith(
              Number,
            ),
          weekDelivered:
            sql<number>`coalesce(sum(${serviceSessions.minutes}) filter (where ${serviceSessions.status} = 'delivered' and ${serviceSessions.sessionDate} <= ${weekEnd}::date), 0)`.mapWith(
              Number,
            ),
          monthDelivered:
            sql<number>`coalesce(sum(${serviceSessions.minutes}) filter (where ${serviceSessions.status} = 'delivered' and ${serviceSessions.sessionDate} <= ${monthEnd}::date), 0)`.mapWith(
              Number,
            ),
          firstDate: sql<string>`min(${serviceSessions.sessionDate})`,
        })
        .from(serviceSessions)
        .where(
          and(
            inArray(
              serviceSessions.serviceId,
              services.map((s) => s.serviceId),
            ),
            // Only this school year's sessions: the requirement is counted from the year's first day.
            gte(
              serviceSessions.sessionDate,
              sql`(select max(sy.first_day) from school_years sy join students st on st.school_id = sy.school_id
                where st.id = ${serviceSessions.studentId} and sy.first_day <= ${context.today}::date)`,
            ),
            sql`${currentSession}`,
          ),
        )
        .groupBy(serviceSessions.serviceId),
      context.calendars.get(context.db, schoolIds),
    ]);
    const percent = parseServicesSettings(context.districtSettings).shortfallPercent;
    const yearOf = new Map(years.map((y) => [y.schoolId, y]));
    const totalOf = new Map(totals.map((t) => [t.serviceId, t]));
    const items: WorkQueueItem[] = [];
    for (const s of services) {
      const year = yearOf.get(s.schoolId);
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
      const total = totalOf.get(s.serviceId);
      const counted = (frequency === "month" ? total?.monthCounted : total?.weekCounted) ?? 0;
      const delivered = (frequency === "month" ? total?.monthDelivered : total?.weekDelivered) ?? 0;
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
