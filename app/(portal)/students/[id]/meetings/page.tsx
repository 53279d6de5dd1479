import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { MeetingsList, NoticesList } from "@/components/meetings/meetings-list";
import { ScheduleMeetingForm } from "@/components/meetings/schedule-meeting-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireViewer } from "@/lib/auth";
import { getStudentMeetings } from "@/lib/dal/meetings";
import { isAppError } from "@/lib/errors";
import { scheduleMeetingAction } from "./actions";

export async function generateMetadata() {
  const t = await getTranslations("meetings.page");
  return { title: t("title") };
}

/** A student's PPT and 504 meetings and prior written notices; the plan lead schedules meetings here. */
export default async function StudentMeetingsPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireViewer();
  const { id } = await params;
  const t = await getTranslations("meetings.page");
  let data;
  try {
    data = await getStudentMeetings(viewer, id);
  } catch (error) {
    if (isAppError(error) && (error.code === "NOT_FOUND" || error.code === "FORBIDDEN")) notFound();
    throw error;
  }
  if (!data) notFound();
  return (
    <>
      <PageHeader
        title={t("heading", { name: data.studentName })}
        subtitle={
          <Link className="text-brand-700 underline" href={`/students/${data.studentId}`}>
            {t("backToStudent")}
          </Link>
        }
      />
      <div className="space-y-6">
        <Card title={t("meetingsTitle")} titleId="meetings-title">
          <MeetingsList studentId={data.studentId} meetings={data.meetings} />
        </Card>
        <Card
          title={t("noticesTitle")}
          titleId="notices-title"
          actions={
            data.canWriteNotice.length > 0 ? (
              <Link className="text-brand-700 underline" href={`/students/${data.studentId}/notices/new`}>
                {t("newNotice")}
              </Link>
            ) : undefined
          }
        >
          <NoticesList studentId={data.studentId} notices={data.notices} />
        </Card>
        {data.canSchedule.length > 0 && (
          <Card title={t("scheduleTitle")} titleId="schedule-title">
            <ScheduleMeetingForm
              studentId={data.studentId}
              programs={data.canSchedule}
              team={data.team}
              today={data.today}
              action={scheduleMeetingAction}
            />
          </Card>
        )}
      </div>
    </>
  );
}
