import Link from "next/link";
import { messageKey } from "@/lib/i18n/keys";
import { getFormatter, getTranslations } from "next-intl/server";
import type { MeetingSummary, NoticeSummary } from "@/lib/dto/meetings";

/** The meetings of a student, newest first, each linking to its page. */
export async function MeetingsList({ studentId, meetings }: { studentId: string; meetings: MeetingSummary[] }) {
  const t = await getTranslations();
  const format = await getFormatter();
  const date = (value: string) =>
    format.dateTime(new Date(`${value}T12:00:00Z`), { dateStyle: "medium", timeZone: "UTC" });
  if (meetings.length === 0) return <p className="text-sm text-slate-600">{t("meetings.page.noMeetings")}</p>;
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">{t("meetings.page.meetingsTitle")}</caption>
      <thead>
        <tr className="border-b border-slate-200">
          <th scope="col" className="py-2 pr-3">
            {t("meetings.page.date")}
          </th>
          <th scope="col" className="py-2 pr-3">
            {t("meetings.page.program")}
          </th>
          <th scope="col" className="py-2 pr-3">
            {t("meetings.page.purposes")}
          </th>
          <th scope="col" className="py-2 pr-3">
            {t("meetings.page.statusColumn")}
          </th>
          <th scope="col" className="py-2 pr-3">
            {t("meetings.page.noticeColumn")}
          </th>
        </tr>
      </thead>
      <tbody>
        {meetings.map((m) => (
          <tr key={m.id} className="border-b border-slate-100">
            <td className="py-2 pr-3">
              <Link className="text-brand-700 underline" href={`/students/${studentId}/meetings/${m.id}`}>
                {t("meetings.page.meetingOn", { date: date(m.scheduledOn), time: m.startsAt })}
              </Link>
            </td>
            <td className="py-2 pr-3">{t(`meetings.programsShort.${m.program}`)}</td>
            <td className="py-2 pr-3">{m.purposes.map((p) => t(messageKey(`deadlines.purposes.${p}`))).join(", ")}</td>
            <td className="py-2 pr-3">
              {m.status === "held" && m.heldOn
                ? t("meetings.page.heldOnDate", { date: date(m.heldOn) })
                : t(`meetings.status.${m.status}`)}
            </td>
            <td className="py-2 pr-3">
              {m.noticeSentOn
                ? t("meetings.page.noticeSentOn", { date: date(m.noticeSentOn) })
                : t("meetings.page.noticeNotSent")}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The prior written notices of a student, newest first, each linking to its page. */
export async function NoticesList({ studentId, notices }: { studentId: string; notices: NoticeSummary[] }) {
  const t = await getTranslations();
  const format = await getFormatter();
  const date = (value: string) =>
    format.dateTime(new Date(`${value}T12:00:00Z`), { dateStyle: "medium", timeZone: "UTC" });
  if (notices.length === 0) return <p className="text-sm text-slate-600">{t("meetings.page.noNotices")}</p>;
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">{t("meetings.page.noticesTitle")}</caption>
      <thead>
        <tr className="border-b border-slate-200">
          <th scope="col" className="py-2 pr-3">
            {t("meetings.page.noticeColumn")}
          </th>
          <th scope="col" className="py-2 pr-3">
            {t("meetings.page.program")}
          </th>
          <th scope="col" className="py-2 pr-3">
            {t("meetings.page.statusColumn")}
          </th>
          <th scope="col" className="py-2 pr-3">
            {t("meetings.page.implementationDate")}
          </th>
        </tr>
      </thead>
      <tbody>
        {notices.map((n) => (
          <tr key={n.id} className="border-b border-slate-100">
            <td className="py-2 pr-3">
              <Link className="text-brand-700 underline" href={`/students/${studentId}/notices/${n.id}`}>
                {t("meetings.page.noticeName", {
                  action: t(messageKey(`deadlines.pwnActions.${n.action}`)),
                  subject: t(messageKey(`deadlines.pwnSubjects.${n.subject}`)),
                })}
              </Link>
            </td>
            <td className="py-2 pr-3">{t(`meetings.programsShort.${n.program}`)}</td>
            <td className="py-2 pr-3">
              {n.sentOn
                ? t("meetings.page.noticeSentOn", { date: date(n.sentOn) })
                : t(`meetings.noticeStatus.${n.status}`)}
            </td>
            <td className="py-2 pr-3">{n.implementationDate ? date(n.implementationDate) : "—"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
