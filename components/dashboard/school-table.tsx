import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { SchoolSummary } from "@/lib/dto/schools";
import { Card } from "../ui/card";

export async function SchoolTable({ schools }: { schools: SchoolSummary[] }) {
  const t = await getTranslations("dashboard");
  return (
    <Card title={t("schoolsTitle")} titleId="schools-title">
      {schools.length === 0 ? (
        <p className="text-slate-600">{t("schoolsEmpty")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="min-w-full text-left text-sm" aria-labelledby="schools-title">
            <thead className="border-b border-slate-200 text-slate-600">
              <tr>
                <th scope="col" className="py-2 pr-4 font-medium">{t("school")}</th>
                <th scope="col" className="py-2 pr-4 font-medium">{t("level")}</th>
                <th scope="col" className="py-2 pr-4 text-right font-medium">{t("students")}</th>
                <th scope="col" className="py-2 pr-4 text-right font-medium">{t("sections")}</th>
                <th scope="col" className="py-2 pr-4 text-right font-medium">{t("staff")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {schools.map((school) => (
                <tr key={school.id}>
                  <th scope="row" className="py-2 pr-4 font-medium">
                    <Link href={`/schools/${school.id}`} className="text-brand-700 underline-offset-2 hover:underline">
                      {school.name}
                    </Link>
                  </th>
                  <td className="py-2 pr-4">{t(`levels.${school.level}` as never)}</td>
                  <td className="py-2 pr-4 text-right tabular-nums">{school.studentCount}</td>
                  <td className="py-2 pr-4 text-right tabular-nums">{school.sectionCount}</td>
                  <td className="py-2 pr-4 text-right tabular-nums">{school.staffCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
