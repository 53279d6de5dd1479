import { getFormatter, getTranslations } from "next-intl/server";
import type { PlanColumns } from "@/lib/dto/plans";
import { StatusBadge } from "./status-badge";

/** Header cells for the plan columns of a dashboard table. */
export async function PlanHeaderCells() {
  const t = await getTranslations("plans.columns");
  return (
    <>
      <th scope="col" className="py-2 pr-4 font-medium">
        {t("plan")}
      </th>
      <th scope="col" className="py-2 pr-4 font-medium">
        {t("status")}
      </th>
      <th scope="col" className="py-2 pr-4 font-medium">
        {t("activeSince")}
      </th>
      <th scope="col" className="py-2 pr-4 font-medium">
        {t("nextReview")}
      </th>
    </>
  );
}

/** Plan type, status, active since and next review for one student row. */
export async function PlanCells({ plan }: { plan: PlanColumns | null }) {
  const t = await getTranslations("plans");
  const format = await getFormatter();
  const day = (date: string | null) =>
    date ? format.dateTime(new Date(`${date}T12:00:00Z`), { dateStyle: "medium", timeZone: "UTC" }) : "—";
  if (!plan) {
    return (
      <>
        <td className="py-2 pr-4 text-slate-600">{t("noPlan")}</td>
        <td className="py-2 pr-4">—</td>
        <td className="py-2 pr-4">—</td>
        <td className="py-2 pr-4">—</td>
      </>
    );
  }
  return (
    <>
      <td className="py-2 pr-4">{t(`type.${plan.type}`)}</td>
      <td className="py-2 pr-4">
        <StatusBadge status={plan.status} />
      </td>
      <td className="py-2 pr-4 whitespace-nowrap">{day(plan.activeSince)}</td>
      <td className="py-2 pr-4 whitespace-nowrap">{day(plan.nextReview)}</td>
    </>
  );
}
