import { and, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import { addDays } from "@/lib/compliance";
import { loadSchoolCalendars } from "@/lib/dal/internal/calendars";
import { refreshDeadlines } from "@/lib/dal/internal/deadline-store";
import { unsafeIssueHistoricalReport } from "@/lib/dal/internal/progress-reports";
import type { Database } from "../client";
import { caseEvents, deadlines } from "../schema";
import { seedId } from "./ids";
import type { PersonaKey } from "./personas";

/** Why a line without data in a past period was reported Not Introduced (the demo collects data on goals, not objectives). */
const NOT_INTRODUCED_REASON = {
  en: "Not yet introduced in this period: instruction focused on the goal above.",
  es: "Todavía no se introdujo en este período: la enseñanza se centró en la meta anterior.",
};

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
    // D-13: a progress report went home with each past report card for every IEP the engine found in
    // force that day — except Mateo's latest, still to draft on his case manager's queue. Where the IEP
    // in force had goal data in the period, the report is issued in PlanPath (its document stored as
    // sent, its lines coded from the data) and writes the progress_report_sent event itself; otherwise
    // the report predates PlanPath's data and was recorded by hand. The engine's D-13 entries say which
    // reports were due.
    const dueRows = await tx.execute(sql`
      select distinct d.student_id, d.due::text as due,
        (select c.case_manager_id from caseloads c where c.student_id = d.student_id order by c.starts_on desc limit 1)
          as case_manager_id
      from deadlines d
      where d.district_id = ${ids.district} and d.rule_id = 'D-13' and d.due <= ${today}::date
        and not (d.student_id = ${ids.student("mateo-garcia")} and d.due = (
          select max(d2.due) from deadlines d2
          where d2.student_id = d.student_id and d2.rule_id = 'D-13' and d2.due <= ${today}::date))
        and not exists (select 1 from case_events e
          where e.student_id = d.student_id and e.type = 'progress_report_sent' and e.date = d.due)
      order by 1, 2`);
    type Due = { student_id: string; due: string; case_manager_id: string | null };
    const due = (Array.isArray(dueRows) ? dueRows : (dueRows as unknown as { rows: Due[] }).rows) as Due[];
    for (const row of due) {
      const issued = row.case_manager_id
        ? await unsafeIssueHistoricalReport(tx, {
            id: seedId(`progress-report:${row.student_id}:${row.due}`),
            documentId: seedId(`progress-report-document:${row.student_id}:${row.due}`),
            studentId: row.student_id,
            reportCardDate: row.due,
            issuedBy: row.case_manager_id,
            noDataReason: NOT_INTRODUCED_REASON,
          })
        : null;
      if (!issued) {
        await tx.insert(caseEvents).values({
          districtId: ids.district,
          studentId: row.student_id,
          type: "progress_report_sent",
          date: row.due,
          note: "Progress report sent home with the report card",
          recordedBy: row.case_manager_id,
        });
      }
    }
    const reported = [...new Set(due.map((r) => r.student_id))];
    if (reported.length > 0) await refreshDeadlines(tx, { districtId: ids.district, studentIds: reported });

    // A meeting's notice completes the D-06 deadline its scheduling opened, on the day it was sent
    // (as the meetings workflow does).
    await tx.execute(sql`
      update deadlines d set completed_on = m.notice_sent_on, completed_by = m.created_by
      from case_events e join meetings m on m.id = e.source_id
      where d.trigger_event_id = e.id and d.rule_id = 'D-06' and d.completed_on is null
        and m.notice_sent_on is not null and d.district_id = ${ids.district}`);
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
