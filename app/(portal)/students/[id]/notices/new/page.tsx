import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { CreateNoticeForm } from "@/components/notices/create-notice-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireViewer } from "@/lib/auth";
import { getStudentMeetings } from "@/lib/dal/meetings";
import { isAppError } from "@/lib/errors";
import { createNoticeAction } from "../actions";

export async function generateMetadata() {
  const t = await getTranslations("meetings.page");
  return { title: t("newNoticeTitle") };
}

/** Starts a prior written notice draft (the plan lead: `notice.send`). */
export default async function NewNoticePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ version?: string }>;
}) {
  const viewer = await requireViewer();
  const { id } = await params;
  const { version } = await searchParams;
  let data;
  try {
    data = await getStudentMeetings(viewer, id);
  } catch (error) {
    if (isAppError(error) && (error.code === "NOT_FOUND" || error.code === "FORBIDDEN")) notFound();
    throw error;
  }
  if (!data || data.canWriteNotice.length === 0) notFound();
  const t = await getTranslations("meetings.page");
  return (
    <>
      <PageHeader
        title={t("newNoticeHeading", { name: data.studentName })}
        subtitle={
          <Link className="text-brand-700 underline" href={`/students/${data.studentId}/meetings`}>
            {t("backToMeetings")}
          </Link>
        }
      />
      <Card title={t("newNoticeTitle")} titleId="new-notice-title">
        <p className="mb-4 text-sm text-slate-700">{t("newNoticeIntro")}</p>
        <CreateNoticeForm
          studentId={data.studentId}
          programs={data.canWriteNotice}
          meetings={data.meetings}
          versions={data.versions}
          initialVersionId={typeof version === "string" ? version : undefined}
          action={createNoticeAction}
        />
      </Card>
    </>
  );
}
