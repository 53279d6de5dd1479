import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { WorkQueueSummary as Summary } from "@/lib/dto/deadlines";
import { Card } from "../ui/card";
import { Stat } from "../ui/stat";

/** The dashboard's work-queue card: counts and a link to the queue. */
export async function WorkQueueSummary({ summary }: { summary: Summary }) {
  const t = await getTranslations("workQueue");
  return (
    <div className="mt-6">
      <Card
        title={t("summaryTitle")}
        titleId="work-queue-summary-title"
        actions={
          <Link href="/work-queue" className="text-brand-700 underline underline-offset-2">
            {t("open")}
          </Link>
        }
      >
        {summary.open === 0 ? (
          <p className="text-slate-600">{t("summaryEmpty")}</p>
        ) : (
          <dl className="grid gap-3 sm:grid-cols-3">
            <Stat label={t("overdueCount")} value={summary.overdue} />
            <Stat label={t("escalatedCount")} value={summary.escalated} />
            <Stat label={t("dueSoonCount")} value={summary.dueSoon} />
          </dl>
        )}
      </Card>
    </div>
  );
}
