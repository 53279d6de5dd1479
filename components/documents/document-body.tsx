import type { ComponentType } from "react";
import type { ChartFrameProps } from "@/components/progress/goal-chart";
import type { ChartBlock, DocumentBlock, LegalDocument } from "@/lib/documents/model";

/** What draws a chart block: the chart itself (`ChartFrame`) or a placeholder that loads it (`LazyChartFrame`). */
export type ChartRenderer = ComponentType<ChartFrameProps>;

/** A chart of the document and its data table (the table is the chart's text alternative). */
function Chart({ block, language, Frame }: { block: ChartBlock; language: string; Frame: ChartRenderer }) {
  return (
    <figure className="space-y-2">
      <figcaption className="font-medium">{block.label}</figcaption>
      <Frame label={block.label} legend={block.legend} series={block.series} locale={language} />
      <p className="text-sm text-slate-700">{block.legendText}</p>
      <div className="overflow-x-auto">
        <table className="min-w-full text-left text-sm">
          <caption className="text-left font-medium">{block.table.caption}</caption>
          <thead>
            <tr className="border-b border-slate-300">
              {block.table.columns.map((column) => (
                <th key={column} scope="col" className="py-1 pr-3">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {block.table.rows.map((row, i) => (
              <tr key={i} className="border-b border-slate-100">
                {row.map((cell, j) => (
                  <td key={j} className="py-1 pr-3">
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

function Block({ block, language = "en", Frame }: { block: DocumentBlock; language?: string; Frame: ChartRenderer }) {
  if (block.kind === "chart") return <Chart block={block} language={language} Frame={Frame} />;
  if (block.kind === "paragraph")
    return <p className={block.strong ? "font-semibold whitespace-pre-line" : "whitespace-pre-line"}>{block.text}</p>;
  if (block.kind === "field")
    return (
      <div className="grid gap-1 sm:grid-cols-[12rem_1fr]">
        <dt className="font-semibold text-slate-700">{block.label}</dt>
        <dd className="whitespace-pre-line">{block.value}</dd>
      </div>
    );
  return (
    <li>
      <p className="font-medium">{block.text}</p>
      {block.detail?.map((line, i) => (
        <p key={i} className="ml-4 text-slate-700">
          {line}
        </p>
      ))}
    </li>
  );
}

/** Groups consecutive blocks of one kind so fields render in a `<dl>` and items in a `<ul>`. */
function groups(blocks: DocumentBlock[]): DocumentBlock[][] {
  const out: DocumentBlock[][] = [];
  for (const block of blocks) {
    const last = out.at(-1);
    if (last && last[0]!.kind === block.kind && (block.kind === "field" || block.kind === "item")) last.push(block);
    else out.push([block]);
  }
  return out;
}

export interface DocumentViewProps {
  doc: LegalDocument;
  headingLevel?: 2 | 3;
}

/**
 * The HTML rendering of a legal document model (the same model the PDF draws), its charts drawn by
 * `chart`. Pages import `DocumentView` (charts drawn at once: print views, reports) or
 * `LazyChartsDocumentView` (charts loaded when scrolled to: the plan page), never this module's
 * renderer directly, so a page's bundle holds only the chart code it uses.
 */
export function DocumentBody({ doc, headingLevel = 2, chart }: DocumentViewProps & { chart: ChartRenderer }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <article lang={doc.language} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
      {doc.status === "draft" && (
        <p className="rounded border border-amber-300 bg-amber-50 px-3 py-1 text-center font-bold tracking-widest text-amber-900">
          {doc.draftLabel}
        </p>
      )}
      <header>
        <p className="text-sm text-slate-600">{doc.studentName}</p>
        <Heading className="text-xl font-semibold">{doc.title}</Heading>
        <p className="text-sm text-slate-600">{doc.subtitle}</p>
      </header>
      {doc.sections.map((section, i) => (
        <section key={i} className="space-y-2">
          <Heading className="border-b border-slate-200 pb-1 text-lg font-semibold">{section.heading}</Heading>
          {groups(section.blocks).map((group, j) =>
            group[0]!.kind === "field" ? (
              <dl key={j} className="space-y-2">
                {group.map((block, k) => (
                  <Block key={k} block={block} Frame={chart} />
                ))}
              </dl>
            ) : group[0]!.kind === "item" ? (
              <ul key={j} className="list-disc space-y-2 pl-5">
                {group.map((block, k) => (
                  <Block key={k} block={block} Frame={chart} />
                ))}
              </ul>
            ) : (
              <Block key={j} block={group[0]!} language={doc.language} Frame={chart} />
            ),
          )}
        </section>
      ))}
      <footer className="border-t border-slate-200 pt-2 text-xs break-all text-slate-600">{doc.footer}</footer>
    </article>
  );
}
