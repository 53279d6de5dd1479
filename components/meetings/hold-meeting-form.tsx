"use client";

import { useFormatter, useTranslations } from "next-intl";
import { messageKey } from "@/lib/i18n/keys";
import { useState } from "react";
import type { ActionResult } from "@/lib/actions/types";
import type { ExcusalConsentOption, ParticipantView } from "@/lib/dto/meetings";
import { FormAlerts } from "../forms/form-alerts";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field, inputClass } from "../ui/field";
import { FieldErrors, otherErrors } from "./field-errors";
import { useActionForm } from "./use-action-form";

type Row = { attended: boolean; excused: boolean; excusalConsentRequestId: string; writtenInputReceived: boolean };

/**
 * Records a meeting as held: the day (from the scheduled day to today), who attended, who was
 * excused with the parent's written consent (C-06: one of this meeting's granted excusal consents,
 * chosen from the ledger; the server accepts no other), the decisions and
 * notes. For a PPT the server refuses the record while a required member (300.321) is missing and
 * names each one.
 */
export function HoldMeetingForm({
  studentId,
  meetingId,
  scheduledOn,
  today,
  participants,
  excusalConsents,
  action,
}: {
  studentId: string;
  meetingId: string;
  scheduledOn: string;
  today: string;
  participants: ParticipantView[];
  excusalConsents: ExcusalConsentOption[];
  action: (input: Record<string, unknown>) => Promise<ActionResult<unknown>>;
}) {
  const t = useTranslations();
  const format = useFormatter();
  const day = (iso: string) => format.dateTime(new Date(`${iso}T12:00:00Z`), { dateStyle: "medium", timeZone: "UTC" });
  const [heldOn, setHeldOn] = useState(today);
  const [decisions, setDecisions] = useState("");
  const [notes, setNotes] = useState("");
  const [rows, setRows] = useState<Record<string, Row>>(() =>
    Object.fromEntries(
      participants.map((p) => [
        p.id,
        { attended: false, excused: false, excusalConsentRequestId: "", writtenInputReceived: false },
      ]),
    ),
  );
  const form = useActionForm<unknown>({});
  const update = (id: string, patch: Partial<Row>) =>
    setRows((current) => ({ ...current, [id]: { ...current[id]!, ...patch } }));
  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault();
    void form.submit((submissionKey) =>
      action({
        studentId,
        meetingId,
        heldOn,
        decisions,
        notes,
        attendance: participants.map((p) => ({ participantId: p.id, ...rows[p.id]! })),
        submissionKey,
      }),
    );
  };
  const err = (name: string) => form.fieldErrors[name];
  const aria = (name: string) =>
    err(name) ? { "aria-invalid": true as const, "aria-describedby": `hold-${name}-error` } : {};
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormAlerts formError={form.formError} saved={form.saved} savedKey="meetings.page.held" />
      {err("missingRoles") && (
        <Alert tone="error">
          <ul className="list-disc pl-5">
            {err("missingRoles")!.map((key) => (
              <li key={key}>{t(messageKey(key))}</li>
            ))}
          </ul>
        </Alert>
      )}
      <Field id="hold-heldOn" label={t("meetings.page.heldOn")}>
        <input
          id="hold-heldOn"
          type="date"
          min={scheduledOn}
          max={today}
          required
          className={`${inputClass} w-auto`}
          value={heldOn}
          onChange={(e) => setHeldOn(e.target.value)}
          {...aria("heldOn")}
        />
        <FieldErrors id="hold-heldOn-error" keys={err("heldOn")} />
      </Field>
      <fieldset className="space-y-2" {...aria("attendance")}>
        <legend className="text-sm font-medium text-slate-800">{t("meetings.page.attendance")}</legend>
        <table className="w-full text-left text-sm">
          <thead>
            <tr className="border-b border-slate-200">
              <th scope="col" className="py-1 pr-3">
                {t("meetings.page.person")}
              </th>
              <th scope="col" className="py-1 pr-3">
                {t("meetings.page.role")}
              </th>
              <th scope="col" className="py-1 pr-3">
                {t("meetings.page.attended")}
              </th>
              <th scope="col" className="py-1 pr-3">
                {t("meetings.page.excused")}
              </th>
            </tr>
          </thead>
          <tbody>
            {participants.map((p) => {
              const row = rows[p.id]!;
              return (
                <tr key={p.id} className="border-b border-slate-100 align-top">
                  <th scope="row" className="py-2 pr-3 font-medium">
                    {p.name}
                  </th>
                  <td className="py-2 pr-3">{t(messageKey(`meetings.roles.${p.role}`))}</td>
                  <td className="py-2 pr-3">
                    <label className="flex items-center gap-2">
                      <input
                        type="checkbox"
                        checked={row.attended}
                        onChange={(e) => update(p.id, { attended: e.target.checked, excused: false })}
                      />
                      <span className="sr-only">{t("meetings.page.attendedName", { name: p.name })}</span>
                    </label>
                  </td>
                  <td className="space-y-1 py-2 pr-3">
                    {p.role !== "parent" && (
                      <>
                        <label className="flex items-center gap-2">
                          <input
                            type="checkbox"
                            checked={row.excused}
                            disabled={row.attended}
                            onChange={(e) => update(p.id, { excused: e.target.checked })}
                          />
                          <span className="sr-only">{t("meetings.page.excusedName", { name: p.name })}</span>
                        </label>
                        {row.excused && (
                          <>
                            <label className="block">
                              <span className="text-xs">{t("meetings.page.excusalRequest", { name: p.name })}</span>
                              <select
                                className={`${inputClass} py-1`}
                                value={row.excusalConsentRequestId}
                                onChange={(e) => update(p.id, { excusalConsentRequestId: e.target.value })}
                              >
                                <option value="">{t("meetings.page.excusalChoose")}</option>
                                {excusalConsents.map((c) => (
                                  <option key={c.id} value={c.id}>
                                    {t("meetings.page.excusalOption", {
                                      requested: day(c.requestedOn),
                                      granted: day(c.grantedOn),
                                    })}
                                  </option>
                                ))}
                              </select>
                            </label>
                            {excusalConsents.length === 0 && (
                              <p className="text-xs text-slate-700">{t("meetings.page.excusalNone")}</p>
                            )}
                            <label className="flex items-center gap-2 text-xs">
                              <input
                                type="checkbox"
                                checked={row.writtenInputReceived}
                                onChange={(e) => update(p.id, { writtenInputReceived: e.target.checked })}
                              />
                              {t("meetings.page.writtenInput")}
                            </label>
                          </>
                        )}
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <FieldErrors id="hold-attendance-error" keys={err("attendance")} />
      </fieldset>
      <Field id="hold-decisions" label={t("meetings.page.decisions")}>
        <textarea
          id="hold-decisions"
          rows={5}
          required
          className={inputClass}
          value={decisions}
          onChange={(e) => setDecisions(e.target.value)}
          {...aria("decisions")}
        />
        <FieldErrors id="hold-decisions-error" keys={err("decisions")} />
      </Field>
      <Field id="hold-notes" label={t("meetings.page.notes")}>
        <textarea
          id="hold-notes"
          rows={3}
          className={inputClass}
          value={notes}
          onChange={(e) => setNotes(e.target.value)}
          {...aria("notes")}
        />
        <FieldErrors id="hold-notes-error" keys={err("notes")} />
      </Field>
      <FieldErrors
        id="hold-other-error"
        keys={otherErrors(form.fieldErrors, ["missingRoles", "heldOn", "attendance", "decisions", "notes"])}
      />
      <Button type="submit" disabled={form.pending}>
        {t("meetings.page.holdSubmit")}
      </Button>
    </form>
  );
}
