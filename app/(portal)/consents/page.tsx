import { getFormatter, getTranslations } from "next-intl/server";
import Link from "next/link";
import { ConsentStateBadge } from "@/components/consents/consent-history";
import { DATE_FORMAT, isoDateValue } from "@/components/deadlines/dates";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { requireViewer } from "@/lib/auth";
import { listMyConsentRequests } from "@/lib/dal/consents";

export async function generateMetadata() {
  const t = await getTranslations("consents.page");
  return { title: t("title") };
}

/** A guardian's consent requests: open ones first, every one readable (viewing is never blocked). */
export default async function MyConsentsPage() {
  const viewer = await requireViewer();
  const t = await getTranslations("consents");
  const format = await getFormatter();
  const requests = await listMyConsentRequests(viewer);
  const open = requests.filter((r) => r.state === "open");
  const others = requests.filter((r) => r.state !== "open");
  const table = (rows: typeof requests, caption: string) => (
    <table className="w-full border-collapse text-left text-sm">
      <caption className="mb-2 text-left text-lg font-semibold">{caption}</caption>
      <thead>
        <tr className="border-b border-slate-300">
          <th scope="col" className="py-2 pr-4">
            {t("page.student")}
          </th>
          <th scope="col" className="py-2 pr-4">
            {t("page.type")}
          </th>
          <th scope="col" className="py-2 pr-4">
            {t("page.requestedOn")}
          </th>
          <th scope="col" className="py-2 pr-4">
            {t("page.state")}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} className="border-b border-slate-200">
            <td className="py-2 pr-4">{r.studentName}</td>
            <td className="py-2 pr-4">
              <Link href={`/consents/${r.id}`} className="text-brand-700 underline underline-offset-2">
                {t(`types.${r.type}`)}
              </Link>
            </td>
            <td className="py-2 pr-4">{format.dateTime(isoDateValue(r.requestedOn), DATE_FORMAT)}</td>
            <td className="py-2 pr-4">
              <ConsentStateBadge state={r.state} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <>
      <PageHeader title={t("page.title")} subtitle={t("page.parentIntro")} />
      <div className="space-y-8">
        {open.length === 0 ? <Alert>{t("page.noneOpen")}</Alert> : table(open, t("states.open"))}
        {others.length > 0 && table(others, t("page.history"))}
      </div>
    </>
  );
}
