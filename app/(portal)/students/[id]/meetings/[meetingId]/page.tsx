import Link from "next/link";
import { keyIn } from "@/lib/i18n/keys";
import { getFormatter, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { DocumentView } from "@/components/documents/document-view";
import { CancelMeetingForm } from "@/components/meetings/cancel-meeting-form";
import { HoldMeetingForm } from "@/components/meetings/hold-meeting-form";
import { RequestExcusalForm } from "@/components/meetings/request-excusal-form";
import { ScheduleMeetingForm } from "@/components/meetings/schedule-meeting-form";
import { SendNoticeForm } from "@/components/meetings/send-notice-form";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireViewer } from "@/lib/auth";
import { getMeeting } from "@/lib/dal/meetings";
import { isAppError } from "@/lib/errors";
import { requestConsentAction } from "../../consents/actions";
import { cancelMeetingAction, holdMeetingAction, rescheduleMeetingAction, sendMeetingNoticeAction } from "../actions";

export async function generateMetadata() {
  const t = await getTranslations("meetings.page");
  return { title: t("meetingTitle") };
}

/**
 * One meeting. The lead previews the notice and sends it, then records the meeting as held (or
 * cancels or reschedules it); the family sees the notice exactly as sent.
 */
export default async function MeetingPage({ params }: { params: Promise<{ id: string; meetingId: string }> }) {
  const viewer = await requireViewer();
  const { id, meetingId } = await params;
  let data;
  try {
    data = await getMeeting(viewer, id, meetingId);
  } catch (error) {
    if (isAppError(error) && (error.code === "NOT_FOUND" || error.code === "FORBIDDEN")) notFound();
    throw error;
  }
  const t = await getTranslations("meetings");
  const td = await getTranslations("deadlines");
  const format = await getFormatter();
  const date = (value: string) =>
    format.dateTime(new Date(`${value}T12:00:00Z`), { dateStyle: "long", timeZone: "UTC" });
  const m = data.meeting;
  const base = `/students/${data.studentId}/meetings`;
  return (
    <>
      <PageHeader
        title={t("page.meetingHeading", { kind: t(`programs.${m.program}`), name: data.studentName })}
        subtitle={
          <Link className="text-brand-700 underline" href={base}>
            {t("page.backToMeetings")}
          </Link>
        }
      />
      <div className="space-y-6">
        {data.staff && (
          <Card title={t("page.detailsTitle")} titleId="meeting-details-title">
            <dl className="grid gap-2 text-sm sm:grid-cols-[12rem_1fr]">
              <dt className="font-semibold">{t("page.statusColumn")}</dt>
              <dd>{t(`status.${m.status}`)}</dd>
              <dt className="font-semibold">{t("page.date")}</dt>
              <dd>{t("page.meetingOn", { date: date(m.scheduledOn), time: m.startsAt })}</dd>
              <dt className="font-semibold">{t("page.purposes")}</dt>
              <dd>{m.purposes.map((p) => td(keyIn("deadlines", `purposes.${p}`))).join(", ")}</dd>
              {m.location && (
                <>
                  <dt className="font-semibold">{t("page.location")}</dt>
                  <dd>{m.location}</dd>
                </>
              )}
              {m.videoLink && (
                <>
                  <dt className="font-semibold">{t("page.videoLink")}</dt>
                  <dd>{m.videoLink}</dd>
                </>
              )}
              <dt className="font-semibold">{t("page.language")}</dt>
              <dd>{t(`page.languages.${m.language === "es" ? "es" : "en"}`)}</dd>
              {m.noticeSentOn && (
                <>
                  <dt className="font-semibold">{t("page.noticeColumn")}</dt>
                  <dd>
                    {t("page.noticeSentOn", { date: date(m.noticeSentOn) })}
                    {m.shorterNoticeAgreed ? ` · ${t("page.shorterNoticeAgreedShort")}` : ""}
                  </dd>
                </>
              )}
              {m.heldOn && (
                <>
                  <dt className="font-semibold">{t("page.heldOn")}</dt>
                  <dd>{date(m.heldOn)}</dd>
                  <dt className="font-semibold">{t("page.decisions")}</dt>
                  <dd className="whitespace-pre-line">{m.decisions}</dd>
                  {m.notes && (
                    <>
                      <dt className="font-semibold">{t("page.notes")}</dt>
                      <dd className="whitespace-pre-line">{m.notes}</dd>
                    </>
                  )}
                </>
              )}
              {m.cancelledOn && (
                <>
                  <dt className="font-semibold">{t("page.cancelledOn")}</dt>
                  <dd>{t("page.cancelledBecause", { date: date(m.cancelledOn), reason: m.cancelReason ?? "" })}</dd>
                </>
              )}
              {m.rescheduledFromId && (
                <>
                  <dt className="font-semibold">{t("page.rescheduledFrom")}</dt>
                  <dd>
                    <Link className="text-brand-700 underline" href={`${base}/${m.rescheduledFromId}`}>
                      {t("page.previousMeeting")}
                    </Link>
                  </dd>
                </>
              )}
            </dl>
            {data.participants.length > 0 && (
              <>
                <h3 className="mt-4 text-base font-semibold">{t("page.invitees")}</h3>
                <ul className="mt-2 list-disc pl-5 text-sm">
                  {data.participants.map((p) => (
                    <li key={p.id}>
                      {t("page.participantLine", { name: p.name, role: t(keyIn("meetings", `roles.${p.role}`)) })}
                      {p.attended === true && ` · ${t("page.attended")}`}
                      {p.excused && ` · ${t("page.excused")}`}
                      {p.attended === false && !p.excused && ` · ${t("page.absent")}`}
                    </li>
                  ))}
                </ul>
              </>
            )}
            {data.requiredRolesUninvited.length > 0 && m.status === "scheduled" && (
              <div className="mt-4">
                <Alert tone="warning">
                  {t("page.requiredUninvited", {
                    roles: data.requiredRolesUninvited.map((r) => t(keyIn("meetings", `roles.${r}`))).join(", "),
                  })}
                </Alert>
              </div>
            )}
          </Card>
        )}
        <Card
          title={data.noticeStored ? t("page.noticeSentTitle") : t("page.noticePreviewTitle")}
          titleId="meeting-notice-title"
          actions={
            data.noticeStored ? (
              <a className="text-brand-700 underline" href={`${base}/${m.id}/pdf`}>
                {t("page.downloadPdf")}
              </a>
            ) : undefined
          }
        >
          <div className="space-y-4">
            <DocumentView doc={data.notice} headingLevel={3} />
            {data.canSendNotice && (
              <SendNoticeForm
                studentId={data.studentId}
                meetingId={m.id}
                short={data.noticeShort}
                dueBy={data.noticeDueBy ? date(data.noticeDueBy) : null}
                shorterAllowed={data.shorterNoticeAllowed}
                action={sendMeetingNoticeAction}
              />
            )}
          </div>
        </Card>
        {data.canHold && (
          <Card title={t("page.holdTitle")} titleId="meeting-hold-title">
            <HoldMeetingForm
              studentId={data.studentId}
              meetingId={m.id}
              scheduledOn={m.scheduledOn}
              today={data.today}
              participants={data.participants}
              excusalConsents={data.excusalConsents}
              action={holdMeetingAction}
            />
          </Card>
        )}
        {data.canCancel && m.program === "iep" && (
          <Card title={t("page.excusalAskTitle")} titleId="meeting-excusal-title">
            <RequestExcusalForm studentId={data.studentId} meetingId={m.id} action={requestConsentAction} />
          </Card>
        )}
        {data.staff && m.status === "scheduled" && m.noticeSentOn && !data.canHold && (
          <p className="text-sm text-slate-700">{t("page.holdLater", { date: date(m.scheduledOn) })}</p>
        )}
        {data.canCancel && (
          <>
            <Card title={t("page.rescheduleTitle")} titleId="meeting-reschedule-title">
              <ScheduleMeetingForm
                studentId={data.studentId}
                programs={[m.program]}
                team={data.team}
                today={data.today}
                reschedule={{ meetingId: m.id, program: m.program }}
                action={rescheduleMeetingAction}
              />
            </Card>
            <Card title={t("page.cancelTitle")} titleId="meeting-cancel-title">
              <CancelMeetingForm studentId={data.studentId} meetingId={m.id} action={cancelMeetingAction} />
            </Card>
          </>
        )}
      </div>
    </>
  );
}
