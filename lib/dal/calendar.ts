import "server-only";
import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { calendarDays, reportCardDates, schoolYears, sections } from "@/db/schema";
import { calendarDaysBetween, createSchoolCalendar, weekday } from "@/lib/compliance";
import { parseCalendarCsv } from "@/lib/calendar/csv-import";
import type { CalendarProblem } from "@/lib/calendar/entries";
import { parseCalendarIcs } from "@/lib/calendar/ics-import";
import { planCalendarImport } from "@/lib/calendar/import-plan";
import { loadCalendarInputs } from "@/lib/dal/internal/calendars";
import { refreshDeadlines } from "@/lib/dal/internal/deadline-store";
import type { CalendarImportResult, SchoolCalendarView } from "@/lib/dto/deadlines";
import { AppError, fieldError } from "@/lib/errors";
import { can } from "@/lib/policy";
import { MAX_SCHOOL_YEAR_DAYS } from "@/lib/validation/calendar";
import { isUuid } from "@/lib/validation/ids";
import { mutate, read, type MutationContext } from "./core";
import { schoolTarget } from "./schools";
import type { Viewer } from "./viewer";

type SchoolEntity = { id: string; name: string; level: string; districtId: string };
type Ctx = MutationContext<SchoolEntity>;

/**
 * `school.read`: a school's calendar — its school years (with their school-day counts and whether
 * sections use them), closures and make-up days — and whether the viewer may change it
 * (`calendar.manage`, district admins).
 */
export async function getSchoolCalendar(viewer: Viewer, schoolId: string): Promise<SchoolCalendarView> {
  const target = await read(viewer, { action: "school.read", load: schoolTarget(schoolId) });
  const db = getDb();
  const school = target.entity;
  const [years, days, used, inputs, reportCards] = await Promise.all([
    db.select().from(schoolYears).where(eq(schoolYears.schoolId, school.id)).orderBy(asc(schoolYears.firstDay)),
    db
      .select({
        id: calendarDays.id,
        yearId: calendarDays.schoolYearId,
        date: calendarDays.date,
        kind: calendarDays.kind,
        reason: calendarDays.reason,
      })
      .from(calendarDays)
      .innerJoin(schoolYears, eq(schoolYears.id, calendarDays.schoolYearId))
      .where(eq(schoolYears.schoolId, school.id))
      .orderBy(asc(calendarDays.date)),
    db.selectDistinct({ yearId: sections.schoolYearId }).from(sections).where(eq(sections.schoolId, school.id)),
    loadCalendarInputs(db, [school.id]),
    db
      .select({
        id: reportCardDates.id,
        yearId: reportCardDates.schoolYearId,
        date: reportCardDates.date,
        label: reportCardDates.label,
      })
      .from(reportCardDates)
      .innerJoin(schoolYears, eq(schoolYears.id, reportCardDates.schoolYearId))
      .where(eq(schoolYears.schoolId, school.id))
      .orderBy(asc(reportCardDates.date)),
  ]);
  const calendar = createSchoolCalendar(inputs.get(school.id)!);
  const inUse = new Set(used.map((u) => u.yearId));
  return {
    schoolId: school.id,
    schoolName: school.name,
    today: viewer.today,
    canManage: can({ role: viewer.role }, "calendar.manage", { relationships: target.relationships }),
    years: years.map((y) => ({
      id: y.id,
      label: y.label,
      firstDay: y.firstDay,
      lastDay: y.lastDay,
      schoolDays: calendar.schoolDaysInRange(y.firstDay, y.lastDay).length,
      inUse: inUse.has(y.id),
      days: days.filter((d) => d.yearId === y.id).map(({ id, date, kind, reason }) => ({ id, date, kind, reason })),
      reportCards: reportCards.filter((r) => r.yearId === y.id).map(({ id, date, label }) => ({ id, date, label })),
    })),
  };
}

/** Runs a calendar change as `calendar.manage` on the school, then refreshes the school's deadlines. */
async function changeCalendar<T>(
  viewer: Viewer,
  schoolId: string,
  event: Parameters<typeof mutate>[1]["event"],
  change: (ctx: Ctx) => Promise<T>,
): Promise<T> {
  return mutate(viewer, { action: "calendar.manage", event, load: schoolTarget(schoolId) }, async (ctx) => {
    const result = await change(ctx);
    const refreshed = await refreshDeadlines(ctx.tx, { districtId: viewer.districtId, schoolId: ctx.target.entity.id });
    ctx.details.deadlines = refreshed.deadlines;
    return result;
  });
}

async function assertYearFits(
  tx: Executor,
  schoolId: string,
  year: { label: string; firstDay: string; lastDay: string },
  exceptId?: string,
): Promise<void> {
  if (calendarDaysBetween(year.firstDay, year.lastDay) + 1 > MAX_SCHOOL_YEAR_DAYS)
    throw fieldError("lastDay", "validation.calendar.yearTooLong");
  const others = await tx
    .select({ label: schoolYears.label, firstDay: schoolYears.firstDay, lastDay: schoolYears.lastDay })
    .from(schoolYears)
    .where(and(eq(schoolYears.schoolId, schoolId), exceptId ? ne(schoolYears.id, exceptId) : undefined));
  if (others.some((o) => o.label === year.label)) throw fieldError("label", "validation.calendar.labelTaken");
  if (others.some((o) => year.firstDay <= o.lastDay && o.firstDay <= year.lastDay))
    throw fieldError("firstDay", "validation.calendar.yearOverlaps");
}

/** `calendar.manage`: adds a school year (at most a year long, overlapping no other, unique label). */
export async function addSchoolYear(
  viewer: Viewer,
  input: { schoolId: string; label: string; firstDay: string; lastDay: string },
): Promise<{ yearId: string }> {
  return changeCalendar(viewer, input.schoolId, "calendar.year_added", async ({ tx, target, details }) => {
    await assertYearFits(tx, target.entity.id, input);
    const [row] = await tx
      .insert(schoolYears)
      .values({ schoolId: target.entity.id, label: input.label, firstDay: input.firstDay, lastDay: input.lastDay })
      .returning({ id: schoolYears.id });
    details.yearId = row!.id;
    return { yearId: row!.id };
  });
}

/**
 * `calendar.manage`: changes a school year's label or dates (a year extended for snow days); its
 * closures and make-up days must stay inside it.
 */
export async function updateSchoolYear(
  viewer: Viewer,
  input: { schoolId: string; yearId: string; label: string; firstDay: string; lastDay: string },
): Promise<void> {
  await changeCalendar(viewer, input.schoolId, "calendar.year_updated", async ({ tx, target, details }) => {
    if (!isUuid(input.yearId)) throw new AppError("NOT_FOUND");
    const [year] = await tx
      .select({ id: schoolYears.id })
      .from(schoolYears)
      .where(and(eq(schoolYears.id, input.yearId), eq(schoolYears.schoolId, target.entity.id)));
    if (!year) throw new AppError("NOT_FOUND");
    await assertYearFits(tx, target.entity.id, input, year.id);
    const [outside] = await tx
      .select({ date: calendarDays.date })
      .from(calendarDays)
      .where(
        and(
          eq(calendarDays.schoolYearId, year.id),
          sql`(${calendarDays.date} < ${input.firstDay}::date or ${calendarDays.date} > ${input.lastDay}::date)`,
        ),
      )
      .limit(1);
    if (outside) throw fieldError("firstDay", "validation.calendar.daysOutsideYear");
    await tx
      .update(schoolYears)
      .set({ label: input.label, firstDay: input.firstDay, lastDay: input.lastDay })
      .where(eq(schoolYears.id, year.id));
    details.yearId = year.id;
    details.fields = ["label", "firstDay", "lastDay"];
  });
}

/** `calendar.manage`: removes a school year and its days, unless sections (classes) belong to it. */
export async function removeSchoolYear(viewer: Viewer, input: { schoolId: string; yearId: string }): Promise<void> {
  await changeCalendar(viewer, input.schoolId, "calendar.year_removed", async ({ tx, target, details }) => {
    if (!isUuid(input.yearId)) throw new AppError("NOT_FOUND");
    const [used] = await tx
      .select({ id: sections.id })
      .from(sections)
      .where(eq(sections.schoolYearId, input.yearId))
      .limit(1);
    if (used) throw new AppError("CONFLICT", "errors.calendar.yearInUse");
    const removed = await tx
      .delete(schoolYears)
      .where(and(eq(schoolYears.id, input.yearId), eq(schoolYears.schoolId, target.entity.id)))
      .returning({ id: schoolYears.id });
    if (removed.length === 0) throw new AppError("NOT_FOUND");
    details.yearId = input.yearId;
  });
}

/**
 * `calendar.manage`: adds a closure (a snow day) or a make-up day. The date must fall inside one of
 * the school's years; a closure must be a weekday; a date already listed is refused. Every
 * affected deadline of the school's students moves in the same transaction.
 */
export async function addCalendarDay(
  viewer: Viewer,
  input: { schoolId: string; date: string; kind: "closure" | "extra_day"; reason: string },
): Promise<{ dayId: string }> {
  return changeCalendar(viewer, input.schoolId, "calendar.day_added", async ({ tx, target, details }) => {
    const [year] = await tx
      .select({ id: schoolYears.id })
      .from(schoolYears)
      .where(
        and(
          eq(schoolYears.schoolId, target.entity.id),
          sql`${input.date}::date between ${schoolYears.firstDay} and ${schoolYears.lastDay}`,
        ),
      )
      .limit(1);
    if (!year) throw fieldError("date", "validation.calendar.outsideYear");
    if (input.kind === "closure" && (weekday(input.date) === 0 || weekday(input.date) === 6))
      throw fieldError("date", "validation.calendar.weekendClosure");
    const [existing] = await tx
      .select({ id: calendarDays.id })
      .from(calendarDays)
      .where(and(eq(calendarDays.schoolYearId, year.id), eq(calendarDays.date, input.date)));
    if (existing) throw fieldError("date", "validation.calendar.dayTaken");
    const reason = input.reason || (input.kind === "closure" ? "Closure" : "Make-up day");
    const [row] = await tx
      .insert(calendarDays)
      .values({ schoolYearId: year.id, date: input.date, kind: input.kind, reason })
      .returning({ id: calendarDays.id });
    details.dayId = row!.id;
    details.date = input.date;
    details.kind = input.kind;
    return { dayId: row!.id };
  });
}

/** `calendar.manage`: removes one closure or make-up day of the school; deadlines move back. */
export async function removeCalendarDay(viewer: Viewer, input: { schoolId: string; dayId: string }): Promise<void> {
  await changeCalendar(viewer, input.schoolId, "calendar.day_removed", async ({ tx, target, details }) => {
    if (!isUuid(input.dayId)) throw new AppError("NOT_FOUND");
    const removed = await tx
      .delete(calendarDays)
      .where(
        and(
          eq(calendarDays.id, input.dayId),
          inArray(
            calendarDays.schoolYearId,
            tx.select({ id: schoolYears.id }).from(schoolYears).where(eq(schoolYears.schoolId, target.entity.id)),
          ),
        ),
      )
      .returning({ date: calendarDays.date, kind: calendarDays.kind });
    if (removed.length === 0) throw new AppError("NOT_FOUND");
    details.dayId = input.dayId;
    details.date = removed[0]!.date;
    details.kind = removed[0]!.kind;
  });
}

/**
 * The one writer of report-card dates (the calendar page's form and the calendar import): each date
 * goes to the school year it falls in, must be a school day of the school's calendar as it stands in
 * the transaction (closures and make-up days included) and not already listed; a field error names
 * the first date refused. Returns the new rows' ids in the order given.
 */
async function writeReportCardDates(
  tx: Executor,
  schoolId: string,
  dates: readonly { date: string; label: string }[],
): Promise<string[]> {
  if (dates.length === 0) return [];
  const [years, existing, inputs] = await Promise.all([
    tx
      .select({ id: schoolYears.id, firstDay: schoolYears.firstDay, lastDay: schoolYears.lastDay })
      .from(schoolYears)
      .where(eq(schoolYears.schoolId, schoolId)),
    tx
      .select({ date: reportCardDates.date })
      .from(reportCardDates)
      .innerJoin(schoolYears, eq(schoolYears.id, reportCardDates.schoolYearId))
      .where(eq(schoolYears.schoolId, schoolId)),
    loadCalendarInputs(tx, [schoolId]),
  ]);
  const calendar = createSchoolCalendar(inputs.get(schoolId)!);
  const taken = new Set(existing.map((e) => e.date));
  const rows = dates.map(({ date, label }) => {
    const year = years.find((y) => y.firstDay <= date && date <= y.lastDay);
    if (!year) throw fieldError("date", "validation.calendar.outsideYear");
    if (!calendar.isSchoolDay(date)) throw fieldError("date", "validation.calendar.reportCardNotSchoolDay");
    if (taken.has(date)) throw fieldError("date", "validation.calendar.dayTaken");
    taken.add(date);
    return { schoolYearId: year.id, date, label: label || "Report cards" };
  });
  const inserted = await tx.insert(reportCardDates).values(rows).returning({ id: reportCardDates.id });
  return inserted.map((r) => r.id);
}

/**
 * `calendar.manage`: adds a report-card date to the school year it falls in (a school day of that
 * year; a date listed once). Progress reports are due on it (D-13): the school's deadlines are
 * recomputed in the same transaction.
 */
export async function addReportCardDate(
  viewer: Viewer,
  input: { schoolId: string; date: string; label: string },
): Promise<{ reportCardId: string }> {
  return changeCalendar(
    viewer,
    input.schoolId,
    "calendar.report_card_dates_updated",
    async ({ tx, target, details }) => {
      const [id] = await writeReportCardDates(tx, target.entity.id, [input]);
      Object.assign(details, { op: "added", reportCardId: id!, date: input.date });
      return { reportCardId: id! };
    },
  );
}

/** `calendar.manage`: removes one report-card date of the school; its D-13 entries go with it. */
export async function removeReportCardDate(
  viewer: Viewer,
  input: { schoolId: string; reportCardId: string },
): Promise<void> {
  await changeCalendar(
    viewer,
    input.schoolId,
    "calendar.report_card_dates_updated",
    async ({ tx, target, details }) => {
      if (!isUuid(input.reportCardId)) throw new AppError("NOT_FOUND");
      const removed = await tx
        .delete(reportCardDates)
        .where(
          and(
            eq(reportCardDates.id, input.reportCardId),
            inArray(
              reportCardDates.schoolYearId,
              tx.select({ id: schoolYears.id }).from(schoolYears).where(eq(schoolYears.schoolId, target.entity.id)),
            ),
          ),
        )
        .returning({ date: reportCardDates.date });
      if (removed.length === 0) throw new AppError("NOT_FOUND");
      Object.assign(details, { op: "removed", reportCardId: input.reportCardId, date: removed[0]!.date });
    },
  );
}

class ImportRejected extends Error {
  constructor(readonly problems: CalendarProblem[]) {
    super("calendar import rejected");
  }
}

/** Which parser reads a file: iCal when it is named `.ics` or starts with BEGIN:VCALENDAR, else CSV. */
function calendarFileFormat(fileName: string, content: string): "ics" | "csv" {
  return /\.ics$/i.test(fileName) || /^\uFEFF?\s*BEGIN:VCALENDAR/i.test(content) ? "ics" : "csv";
}

/**
 * `calendar.manage`: imports an iCal or CSV calendar file into a school's calendar — school
 * years, closures, make-up days and report-card dates (written by the form's writer) — all or
 * nothing: the file is read and checked against the stored calendar inside the transaction, and
 * any problem (see `planCalendarImport`) rolls everything back and is returned as a list; nothing
 * is written and no audit row is kept. On success the school's deadlines are recomputed.
 */
export async function importSchoolCalendar(
  viewer: Viewer,
  input: { schoolId: string; fileName: string; content: string },
): Promise<CalendarImportResult> {
  const format = calendarFileFormat(input.fileName, input.content);
  const file = format === "ics" ? parseCalendarIcs(input.content) : parseCalendarCsv(input.content);
  try {
    return await changeCalendar(viewer, input.schoolId, "calendar.imported", async ({ tx, target, details }) => {
      const [years, days, reportCards] = await Promise.all([
        tx
          .select({
            id: schoolYears.id,
            label: schoolYears.label,
            firstDay: schoolYears.firstDay,
            lastDay: schoolYears.lastDay,
          })
          .from(schoolYears)
          .where(eq(schoolYears.schoolId, target.entity.id)),
        tx
          .select({ date: calendarDays.date, kind: calendarDays.kind })
          .from(calendarDays)
          .innerJoin(schoolYears, eq(schoolYears.id, calendarDays.schoolYearId))
          .where(eq(schoolYears.schoolId, target.entity.id)),
        tx
          .select({ date: reportCardDates.date })
          .from(reportCardDates)
          .innerJoin(schoolYears, eq(schoolYears.id, reportCardDates.schoolYearId))
          .where(eq(schoolYears.schoolId, target.entity.id)),
      ]);
      const planned = planCalendarImport(file, { years, days, reportCards });
      if ("problems" in planned) throw new ImportRejected(planned.problems);
      const { plan } = planned;
      const newYears = plan.years.length
        ? await tx
            .insert(schoolYears)
            .values(plan.years.map((y) => ({ ...y, schoolId: target.entity.id })))
            .returning({ id: schoolYears.id, label: schoolYears.label })
        : [];
      const yearId = (ref: (typeof plan.days)[number]["year"]) =>
        "id" in ref ? ref.id : newYears.find((y) => y.label === ref.label)!.id;
      if (plan.days.length) {
        await tx.insert(calendarDays).values(
          plan.days.map((d) => ({
            schoolYearId: yearId(d.year),
            date: d.date,
            kind: d.kind,
            reason: d.reason || (d.kind === "closure" ? "Closure" : "Make-up day"),
          })),
        );
      }
      await writeReportCardDates(tx, target.entity.id, plan.reportCards);
      const closures = plan.days.filter((d) => d.kind === "closure").length;
      const counts = {
        years: plan.years.length,
        closures,
        extraDays: plan.days.length - closures,
        reportCards: plan.reportCards.length,
        ignored: plan.ignored,
      };
      Object.assign(details, { format, ...counts });
      return { ok: true as const, ...counts };
    });
  } catch (error) {
    if (error instanceof ImportRejected) return { ok: false, problems: error.problems };
    throw error;
  }
}
