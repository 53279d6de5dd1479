"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import type { ActionResult } from "@/lib/actions/types";
import { FormAlerts } from "../forms/form-alerts";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { FieldErrors, otherErrors } from "./field-errors";
import { useActionForm } from "./use-action-form";

/**
 * Sends the meeting notice previewed above. When it would be shorter than the D-06 notice period,
 * it says so and (when the district allows it) asks whether the parent agreed in writing.
 */
export function SendNoticeForm({
  studentId,
  meetingId,
  short,
  dueBy,
  shorterAllowed,
  action,
}: {
  studentId: string;
  meetingId: string;
  short: boolean;
  dueBy: string | null;
  shorterAllowed: boolean;
  action: (input: Record<string, unknown>) => Promise<ActionResult<unknown>>;
}) {
  const t = useTranslations();
  const [agreed, setAgreed] = useState(false);
  const form = useActionForm<unknown>({});
  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault();
    void form.submit((submissionKey) => action({ studentId, meetingId, shortNoticeAgreed: agreed, submissionKey }));
  };
  return (
    <form onSubmit={onSubmit} className="space-y-3">
      <FormAlerts formError={form.formError} saved={form.saved} savedKey="meetings.page.noticeSent" />
      {dueBy && <p className="text-sm text-slate-700">{t("meetings.page.noticeDueBy", { date: dueBy })}</p>}
      {short && (
        <Alert tone="warning">
          {shorterAllowed ? t("meetings.page.shortNotice") : t("meetings.page.shortNoticeNotAllowed")}
        </Alert>
      )}
      {short && shorterAllowed && (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={agreed} onChange={(e) => setAgreed(e.target.checked)} />
          {t("meetings.page.shortNoticeAgreed")}
        </label>
      )}
      <FieldErrors id="send-notice-error" keys={otherErrors(form.fieldErrors, [])} />
      <Button type="submit" disabled={form.pending}>
        {t("meetings.page.sendNotice")}
      </Button>
    </form>
  );
}
