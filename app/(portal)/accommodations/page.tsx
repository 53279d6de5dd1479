import { getTranslations } from "next-intl/server";
import { AccommodationBoard } from "@/components/delivery/accommodation-board";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { requireViewer } from "@/lib/auth";
import { orNotFound } from "@/lib/http/not-found";
import { isValidIsoDate } from "@/lib/compliance/dates";
import { listMyAccommodations } from "@/lib/dal/delivery";
import { acknowledgeAction, logImplementationAction, logWholeClassAction, undoWholeClassAction } from "./actions";

export async function generateMetadata() {
  const t = await getTranslations("delivery");
  return { title: t("title") };
}

export default async function AccommodationsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await requireViewer();
  const query = await searchParams;
  const requested =
    typeof query.date === "string" && isValidIsoDate(query.date) && query.date <= viewer.today ? query.date : null;
  const data = await orNotFound(listMyAccommodations(viewer, requested));
  const t = await getTranslations("delivery");
  return (
    <>
      <PageHeader
        title={t("title")}
        subtitle={t("subtitle")}
        actions={
          <form method="get" className="flex items-end gap-2">
            <div>
              <label htmlFor="log-date" className="block text-sm font-medium">
                {t("date")}
              </label>
              <input
                id="log-date"
                name="date"
                type="date"
                defaultValue={data.date}
                max={viewer.today}
                className={inputClass}
              />
            </div>
            <Button type="submit" variant="secondary">
              {t("changeDate")}
            </Button>
          </form>
        }
      />
      {data.sections.length === 0 ? (
        <Alert tone="info">{t("noStudents")}</Alert>
      ) : (
        <AccommodationBoard
          sections={data.sections}
          date={data.date}
          actions={{
            acknowledge: acknowledgeAction,
            log: logImplementationAction,
            logClass: logWholeClassAction,
            undoClass: undoWholeClassAction,
          }}
        />
      )}
    </>
  );
}
