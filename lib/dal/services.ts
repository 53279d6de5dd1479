import "server-only";
import { randomUUID } from "node:crypto";
import { aliasedTable, and, asc, desc, eq, gte, inArray, isNull, lte, or, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { planGoals, planServices, planVersions, schoolYears, serviceSessions, students, users } from "@/db/schema";
import type { SchoolCalendar } from "@/lib/compliance/school-calendar";
import type {
  ProviderServiceRow,
  ProviderServicesView,
  ServiceMinutesView,
  ServiceSessionView,
  StudentServicesView,
} from "@/lib/dto/services";
import { AppError, fieldError } from "@/lib/errors";
import { studentRelationshipConditions, visibleStudents, type Relationship } from "@/lib/policy";
import {
  completedThrough,
  isShort,
  minutesByPeriod,
  periodOf,
  type ServiceFrequency,
  type SessionFact,
} from "@/lib/services/minutes";
import { parseServicesSettings } from "@/lib/services/settings";
import type { LogServiceSessionInput, SessionStatusName } from "@/lib/validation/services";
import { isUuid } from "@/lib/validation/ids";
import { authorize, loaderFor, mutate, read, recordListAccess, type Loader } from "./core";
import { loadCalendarInputs, loadSchoolCalendars } from "./internal/calendars";
import { studentScopedLoader } from "./internal/student-target";
import { relationshipFields, scopeOf, splitRelationships } from "./internal/scope";
import type { Viewer } from "./viewer";
import { districtSettingsOf } from "./internal/settings";

/** The statuses of a version whose time in force may hold sessions (from `effectiveOn` to `endedOn`). */
const IN_FORCE_STATUSES = ["active", "superseded", "ended"] as const;

/** SQL: the session row is the current entry (no later row replaces it). */
const currentSession = sql`not exists (select 1 from service_sessions as later where later.replaces_id = ${serviceSessions.id})`;

type ServiceEntity = {
  serviceId: string;
  versionId: string;
  versionStatus: string;
  studentId: string;
  schoolId: string;
  effectiveOn: string | null;
  endedOn: string | null;
  startDate: string | null;
  endDate: string | null;
  providerUserId: string | null;
};

/**
 * Loader for the services a session is logged for (one per student of a group), through the
 * student read scope. `assignedImplementer` holds on a service when the viewer is its named
 * provider. The target carries only the relationships the viewer holds on **every** service, so a
 * group that mixes in one student the viewer may not log for is refused as a whole. Any service
 * not visible → null (a 404).
 */
function servicesTarget(serviceIds: string[]): Loader<ServiceEntity[]> {
  const ids = [...new Set(serviceIds)];
  return loaderFor("plan_service", ids[0] ?? "", async (db, viewer) => {
    if (ids.length === 0 || !ids.every(isUuid)) return null;
    const scope = scopeOf(viewer);
    const rows = await db
      .select({
        serviceId: planServices.id,
        versionId: planVersions.id,
        versionStatus: planVersions.status,
        planType: planVersions.planType,
        studentId: students.id,
        schoolId: students.schoolId,
        effectiveOn: planVersions.effectiveOn,
        endedOn: planVersions.endedOn,
        startDate: planServices.startDate,
        endDate: planServices.endDate,
        providerUserId: planServices.providerUserId,
        ...relationshipFields(studentRelationshipConditions(scope)),
      })
      .from(planServices)
      .innerJoin(planVersions, eq(planVersions.id, planServices.versionId))
      .innerJoin(students, eq(students.id, planVersions.studentId))
      .where(and(inArray(planServices.id, ids), visibleStudents(scope)));
    if (rows.length !== ids.length) return null;
    let common: Set<Relationship> | undefined;
    const entities: ServiceEntity[] = [];
    for (const row of rows) {
      const { entity, relationships } = splitRelationships(row);
      const held = new Set<Relationship>(relationships);
      if (entity.providerUserId === viewer.userId) held.add("assignedImplementer");
      const before: Set<Relationship> = common ?? held;
      common = new Set<Relationship>([...before].filter((r: Relationship) => held.has(r)));
      const { planType: _planType, ...rest } = entity;
      entities.push(rest);
    }
    return {
      entity: entities,
      entityType: "plan_service",
      entityId: ids[0]!,
      studentId: entities.length === 1 ? entities[0]!.studentId : null,
      relationships: common ?? new Set(),
      planType: "iep",
    };
  });
}

/** Refuses a date outside the version's and the service's time in force (or after today). */
function assertInForce(viewer: Viewer, service: ServiceEntity, date: string) {
  if (date > viewer.today) throw fieldError("date", "services.errors.futureDate");
  const start = [service.effectiveOn, service.startDate]
    .filter((d): d is string => d !== null)
    .sort()
    .at(-1);
  const ends = [service.endedOn, service.endDate].filter((d): d is string => d !== null).sort();
  if (
    !(IN_FORCE_STATUSES as readonly string[]).includes(service.versionStatus) ||
    !service.effectiveOn ||
    !start ||
    date < start ||
    (ends[0] !== undefined && date > ends[0])
  )
    throw fieldError("date", "services.errors.outsidePlan");
}

function assertCalendar(calendar: SchoolCalendar | undefined, status: SessionStatusName, date: string) {
  const open = calendar?.isSchoolDay(date) ?? false;
  if (status === "school_closed" && open) throw fieldError("status", "services.errors.schoolOpen");
  if (status !== "school_closed" && !open) throw fieldError("date", "services.errors.notSchoolDay");
}

/**
 * `service.log`: one service session — for one student, or for a group (one row per student,
 * sharing a group id and the group size). Only the service's named provider or the student's case
 * manager may log, for every student of the group. Refused with a field message: a date after
 * today, outside the plan's (and the service's) time in force, a day the school is closed (unless
 * the status is "school closed", which is refused on a day the calendar shows open), goals that are
 * not the version's, a make-up that does not name a session the provider missed (of the same
 * service, not made up yet, not later than the make-up), a correction of a session that is not
 * the current entry of the same service. Append-only: a correction is a new row replacing the old.
 */
export async function logServiceSession(
  viewer: Viewer,
  input: LogServiceSessionInput,
): Promise<{ sessions: number; groupId: string | null }> {
  return mutate(
    viewer,
    {
      action: "service.log",
      event: "services.logged",
      load: servicesTarget(input.entries.map((e) => e.serviceId)),
    },
    async ({ tx, target, details, concerns }) => {
      const services = new Map(target.entity.map((s) => [s.serviceId, s]));
      const calendars = await loadSchoolCalendars(tx, [...new Set(target.entity.map((s) => s.schoolId))]);
      for (const service of target.entity) {
        assertInForce(viewer, service, input.date);
        assertCalendar(calendars.get(service.schoolId), input.status, input.date);
      }
      const goalIds = [...new Set(input.entries.flatMap((e) => e.goalIds))];
      if (goalIds.length) {
        const goals = await tx
          .select({ id: planGoals.id, versionId: planGoals.versionId })
          .from(planGoals)
          .where(inArray(planGoals.id, goalIds));
        const versionOf = new Map(goals.map((g) => [g.id, g.versionId]));
        for (const entry of input.entries) {
          const versionId = services.get(entry.serviceId)!.versionId;
          if (entry.goalIds.some((id) => versionOf.get(id) !== versionId))
            throw fieldError("entries", "services.errors.goalNotInPlan");
        }
      }
      const only = input.entries.length === 1 ? services.get(input.entries[0]!.serviceId)! : null;
      if (input.makeUpForId && only) await assertMakeUp(tx, only, input.makeUpForId, input.date);
      if (input.replacesId && only) await assertCorrection(tx, only, input.replacesId);
      const groupSize = input.groupSize ?? input.entries.length;
      const groupId = input.entries.length > 1 ? randomUUID() : null;
      await tx.insert(serviceSessions).values(
        input.entries.map((entry) => {
          const service = services.get(entry.serviceId)!;
          return {
            serviceId: service.serviceId,
            versionId: service.versionId,
            studentId: service.studentId,
            loggedBy: viewer.userId,
            sessionDate: input.date,
            minutes: input.minutes,
            groupSize,
            groupId,
            status: input.status,
            goalIds: entry.goalIds,
            makeUpForId: input.makeUpForId || null,
            replacesId: input.replacesId || null,
            note: input.note || null,
          };
        }),
      );
      Object.assign(details, {
        services: input.entries.length,
        date: input.date,
        status: input.status,
        minutes: input.minutes,
        groupSize,
        groupId,
        makeUp: Boolean(input.makeUpForId),
        correction: Boolean(input.replacesId),
        goals: goalIds.length,
        withNote: Boolean(input.note),
      });
      concerns(target.entity.map((s) => s.studentId));
      return { sessions: input.entries.length, groupId };
    },
  );
}

/** SQL: a current make-up names the session row. */
const madeUpSession = sql`exists (select 1 from service_sessions as made_up where made_up.make_up_for_id = ${serviceSessions.id} and not exists (select 1 from service_sessions as later where later.replaces_id = made_up.id))`;

async function assertMakeUp(tx: Executor, service: ServiceEntity, missedId: string, date: string) {
  const [missed] = await tx
    .select({
      date: serviceSessions.sessionDate,
      status: serviceSessions.status,
      current: sql<boolean>`${currentSession}`,
      madeUp: sql<boolean>`${madeUpSession}`,
    })
    .from(serviceSessions)
    .where(and(eq(serviceSessions.id, missedId), eq(serviceSessions.serviceId, service.serviceId)))
    .limit(1);
  if (!missed || missed.status !== "provider_absent" || !missed.current)
    throw fieldError("makeUpForId", "services.errors.makeUpInvalid");
  if (missed.madeUp) throw fieldError("makeUpForId", "services.errors.makeUpDone");
  if (missed.date > date) throw fieldError("date", "services.errors.makeUpBefore");
}

async function assertCorrection(tx: Executor, service: ServiceEntity, replacedId: string) {
  const [row] = await tx
    .select({ current: sql<boolean>`${currentSession}` })
    .from(serviceSessions)
    .where(and(eq(serviceSessions.id, replacedId), eq(serviceSessions.serviceId, service.serviceId)))
    .limit(1);
  if (!row) throw fieldError("replacesId", "services.errors.correctionInvalid");
  if (!row.current) throw new AppError("CONFLICT", "services.errors.alreadyCorrected");
}

type ServiceRow = {
  serviceId: string;
  versionId: string;
  versionNumber: number;
  studentId: string;
  schoolId: string;
  effectiveOn: string | null;
  endedOn: string | null;
  startDate: string | null;
  endDate: string | null;
  serviceType: string;
  category: string;
  location: string;
  minutes: number;
  frequency: string;
  providerUserId: string | null;
  provider: string | null;
};

const serviceColumns = {
  serviceId: planServices.id,
  versionId: planVersions.id,
  versionNumber: planVersions.number,
  studentId: planVersions.studentId,
  schoolId: students.schoolId,
  effectiveOn: planVersions.effectiveOn,
  endedOn: planVersions.endedOn,
  startDate: planServices.startDate,
  endDate: planServices.endDate,
  serviceType: planServices.serviceType,
  category: planServices.category,
  location: planServices.location,
  minutes: planServices.minutes,
  frequency: planServices.frequency,
  providerUserId: planServices.providerUserId,
  provider: sql<string | null>`coalesce(${users.name}, ${planServices.providerName})`,
};

/**
 * The school year a report covers: the latest school year of the school that has started by
 * `today` (so in July, the year that ended in June). Null when the school has no school year yet.
 */
async function currentSchoolYear(db: Executor, schoolIds: string[], today: string) {
  if (!schoolIds.length) return new Map<string, { firstDay: string; lastDay: string }>();
  const rows = await db
    .selectDistinctOn([schoolYears.schoolId], {
      schoolId: schoolYears.schoolId,
      firstDay: schoolYears.firstDay,
      lastDay: schoolYears.lastDay,
    })
    .from(schoolYears)
    .where(and(inArray(schoolYears.schoolId, schoolIds), lte(schoolYears.firstDay, today)))
    .orderBy(schoolYears.schoolId, desc(schoolYears.firstDay));
  return new Map(rows.map((r) => [r.schoolId, { firstDay: r.firstDay, lastDay: r.lastDay }]));
}

/** The days a service's minutes are counted over: its time in force inside the year, up to `through`. */
function windowOf(service: ServiceRow, year: { firstDay: string; lastDay: string }, through: string) {
  const start = [year.firstDay, service.effectiveOn, service.startDate]
    .filter((d): d is string => d !== null)
    .sort()
    .at(-1)!;
  const end = [year.lastDay, through, service.endedOn, service.endDate]
    .filter((d): d is string => d !== null)
    .sort()[0]!;
  return { start, end };
}

type SessionRow = {
  id: string;
  serviceId: string;
  date: string;
  minutes: number;
  status: SessionStatusName;
  groupSize: number;
  makeUpForId: string | null;
  replacesId: string | null;
  goals: number;
  loggedBy: string;
  note: string | null;
  current: boolean;
};

async function sessionsOf(db: Executor, serviceIds: string[], from: string, to: string): Promise<SessionRow[]> {
  if (!serviceIds.length || from > to) return [];
  return db
    .select({
      id: serviceSessions.id,
      serviceId: serviceSessions.serviceId,
      date: serviceSessions.sessionDate,
      minutes: serviceSessions.minutes,
      status: serviceSessions.status,
      groupSize: serviceSessions.groupSize,
      makeUpForId: serviceSessions.makeUpForId,
      replacesId: serviceSessions.replacesId,
      goals: sql<number>`cardinality(${serviceSessions.goalIds})`.mapWith(Number),
      loggedBy: users.name,
      note: serviceSessions.note,
      current: sql<boolean>`${currentSession}`,
    })
    .from(serviceSessions)
    .innerJoin(users, eq(users.id, serviceSessions.loggedBy))
    .where(
      and(
        inArray(serviceSessions.serviceId, serviceIds),
        gte(serviceSessions.sessionDate, from),
        lte(serviceSessions.sessionDate, to),
      ),
    )
    .orderBy(desc(serviceSessions.sessionDate), desc(serviceSessions.createdAt));
}

const facts = (rows: SessionRow[]): SessionFact[] =>
  rows
    .filter((r) => r.current)
    .map((r) => ({ id: r.id, date: r.date, minutes: r.minutes, status: r.status, makeUpForId: r.makeUpForId }));

async function districtServicesSettings(db: Executor, districtId: string) {
  return parseServicesSettings(await districtSettingsOf(db, districtId));
}

type StudentEntity = { id: string; firstName: string; lastName: string; schoolId: string };

/** Loader for a student's services: `assignedImplementer` when the viewer provides a service of the IEP in force. */
function studentServicesTarget(studentId: string): Loader<StudentEntity> {
  return studentScopedLoader({
    entityType: "student",
    id: studentId,
    query: (db, scope) =>
      db
        .select({
          id: students.id,
          firstName: students.firstName,
          lastName: students.lastName,
          schoolId: students.schoolId,
          ...scope.relationships,
        })
        .from(students)
        .where(and(eq(students.id, studentId), scope.visible))
        .limit(1),
    target: async ({ entity, relationships }, db, viewer) => {
      const [provides] = await db
        .select({ id: planServices.id })
        .from(planServices)
        .innerJoin(planVersions, eq(planVersions.id, planServices.versionId))
        .where(
          and(
            eq(planVersions.studentId, entity.id),
            eq(planVersions.status, "active"),
            eq(planServices.providerUserId, viewer.userId),
          ),
        )
        .limit(1);
      const held = new Set<Relationship>(relationships);
      if (provides) held.add("assignedImplementer");
      return { entity, entityId: entity.id, studentId: entity.id, relationships: held, planType: "iep" };
    },
  });
}

/**
 * `service.read`: required vs delivered minutes of every service of the student's IEP versions in
 * force during the current school year (the latest that has started), per week and per month on
 * the school's calendar (SM-1, SM-2), up to today; the shortfall flag uses the district's
 * `services.shortfallPercent` over completed weeks (SM-3). Guardians see minutes, statuses and
 * group sizes of their own child only — never who else was in a group, who logged, or notes. A
 * provider who is none of the student's plan readers sees only the services they provide. The
 * read is logged (record of access). Bounded: six queries whatever the number of services.
 */
export async function getStudentServices(viewer: Viewer, studentId: string): Promise<StudentServicesView> {
  const target = await read(viewer, {
    action: "service.read",
    load: studentServicesTarget(studentId),
    event: "services.viewed",
  });
  const db = getDb();
  const student = target.entity;
  const guardian = target.relationships.has("guardianOf");
  const ownOnly = !["districtAdmin", "principalOf", "caseManagerOf", "guardianOf"].some((r) =>
    target.relationships.has(r as Relationship),
  );
  const [years, calendars, settings] = await Promise.all([
    currentSchoolYear(db, [student.schoolId], viewer.today),
    loadSchoolCalendars(db, [student.schoolId]),
    districtServicesSettings(db, viewer.districtId),
  ]);
  const year = years.get(student.schoolId);
  const calendar = calendars.get(student.schoolId)!;
  const empty: StudentServicesView = {
    student: { id: student.id, name: `${student.firstName} ${student.lastName}` },
    shortfallPercent: settings.shortfallPercent,
    services: [],
    canExport: target.may("service.export"),
    today: viewer.today,
  };
  if (!year) return empty;
  const rows: ServiceRow[] = await db
    .select(serviceColumns)
    .from(planServices)
    .innerJoin(planVersions, eq(planVersions.id, planServices.versionId))
    .innerJoin(students, eq(students.id, planVersions.studentId))
    .leftJoin(users, eq(users.id, planServices.providerUserId))
    .where(
      and(
        eq(planVersions.studentId, student.id),
        eq(planVersions.planType, "iep"),
        inArray(planVersions.status, [...IN_FORCE_STATUSES]),
        lte(planVersions.effectiveOn, viewer.today),
        or(isNull(planVersions.endedOn), gte(planVersions.endedOn, year.firstDay)),
        ownOnly ? eq(planServices.providerUserId, viewer.userId) : undefined,
      ),
    )
    .orderBy(desc(planVersions.number), asc(planServices.position));
  const windows = new Map(rows.map((r) => [r.serviceId, windowOf(r, year, viewer.today)]));
  const sessions = await sessionsOf(
    db,
    rows.map((r) => r.serviceId),
    year.firstDay,
    viewer.today,
  );
  const canLogAll = target.relationships.has("caseManagerOf");
  const loggable = rows.filter((r) => !guardian && (canLogAll || r.providerUserId === viewer.userId));
  const goals = loggable.length
    ? await db
        .select({ id: planGoals.id, versionId: planGoals.versionId, area: planGoals.area, text: planGoals.text })
        .from(planGoals)
        .where(inArray(planGoals.versionId, [...new Set(loggable.map((r) => r.versionId))]))
        .orderBy(asc(planGoals.position))
    : [];
  const services: ServiceMinutesView[] = rows.flatMap((row) => {
    const within = windows.get(row.serviceId)!;
    if (within.start > within.end) return [];
    const own = sessions.filter((s) => s.serviceId === row.serviceId);
    const requirement = { minutes: row.minutes, frequency: row.frequency as ServiceFrequency };
    const weeks = minutesByPeriod(requirement, calendar, facts(own), "week", within);
    const months = minutesByPeriod(requirement, calendar, facts(own), "month", within);
    const through = completedThrough(requirement.frequency, viewer.today);
    const completed =
      through >= within.start
        ? minutesByPeriod(requirement, calendar, facts(own), "week", {
            start: within.start,
            end: through < within.end ? through : within.end,
          }).total
        : { required: 0, shortfall: 0 };
    const madeUp = new Set(own.filter((s) => s.current && s.makeUpForId).map((s) => s.makeUpForId));
    const current = own.filter((s) => s.current);
    return [
      {
        serviceId: row.serviceId,
        versionNumber: row.versionNumber,
        serviceType: row.serviceType,
        category: row.category,
        location: row.location,
        minutes: row.minutes,
        frequency: requirement.frequency,
        provider: row.provider,
        from: within.start,
        to: within.end,
        total: weeks.total,
        short: isShort(completed, settings.shortfallPercent),
        weeks: weeks.periods.toReversed(),
        months: months.periods.toReversed(),
        sessions: current.slice(0, 60).map((s): ServiceSessionView => ({
          id: s.id,
          date: s.date,
          minutes: s.minutes,
          status: s.status,
          groupSize: s.groupSize,
          makeUp: s.makeUpForId !== null,
          corrected: s.replacesId !== null,
          goals: s.goals,
          loggedBy: guardian ? null : s.loggedBy,
          note: guardian ? null : s.note,
        })),
        missed: guardian
          ? []
          : current
              .filter((s) => s.status === "provider_absent" && !madeUp.has(s.id))
              .map((s) => ({ id: s.id, date: s.date, minutes: s.minutes })),
        goals: loggable.includes(row)
          ? goals.filter((g) => g.versionId === row.versionId).map(({ id, area, text }) => ({ id, area, text }))
          : [],
        canLog: loggable.includes(row),
      },
    ];
  });
  return { ...empty, services };
}

/**
 * `service.own.read`: the provider's (or case manager's) entry screen for `date` (today by
 * default): every service of an IEP in force that day that the viewer provides — for a case
 * manager, also the services of their caseload — with the student's goals, this week's required vs
 * delivered minutes, and what is already logged that day. One list read in the record of access.
 * Bounded: six queries whatever the number of students.
 */
export async function listMyServices(viewer: Viewer, requestedDate: string | null): Promise<ProviderServicesView> {
  await authorize(viewer, "service.own.read");
  const db = getDb();
  const date = requestedDate && requestedDate <= viewer.today ? requestedDate : viewer.today;
  const scope = scopeOf(viewer);
  const caseManager = studentRelationshipConditions(scope).caseManagerOf;
  const rows = await db
    .select({
      ...serviceColumns,
      studentName: sql<string>`${students.lastName} || ', ' || ${students.firstName}`,
      grade: students.grade,
    })
    .from(planServices)
    .innerJoin(planVersions, eq(planVersions.id, planServices.versionId))
    .innerJoin(students, eq(students.id, planVersions.studentId))
    .leftJoin(users, eq(users.id, planServices.providerUserId))
    .where(
      and(
        eq(planVersions.planType, "iep"),
        eq(planVersions.status, "active"),
        lte(planVersions.effectiveOn, date),
        // Driven from the viewer's own students (services they provide, their caseload) through the
        // indexes, not from every service in force in the district (issue 15: 0.4 s at 50,000 students).
        sql`${planVersions.studentId} in (
          select v2.student_id from plan_services s2 join plan_versions v2 on v2.id = s2.version_id
          where s2.provider_user_id = ${viewer.userId}
          union
          select c2.student_id from caseloads c2 where c2.case_manager_id = ${viewer.userId})`,
        or(eq(planServices.providerUserId, viewer.userId), caseManager),
        visibleStudents(scope),
      ),
    )
    .orderBy(asc(students.lastName), asc(students.firstName), asc(planServices.position))
    .limit(300);
  const schoolIds = [...new Set(rows.map((r) => r.schoolId))];
  const week = periodOf("week", date);
  const [calendarInputs, calendars, sessions, goals] = await Promise.all([
    loadCalendarInputs(db, schoolIds),
    loadSchoolCalendars(db, schoolIds),
    sessionsOf(
      db,
      rows.map((r) => r.serviceId),
      week.start,
      week.end,
    ),
    rows.length
      ? db
          .select({ id: planGoals.id, versionId: planGoals.versionId, area: planGoals.area, text: planGoals.text })
          .from(planGoals)
          .where(inArray(planGoals.versionId, [...new Set(rows.map((r) => r.versionId))]))
          .orderBy(asc(planGoals.position))
      : Promise.resolve([]),
  ]);
  await recordListAccess(
    viewer,
    "students.listed",
    { list: "services" },
    rows.map((r) => r.studentId),
  );
  const services: ProviderServiceRow[] = rows.map((row) => {
    const calendar = calendars.get(row.schoolId)!;
    const years = calendarInputs.get(row.schoolId)?.schoolYears ?? [];
    const year = years.filter((y) => y.firstDay <= date).at(-1) ?? { firstDay: date, lastDay: date };
    const within = windowOf(row, year, date > week.end ? week.end : date);
    const own = sessions.filter((s) => s.serviceId === row.serviceId);
    const requirement = { minutes: row.minutes, frequency: row.frequency as ServiceFrequency };
    const weekWindow = {
      start: within.start > week.start ? within.start : week.start,
      end: week.end < within.end ? week.end : within.end,
    };
    const line =
      weekWindow.start <= weekWindow.end
        ? minutesByPeriod(requirement, calendar, facts(own), "week", weekWindow).total
        : { ...week, required: 0, delivered: 0, excused: 0, owed: 0, madeUp: 0, shortfall: 0 };
    return {
      serviceId: row.serviceId,
      studentId: row.studentId,
      studentName: row.studentName,
      grade: row.grade,
      serviceType: row.serviceType,
      minutes: row.minutes,
      frequency: requirement.frequency,
      goals: goals.filter((g) => g.versionId === row.versionId).map(({ id, area, text }) => ({ id, area, text })),
      week: { ...line, start: week.start, end: week.end },
      logged: own
        .filter((s) => s.current && s.date === date)
        .map((s) => ({ id: s.id, minutes: s.minutes, status: s.status, groupSize: s.groupSize })),
    };
  });
  return {
    date,
    isSchoolDay: [...calendars.values()].some((c) => c.isSchoolDay(date)),
    services,
  };
}

/** One row of the service export: what compensatory-services decisions and Medicaid claims need. */
export interface ServiceExportRow {
  student: string;
  sasid: string;
  service: string;
  category: string;
  versionNumber: number;
  provider: string | null;
  loggedBy: string;
  date: string;
  minutes: number;
  groupSize: number;
  status: SessionStatusName;
  makeUpFor: string | null;
  goals: number;
  replaced: boolean;
}

/**
 * `service.export`: every session (current entries and the ones corrections replaced, flagged) of
 * the student's IEP services from `from` to `to`, oldest first, for the export. Staff who hold the
 * whole record only (admin, principal, case manager). Logged as an access event.
 */
export async function exportStudentServiceSessions(
  viewer: Viewer,
  studentId: string,
  range: { from: string; to: string },
): Promise<{ student: { id: string; name: string }; rows: ServiceExportRow[] }> {
  const target = await read(viewer, {
    action: "service.export",
    load: studentServicesTarget(studentId),
    event: "services.exported",
    details: { from: range.from, to: range.to },
  });
  const missed = aliasedTable(serviceSessions, "missed");
  const rows = await getDb()
    .select({
      student: sql<string>`${students.lastName} || ', ' || ${students.firstName}`,
      sasid: students.sasid,
      service: planServices.serviceType,
      category: planServices.category,
      versionNumber: planVersions.number,
      provider: sql<string | null>`coalesce(${users.name}, ${planServices.providerName})`,
      loggedBy: sql<string>`(select logger.name from users as logger where logger.id = ${serviceSessions.loggedBy})`,
      date: serviceSessions.sessionDate,
      minutes: serviceSessions.minutes,
      groupSize: serviceSessions.groupSize,
      status: serviceSessions.status,
      makeUpFor: missed.sessionDate,
      goals: sql<number>`cardinality(${serviceSessions.goalIds})`.mapWith(Number),
      replaced: sql<boolean>`not (${currentSession})`,
    })
    .from(serviceSessions)
    .innerJoin(planServices, eq(planServices.id, serviceSessions.serviceId))
    .innerJoin(planVersions, eq(planVersions.id, serviceSessions.versionId))
    .innerJoin(students, eq(students.id, serviceSessions.studentId))
    .leftJoin(users, eq(users.id, planServices.providerUserId))
    .leftJoin(missed, eq(missed.id, serviceSessions.makeUpForId))
    .where(
      and(
        eq(serviceSessions.studentId, target.entity.id),
        gte(serviceSessions.sessionDate, range.from),
        lte(serviceSessions.sessionDate, range.to),
      ),
    )
    .orderBy(asc(serviceSessions.sessionDate), asc(planServices.position), asc(serviceSessions.createdAt))
    .limit(20000);
  return {
    student: { id: target.entity.id, name: `${target.entity.firstName} ${target.entity.lastName}` },
    rows,
  };
}
