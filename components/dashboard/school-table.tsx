import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { SchoolSummary } from "@/lib/dto/schools";
import { Card } from "../ui/card";
import { DataTable } from "../ui/data-table";
import { keyIn } from "@/lib/i18n/keys";

/**
 * The dashboard's schools, one page at a time (`next`: the cursor of the following page; `paged`: this
 * is not the first page).
 */
export async function SchoolTable({
  schools,
  next = null,
  paged = false,
}: {
  schools: SchoolSummary[];
  next?: string | null;
  paged?: boolean;
}) {
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
      {(paged || next) && (
        <nav aria-label={t("schoolsPages")} className="mt-4 flex gap-6">
          {paged && (
            <Link href="/" className="text-brand-700 underline underline-offset-2">
              {t("schoolsFirstPage")}
            </Link>
          )}
          {next && (
            <Link
              href={`/?schools=${encodeURIComponent(next)}`}
              className="text-brand-700 underline underline-offset-2"
              rel="next"
            >
              {t("schoolsNextPage")}
            </Link>
          )}
        </nav>
      )}
    </Card>
  );
}
