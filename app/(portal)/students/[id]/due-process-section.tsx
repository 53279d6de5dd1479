import { DueProcessPanel } from "@/components/lifecycle/due-process-panel";
import { getStudentDueProcess } from "@/lib/dal/due-process";
import type { Viewer } from "@/lib/dal/viewer";
import { closeDueProcessAction, recordDueProcessAction } from "./due-process-actions";

/** The student page's stay-put section: nothing for viewers who may not read due-process filings. */
export async function DueProcessSection({ viewer, studentId }: { viewer: Viewer; studentId: string }) {
  const data = await getStudentDueProcess(viewer, studentId);
  if (!data) return null;
  return <DueProcessPanel data={data} actions={{ record: recordDueProcessAction, close: closeDueProcessAction }} />;
}
