import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { SchoolSummary } from "@/lib/dto/schools";
import { Card } from "../ui/card";
import { DataTable } from "../ui/data-table";
import { keyIn } from "@/lib/i18n/keys";

export async function SchoolTable({ schools }: { schools: SchoolSummary[] }) {
  const t = await getTranslations("dashboard");
  return (
    <Card title={t("schoolsTitle")} titleId="schools-title">
      {schools.length === 0 ? (
        <p className="text-slate-600">{t("schoolsEmpty")}</p>
      ) : (
        <DataTable
          labelledBy="schools-title"
          columns={[
            { label: t("school") },
            { label: t("level") },
            { label: t("students"), align: "right" },
            { label: t("sections"), align: "right" },
            { label: t("staff"), align: "right" },
          ]}
        >
          {schools.map((school) => (
            <tr key={school.id}>
              <th scope="row" className="py-2 pr-4 font-medium">
                <Link href={`/schools/${school.id}`} className="text-brand-700 underline-offset-2 hover:underline">
                  {school.name}
                </Link>
              </th>
              <td className="py-2 pr-4">{t(keyIn("dashboard", `levels.${school.level}`))}</td>
              <td className="py-2 pr-4 text-right tabular-nums">{school.studentCount}</td>
              <td className="py-2 pr-4 text-right tabular-nums">{school.sectionCount}</td>
              <td className="py-2 pr-4 text-right tabular-nums">{school.staffCount}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </Card>
  );
}
