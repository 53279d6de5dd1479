import { getFormatter, getTranslations } from "next-intl/server";
import Link from "next/link";
import { Alert } from "../ui/alert";

/** The teacher's dashboard line: how many plans still need their acknowledgment. */
export async function OutstandingAcknowledgments({ count }: { count: number }) {
  const t = await getTranslations("delivery");
  return (
    <Alert tone={count ? "warning" : "success"}>
      <Link href="/accommodations" className="font-medium underline underline-offset-2">
        {t("outstanding", { count })}
      </Link>
    </Alert>
  );
}

/**
 * A lead's dashboard line: acknowledgment coverage of their scope, linking to the dashboard. With
 * `asOf` (numbers read from the per-school summary) it says when they were computed.
 */
export async function CoverageSummary({
  assigned,
  acknowledged,
  overdue,
  asOf = null,
}: {
  assigned: number;
  acknowledged: number;
  overdue: number;
  asOf?: string | null;
}) {
  const t = await getTranslations("delivery");
  return (
    <Alert tone={overdue ? "warning" : "info"}>
      <Link href="/coverage" className="font-medium underline underline-offset-2">
        {t("coverageSummary", { assigned, acknowledged, overdue })}
      </Link>
      {asOf && <AsOf asOf={asOf} />}
    </Alert>
  );
}

/** "Numbers as of <time>": when summary numbers were computed (the viewer's locale and time zone). */
export async function AsOf({ asOf }: { asOf: string }) {
  const t = await getTranslations("delivery.coverage");
  const format = await getFormatter();
  return (
    <span className="block text-sm">
      {t("asOf", {
        time: format.dateTime(new Date(asOf), { dateStyle: "medium", timeStyle: "short" }),
      })}
    </span>
  );
}
