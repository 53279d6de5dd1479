"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { messageKey } from "@/lib/i18n/keys";
import { FieldErrors, otherErrors } from "@/components/meetings/field-errors";
import { useActionForm } from "@/components/meetings/use-action-form";
import type { ActionResult } from "@/lib/actions/types";
import { pwnActions, pwnSubjects } from "@/lib/compliance";
import type { MeetingProgram, MeetingSummary, StudentMeetings } from "@/lib/dto/meetings";
import { FormAlerts } from "../forms/form-alerts";
import { Button } from "../ui/button";
import { Field, inputClass } from "../ui/field";

/** Starts a prior written notice draft: program, propose/refuse, subject, and the meeting it follows. */
export function CreateNoticeForm({
  studentId,
  programs,
  meetings,
  versions,
  initialVersionId,
  action,
}: {
  studentId: string;
  programs: MeetingProgram[];
  meetings: MeetingSummary[];
  versions: StudentMeetings["versions"];
  initialVersionId?: string;
  action: (input: Record<string, unknown>) => Promise<ActionResult<{ noticeId: string }>>;
}) {
  const t = useTranslations();
  const initialVersion = versions.find((v) => v.id === initialVersionId);
  const [program, setProgram] = useState<MeetingProgram>(initialVersion?.program ?? programs[0]!);
  const [planVersionId, setPlanVersionId] = useState(initialVersion?.id ?? "");
  const [pwnAction, setPwnAction] = useState<string>("propose");
  const [subject, setSubject] = useState<string>("fape");
  const [meetingId, setMeetingId] = useState("");
  const form = useActionForm<{ noticeId: string }>({
    onSuccess: (data) => `/students/${studentId}/notices/${data.noticeId}`,
  });
  const select = (
    id: string,
    label: string,
    value: string,
    set: (v: string) => void,
    options: { value: string; label: string }[],
  ) => (
    <Field id={id} label={label}>
      <select id={id} className={inputClass} value={value} onChange={(e) => set(e.target.value)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
  return (
    <form
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        void form.submit((submissionKey) =>
          action({ studentId, program, action: pwnAction, subject, meetingId, planVersionId, submissionKey }),
        );
      }}
    >
      <FormAlerts formError={form.formError} saved={false} savedKey="meetings.page.noticeCreated" />
      <div className="grid gap-4 sm:grid-cols-2">
        {select(
          "notice-program",
          t("meetings.page.program"),
          program,
          (v) => setProgram(v as MeetingProgram),
          programs.map((p) => ({ value: p, label: t(`meetings.planKinds.${p}`) })),
        )}
        {select(
          "notice-action",
          t("meetings.page.noticeAction"),
          pwnAction,
          setPwnAction,
          pwnActions.map((a) => ({ value: a, label: t(`deadlines.pwnActions.${a}`) })),
        )}
        {select(
          "notice-subject",
          t("meetings.page.noticeSubject"),
          subject,
          setSubject,
          pwnSubjects.map((s) => ({ value: s, label: t(`deadlines.pwnSubjects.${s}`) })),
        )}
        {select("notice-version", t("meetings.page.noticeVersion"), planVersionId, setPlanVersionId, [
          { value: "", label: t("meetings.page.noVersionChosen") },
          ...versions
            .filter((v) => v.program === program)
            .map((v) => ({
              value: v.id,
              label: t("meetings.page.versionOption", {
                type: t(`meetings.planKinds.${v.program}`),
                number: v.number,
                status: t(messageKey(`plans.status.${v.status}`)),
              }),
            })),
        ])}
        {select("notice-meeting", t("meetings.page.noticeMeeting"), meetingId, setMeetingId, [
          { value: "", label: t("meetings.page.noMeetingChosen") },
          ...meetings
            .filter((m) => m.program === program && m.status !== "cancelled")
            .map((m) => ({
              value: m.id,
              label: t("meetings.page.meetingOn", { date: m.scheduledOn, time: m.startsAt }),
            })),
        ])}
      </div>
      <FieldErrors id="notice-create-error" keys={otherErrors(form.fieldErrors, [])} />
      <Button type="submit" disabled={form.pending}>
        {t("meetings.page.createNotice")}
      </Button>
    </form>
  );
}
