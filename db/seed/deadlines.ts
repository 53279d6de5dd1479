import { and, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import { addDays } from "@/lib/compliance";
import { loadSchoolCalendars } from "@/lib/dal/internal/calendars";
import { refreshDeadlines } from "@/lib/dal/internal/deadline-store";
import type { Database } from "../client";
import { caseEvents, deadlines } from "../schema";
import type { PersonaKey } from "./personas";

type Ids = {
  district: string;
  maple: string;
  high: string;
  user: (key: PersonaKey) => string;
  student: (key: string) => string;
};

/**
 * The demo's deadlines, computed by the engine from the case events the stories wrote (see
 * `plans.ts`): staff-entered facts are added on top — historical notices marked as sent, and the
 * reason the late initial evaluation was late. Idempotent and deterministic for a given day.
 */
export async function seedDeadlines(db: Database, options: { today: string; ids: Ids }): Promise<void> {
  const { today, ids } = options;
  await db.transaction(async (tx) => {
    const calendars = await loadSchoolCalendars(tx, [ids.maple]);
    /** `n` school days before today on Maple Street's calendar. */
    const maple = (n: number) =>
      calendars.get(ids.maple)!.nthSchoolDayBefore(today, n) ?? addDays(today, Math.round(-n * 1.4));
    const withEvents = await tx
      .selectDistinct({ id: caseEvents.studentId })
      .from(caseEvents)
      .where(eq(caseEvents.districtId, ids.district));
    const studentIds = withEvents.map((row) => row.id);
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
