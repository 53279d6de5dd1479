import { getTranslations } from "next-intl/server";
import { ProviderBoard } from "@/components/services/provider-board";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { requireViewer } from "@/lib/auth";
import { listMyServices } from "@/lib/dal/services";
import { orNotFound } from "@/lib/http/not-found";
import { isValidIsoDate } from "@/lib/compliance/dates";
import { logServiceSessionAction } from "./actions";

export async function generateMetadata() {
  const t = await getTranslations("services.mine");
  return { title: t("title") };
}

export default async function MyServicesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await requireViewer();
  const query = await searchParams;
  const requested = typeof query.date === "string" && isValidIsoDate(query.date) ? query.date : null;
  const view = await orNotFound(listMyServices(viewer, requested));
  const t = await getTranslations("services.mine");
  return (
    <>
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <form method="get" className="mb-6 flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="services-date" className="block text-sm font-medium">
            {t("date")}
          </label>
          <input
            id="services-date"
            name="date"
            type="date"
            max={viewer.today}
            defaultValue={view.date}
            className={`${inputClass} min-h-11`}
          />
        </div>
        <Button type="submit" variant="secondary" className="min-h-11">
          {t("show")}
        </Button>
      </form>
      <ProviderBoard key={view.date} view={view} action={logServiceSessionAction} />
    </>
  );
}
