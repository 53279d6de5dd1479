import { asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { calendarDays, reportCardDates, schoolYears } from "@/db/schema";
import { createSchoolCalendar, type SchoolCalendar, type SchoolCalendarInput } from "@/lib/compliance";
import { perRequestEach, shareable } from "./request-cache";
import { selectField } from "./scope";

/**
 * The calendar data of each given school (school years, closures, make-up days), in one query
 * whatever the number of schools (each year carries its days as JSON). Schools without a school year
 * get an empty calendar.
 */
export async function loadCalendarInputs(
  db: Executor,
  schoolIds: readonly string[],
): Promise<Map<string, SchoolCalendarInput>> {
  const inputs = new Map<
    string,
    { schoolYears: { firstDay: string; lastDay: string }[]; closures: string[]; extraDays: string[] }
  >();
  for (const id of schoolIds) inputs.set(id, { schoolYears: [], closures: [], extraDays: [] });
  if (schoolIds.length === 0) return inputs;
  const years = await db
    .select({
      schoolId: schoolYears.schoolId,
      firstDay: schoolYears.firstDay,
      lastDay: schoolYears.lastDay,
      // a nested fragment keeps its columns qualified (see selectField)
      days: selectField<
        { date: string; kind: string }[]
      >(sql`coalesce((select json_agg(json_build_object('date', ${calendarDays.date}, 'kind', ${calendarDays.kind}))
        from ${calendarDays} where ${calendarDays.schoolYearId} = ${schoolYears.id}), '[]'::json)`),
    })
    .from(schoolYears)
    .where(inArray(schoolYears.schoolId, [...new Set(schoolIds)]))
    .orderBy(asc(schoolYears.firstDay));
  for (const year of years) {
    const input = inputs.get(year.schoolId);
    if (!input) continue;
    input.schoolYears.push({ firstDay: year.firstDay, lastDay: year.lastDay });
    for (const day of year.days) (day.kind === "closure" ? input.closures : input.extraDays).push(day.date);
  }
  for (const input of inputs.values()) {
    input.closures.sort();
    input.extraDays.sort();
  }
  return inputs;
}

/**
 * Select field: the calendar data of the school `schoolId` (a column of the query, e.g. a student's
 * school) as one JSON value — what {@link loadCalendarInputs} reads for that school — so a loader
 * that already reads one row gets its school's calendar in the same statement. Build it with
 * `createSchoolCalendar`.
 */
export function schoolCalendarField(schoolId: SQL): SQL<SchoolCalendarInput> {
  const days = (closure: boolean) =>
    sql`coalesce((select json_agg(${calendarDays.date} order by ${calendarDays.date}) from ${calendarDays}
      join ${schoolYears} on ${schoolYears.id} = ${calendarDays.schoolYearId}
      where ${schoolYears.schoolId} = ${schoolId} and ${calendarDays.kind} ${closure ? sql`=` : sql`<>`} 'closure'), '[]'::json)`;
  return selectField<SchoolCalendarInput>(sql`json_build_object(
    'schoolYears', coalesce((select json_agg(json_build_object('firstDay', ${schoolYears.firstDay}, 'lastDay', ${schoolYears.lastDay}) order by ${schoolYears.firstDay})
      from ${schoolYears} where ${schoolYears.schoolId} = ${schoolId}), '[]'::json),
    'closures', ${days(true)},
    'extraDays', ${days(false)})`);
}

/**
 * One built {@link SchoolCalendar} per school (built once, shared by every student of that school),
 * loaded in two queries. Through the app's pool each school's calendar is loaded and built once per
 * request and shared by every loader of that request (the schools no loader asked for yet are loaded
 * together); through an open transaction it is read fresh.
 */
export async function loadSchoolCalendars(
  db: Executor,
  schoolIds: readonly string[],
): Promise<Map<string, SchoolCalendar>> {
  const build = async (ids: readonly string[]) => {
    const inputs = await loadCalendarInputs(db, ids);
    return new Map([...inputs].map(([schoolId, input]) => [schoolId, createSchoolCalendar(input)]));
  };
  return shareable(db) ? perRequestEach("school-calendar", schoolIds, build) : build(schoolIds);
}

/**
 * The report-card dates of each given school (every school year), sorted, in one query. Schools
 * without any get an empty list.
 */
export async function loadReportCardDates(db: Executor, schoolIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(schoolIds.map((id) => [id, []]));
  if (schoolIds.length === 0) return out;
  const rows = await db
    .select({ schoolId: schoolYears.schoolId, date: reportCardDates.date })
    .from(reportCardDates)
    .innerJoin(schoolYears, eq(schoolYears.id, reportCardDates.schoolYearId))
    .where(inArray(schoolYears.schoolId, [...new Set(schoolIds)]))
    .orderBy(asc(reportCardDates.date));
  for (const row of rows) out.get(row.schoolId)?.push(row.date);
  return out;
}
