import { getFormatter, getTranslations } from "next-intl/server";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireViewer } from "@/lib/auth";
import { orNotFound } from "@/lib/http/not-found";
import { listStudentDisclosures } from "@/lib/dal/exits";
import { listStudentAccessLog } from "@/lib/dal/students";
import { DataTable } from "@/components/ui/data-table";
import { keyIn } from "@/lib/i18n/keys";

export async function generateMetadata() {
  const t = await getTranslations("accessLog");
  return { title: t("title") };
}

export default async function AccessLogPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireViewer();
  const { id } = await params;
  const t = await getTranslations("accessLog");
  const td = await getTranslations("exits.disclosures");
  const format = await getFormatter();
  const entries = await orNotFound(listStudentAccessLog(viewer, id));
  const disclosures = await orNotFound(listStudentDisclosures(viewer, id));
  return (
    <>
      <PageHeader
        title={t("title")}
        subtitle={t("subtitle")}
        actions={
          <Link href={`/students/${id}`} className="text-brand-700 underline underline-offset-2">
            {t("back")}
          </Link>
        }
      />
      <Card title={td("title")} titleId="disclosures-title">
        <p className="mb-2 text-sm text-slate-700">{td("subtitle")}</p>
        {disclosures.length === 0 ? (
          <p className="text-slate-600">{td("empty")}</p>
        ) : (
          <DataTable
            stackOnPhone
            caption={<span className="sr-only">{td("title")}</span>}
            columns={[
              { label: td("date") },
              { label: td("recipient") },
              { label: td("records") },
              { label: td("basis") },
            ]}
          >
            {disclosures.map((d) => (
              <tr key={d.id}>
                <td className="py-2 pr-4 whitespace-nowrap" data-label={td("date")}>
                  {format.dateTime(new Date(`${d.disclosedOn}T12:00:00Z`), { dateStyle: "medium", timeZone: "UTC" })}
                </td>
                <td className="py-2 pr-4" data-label={td("recipient")}>
                  {d.recipient}
                </td>
                <td className="py-2 pr-4" data-label={td("records")}>
                  {d.records}
                </td>
                <td className="py-2 pr-4" data-label={td("basis")}>
                  {td(`bases.${d.basis}`)}
                  <p className="text-slate-600">{d.legitimateInterest}</p>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </Card>
      <div className="mt-4" />
      <Card>
        {entries.length === 0 ? (
          <p className="text-slate-600">{t("empty")}</p>
        ) : (
          <DataTable
            stackOnPhone
            caption={<span className="sr-only">{t("title")}</span>}
            columns={[{ label: t("when") }, { label: t("who") }, { label: t("what") }, { label: t("outcome") }]}
          >
            {entries.map((entry) => (
              <tr key={entry.id}>
                <td className="py-2 pr-4 whitespace-nowrap" data-label={t("when")}>
                  {format.dateTime(new Date(entry.occurredAt), { dateStyle: "medium", timeStyle: "short" })}
                </td>
                <td className="py-2 pr-4" data-label={t("who")}>
                  {entry.actorName ?? t("unknownActor")}
                  {entry.actorRole && (
                    <span className="text-slate-600"> ({t(keyIn("accessLog", `roles.${entry.actorRole}`))})</span>
                  )}
                </td>
                <td className="py-2 pr-4" data-label={t("what")}>
                  {t.has(keyIn("accessLog", `actions.${entry.action}`))
                    ? t(keyIn("accessLog", `actions.${entry.action}`))
                    : entry.action}
                </td>
                <td className="py-2 pr-4" data-label={t("outcome")}>
                  {t(keyIn("accessLog", `outcomes.${entry.outcome}`))}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </Card>
    </>
  );
}
