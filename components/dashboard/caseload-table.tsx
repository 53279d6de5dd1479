import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { CaseloadRow } from "@/lib/dto/students";
import { PlanCells, PlanHeaderCells } from "../plans/plan-cells";
import { Card } from "../ui/card";

export async function CaseloadTable({ rows }: { rows: CaseloadRow[] }) {
  const t = await getTranslations("dashboard");
  return (
    <Card title={t("caseloadTitle", { count: rows.length })} titleId="caseload-title">
      {rows.length === 0 ? (
        <p className="text-slate-600">{t("caseloadEmpty")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="min-w-full text-left text-sm" aria-labelledby="caseload-title">
            <thead className="border-b border-slate-200 text-slate-600">
              <tr>
                <th scope="col" className="py-2 pr-4 font-medium">
                  {t("student")}
                </th>
                <th scope="col" className="py-2 pr-4 font-medium">
                  {t("grade")}
                </th>
                <th scope="col" className="py-2 pr-4 font-medium">
                  {t("school")}
                </th>
                <th scope="col" className="py-2 pr-4 font-medium">
                  {t("sasid")}
                </th>
                <PlanHeaderCells />
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((row) => (
                <tr key={row.id}>
                  <th scope="row" className="py-2 pr-4 font-medium">
                    <Link href={`/students/${row.id}`} className="text-brand-700 underline-offset-2 hover:underline">
                      {row.name}
                    </Link>
                  </th>
                  <td className="py-2 pr-4">{row.grade}</td>
                  <td className="py-2 pr-4">{row.schoolName}</td>
                  <td className="py-2 pr-4 font-mono">{row.sasid}</td>
                  <PlanCells plan={row.plan} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
