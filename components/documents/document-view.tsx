import { ChartFrame } from "@/components/progress/goal-chart";
import { DocumentBody, type DocumentViewProps } from "./document-body";

/** The HTML rendering of a legal document model, its charts drawn at once (print views, reports, tests). */
export function DocumentView(props: DocumentViewProps) {
  return <DocumentBody {...props} chart={ChartFrame} />;
}
