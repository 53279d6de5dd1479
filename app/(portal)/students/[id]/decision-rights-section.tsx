import { DecisionRightsPanel } from "@/components/transitions/decision-rights-panel";
import { getDecisionRights } from "@/lib/dal/adult-students";
import type { Viewer } from "@/lib/dal/viewer";
import { recordCourtGuardianshipAction } from "./decision-rights-actions";

/**
 * The student page's age-of-majority section, from 16 on (or with a court order on file): nothing for
 * viewers who may not read the guardians.
 */
export async function DecisionRightsSection({ viewer, studentId }: { viewer: Viewer; studentId: string }) {
  const data = await getDecisionRights(viewer, studentId);
  if (!data?.relevant) return null;
  return <DecisionRightsPanel data={data} action={recordCourtGuardianshipAction} />;
}
