import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { WorkQueue, WorkQueueItem } from "@/lib/dto/deadlines";
import { Alert } from "../ui/alert";
import { Card } from "../ui/card";
import { DataTable } from "../ui/data-table";
import { DATE_FORMAT, isoDateValue } from "./dates";
import { TimingBadge } from "./status-text";
import { messageKey } from "@/lib/i18n/keys";

const GROUPS = ["overdue", "dueUnknown", "dueSoon", "later"] as const;

function groupOf(item: WorkQueueItem): (typeof GROUPS)[number] {
  return item.overdue ? "overdue" : item.dueUnknown ? "dueUnknown" : item.dueSoon ? "dueSoon" : "later";
}

/** A work queue grouped into overdue, due soon and later items, each with a link to act. */
export async function WorkQueueList({ queue }: { queue: WorkQueue }) {
  const t = await getTranslations();
  if (queue.items.length === 0) {
    return (
      <Card>
        <p className="text-slate-600">{t("workQueue.empty")}</p>
      </Card>
    );
  }
  return (
    <div className="space-y-6">
      {queue.truncated && <Alert tone="warning">{t("workQueue.truncated", { count: queue.items.length })}</Alert>}
      {GROUPS.map((group) => {
        const items = queue.items.filter((item) => groupOf(item) === group);
        if (items.length === 0) return null;
        const titleId = `queue-${group}`;
        return (
          <Card key={group} title={t(`workQueue.groups.${group}`, { count: items.length })} titleId={titleId}>
            <WorkQueueTable items={items} labelledBy={titleId} />
          </Card>
        );
      })}
    </div>
  );
}

/** The rows of a work queue (what, student, school, due, time left, why), each with a link to act. */
export async function WorkQueueTable({ items, labelledBy }: { items: WorkQueueItem[]; labelledBy: string }) {
  const t = await getTranslations();
  const format = await getFormatter();
  return (
    <DataTable
      labelledBy={labelledBy}
      columns={(["what", "student", "school", "due", "timeLeft", "why"] as const).map((c) => ({
        label: t(`workQueue.${c}`),
      }))}
    >
      {items.map((item) => (
        <tr key={item.key} className={item.overdue ? "bg-red-50" : undefined}>
          <th scope="row" className="py-2 pr-4 font-medium">
            {t(messageKey(item.title.key), item.title.values)}
            {item.step && (
              <span className="mt-1 block text-sm font-normal text-amber-800">
                {t(messageKey(item.step.key), item.step.values)}
              </span>
            )}
          </th>
          <td className="py-2 pr-4">
            {item.href === "/work-queue" ? (
              item.studentName
            ) : (
              <Link href={item.href} className="text-brand-700 underline underline-offset-2">
                {item.studentName}
              </Link>
            )}
          </td>
          <td className="py-2 pr-4">{item.schoolName}</td>
          <td className="py-2 pr-4 whitespace-nowrap">
            {item.due === null ? t("workQueue.dueUnknown") : format.dateTime(isoDateValue(item.due), DATE_FORMAT)}
          </td>
          <td className="py-2 pr-4">
            {item.dueUnknown ? (
              t("workQueue.loadCalendar")
            ) : (
              <TimingBadge
                schoolDaysLeft={item.schoolDaysLeft}
                overdue={item.overdue}
                escalated={item.escalated}
                beyondCalendar={item.beyondCalendar}
              />
            )}
          </td>
          <td className="py-2 pr-4">{t(messageKey(`workQueue.reasons.${item.reason}`))}</td>
        </tr>
      ))}
    </DataTable>
  );
}
