import type { ReactNode } from "react";

/**
 * A scrollable (or, with `stackOnPhone`, stacked on phones) data table with a header row of column labels (`null` = a column without a visible
 * label, e.g. actions, whose label is then read to screen readers only). Rows are the children.
 */
export function DataTable({
  columns,
  labelledBy,
  caption,
  stackOnPhone = false,
  children,
}: {
  columns: { label: ReactNode; srOnly?: boolean; align?: "right" }[];
  labelledBy?: string;
  caption?: ReactNode;
  /** On narrow screens, show each row as a card; cells then need `data-label` (their column name). */
  stackOnPhone?: boolean;
  children: ReactNode;
}) {
  return (
    <div className="overflow-x-auto">
      <table
        className={`min-w-full text-left text-sm ${stackOnPhone ? "stack-table" : ""}`}
        aria-labelledby={labelledBy}
      >
        {caption && <caption className="mb-2 text-left font-medium">{caption}</caption>}
        <thead className="border-b border-slate-200 text-slate-600">
          <tr>
            {columns.map((column, index) => (
              <th
                key={index}
                scope="col"
                className={`py-2 pr-4 font-medium ${column.align === "right" ? "text-right" : ""}`}
              >
                {column.srOnly ? <span className="sr-only">{column.label}</span> : column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}
