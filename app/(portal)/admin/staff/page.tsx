import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ActionButton } from "@/components/ui/action-button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireViewer } from "@/lib/auth";
import { orNotFound } from "@/lib/http/not-found";
import { listDistrictStaff } from "@/lib/dal/users";
import { setUserActiveAction } from "./actions";
import { DataTable } from "@/components/ui/data-table";
import { messageKey } from "@/lib/i18n/keys";

export async function generateMetadata() {
  const t = await getTranslations("staff");
  return { title: t("title") };
}

export default async function StaffPage({ searchParams }: { searchParams: Promise<{ after?: string | string[] }> }) {
  const viewer = await requireViewer();
  const t = await getTranslations();
  const { after } = await searchParams;
  const { staff, next } = await orNotFound(listDistrictStaff(viewer, typeof after === "string" ? after : null));
  return (
    <>
      <PageHeader title={t("staff.title")} subtitle={t("staff.subtitle")} />
      <Card>
        <DataTable
          caption={<span className="sr-only">{t("staff.title")}</span>}
          columns={[
            { label: t("staff.name") },
            { label: t("staff.email") },
            { label: t("staff.role") },
            { label: t("staff.schools") },
            { label: t("staff.status") },
            { label: t("staff.actions"), srOnly: true },
          ]}
        >
          {staff.map((member) => (
            <tr key={member.id}>
              <th scope="row" className="py-2 pr-4 font-medium">
                {member.name}
              </th>
              <td className="py-2 pr-4">{member.email}</td>
              <td className="py-2 pr-4">{t(messageKey(`roles.${member.role}`))}</td>
              <td className="py-2 pr-4">{member.schools.join(", ") || "—"}</td>
              <td className="py-2 pr-4">{member.isActive ? t("staff.active") : t("staff.inactive")}</td>
              <td className="py-2 pr-4">
                {member.id !== viewer.userId && (
                  <ActionButton
                    action={setUserActiveAction}
                    input={{ userId: member.id, active: !member.isActive }}
                    label={
                      member.isActive
                        ? t("staff.deactivate", { name: member.name })
                        : t("staff.reactivate", { name: member.name })
                    }
                    variant={member.isActive ? "danger" : "secondary"}
                  />
                )}
              </td>
            </tr>
          ))}
        </DataTable>
        {(after !== undefined || next) && (
          <nav aria-label={t("staff.pages")} className="mt-4 flex gap-6">
            {after !== undefined && (
              <Link href="/admin/staff" className="text-brand-700 underline underline-offset-2">
                {t("staff.firstPage")}
              </Link>
            )}
            {next && (
              <Link
                href={`/admin/staff?after=${encodeURIComponent(next)}`}
                className="text-brand-700 underline underline-offset-2"
                rel="next"
              >
                {t("staff.nextPage")}
              </Link>
            )}
          </nav>
        )}
      </Card>
    </>
  );
}
