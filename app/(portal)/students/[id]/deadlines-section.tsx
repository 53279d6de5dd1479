import { StudentDeadlinesPanel } from "@/components/deadlines/student-deadlines-panel";
import { getStudentDeadlines } from "@/lib/dal/case-events";
import type { Viewer } from "@/lib/dal/viewer";
import {
  completeDeadlineAction,
  recordCaseEventAction,
  recordDelayReasonAction,
  voidCaseEventAction,
} from "./deadline-actions";

/** The student page's deadlines section: nothing for viewers who may not read case events. */
export async function DeadlinesSection({ viewer, studentId }: { viewer: Viewer; studentId: string }) {
  const data = await getStudentDeadlines(viewer, studentId);
  if (!data) return null;
  return (
    <StudentDeadlinesPanel
      data={data}
      actions={{
        record: recordCaseEventAction,
        void: voidCaseEventAction,
        complete: completeDeadlineAction,
        delayReason: recordDelayReasonAction,
      }}
    />
  );
}
