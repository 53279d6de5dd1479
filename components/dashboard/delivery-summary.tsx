import { getTranslations } from "next-intl/server";
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

/** A lead's dashboard line: acknowledgment coverage of their scope, linking to the dashboard. */
export async function CoverageSummary({
  assigned,
  acknowledged,
  overdue,
}: {
  assigned: number;
  acknowledged: number;
  overdue: number;
}) {
  const t = await getTranslations("delivery");
  return (
    <Alert tone={overdue ? "warning" : "info"}>
      <Link href="/coverage" className="font-medium underline underline-offset-2">
        {t("coverageSummary", { assigned, acknowledged, overdue })}
      </Link>
    </Alert>
  );
}
