import { TransitionsPanel } from "@/components/transitions/transitions-panel";
import { getStudentTransitions } from "@/lib/dal/transitions";
import type { Viewer } from "@/lib/dal/viewer";
import {
  cancelPlanEndAction,
  end504Action,
  endIepAction,
  holdPlanEndAction,
  recordTransferAction,
  resolveHeldEndAction,
} from "./transitions-actions";

/** The student page's transitions section: nothing for viewers who may not read the student's case. */
export async function TransitionsSection({ viewer, studentId }: { viewer: Viewer; studentId: string }) {
  const data = await getStudentTransitions(viewer, studentId);
  if (!data) return null;
  return (
    <TransitionsPanel
      data={data}
      actions={{
        endIep: endIepAction,
        end504: end504Action,
        cancel: cancelPlanEndAction,
        hold: holdPlanEndAction,
        resolve: resolveHeldEndAction,
        transfer: recordTransferAction,
      }}
    />
  );
}
