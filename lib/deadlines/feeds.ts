import { createHash } from "node:crypto";
import { renderIcsFeed } from "@/lib/calendar/ics-feed";
import type { ComplianceReport, WorkQueue } from "@/lib/dto/deadlines";
import { toCsv } from "@/lib/csv";
import { describeQueueItem } from "@/lib/notifications/deadline-digest";
import { translatorFor } from "@/lib/notifications/translator";
import { now as clockNow } from "@/lib/time";

/**
 * A user's work queue as an iCalendar feed, in their language. Each item is an all-day event on
 * its due date (items whose due date is unknown are left out). The feed leaves PlanPath for phone and cloud calendars, so by default every event
 * says only "PlanPath deadline — open PlanPath" and links to the work queue: no program, rule,
 * name, initial, school or record id. A district that opts in (`details`, the district setting
 * `calendarFeedDetails`) gets the rule, the student's first name and last initial and a link to
 * the record.
 */
export async function workQueueIcs(
  queue: WorkQueue,
  locale: string | null,
  appUrl: string,
  options: { details?: boolean; now?: Date } = {},
): Promise<string> {
  const { t, formatDate } = await translatorFor(locale);
  const now = options.now ?? clockNow();
  // A calendar event needs a date: items whose due date is unknown stay in the queue and digest.
  const dated = queue.items.flatMap((item) => (item.due === null ? [] : [{ ...item, due: item.due }]));
  if (!options.details) {
    return renderIcsFeed(
      t("feed.calendarName"),
      dated.map((item) => ({
        uid: `${createHash("sha256").update(item.key).digest("hex").slice(0, 32)}@planpath`,
        date: item.due,
        summary: t("feed.genericSummary"),
        description: t("feed.genericDescription"),
        url: `${appUrl}/work-queue`,
      })),
      now,
    );
  }
  return renderIcsFeed(
    t("feed.calendarName"),
    dated.map((item) => ({
      uid: `${item.key}@planpath`,
      date: item.due,
      summary: t("feed.summary", {
        rule: t(item.title.key, item.title.values),
        student: `${item.studentFirstName} ${item.studentLastName.slice(0, 1)}.`,
      }),
      description: describeQueueItem(t, formatDate, {
        ...item,
        studentName: `${item.studentFirstName} ${item.studentLastName.slice(0, 1)}.`,
      }),
      url: `${appUrl}${item.href}`,
    })),
    now,
  );
}

/**
 * The compliance report as CSV (headers and statuses in the viewer's language): one row per
 * initial evaluation of the school year and per annual review or reevaluation overdue or due
 * within 90 days. Cells are escaped and guarded against spreadsheet formulas (see `csvCell`).
 */
export async function complianceReportCsv(report: ComplianceReport, locale: string | null): Promise<string> {
  const { t } = await translatorFor(locale);
  const header = [
    "section",
    "school",
    "student",
    "sasid",
    "rule",
    "triggerDate",
    "due",
    "status",
    "schoolDaysOverdue",
    "delayReason",
  ].map((c) => t(`complianceReport.csv.${c}`));
  const rows = report.rows.map((r) => [
    t(`complianceReport.sections.${r.section}`),
    r.schoolName,
    r.studentName,
    r.sasid,
    r.ruleId,
    r.triggerDate,
    r.due,
    r.status === "overdue" ? t("complianceReport.overdue") : t(`deadlines.statuses.${r.status}`),
    r.schoolDaysOverdue,
    r.delayReason ? t(`deadlines.delayReasons.${r.delayReason}`) : "",
  ]);
  return toCsv([header, ...rows]);
}
