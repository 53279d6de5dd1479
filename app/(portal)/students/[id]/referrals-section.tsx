import { ReferralsSection as ReferralsPanel } from "@/components/transitions/referral-forms";
import { getStudentReferrals } from "@/lib/dal/referrals";
import type { Viewer } from "@/lib/dal/viewer";
import { createReferralAction } from "./transitions/actions";

/** The student page's referrals section: nothing for viewers who may neither read the case nor refer. */
export async function ReferralsSection({ viewer, studentId }: { viewer: Viewer; studentId: string }) {
  const data = await getStudentReferrals(viewer, studentId);
  if (!data) return null;
  return <ReferralsPanel data={data} action={createReferralAction} />;
}
