import { LazyChartFrame } from "@/components/progress/lazy-chart";
import { DocumentBody, type DocumentViewProps } from "./document-body";

/**
 * The HTML rendering of a legal document model whose charts load when scrolled to (issue 15: the
 * charting library stays out of the page's first-load JavaScript). Each chart's data table is part
 * of the page as before, so the data are there without JavaScript.
 */
export function LazyChartsDocumentView(props: DocumentViewProps) {
  return <DocumentBody {...props} chart={LazyChartFrame} />;
}
