import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { DocumentView } from "@/components/documents/document-view";
import { EditNoticeForm } from "@/components/notices/edit-notice-form";
import { SendPwnForm } from "@/components/notices/send-pwn-form";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireViewer } from "@/lib/auth";
import { getNotice } from "@/lib/dal/notices";
import { isAppError } from "@/lib/errors";
import { sendNoticeAction, updateNoticeAction } from "../actions";

export async function generateMetadata() {
  const t = await getTranslations("meetings.page");
  return { title: t("noticeTitle") };
}

/**
 * One prior written notice: the draft's seven required contents with the completeness check, its
 * sending (implementation date per D-05), and once sent the notice exactly as sent with its PDF.
 */
export default async function NoticePage({ params }: { params: Promise<{ id: string; noticeId: string }> }) {
  const viewer = await requireViewer();
  const { id, noticeId } = await params;
  let data;
  try {
    data = await getNotice(viewer, id, noticeId);
  } catch (error) {
    if (isAppError(error) && (error.code === "NOT_FOUND" || error.code === "FORBIDDEN")) notFound();
    throw error;
  }
  const t = await getTranslations("meetings");
  const format = await getFormatter();
  const date = (value: string) =>
    format.dateTime(new Date(`${value}T12:00:00Z`), { dateStyle: "long", timeZone: "UTC" });
  const n = data.notice;
  const base = `/students/${data.studentId}`;
  return (
    <>
      <PageHeader
        title={t("page.noticeHeading", { name: data.studentName })}
        subtitle={
          <Link className="text-brand-700 underline" href={`${base}/meetings`}>
            {t("page.backToMeetings")}
          </Link>
        }
      />
      <div className="space-y-6">
        {n.status === "sent" && n.implementationDate && (
          <Alert tone="info">{t("page.implementationOn", { date: date(n.implementationDate) })}</Alert>
        )}
        {data.canEdit && (
          <>
            <Card title={t("page.completenessTitle")} titleId="pwn-completeness-title">
              {data.missing.length === 0 ? (
                <p className="text-sm text-emerald-800">{t("page.complete")}</p>
              ) : (
                <>
                  <p className="text-sm">{t("page.missingIntro", { count: data.missing.length })}</p>
                  <ul className="mt-2 list-disc pl-5 text-sm">
                    {data.missing.map((key) => (
                      <li key={key}>{t(`pwn.elements.${key}`, { n: ELEMENT_NUMBER[key] })}</li>
                    ))}
                  </ul>
                </>
              )}
            </Card>
            <Card title={t("page.editNoticeTitle")} titleId="pwn-edit-title">
              <EditNoticeForm
                studentId={data.studentId}
                noticeId={n.id}
                elements={n.elements}
                action={updateNoticeAction}
              />
            </Card>
            <Card title={t("page.sendPwnTitle")} titleId="pwn-send-title">
              <SendPwnForm studentId={data.studentId} noticeId={n.id} today={data.today} action={sendNoticeAction} />
            </Card>
          </>
        )}
        <Card
          title={n.status === "sent" ? t("page.noticeSentTitle") : t("page.noticePreviewTitle")}
          titleId="pwn-document-title"
          actions={
            n.status === "sent" ? (
              <a className="text-brand-700 underline" href={`${base}/notices/${n.id}/pdf`}>
                {t("page.downloadPdf")}
              </a>
            ) : undefined
          }
        >
          <DocumentView doc={data.document} headingLevel={3} />
        </Card>
      </div>
    </>
  );
}

const ELEMENT_NUMBER = {
  actionDescription: 1,
  reasons: 2,
  evaluationsUsed: 3,
  safeguardsStatement: 4,
  helpSources: 5,
  optionsConsidered: 6,
  otherFactors: 7,
} as const;
