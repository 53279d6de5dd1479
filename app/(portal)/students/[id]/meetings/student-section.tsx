import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { getStudentMeetings } from "@/lib/dal/meetings";
import type { Viewer } from "@/lib/dal/viewer";

/**
 * The student page's link to meetings and notices: for staff who read meetings (with counts) and
 * for guardians once a notice was sent to them; nothing for anyone else.
 */
export async function MeetingsSection({ viewer, studentId }: { viewer: Viewer; studentId: string }) {
  const data = await getStudentMeetings(viewer, studentId);
  if (!data || (!data.staff && data.meetings.length === 0 && data.notices.length === 0)) return null;
  const t = await getTranslations("meetings.page");
  const upcoming = data.meetings.filter((m) => m.status === "scheduled").length;
  return (
    <div className="mt-6">
      <Card title={t("sectionTitle")} titleId="student-meetings-title">
        <p className="text-sm text-slate-700">{t("sectionSummary", { upcoming, notices: data.notices.length })}</p>
        <p className="mt-2">
          <Link className="text-brand-700 underline" href={`/students/${data.studentId}/meetings`}>
            {data.staff ? t("sectionLinkStaff") : t("sectionLinkFamily")}
          </Link>
        </p>
      </Card>
    </div>
  );
}
