import { getTranslations } from "next-intl/server";
import Link from "next/link";
import type { CoverageRow } from "@/lib/dto/delivery";
import { DataTable } from "../ui/data-table";

type Dimension = "teacher" | "section" | "school";

function detailsHref(dimension: Dimension | null, key: string | null, state?: string) {
  const params = new URLSearchParams();
  if (dimension && key) params.set(dimension, key);
  if (state) params.set("state", state);
  const query = params.toString();
  return `/coverage/details${query ? `?${query}` : ""}`;
}

/** A coverage table whose every number links to the assignments behind it. */
export async function CoverageTable({
  title,
  id,
  rows,
  dimension,
}: {
  title: string;
  id: string;
  rows: CoverageRow[];
  dimension: Dimension | null;
}) {
  const t = await getTranslations("delivery.coverage");
  const percent = (recorded: number, expected: number) =>
    expected ? t("percent", { value: Math.round((recorded / expected) * 100) }) : t("none");
  const numberLink = (row: CoverageRow, value: number, state?: string) => (
    <Link
      href={detailsHref(dimension, dimension ? row.key : null, state)}
      className="text-brand-700 underline underline-offset-2"
    >
      {value}
    </Link>
  );
  return (
    <section aria-labelledby={id} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id={id} className="mb-3 text-lg font-semibold">
        {title}
      </h2>
      <DataTable
        columns={[
          { label: t("name") },
          { label: t("assigned"), align: "right" },
          { label: t("acknowledged"), align: "right" },
          { label: t("overdue"), align: "right" },
          { label: t("escalated"), align: "right" },
          { label: t("logCoverage"), align: "right" },
        ]}
      >
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row" className="py-2 pr-4 font-medium">
              {dimension === "school" ? (
                <Link href={`/coverage?school=${row.key}`} className="text-brand-700 underline underline-offset-2">
                  {row.label}
                </Link>
              ) : (
                row.label
              )}
              {row.sublabel && <span className="block text-xs font-normal text-slate-600">{row.sublabel}</span>}
            </th>
            <td className="py-2 pr-4 text-right tabular-nums">{numberLink(row, row.assigned)}</td>
            <td className="py-2 pr-4 text-right tabular-nums">{numberLink(row, row.acknowledged, "acknowledged")}</td>
            <td className={`py-2 pr-4 text-right tabular-nums ${row.overdue ? "font-semibold text-red-800" : ""}`}>
              {numberLink(row, row.overdue, "overdue")}
            </td>
            <td className="py-2 pr-4 text-right tabular-nums">{numberLink(row, row.escalated, "escalated")}</td>
            <td className="py-2 pr-4 text-right tabular-nums">
              {row.logExpected > 0 ? (
                <Link
                  href={detailsHref(dimension, dimension ? row.key : null)}
                  className="text-brand-700 underline underline-offset-2"
                >
                  {percent(row.logRecorded, row.logExpected)}
                </Link>
              ) : (
                percent(row.logRecorded, row.logExpected)
              )}
              {row.logExpected > 0 && (
                <span className="block text-xs text-slate-600">
                  {t("ratio", { recorded: row.logRecorded, expected: row.logExpected })}
                </span>
              )}
            </td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
