import "server-only";
import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import {
  acknowledgments,
  districts,
  implementationLogs,
  planAccommodations,
  planServices,
  planVersions,
  schools,
  sectionEnrollments,
  sections,
  sectionTeachers,
  students,
} from "@/db/schema";
import { createSchoolCalendar, type SchoolCalendar } from "@/lib/compliance/school-calendar";
import { loadSchoolCalendars, schoolCalendarField } from "@/lib/dal/internal/calendars";
import {
  accommodationSet,
  changedSince,
  parseDeliverySettings,
  type AccommodationItem,
  type DeliverySettings,
} from "@/lib/delivery/rules";
import type {
  AccommodationCard,
  MyAccommodations,
  SectionAccommodations,
  StudentAccommodations,
} from "@/lib/dto/delivery";
import { AppError, fieldError } from "@/lib/errors";
import { contentHash } from "@/lib/plans/hash";
import { inForce, type Relationship } from "@/lib/policy";
import { now as clockNow } from "@/lib/time";
import { CLASS_LOG_UNDO_MS, type LogImplementationInput } from "@/lib/validation/delivery";
import { isUuid } from "@/lib/validation/ids";
import { authorize, mutate, recordListAccess, type Loader } from "./core";
import {
  accommodationColumns,
  loadTimedAssignments,
  ownAssignments,
  type AccommodationRow,
} from "./internal/assignments";
import { countAcknowledgment, countLogEntry, coverageWindow, refreshSummariesOfStudents } from "./internal/coverage";
import { currentLogEntry, latestEntryField, logEntryLock } from "./internal/implementation-log";
import { selectField } from "./internal/scope";
import { studentScopedLoader } from "./internal/student-target";
import type { Viewer } from "./viewer";

function studentName(a: { studentFirstName: string; studentLastName: string }) {
  return `${a.studentLastName}, ${a.studentFirstName}`;
}

/**
 * "My students' accommodations": for each of the viewer's sections (and their provider caseload),
 * every student with a plan in force, the accommodations only — what to do, testing flagged, what
 * changed since the viewer last acknowledged — with the acknowledgment state and the log entries
 * of `requestedDate` (by default the latest school day up to today, so a Monday log can still be
 * completed on Saturday). Bounded: seven queries whatever the number of students.
 */
export async function listMyAccommodations(viewer: Viewer, requestedDate: string | null): Promise<MyAccommodations> {
  await authorize(viewer, "coverage.read");
  const db = getDb();
  const { calendars, timed } = await loadTimedAssignments(db, viewer.districtId, viewer.today, ownAssignments(viewer));
  const date = requestedDate ?? latestSchoolDay([...calendars.values()], viewer.today);
  const versionIds = timed.map((a) => a.versionId);
  const previousIds = timed.flatMap((a) => (a.previous && !a.acknowledgedAt ? [a.previous.versionId] : []));
  const { accommodations, logs } = await accommodationsWithEntries(db, {
    versionIds: [...versionIds, ...previousIds],
    loggedVersionIds: versionIds,
    date,
    userId: viewer.userId,
  });
  await recordListAccess(
    viewer,
    "students.listed",
    { list: "accommodations" },
    timed.map((a) => a.studentId),
  );

  const sectionsOut = new Map<string, SectionAccommodations>();
  for (const a of timed) {
    const key = a.sectionId ?? "provider";
    const section = sectionsOut.get(key) ?? {
      sectionId: a.sectionId,
      name: a.sectionName ?? "",
      period: a.period ?? "",
      schoolName: a.schoolName,
      isSchoolDay: calendars.get(a.schoolId)?.isSchoolDay(date) ?? false,
      students: [],
    };
    const current = accommodations.get(a.versionId) ?? [];
    const showChanges = !a.acknowledgedAt && a.previous;
    const delta = showChanges
      ? changedSince(accommodations.get(a.previous!.versionId) ?? [], current)
      : { added: [], changed: [], removed: [] };
    const cards: AccommodationCard[] = current.map((row) => {
      const log = logs.get(entryKey(row.id, a.sectionId));
      return {
        id: row.id,
        itemId: row.itemId,
        kind: row.kind,
        text: row.text,
        teacherAction: row.teacherAction,
        classroom: row.classroom,
        testing: row.testing,
        change: delta.added.includes(row.itemId) ? "added" : delta.changed.includes(row.itemId) ? "changed" : null,
        log:
          log && log.status !== "retracted"
            ? {
                status: log.status,
                reason: log.reason,
                note: log.note,
                loggedAt: log.createdAt.toISOString(),
                edited: log.replacesId !== null,
              }
            : null,
      };
    });
    const entry: StudentAccommodations = {
      studentId: a.studentId,
      name: studentName(a),
      grade: a.grade,
      planType: a.planType,
      planId: a.planId,
      versionId: a.versionId,
      versionNumber: a.versionNumber,
      ack: {
        state: a.timing.state,
        due: a.timing.due,
        acknowledgedAt: a.acknowledgedAt?.toISOString() ?? null,
        previousVersionNumber: showChanges ? a.previous!.number : null,
      },
      removedSinceAcknowledged: delta.removed.map((r) => r.text),
      accommodations: cards,
      canLog: date >= a.assignedOn,
    };
    section.students.push(entry);
    sectionsOut.set(key, section);
  }
  const acknowledgedVersions = new Set(timed.filter((a) => a.acknowledgedAt).map((a) => a.versionId));
  return {
    date,
    sections: [...sectionsOut.values()],
    outstanding: new Set(timed.filter((a) => !acknowledgedVersions.has(a.versionId)).map((a) => a.versionId)).size,
  };
}

const entryKey = (accommodationId: string, sectionId: string | null) => `${accommodationId}|${sectionId ?? ""}`;

interface DayEntry {
  sectionId: string | null;
  status: (typeof implementationLogs.$inferSelect)["status"];
  reason: string | null;
  note: string | null;
  createdAt: Date;
  replacesId: string | null;
}

/**
 * The accommodations of the given plan versions in plan order, grouped by version, each with the
 * latest entry `userId` wrote for it on `date` in each section (or as a provider) — only for the
 * accommodations of `loggedVersionIds` — in one query (the accommodations and the day's entries
 * were two).
 */
async function accommodationsWithEntries(
  db: Executor,
  input: { versionIds: string[]; loggedVersionIds: string[]; date: string; userId: string },
): Promise<{ accommodations: Map<string, AccommodationRow[]>; logs: Map<string, DayEntry> }> {
  const accommodations = new Map<string, AccommodationRow[]>();
  const logs = new Map<string, DayEntry>();
  if (!input.versionIds.length) return { accommodations, logs };
  const rows = await db
    .select({
      ...accommodationColumns,
      entries: selectField<(Omit<DayEntry, "createdAt"> & { createdAt: string })[] | null>(
        sql`case when ${inArray(planAccommodations.versionId, [...new Set(input.loggedVersionIds)])} then (
          select json_agg(json_build_object('sectionId', e.section_id, 'status', e.status, 'reason', e.reason,
            'note', e.note, 'createdAt', e.created_at, 'replacesId', e.replaces_id))
          from (select distinct on (${implementationLogs.sectionId}) ${implementationLogs.sectionId} as section_id,
              ${implementationLogs.status} as status, ${implementationLogs.reason} as reason, ${implementationLogs.note} as note,
              ${implementationLogs.createdAt} as created_at, ${implementationLogs.replacesId} as replaces_id
            from ${implementationLogs}
            where ${implementationLogs.accommodationId} = ${planAccommodations.id}
              and ${implementationLogs.logDate} = ${input.date}::date and ${implementationLogs.loggedBy} = ${input.userId}
            order by ${implementationLogs.sectionId}, ${implementationLogs.createdAt} desc) e) end`,
      ),
    })
    .from(planAccommodations)
    .where(inArray(planAccommodations.versionId, [...new Set(input.versionIds)]))
    .orderBy(asc(planAccommodations.position));
  for (const { entries, ...row } of rows) {
    const list = accommodations.get(row.versionId);
    if (list) list.push(row);
    else accommodations.set(row.versionId, [row]);
    for (const e of entries ?? []) logs.set(entryKey(row.id, e.sectionId), { ...e, createdAt: new Date(e.createdAt) });
  }
  return { accommodations, logs };
}

/** Today when it is a school day at one of the schools, else the latest school day before it. */
function latestSchoolDay(calendars: SchoolCalendar[], today: string): string {
  if (calendars.some((c) => c.isSchoolDay(today))) return today;
  const days = calendars
    .map((c) => c.lastSchoolDayBefore(today))
    .filter((d): d is string => d !== null)
    .sort();
  return days.at(-1) ?? today;
}

type ImplementerEntity = {
  /** The district's delivery settings, read with the version (they shape the summary's delta). */
  settings: DeliverySettings;
  /** The student's school calendar, read with the version. */
  calendar: SchoolCalendar;
  /** The version's accommodations (what an acknowledgment is bound to), read with it. */
  items: AccommodationItem[];
  versionId: string;
  status: string;
  planId: string;
  studentId: string;
  schoolId: string;
  effectiveOn: string | null;
  endedOn: string | null;
};

/** Select field: the viewer is a provider named in the services of the plan version in the query. */
function providesVersion(viewer: Viewer) {
  return selectField<boolean>(
    sql`exists (select 1 from ${planServices} where ${planServices.versionId} = ${planVersions.id} and ${planServices.providerUserId} = ${viewer.userId})`,
  );
}

/** Select field: the stored settings of the district of the `students` row in the query (read in the transaction). */
function districtSettingsField() {
  return selectField<Record<string, unknown> | null>(
    sql`(select ${districts.settings} from ${districts} where ${districts.id} = ${students.districtId})`,
  );
}

/**
 * Loader for a plan version as an implementer sees it: `assignedImplementer` holds when the viewer
 * teaches a section the student is enrolled in today or is a provider named in that version.
 */
function implementerVersionTarget(versionId: string): Loader<ImplementerEntity> {
  return studentScopedLoader({
    entityType: "plan_version",
    id: versionId,
    recordMiss: false,
    query: (db, scope, viewer) =>
      db
        .select({
          versionId: planVersions.id,
          status: planVersions.status,
          planId: planVersions.planId,
          studentId: planVersions.studentId,
          schoolId: students.schoolId,
          effectiveOn: planVersions.effectiveOn,
          endedOn: planVersions.endedOn,
          planType: planVersions.planType,
          provides: providesVersion(viewer),
          settings: districtSettingsField(),
          calendar: schoolCalendarField(sql`${students.schoolId}`),
          items: selectField<AccommodationItem[]>(
            sql`coalesce((select json_agg(json_build_object('itemId', ${planAccommodations.itemId}, 'text', ${planAccommodations.text}, 'teacherAction', ${planAccommodations.teacherAction}, 'classroom', ${planAccommodations.classroom}, 'testing', ${planAccommodations.testing})) from ${planAccommodations} where ${planAccommodations.versionId} = ${planVersions.id}), '[]'::json)`,
          ),
          ...scope.relationships,
        })
        .from(planVersions)
        .innerJoin(students, eq(students.id, planVersions.studentId))
        .where(and(eq(planVersions.id, versionId), scope.visible))
        .limit(1),
    target: ({ entity, relationships }) => {
      const held = new Set<Relationship>(relationships);
      if (relationships.has("teacherOf") || entity.provides) held.add("assignedImplementer");
      const { planType, provides: _provides, settings, calendar, ...rest } = entity;
      return {
        entity: { ...rest, settings: parseDeliverySettings(settings ?? {}), calendar: createSchoolCalendar(calendar) },
        entityId: rest.versionId,
        studentId: rest.studentId,
        relationships: held,
        planType,
      };
    },
  });
}

/**
 * `accommodation.acknowledge`: the implementer confirms "I have read and will implement these
 * accommodations" for the version in force, bound to the SHA-256 of its accommodation set. One per
 * person per version; superseded versions are refused (also by the database). The school's summary
 * row takes the acknowledgment as a delta (lib/dal/internal/coverage.ts `countAcknowledgment`).
 */
export async function acknowledgeVersion(
  viewer: Viewer,
  input: { versionId: string },
): Promise<{ acknowledgedAt: string }> {
  return mutate(
    viewer,
    {
      action: "accommodation.acknowledge",
      event: "accommodations.acknowledged",
      load: implementerVersionTarget(input.versionId),
    },
    async ({ tx, target, details }) => {
      if (target.entity.status !== "active") throw new AppError("CONFLICT", "errors.versionNotActive");
      const items = target.entity.items;
      const hash = contentHash(accommodationSet(items));
      // One per person and version: a second (or concurrent) acknowledgment inserts nothing.
      const [row] = await tx
        .insert(acknowledgments)
        .values({
          versionId: target.entity.versionId,
          userId: viewer.userId,
          studentId: target.entity.studentId,
          accommodationHash: hash,
          ip: viewer.ip ?? null,
        })
        .onConflictDoNothing({ target: [acknowledgments.versionId, acknowledgments.userId] })
        .returning({ acknowledgedAt: acknowledgments.acknowledgedAt });
      if (!row) throw new AppError("CONFLICT", "errors.alreadyAcknowledged");
      details.versionId = target.entity.versionId;
      details.accommodationHash = hash;
      details.items = items.length;
      await countAcknowledgment(tx, {
        districtId: viewer.districtId,
        schoolId: target.entity.schoolId,
        versionId: target.entity.versionId,
        userId: viewer.userId,
        today: viewer.today,
        settings: target.entity.settings,
        calendar: target.entity.calendar,
      });
      return { acknowledgedAt: row.acknowledgedAt.toISOString() };
    },
  );
}

type AccommodationEntity = {
  /** The district's delivery settings, read with the accommodation (the log-coverage window). */
  settings: DeliverySettings;
  /** The student's school calendar, read with the accommodation. */
  calendar: SchoolCalendar;
  id: string;
  versionId: string;
  status: string;
  studentId: string;
  schoolId: string;
  effectiveOn: string | null;
  endedOn: string | null;
  classroom: boolean;
  testing: boolean;
};

/**
 * Loader for an accommodation an implementer logs, in a section (or as a provider: empty) on a
 * day: `assignedImplementer` holds when the viewer teaches that section today with the student
 * enrolled in it, or (no section) is a provider named in the version. The same query takes the
 * lock of that accommodation-section-day's entries (`logEntryLock`): the reads after it are fresh.
 */
function accommodationTarget(accommodationId: string, sectionId: string, date: string): Loader<AccommodationEntity> {
  return studentScopedLoader({
    entityType: "plan_accommodation",
    id: accommodationId,
    otherIds: [sectionId],
    recordMiss: false,
    query: (db, scope, viewer) =>
      db
        .select({
          id: planAccommodations.id,
          versionId: planVersions.id,
          status: planVersions.status,
          studentId: students.id,
          schoolId: students.schoolId,
          effectiveOn: planVersions.effectiveOn,
          endedOn: planVersions.endedOn,
          classroom: planAccommodations.classroom,
          testing: planAccommodations.testing,
          planType: planVersions.planType,
          implements: sectionId
            ? selectField<boolean>(
                sql`exists (select 1 from ${sectionTeachers} join ${sectionEnrollments} on ${sectionEnrollments.sectionId} = ${sectionTeachers.sectionId} and ${sectionEnrollments.studentId} = ${students.id} where ${sectionTeachers.sectionId} = ${sectionId} and ${sectionTeachers.userId} = ${viewer.userId} and ${inForce(sectionTeachers, viewer.today)})`,
              )
            : providesVersion(viewer),
          settings: districtSettingsField(),
          calendar: schoolCalendarField(sql`${students.schoolId}`),
          lockedEntry: selectField<boolean>(sql`${logEntryLock(accommodationId, sectionId, date)} is not null`),
          ...scope.relationships,
        })
        .from(planAccommodations)
        .innerJoin(planVersions, eq(planVersions.id, planAccommodations.versionId))
        .innerJoin(students, eq(students.id, planVersions.studentId))
        .where(and(eq(planAccommodations.id, accommodationId), scope.visible))
        .limit(1),
    target: ({ entity, relationships }) => {
      const held = new Set<Relationship>(relationships);
      if (entity.implements) held.add("assignedImplementer");
      const { planType, implements: _implements, lockedEntry: _lockedEntry, settings, calendar, ...rest } = entity;
      return {
        entity: { ...rest, settings: parseDeliverySettings(settings ?? {}), calendar: createSchoolCalendar(calendar) },
        entityId: rest.id,
        studentId: rest.studentId,
        relationships: held,
        planType,
      };
    },
  });
}

/** Refuses a day on which the viewer did not teach the section (before they started or after they left). */
async function assertTaughtOn(tx: Executor, viewer: Viewer, sectionId: string, date: string) {
  const [taught] = await tx
    .select({ id: sectionTeachers.id })
    .from(sectionTeachers)
    .where(
      and(
        eq(sectionTeachers.sectionId, sectionId),
        eq(sectionTeachers.userId, viewer.userId),
        lte(sectionTeachers.startsOn, date),
        or(isNull(sectionTeachers.endsOn), sql`${sectionTeachers.endsOn} >= ${date}::date`),
      ),
    )
    .limit(1);
  if (!taught) throw fieldError("date", "errors.logNotTeaching");
}

/**
 * Refuses an entry that cannot be logged (see `logImplementation`), in this order: a future date, a
 * day the school is closed, a day outside the version's time in force, a day the viewer did not
 * teach the section, a student not enrolled in it that day, a version the viewer has not
 * acknowledged. The three facts about people are read in one query, with the latest entry of that
 * day (under the entry's lock, taken by the loader). Returns the school's calendar and that entry.
 */
async function assertLoggable(
  tx: Executor,
  viewer: Viewer,
  target: AccommodationEntity,
  sectionId: string,
  date: string,
): Promise<{ calendar: SchoolCalendar; previousId: string | null }> {
  const invalid = (key: string) => fieldError("date", key);
  if (date > viewer.today) throw invalid("errors.logFutureDate");
  const calendar = target.calendar;
  if (!calendar.isSchoolDay(date)) throw invalid("errors.logNotSchoolDay");
  if (!target.effectiveOn || date < target.effectiveOn || (target.endedOn && date > target.endedOn))
    throw invalid("errors.logOutsidePlan");
  const onDate = (t: typeof sectionTeachers | typeof sectionEnrollments) =>
    sql`${t.startsOn} <= ${date}::date and (${t.endsOn} is null or ${t.endsOn} >= ${date}::date)`;
  const [facts] = await tx
    .select({
      taught: sectionId
        ? selectField<boolean>(
            sql`exists (select 1 from ${sectionTeachers} where ${sectionTeachers.sectionId} = ${sectionId} and ${sectionTeachers.userId} = ${viewer.userId} and ${onDate(sectionTeachers)})`,
          )
        : sql<boolean>`true`,
      enrolled: sectionId
        ? selectField<boolean>(
            sql`exists (select 1 from ${sectionEnrollments} where ${sectionEnrollments.sectionId} = ${sectionId} and ${sectionEnrollments.studentId} = ${target.studentId} and ${onDate(sectionEnrollments)})`,
          )
        : sql<boolean>`true`,
      acknowledged: selectField<boolean>(
        sql`exists (select 1 from ${acknowledgments} where ${acknowledgments.versionId} = ${planVersions.id} and ${acknowledgments.userId} = ${viewer.userId})`,
      ),
      previousId: latestEntryField(target.id, sectionId || null, date),
    })
    .from(planVersions)
    .where(eq(planVersions.id, target.versionId));
  if (!facts?.taught) throw invalid("errors.logNotTeaching");
  if (!facts.enrolled) throw invalid("errors.logNotEnrolled");
  if (!facts.acknowledged) throw new AppError("CONFLICT", "errors.logNeedsAcknowledgment");
  return { calendar, previousId: facts.previousId };
}

/**
 * `implementation.log`: one tap — what happened with one accommodation, in the viewer's own
 * section (or as a named provider), on a school day, for a version the viewer has acknowledged.
 * Refused: a future date, a day the school is closed, a day outside the version's time in force, a
 * day the viewer did not teach the section, a student not in the section that day, and a version
 * the viewer has not acknowledged yet (CONFLICT: acknowledge first). A
 * second entry for the same day replaces the first and both stay in the history (entries for one
 * accommodation, section and day are written one at a time). An entry that makes its day logged
 * adds the day to the school's summary row as a delta (lib/dal/internal/coverage.ts `countLogEntry`).
 */
export async function logImplementation(viewer: Viewer, input: LogImplementationInput): Promise<{ replaced: boolean }> {
  return mutate(
    viewer,
    {
      action: "implementation.log",
      event: "implementation.logged",
      load: accommodationTarget(input.accommodationId, input.sectionId, input.date),
    },
    async ({ tx, target, details }) => {
      const { calendar, previousId } = await assertLoggable(tx, viewer, target.entity, input.sectionId, input.date);
      const [written] = await tx
        .insert(implementationLogs)
        .values({
          versionId: target.entity.versionId,
          accommodationId: target.entity.id,
          sectionId: input.sectionId || null,
          studentId: target.entity.studentId,
          loggedBy: viewer.userId,
          logDate: input.date,
          status: input.status,
          reason: input.reason || null,
          note: input.note || null,
          replacesId: previousId,
        })
        .returning({ id: implementationLogs.id });
      Object.assign(details, {
        accommodationId: target.entity.id,
        sectionId: input.sectionId || null,
        date: input.date,
        status: input.status,
        replaced: Boolean(previousId),
        withNote: Boolean(input.note),
      });
      // Log coverage counts in-class accommodations in a section, on the days of the school's window.
      const window = coverageWindow(calendar, target.entity.settings.coverageWindowSchoolDays, viewer.today);
      await countLogEntry(tx, {
        schoolId: target.entity.schoolId,
        today: viewer.today,
        counted: target.entity.classroom && window.includes(input.date),
        entry: {
          entryId: written!.id,
          accommodationId: target.entity.id,
          sectionId: input.sectionId || null,
          date: input.date,
        },
      });
      return { replaced: Boolean(previousId) };
    },
  );
}

type SectionEntity = { id: string; schoolId: string };

function teachingSectionTarget(sectionId: string): Loader<SectionEntity> {
  return async (db, viewer) => {
    if (!isUuid(sectionId)) return null;
    const [row] = await db
      .select({
        id: sections.id,
        schoolId: sections.schoolId,
        teaches: sql<boolean>`exists (select 1 from ${sectionTeachers} where ${sectionTeachers.sectionId} = ${sections.id} and ${sectionTeachers.userId} = ${viewer.userId} and ${inForce(sectionTeachers, viewer.today)})`,
      })
      .from(sections)
      .innerJoin(schools, eq(schools.id, sections.schoolId))
      .where(and(eq(sections.id, sectionId), eq(schools.districtId, viewer.districtId)))
      .limit(1);
    if (!row || !row.teaches) return null;
    return {
      entity: { id: row.id, schoolId: row.schoolId },
      entityType: "section",
      entityId: row.id,
      relationships: new Set<Relationship>(["assignedImplementer", "teacherOf"]),
    };
  };
}

/**
 * `implementation.log` for a whole class: every daily (in-class) accommodation of every student of
 * the section with a plan in force that the viewer has acknowledged and that has no entry yet for
 * `date` is logged as provided — one tap for the class; exceptions are then changed one by one.
 * Testing accommodations are logged per occurrence, not here; plans not yet acknowledged are left
 * out (acknowledge them first). Refused for a day the viewer did not teach the section. Returns how
 * many entries were written and the batch id that `undoWholeClass` takes (null when nothing was
 * written). An entry withdrawn by an undo counts as not logged, so the class can be logged again.
 */
export async function logWholeClass(
  viewer: Viewer,
  input: { sectionId: string; date: string },
): Promise<{ logged: number; batchId: string | null }> {
  return mutate(
    viewer,
    {
      action: "implementation.log",
      event: "implementation.class_logged",
      load: teachingSectionTarget(input.sectionId),
    },
    async ({ tx, target, details, concerns }) => {
      if (input.date > viewer.today) throw fieldError("date", "errors.logFutureDate");
      const calendar = (await loadSchoolCalendars(tx, [target.entity.schoolId])).get(target.entity.schoolId)!;
      if (!calendar.isSchoolDay(input.date)) throw fieldError("date", "errors.logNotSchoolDay");
      await assertTaughtOn(tx, viewer, target.entity.id, input.date);
      const rows = await tx
        .select({
          accommodationId: planAccommodations.id,
          versionId: planVersions.id,
          studentId: planVersions.studentId,
        })
        .from(sectionEnrollments)
        .innerJoin(
          planVersions,
          and(
            eq(planVersions.studentId, sectionEnrollments.studentId),
            eq(planVersions.status, "active"),
            lte(planVersions.effectiveOn, input.date),
            sql`exists (select 1 from ${acknowledgments} where ${acknowledgments.versionId} = ${planVersions.id} and ${acknowledgments.userId} = ${viewer.userId})`,
          ),
        )
        .innerJoin(
          planAccommodations,
          and(eq(planAccommodations.versionId, planVersions.id), eq(planAccommodations.classroom, true)),
        )
        .where(
          and(
            eq(sectionEnrollments.sectionId, target.entity.id),
            lte(sectionEnrollments.startsOn, input.date),
            or(isNull(sectionEnrollments.endsOn), sql`${sectionEnrollments.endsOn} >= ${input.date}::date`),
            sql`not exists (select 1 from ${implementationLogs} where ${implementationLogs.accommodationId} = ${planAccommodations.id} and ${implementationLogs.sectionId} = ${target.entity.id} and ${implementationLogs.logDate} = ${input.date}::date and ${implementationLogs.status} <> 'retracted' and ${currentLogEntry})`,
          ),
        );
      const batchId = rows.length ? randomUUID() : null;
      if (rows.length) {
        const retracted = await currentRetractions(
          tx,
          rows.map((r) => r.accommodationId),
          target.entity.id,
          input.date,
        );
        const batchAt = clockNow();
        await tx.insert(implementationLogs).values(
          rows.map((r) => ({
            versionId: r.versionId,
            accommodationId: r.accommodationId,
            sectionId: target.entity.id,
            studentId: r.studentId,
            loggedBy: viewer.userId,
            logDate: input.date,
            status: "provided" as const,
            replacesId: retracted.get(r.accommodationId) ?? null,
            batchId,
            batchAt,
          })),
        );
      }
      Object.assign(details, {
        sectionId: target.entity.id,
        date: input.date,
        logged: rows.length,
        batchId,
      });
      concerns(rows.map((r) => r.studentId));
      await refreshSummariesOfStudents(tx, { studentIds: rows.map((r) => r.studentId), today: viewer.today });
      return { logged: rows.length, batchId };
    },
  );
}

/** The retraction rows that are the current entry of these accommodations in a section on a day. */
async function currentRetractions(
  tx: Executor,
  accommodationIds: string[],
  sectionId: string,
  date: string,
): Promise<Map<string, string>> {
  const rows = await tx
    .select({ id: implementationLogs.id, accommodationId: implementationLogs.accommodationId })
    .from(implementationLogs)
    .where(
      and(
        inArray(implementationLogs.accommodationId, accommodationIds),
        eq(implementationLogs.sectionId, sectionId),
        eq(implementationLogs.logDate, date),
        eq(implementationLogs.status, "retracted"),
        currentLogEntry,
      ),
    );
  return new Map(rows.map((r) => [r.accommodationId, r.id]));
}

/**
 * `implementation.log`, undone: withdraws a whole-class log by the same teacher within
 * `CLASS_LOG_UNDO_MS` of the tap (by the app clock, so tests and the date matrix fix it). The log
 * is append-only, so each entry of the batch that is still current gets a `retracted` row replacing
 * it — shown in the evidence report, counted nowhere; entries the teacher has changed one by one
 * since are kept. Another user's batch, or a batch of another section: NOT_FOUND. Too late, or
 * already undone: CONFLICT. Returns how many entries were withdrawn.
 */
export async function undoWholeClass(
  viewer: Viewer,
  input: { sectionId: string; batchId: string },
): Promise<{ retracted: number }> {
  return mutate(
    viewer,
    {
      action: "implementation.log",
      event: "implementation.class_log_undone",
      load: teachingSectionTarget(input.sectionId),
    },
    async ({ tx, target, details, concerns }) => {
      const batch = isUuid(input.batchId)
        ? await tx
            .select({
              id: implementationLogs.id,
              versionId: implementationLogs.versionId,
              accommodationId: implementationLogs.accommodationId,
              studentId: implementationLogs.studentId,
              logDate: implementationLogs.logDate,
              status: implementationLogs.status,
              batchAt: implementationLogs.batchAt,
              current: sql<boolean>`${currentLogEntry}`,
            })
            .from(implementationLogs)
            .where(
              and(
                eq(implementationLogs.batchId, input.batchId),
                eq(implementationLogs.sectionId, target.entity.id),
                eq(implementationLogs.loggedBy, viewer.userId),
              ),
            )
        : [];
      const logged = batch.filter((r) => r.status !== "retracted");
      if (!logged.length) throw new AppError("NOT_FOUND");
      if (batch.some((r) => r.status === "retracted")) throw new AppError("CONFLICT", "errors.undoDone");
      const age = clockNow().getTime() - logged[0]!.batchAt!.getTime();
      if (age < 0 || age > CLASS_LOG_UNDO_MS) throw new AppError("CONFLICT", "errors.undoExpired");
      const withdraw = logged.filter((r) => r.current);
      if (withdraw.length) {
        await tx.insert(implementationLogs).values(
          withdraw.map((r) => ({
            versionId: r.versionId,
            accommodationId: r.accommodationId,
            sectionId: target.entity.id,
            studentId: r.studentId,
            loggedBy: viewer.userId,
            logDate: r.logDate,
            status: "retracted" as const,
            replacesId: r.id,
            batchId: input.batchId,
            batchAt: r.batchAt,
          })),
        );
      }
      Object.assign(details, {
        sectionId: target.entity.id,
        date: logged[0]!.logDate,
        batchId: input.batchId,
        retracted: withdraw.length,
      });
      concerns(withdraw.map((r) => r.studentId));
      await refreshSummariesOfStudents(tx, { studentIds: withdraw.map((r) => r.studentId), today: viewer.today });
      return { retracted: withdraw.length };
    },
  );
}
