"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import type { ActionResult } from "@/lib/actions/types";
import { meetingPurposes } from "@/lib/compliance";
import type { MeetingProgram, TeamMember } from "@/lib/dto/meetings";
import { PARTICIPANT_ROLES } from "@/lib/validation/meetings";
import { FormAlerts } from "../forms/form-alerts";
import { Button } from "../ui/button";
import { Field, inputClass } from "../ui/field";
import { FieldErrors, otherErrors } from "./field-errors";
import { useActionForm } from "./use-action-form";

type Invitee = { role: string; userId?: string; guardianshipId?: string; name?: string };

/**
 * Schedules a PPT or 504 team meeting (or reschedules one, with a reason): date, time, place or
 * video link, purposes, and who is invited — team members ticked with their role, others by name.
 * Guardians who receive notices are always invited. On success it opens the new meeting.
 */
export function ScheduleMeetingForm({
  studentId,
  programs,
  team,
  today,
  reschedule,
  action,
}: {
  studentId: string;
  programs: MeetingProgram[];
  team: TeamMember[];
  today: string;
  reschedule?: { meetingId: string; program: MeetingProgram };
  action: (input: Record<string, unknown>) => Promise<ActionResult<{ meetingId: string }>>;
}) {
  const t = useTranslations();
  const prefix = reschedule ? "reschedule" : "schedule";
  const [program, setProgram] = useState<MeetingProgram>(reschedule?.program ?? programs[0]!);
  const [scheduledOn, setScheduledOn] = useState("");
  const [startsAt, setStartsAt] = useState("");
  const [location, setLocation] = useState("");
  const [videoLink, setVideoLink] = useState("");
  const [purposes, setPurposes] = useState<string[]>([]);
  const [reason, setReason] = useState("");
  const [chosen, setChosen] = useState<Record<string, string>>(() =>
    Object.fromEntries(team.filter((m) => m.kind === "guardian").map((m) => [m.key, m.suggestedRole])),
  );
  const [others, setOthers] = useState<{ name: string; role: string }[]>([]);
  const form = useActionForm<{ meetingId: string }>({
    onSuccess: (data) => `/students/${studentId}/meetings/${data.meetingId}`,
  });
  const id = (name: string) => `${prefix}-${name}`;
  const errs = (name: string) => form.fieldErrors[name];
  const described = (name: string) =>
    errs(name) ? { "aria-invalid": true as const, "aria-describedby": `${id(name)}-error` } : {};
  /** One labelled input with its field errors (date, time, place, link, reason). */
  const textField = (
    name: "reason" | "scheduledOn" | "startsAt" | "location" | "videoLink",
    label: string,
    value: string,
    onChange: (value: string) => void,
    attributes: React.InputHTMLAttributes<HTMLInputElement>,
  ) => (
    <Field id={id(name)} label={label}>
      <input
        id={id(name)}
        className={inputClass}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        {...attributes}
        {...described(name)}
      />
      <FieldErrors id={`${id(name)}-error`} keys={errs(name)} />
    </Field>
  );
  /** The role of an invitee (a team member or someone invited by name). */
  const roleSelect = (value: string, onChange: (role: string) => void) => (
    <select className={`${inputClass} w-auto py-1`} value={value} onChange={(e) => onChange(e.target.value)}>
      {PARTICIPANT_ROLES.map((role) => (
        <option key={role} value={role}>
          {t(`meetings.roles.${role}`)}
        </option>
      ))}
    </select>
  );
  const invitees = (): Invitee[] => [
    ...team
      .filter((m) => chosen[m.key] !== undefined)
      .map((m) => ({
        role: chosen[m.key]!,
        userId: m.userId ?? undefined,
        guardianshipId: m.guardianshipId ?? undefined,
      })),
    ...others.filter((o) => o.name.trim() !== "").map((o) => ({ role: o.role, name: o.name })),
  ];
  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault();
    void form.submit((submissionKey) =>
      action({
        studentId,
        ...(reschedule ? { meetingId: reschedule.meetingId, reason } : { program }),
        scheduledOn,
        startsAt,
        location,
        videoLink,
        purposes,
        invitees: invitees(),
        submissionKey,
      }),
    );
  };
  const shown = ["scheduledOn", "startsAt", "location", "videoLink", "purposes", "invitees", "reason", "program"];
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormAlerts formError={form.formError} saved={false} savedKey="meetings.page.scheduled" />
      {otherErrors(form.fieldErrors, shown).length > 0 && (
        <FieldErrors id={id("other-error")} keys={otherErrors(form.fieldErrors, shown)} />
      )}
      {reschedule ? (
        textField("reason", t("meetings.page.rescheduleReason"), reason, setReason, { required: true, maxLength: 1000 })
      ) : (
        <Field id={id("program")} label={t("meetings.page.program")}>
          <select
            id={id("program")}
            className={inputClass}
            value={program}
            onChange={(e) => setProgram(e.target.value as MeetingProgram)}
          >
            {programs.map((p) => (
              <option key={p} value={p}>
                {t(`meetings.programs.${p}`)}
              </option>
            ))}
          </select>
        </Field>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        {textField("scheduledOn", t("meetings.page.date"), scheduledOn, setScheduledOn, {
          type: "date",
          min: today,
          required: true,
        })}
        {textField("startsAt", t("meetings.page.time"), startsAt, setStartsAt, { type: "time", required: true })}
        {textField("location", t("meetings.page.location"), location, setLocation, { maxLength: 300 })}
        {textField("videoLink", t("meetings.page.videoLink"), videoLink, setVideoLink, { type: "url", maxLength: 500 })}
      </div>
      <fieldset className="space-y-1" {...described("purposes")}>
        <legend className="text-sm font-medium text-slate-800">{t("meetings.page.purposes")}</legend>
        <div className="flex flex-wrap gap-x-4 gap-y-1">
          {meetingPurposes.map((purpose) => (
            <label key={purpose} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={purposes.includes(purpose)}
                onChange={(e) =>
                  setPurposes((current) =>
                    e.target.checked ? [...current, purpose] : current.filter((p) => p !== purpose),
                  )
                }
              />
              {t(`deadlines.purposes.${purpose}`)}
            </label>
          ))}
        </div>
        <FieldErrors id={`${id("purposes")}-error`} keys={errs("purposes")} />
      </fieldset>
      {!reschedule && (
        <fieldset className="space-y-2" {...described("invitees")}>
          <legend className="text-sm font-medium text-slate-800">{t("meetings.page.invitees")}</legend>
          <p className="text-sm text-slate-600">{t("meetings.page.inviteesHint")}</p>
          <ul className="space-y-2">
            {team.map((member) => {
              const checked = chosen[member.key] !== undefined;
              const guardian = member.kind === "guardian";
              return (
                <li key={member.key} className="flex flex-wrap items-center gap-3 text-sm">
                  <label className="flex min-w-48 items-center gap-2">
                    <input
                      type="checkbox"
                      checked={checked}
                      disabled={guardian}
                      onChange={(e) =>
                        setChosen((current) => {
                          const next = { ...current };
                          if (e.target.checked) next[member.key] = member.suggestedRole;
                          else delete next[member.key];
                          return next;
                        })
                      }
                    />
                    {member.name}
                  </label>
                  {checked && (
                    <label className="flex items-center gap-2">
                      <span>{t("meetings.page.roleFor", { name: member.name })}</span>
                      {roleSelect(chosen[member.key]!, (role) =>
                        setChosen((current) => ({ ...current, [member.key]: role })),
                      )}
                    </label>
                  )}
                </li>
              );
            })}
            {others.map((other, index) => (
              <li key={index} className="flex flex-wrap items-center gap-3 text-sm">
                <label className="flex items-center gap-2">
                  <span>{t("meetings.page.otherName", { n: index + 1 })}</span>
                  <input
                    className={`${inputClass} w-56 py-1`}
                    maxLength={200}
                    value={other.name}
                    onChange={(e) =>
                      setOthers((current) => current.map((o, i) => (i === index ? { ...o, name: e.target.value } : o)))
                    }
                  />
                </label>
                <label className="flex items-center gap-2">
                  <span>{t("meetings.page.otherRole", { n: index + 1 })}</span>
                  {roleSelect(other.role, (role) =>
                    setOthers((current) => current.map((o, i) => (i === index ? { ...o, role } : o))),
                  )}
                </label>
              </li>
            ))}
          </ul>
          <Button
            type="button"
            variant="secondary"
            onClick={() => setOthers((o) => [...o, { name: "", role: "other" }])}
          >
            {t("meetings.page.addOther")}
          </Button>
          <FieldErrors id={`${id("invitees")}-error`} keys={errs("invitees")} />
        </fieldset>
      )}
      <Button type="submit" disabled={form.pending}>
        {reschedule ? t("meetings.page.rescheduleSubmit") : t("meetings.page.scheduleSubmit")}
      </Button>
    </form>
  );
}
