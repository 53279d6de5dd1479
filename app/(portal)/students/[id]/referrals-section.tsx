import { AssignCaseManagerForm } from "@/components/transitions/assign-case-manager";
import { ReferralsSection as ReferralsPanel } from "@/components/transitions/referral-forms";
import { getCaseManagerAssignment } from "@/lib/dal/case-managers";
import { getStudentReferrals } from "@/lib/dal/referrals";
import type { Viewer } from "@/lib/dal/viewer";
import { assignCaseManagerAction, createReferralAction } from "./transitions/actions";

/**
 * The student page's referrals section: nothing for viewers who may neither read the case nor refer. The
 * principal (or a district admin) also assigns a case manager here while the student has none.
 */
export async function ReferralsSection({ viewer, studentId }: { viewer: Viewer; studentId: string }) {
  const data = await getStudentReferrals(viewer, studentId);
  if (!data) return null;
  const assignment = await getCaseManagerAssignment(viewer, studentId);
  return (
    <ReferralsPanel data={data} action={createReferralAction}>
      {assignment && <AssignCaseManagerForm data={assignment} action={assignCaseManagerAction} />}
    </ReferralsPanel>
  );
}
