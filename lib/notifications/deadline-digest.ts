import type { WorkQueueItem } from "@/lib/dto/deadlines";
import { translatorFor } from "./translator";

/** An item's line in a digest or feed: the rule in plain language, the student, the school, the timing. */
export function describeQueueItem(
  t: (key: string, values?: Record<string, string | number>) => string,
  formatDate: (date: string) => string,
  item: WorkQueueItem,
): string {
  const values = {
    rule: t(item.title.key, item.title.values),
    student: item.studentName,
    school: item.schoolName,
    due: item.due === null ? "" : formatDate(item.due),
  };
  if (item.due === null) return t("notifications.item.dueUnknown", values);
  if (!item.overdue)
    return t(item.beyondCalendar ? "notifications.item.dueLater" : "notifications.item.due", {
      ...values,
      days: item.schoolDaysLeft,
    });
  return t(item.escalated ? "notifications.item.escalated" : "notifications.item.overdue", {
    ...values,
    days: -item.schoolDaysLeft,
  });
}

/**
 * The daily e-mail of a user's work queue, in their language: overdue items first, then items
 * due within the digest window, each with a link to act. `overdueOnly` (the user opted out of
 * digests) keeps just the overdue notice, which cannot be turned off.
 */
export async function composeDeadlineDigest(input: {
  locale: string | null;
  name: string;
  items: WorkQueueItem[];
  overdueOnly: boolean;
  appUrl: string;
}): Promise<{ subject: string; text: string }> {
  const { t, formatDate } = await translatorFor(input.locale);
  const overdue = input.items.filter((i) => i.overdue);
  const soon = input.overdueOnly ? [] : input.items.filter((i) => !i.overdue);
  const section = (title: string, items: WorkQueueItem[]) =>
    items.length === 0
      ? []
      : [
          "",
          title,
          ...items.flatMap((item) => [`- ${describeQueueItem(t, formatDate, item)}`, `  ${input.appUrl}${item.href}`]),
        ];
  const lines = [
    t("notifications.digest.greeting", { name: input.name }),
    "",
    t(input.overdueOnly ? "notifications.digest.introOverdue" : "notifications.digest.intro"),
    ...section(t("notifications.digest.overdueTitle", { count: overdue.length }), overdue),
    ...section(t("notifications.digest.dueSoonTitle", { count: soon.length }), soon),
    "",
    t("notifications.digest.queueLink", { url: `${input.appUrl}/work-queue` }),
    t(input.overdueOnly ? "notifications.digest.footerOverdue" : "notifications.digest.footer", {
      url: `${input.appUrl}/settings`,
    }),
  ];
  const subject = input.overdueOnly
    ? t("notifications.digest.subjectOverdue", { overdue: overdue.length })
    : t("notifications.digest.subject", { overdue: overdue.length, soon: soon.length });
  return { subject, text: lines.join("\n") };
}
