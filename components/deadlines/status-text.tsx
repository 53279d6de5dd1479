import { getTranslations } from "next-intl/server";
import type { DeadlineStatus } from "@/lib/compliance";

/** How far an open item is from its due date, in school days; overdue and escalated items are marked in words, not only color. */
export async function TimingBadge({
  schoolDaysLeft,
  overdue,
  escalated,
  beyondCalendar,
}: {
  schoolDaysLeft: number;
  overdue: boolean;
  escalated: boolean;
  beyondCalendar: boolean;
}) {
  const t = await getTranslations("deadlines");
  if (!overdue && beyondCalendar) return <span>{t("beyondCalendar")}</span>;
  if (!overdue) return <span className="whitespace-nowrap">{t("daysLeft", { days: schoolDaysLeft })}</span>;
  return (
    <span className="inline-flex flex-wrap gap-1">
      <span className="rounded bg-red-100 px-2 py-0.5 font-medium whitespace-nowrap text-red-900">
        {t("overdueBy", { days: -schoolDaysLeft })}
      </span>
      {escalated && (
        <span className="rounded bg-amber-100 px-2 py-0.5 font-medium whitespace-nowrap text-amber-900">
          {t("escalated")}
        </span>
      )}
    </span>
  );
}

/** A deadline status in words. */
export async function StatusText({ status }: { status: DeadlineStatus }) {
  const t = await getTranslations("deadlines");
  return <span>{t(`statuses.${status}`)}</span>;
}
