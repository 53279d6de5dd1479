import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { WorkQueuePage } from "@/lib/dto/deadlines";
import { Alert } from "../ui/alert";
import { Card } from "../ui/card";
import { Stat } from "../ui/stat";
import { DATE_FORMAT, isoDateValue } from "./dates";
import { WorkQueueTable } from "./work-queue-list";

const link = "text-brand-700 underline underline-offset-2";

/**
 * The district admin's work queue, one keyset page at a time: counts over every overdue deadline of the
 * district, this page of them with links to the next page and back to the first, and (first page) the
 * items of the other sources.
 */
export async function WorkQueuePageView({ page }: { page: WorkQueuePage }) {
  const t = await getTranslations("workQueue");
  const format = await getFormatter();
  const { counts } = page;
  return (
    <div className="space-y-6">
      <Card title={t("district.title", { count: counts.overdue })} titleId="queue-district">
        {page.deadlines.length === 0 ? (
          <p className="text-slate-600">{t("district.none")}</p>
        ) : (
          <>
            <dl className="mb-4 grid gap-3 sm:grid-cols-3">
              <Stat label={t("district.overdue")} value={format.number(counts.overdue)} />
              <Stat label={t("district.students")} value={format.number(counts.students)} />
              <Stat
                label={t("district.oldest")}
                value={counts.oldestDue ? format.dateTime(isoDateValue(counts.oldestDue), DATE_FORMAT) : "—"}
              />
            </dl>
            <WorkQueueTable items={page.deadlines} labelledBy="queue-district" />
          </>
        )}
        {(page.first || page.next) && (
          <nav aria-label={t("district.pages")} className="mt-4 flex gap-6">
            {page.first && (
              <Link href="/work-queue" className={link}>
                {t("district.first")}
              </Link>
            )}
            {page.next && (
              <Link href={`/work-queue?after=${encodeURIComponent(page.next)}`} className={link} rel="next">
                {t("district.next")}
              </Link>
            )}
          </nav>
        )}
      </Card>
      <p className="text-slate-700">
        {t.rich("district.acknowledgments", {
          link: (chunks) => (
            <Link href="/coverage" className={link}>
              {chunks}
            </Link>
          ),
        })}
      </p>
      {page.others.length > 0 && (
        <Card title={t("district.others", { count: page.others.length })} titleId="queue-others">
          {page.othersTruncated && <Alert tone="warning">{t("truncated", { count: page.others.length })}</Alert>}
          <WorkQueueTable items={page.others} labelledBy="queue-others" />
        </Card>
      )}
    </div>
  );
}
