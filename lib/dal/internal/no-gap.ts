import { and, eq, inArray, isNotNull, isNull, ne, or } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { caseEvents, planEnds, planVersions, students } from "@/db/schema";
import { gapDays, type NoPlanReason, type PlanPeriod } from "@/lib/plans/transitions";
import { loadSchoolCalendars } from "./calendars";

/** A student with school days on which no plan was in force and no record says why. */
export interface PlanGap {
  studentId: string;
  days: string[];
}

/**
 * The no-gap invariant over the database (issue 12; CL-9): for every student of the district (or of
 * every district) who was ever in a plan, the school days up to `today` on the student's school
 * calendar with no plan in force and no recorded reason: an exit other than to a 504 plan (not eligible
 * at reevaluation, diploma, aging out, revocation, a move: the `exited` event), a 504 plan ended as no
 * longer needed or after a move, consent refused. A reevaluation finding the student not eligible for
 * an IEP is not a reason by itself (a 504 plan may be owed: IEP→504). Unscoped (the
 * `npm run check:no-gap` command and tests); five queries whatever the number of students.
 */
export async function findPlanGaps(db: Executor, input: { today: string; districtId?: string }): Promise<PlanGap[]> {
  const district = input.districtId ? eq(students.districtId, input.districtId) : undefined;
  const periods = await db
    .select({
      studentId: planVersions.studentId,
      schoolId: students.schoolId,
      planType: planVersions.planType,
      from: planVersions.effectiveOn,
      to: planVersions.endedOn,
    })
    .from(planVersions)
    .innerJoin(students, eq(students.id, planVersions.studentId))
    .where(and(isNotNull(planVersions.activatedAt), isNotNull(planVersions.effectiveOn), district));
  if (periods.length === 0) return [];
  const studentIds = [...new Set(periods.map((p) => p.studentId))];
  const [events, ends] = await Promise.all([
    db
      .select({ studentId: caseEvents.studentId, type: caseEvents.type, date: caseEvents.date })
      .from(caseEvents)
      .where(
        and(
          inArray(caseEvents.studentId, studentIds),
          isNull(caseEvents.voidedAt),
          or(
            and(eq(caseEvents.type, "exited"), ne(caseEvents.exitReason, "transferred_to_504")),
            eq(caseEvents.type, "consent_refused"),
          ),
        ),
      ),
    db
      .select({ studentId: planEnds.studentId, endsOn: planEnds.endsOn })
      .from(planEnds)
      .where(
        and(
          inArray(planEnds.studentId, studentIds),
          eq(planEnds.status, "completed"),
          inArray(planEnds.reason, ["no_longer_needed", "moved"]),
        ),
      ),
  ]);
  const calendars = await loadSchoolCalendars(db, [...new Set(periods.map((p) => p.schoolId))]);
  const byStudent = new Map<string, { schoolId: string; periods: PlanPeriod[]; reasons: NoPlanReason[] }>();
  for (const p of periods) {
    const entry = byStudent.get(p.studentId) ?? { schoolId: p.schoolId, periods: [], reasons: [] };
    entry.periods.push({ planType: p.planType, from: p.from!, to: p.to });
    byStudent.set(p.studentId, entry);
  }
  for (const e of events)
    byStudent.get(e.studentId)?.reasons.push({
      from: e.date,
      kind: e.type === "exited" ? "exited" : "consent_refused",
    });
  for (const e of ends) byStudent.get(e.studentId)?.reasons.push({ from: e.endsOn, kind: "plan504_ended" });
  const gaps: PlanGap[] = [];
  for (const [studentId, entry] of byStudent) {
    const calendar = calendars.get(entry.schoolId);
    if (!calendar) continue;
    const days = gapDays(entry.periods, entry.reasons, input.today, (from, to) =>
      from > to ? [] : calendar.schoolDaysInRange(from, to),
    );
    if (days.length > 0) gaps.push({ studentId, days });
  }
  return gaps.sort((a, b) => a.studentId.localeCompare(b.studentId));
}
