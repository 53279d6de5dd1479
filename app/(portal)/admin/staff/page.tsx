import { getTranslations } from "next-intl/server";
import { ActionButton } from "@/components/ui/action-button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireViewer } from "@/lib/auth";
import { orNotFound } from "@/lib/http/not-found";
import { listDistrictStaff } from "@/lib/dal/users";
import { setUserActiveAction } from "./actions";

export async function generateMetadata() {
  const t = await getTranslations("staff");
  return { title: t("title") };
}

export default async function StaffPage() {
  const viewer = await requireViewer();
  const t = await getTranslations();
  const staff = await orNotFound(listDistrictStaff(viewer));
  return (
    <>
      <PageHeader title={t("staff.title")} subtitle={t("staff.subtitle")} />
      <Card>
        <div className="overflow-x-auto">
          <table className="min-w-full text-left text-sm">
            <caption className="sr-only">{t("staff.title")}</caption>
            <thead className="border-b border-slate-200 text-slate-600">
              <tr>
                <th scope="col" className="py-2 pr-4 font-medium">{t("staff.name")}</th>
                <th scope="col" className="py-2 pr-4 font-medium">{t("staff.email")}</th>
                <th scope="col" className="py-2 pr-4 font-medium">{t("staff.role")}</th>
                <th scope="col" className="py-2 pr-4 font-medium">{t("staff.schools")}</th>
                <th scope="col" className="py-2 pr-4 font-medium">{t("staff.status")}</th>
                <th scope="col" className="py-2 pr-4 font-medium"><span className="sr-only">{t("staff.actions")}</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {staff.map((member) => (
                <tr key={member.id}>
                  <th scope="row" className="py-2 pr-4 font-medium">{member.name}</th>
                  <td className="py-2 pr-4">{member.email}</td>
                  <td className="py-2 pr-4">{t(`roles.${member.role}` as never)}</td>
                  <td className="py-2 pr-4">{member.schools.join(", ") || "—"}</td>
                  <td className="py-2 pr-4">{member.isActive ? t("staff.active") : t("staff.inactive")}</td>
                  <td className="py-2 pr-4">
                    {member.id !== viewer.userId && (
                      <ActionButton
                        action={setUserActiveAction}
                        input={{ userId: member.id, active: !member.isActive }}
                        label={member.isActive ? t("staff.deactivate", { name: member.name }) : t("staff.reactivate", { name: member.name })}
                        variant={member.isActive ? "danger" : "secondary"}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
    </>
  );
}
