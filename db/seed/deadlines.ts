import { and, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import { addDays, addMonths, addYears, type SchoolCalendar } from "@/lib/compliance";
import { loadSchoolCalendars } from "@/lib/dal/internal/calendars";
import { refreshDeadlines } from "@/lib/dal/internal/deadline-store";
import type { Database } from "../client";
import { calendarDays, caseEvents, deadlines, schoolYears } from "../schema";
import { connecticutSchoolYear, schoolYearStartFor } from "./calendar";
import { seedId } from "./ids";
import type { PersonaKey } from "./personas";

type EventInput = Omit<typeof caseEvents.$inferInsert, "id" | "districtId" | "studentId" | "recordedBy" | "source">;
type Ids = {
  district: string;
  maple: string;
  high: string;
  user: (key: PersonaKey) => string;
  student: (key: string) => string;
};

/**
 * The demo's case events, placed relative to the seed day in school days so the work queues look
 * realistic on any date: referrals waiting for consent, an evaluation running, meetings to give
 * notice for, annual reviews and a reevaluation coming up, overdue and escalated items, 504
 * reviews, and one initial evaluation that finished late with its reason recorded. Idempotent
 * (fixed ids, ON CONFLICT DO NOTHING) and deterministic for a given day; the previous school
 * year's calendar is added because some events happened then.
 */
export async function seedDeadlines(db: Database, options: { today: string; ids: Ids }): Promise<void> {
  const { today, ids } = options;
  await db.transaction(async (tx) => {
    const previous = connecticutSchoolYear(schoolYearStartFor(today) - 1);
    for (const schoolId of [ids.maple, ids.high]) {
      const yearId = seedId(`year:${schoolId}:${previous.label}`);
      await tx
        .insert(schoolYears)
        .values({ id: yearId, schoolId, label: previous.label, firstDay: previous.firstDay, lastDay: previous.lastDay })
        .onConflictDoNothing();
      await tx
        .insert(calendarDays)
        .values(
          previous.closures.map((c) => ({
            id: seedId(`closure:${yearId}:${c.date}`),
            schoolYearId: yearId,
            date: c.date,
            kind: "closure" as const,
            reason: c.reason,
          })),
        )
        .onConflictDoNothing();
    }
    const calendars = await loadSchoolCalendars(tx, [ids.maple, ids.high]);
    /** `n` school days before today (negative: after), on that school's calendar. */
    const schoolDays = (calendar: SchoolCalendar, n: number) =>
      (n >= 0 ? calendar.nthSchoolDayBefore(today, n) : calendar.nthSchoolDayAfter(today, -n)) ??
      addDays(today, Math.round(-n * 1.4));
    const maple = (n: number) => schoolDays(calendars.get(ids.maple)!, n);
    const high = (n: number) => schoolDays(calendars.get(ids.high)!, n);

    const cases: { student: string; by: PersonaKey; events: EventInput[] }[] = [
      {
        student: "mateo-garcia",
        by: "caseManagerMaple",
        events: [
          { type: "referral_received", date: maple(20), note: "Written concern from the parent about reading." },
          { type: "consent_requested", consent: "initial_evaluation", date: maple(18) },
          { type: "consent_granted", consent: "initial_evaluation", date: maple(12) },
          { type: "meeting_scheduled", date: maple(1), meetingDate: maple(-9) },
        ],
      },
      {
        student: "emma-miller",
        by: "caseManagerMaple",
        events: [
          { type: "eligibility_determined", date: addDays(addYears(today, -3), 40) },
          { type: "ppt_meeting_held", date: addDays(addYears(today, -3), 60) },
          { type: "iep_implemented", date: addDays(addYears(today, -3), 75) },
          { type: "ppt_meeting_held", date: addYears(maple(-4), -1) },
        ],
      },
      {
        student: "s01",
        by: "caseManagerMaple",
        events: [
          { type: "referral_received", date: maple(15) },
          { type: "consent_requested", consent: "initial_evaluation", date: maple(13) },
        ],
      },
      { student: "s02", by: "caseManagerMaple", events: [{ type: "records_request_received", date: maple(18) }] },
      {
        student: "s03",
        by: "caseManagerMaple",
        events: [
          { type: "referral_received", date: maple(55) },
          { type: "consent_requested", consent: "initial_evaluation", date: maple(52) },
          { type: "consent_granted", consent: "initial_evaluation", date: maple(49) },
          { type: "eligibility_determined", date: maple(20) },
          { type: "ppt_meeting_held", date: maple(12) },
          { type: "pwn_sent", date: maple(12) },
          { type: "iep_implemented", date: maple(2) },
        ],
      },
      {
        student: "s04",
        by: "caseManagerMaple",
        events: [{ type: "disciplinary_change_of_placement", date: maple(6) }],
      },
      {
        student: "s06",
        by: "caseManagerMaple",
        events: [
          { type: "referral_received", date: maple(40) },
          { type: "consent_requested", consent: "initial_evaluation", date: maple(38) },
          { type: "consent_granted", consent: "initial_evaluation", date: maple(33) },
          { type: "eligibility_determined", date: maple(7) },
        ],
      },
      { student: "s10", by: "principalMaple", events: [{ type: "plan504_activated", date: addMonths(maple(8), -12) }] },
      {
        student: "s12",
        by: "principalMaple",
        events: [{ type: "plan504_activated", date: addMonths(maple(-15), -12) }],
      },
      {
        student: "sofia-garcia",
        by: "caseManagerHigh",
        events: [
          { type: "eligibility_determined", date: addYears(high(30), -2) },
          { type: "ppt_meeting_held", date: addDays(addYears(high(30), -2), 20) },
          { type: "ppt_meeting_held", date: addYears(high(9), -1) },
        ],
      },
      {
        student: "s30",
        by: "caseManagerHigh",
        events: [
          { type: "eligibility_determined", date: addYears(high(-3), -3) },
          { type: "ppt_meeting_held", date: addDays(addYears(high(-3), -3), 21) },
          { type: "ppt_meeting_held", date: high(70) },
        ],
      },
      {
        student: "s31",
        by: "caseManagerHigh",
        events: [{ type: "meeting_scheduled", date: today, meetingDate: high(-3) }],
      },
      { student: "s32", by: "caseManagerHigh", events: [{ type: "records_request_received", date: high(4) }] },
      {
        student: "s33",
        by: "caseManagerHigh",
        events: [
          { type: "referral_received", date: high(50) },
          { type: "consent_requested", consent: "initial_evaluation", date: high(48) },
          { type: "consent_granted", consent: "initial_evaluation", date: high(43) },
          { type: "eligibility_determined", date: high(20) },
          { type: "ppt_meeting_held", date: high(15) },
          { type: "iep_implemented", date: high(4) },
        ],
      },
      {
        student: "s34",
        by: "caseManagerHigh",
        events: [
          { type: "referral_received", date: high(30) },
          { type: "consent_requested", consent: "initial_evaluation", date: high(28) },
          { type: "consent_refused", consent: "initial_evaluation", date: high(20) },
        ],
      },
      { student: "s40", by: "principalHigh", events: [{ type: "plan504_activated", date: addMonths(high(-3), -12) }] },
      {
        student: "jaylen-johnson",
        by: "principalHigh",
        events: [
          { type: "referral_received", date: high(30) },
          { type: "consent_requested", consent: "initial_evaluation", date: high(28) },
        ],
      },
    ];

    await tx
      .insert(caseEvents)
      .values(
        cases.flatMap(({ student, by, events }) =>
          events.map((event, index) => ({
            ...event,
            id: seedId(`case-event:${student}:${index}`),
            districtId: ids.district,
            studentId: ids.student(student),
            recordedBy: ids.user(by),
            source: "manual" as const,
          })),
        ),
      )
      .onConflictDoNothing();

    const studentIds = cases.map((c) => ids.student(c.student));
    await refreshDeadlines(tx, { districtId: ids.district, studentIds });

    const historical = [
      and(inArray(deadlines.ruleId, ["D-10", "D-11"]), lt(deadlines.due, today)),
      and(inArray(deadlines.ruleId, ["D-05b", "D-06"]), lt(deadlines.due, maple(3))),
    ];
    for (const condition of historical) {
      await tx
        .update(deadlines)
        .set({ completedOn: sql`${deadlines.due}` })
        .where(and(inArray(deadlines.studentId, studentIds), isNull(deadlines.completedOn), condition));
    }
    await tx
      .update(deadlines)
      .set({ delayReason: "parent_unavailable", delayReasonBy: ids.user("caseManagerMaple") })
      .where(
        and(
          eq(deadlines.studentId, ids.student("s03")),
          eq(deadlines.ruleId, "D-01"),
          eq(deadlines.status, "late"),
          isNull(deadlines.delayReason),
        ),
      );
  });
}
