import { and, eq } from "drizzle-orm";
import { loadSchoolCalendars } from "@/lib/dal/internal/calendars";
import { refreshDeadlines } from "@/lib/dal/internal/deadline-store";
import { getDb } from "../client";
import { caseEvents, deadlines } from "../schema";

type EventValues = Omit<typeof caseEvents.$inferInsert, "districtId" | "studentId">;

/**
 * A date `n` school days before (negative: after) `today` on the school's stored calendar, counted
 * from the last school day on or before `today` — so that "5 school days ago" plus 45 school days is
 * "40 school days from now" whatever day of the week (or of a break) the suite runs on. The engine's
 * "school days left" from a weekend or a closure equals the count from that school day.
 */
export async function schoolDaysFrom(schoolId: string, today: string, n: number): Promise<string> {
  const calendar = (await loadSchoolCalendars(getDb(), [schoolId])).get(schoolId)!;
  const anchor = calendar.isSchoolDay(today) ? today : calendar.lastSchoolDayBefore(today);
  if (!anchor) throw new Error(`the test calendar has no school day on or before ${today}`);
  if (n === 0) return anchor;
  const date = n > 0 ? calendar.nthSchoolDayBefore(anchor, n) : calendar.nthSchoolDayAfter(anchor, -n);
  if (!date) throw new Error(`the test calendar has no school day ${n} school days from ${today}`);
  return date;
}

/** The `n`th school day after `date` on the school's stored calendar (the engine's way of counting). */
export async function nthSchoolDayAfter(schoolId: string, date: string, n: number): Promise<string> {
  const calendar = (await loadSchoolCalendars(getDb(), [schoolId])).get(schoolId)!;
  const found = calendar.nthSchoolDayAfter(date, n);
  if (!found) throw new Error(`the test calendar has no school day ${n} school days after ${date}`);
  return found;
}

/**
 * Test setup only: writes case events for a student straight to the database (as a workflow or a
 * seed would) and refreshes their deadlines. Tests of the recording rules use the DAL instead.
 */
export async function givenEvents(student: { id: string; districtId: string }, events: EventValues[]) {
  const db = getDb();
  const rows = await db
    .insert(caseEvents)
    .values(events.map((e) => ({ ...e, districtId: student.districtId, studentId: student.id })))
    .returning();
  await refreshDeadlines(db, { districtId: student.districtId, studentIds: [student.id] });
  return rows;
}

/** The stored deadlines of one student (optionally of one rule), oldest due first. */
export async function deadlinesOf(studentId: string, ruleId?: string) {
  return getDb()
    .select()
    .from(deadlines)
    .where(and(eq(deadlines.studentId, studentId), ruleId ? eq(deadlines.ruleId, ruleId) : undefined))
    .orderBy(deadlines.due);
}
