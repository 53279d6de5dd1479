import "server-only";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import {
  caseloads,
  meetings,
  planVersions,
  progressReportItems,
  progressReports,
  schools,
  students,
} from "@/db/schema";
import type { WorkQueueItem } from "@/lib/dto/deadlines";
import { onCaseloadOf } from "./internal/own-students";
import { CONCERN_CODES, type ProgressCode } from "@/lib/progress/report-status";
import { selectField } from "./internal/scope";
import type { WorkQueueProvider } from "./work-queue";

/**
 * Progress-report provider for the plan lead's work queue (legal-review PM-5), from issued reports
 * only (the latest issued version of each period), for a case manager's current caseload:
 * - a goal coded No Progress to Date or Limited/Minimal Progress in the two latest reports of the plan
 *   → consider a PPT to revise the IEP (34 CFR 300.324(b)(1)(ii)(A)), until an IEP meeting is held
 *   after the later report was issued;
 * - a goal coded Mastered in the latest report while the version reported on is still the active one
 *   (before the plan's end) → consider an amendment.
 * One query (the goal lines, each with the student's latest IEP meeting held); bounded.
 */
export const progressReportQueueProvider: WorkQueueProvider = {
  id: "progressReport",
  async items(viewer, context, limit) {
    if (viewer.role !== "case_manager") return { items: [], truncated: false };
    const rows = await context.batch.read(
      context.db
        .select({
          reportId: progressReports.id,
          planId: progressReports.planId,
          reportCardDate: progressReports.reportCardDate,
          version: progressReports.version,
          issuedOn: progressReports.issuedOn,
          versionStatus: planVersions.status,
          goalItemId: progressReportItems.goalItemId,
          position: progressReportItems.position,
          code: progressReportItems.code,
          studentId: students.id,
          firstName: students.firstName,
          lastName: students.lastName,
          schoolName: schools.name,
          // The student's latest IEP meeting held (a meeting after the report answers its concern).
          lastIepMeetingHeldOn: selectField<string | null>(sql`(select max(m.held_on)::text from ${meetings} m
          where m.student_id = ${students.id} and m.program = 'iep' and m.status = 'held')`),
        })
        .from(progressReportItems)
        .innerJoin(progressReports, eq(progressReports.id, progressReportItems.reportId))
        .innerJoin(planVersions, eq(planVersions.id, progressReports.planVersionId))
        .innerJoin(students, eq(students.id, progressReports.studentId))
        .innerJoin(schools, eq(schools.id, students.schoolId))
        .innerJoin(caseloads, onCaseloadOf(viewer.userId, context.today))
        .where(
          and(
            eq(students.districtId, viewer.districtId),
            eq(progressReports.status, "issued"),
            isNull(progressReportItems.objectiveId),
            // The latest issued version of its period: no issued correction of it.
            sql`not exists (select 1 from ${progressReports} c
            where c.corrects_id = ${progressReports.id} and c.status = 'issued')`,
          ),
        )
        .orderBy(desc(progressReports.reportCardDate))
        .limit(5000),
    );
    const items: WorkQueueItem[] = [];
    for (const planId of new Set(rows.map((r) => r.planId))) {
      const ofPlan = rows.filter((r) => r.planId === planId);
      const dates = [...new Set(ofPlan.map((r) => r.reportCardDate))].sort().reverse();
      const latest = ofPlan.filter((r) => r.reportCardDate === dates[0]);
      const previous = dates[1] ? ofPlan.filter((r) => r.reportCardDate === dates[1]) : [];
      for (const line of latest) {
        const before = previous.find((p) => p.goalItemId === line.goalItemId);
        const goal = latest.filter((l) => l.position <= line.position).length;
        const base = {
          studentId: line.studentId,
          studentName: `${line.firstName} ${line.lastName}`,
          studentFirstName: line.firstName,
          studentLastName: line.lastName,
          schoolName: line.schoolName,
          due: line.issuedOn,
          dueUnknown: false,
          schoolDaysLeft: 0,
          overdue: false,
          escalated: false,
          dueSoon: false,
          beyondCalendar: false,
          reason: "progressReport",
          href: `/students/${line.studentId}/progress/reports/${line.reportId}`,
        };
        const concern = (code: ProgressCode | null) => code !== null && CONCERN_CODES.includes(code);
        const meetingSince =
          line.lastIepMeetingHeldOn !== null && line.issuedOn !== null && line.lastIepMeetingHeldOn >= line.issuedOn;
        if (concern(line.code) && before && concern(before.code) && !meetingSince) {
          items.push({
            ...base,
            key: `progressReport:ppt:${planId}:${line.goalItemId}`,
            source: "progressReport",
            title: { key: "progressReports.queue.considerPpt", values: { goal } },
          });
        }
        if (line.code === "mastered" && line.versionStatus === "active") {
          items.push({
            ...base,
            key: `progressReport:amend:${planId}:${line.goalItemId}`,
            source: "progressReport",
            title: { key: "progressReports.queue.considerAmendment", values: { goal } },
          });
        }
      }
    }
    items.sort((a, b) => (a.due ?? "").localeCompare(b.due ?? ""));
    return { items: items.slice(0, limit), truncated: items.length > limit };
  },
};
