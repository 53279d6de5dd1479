"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import type { ActionResult } from "@/lib/actions/types";
import { FormAlerts } from "../forms/form-alerts";
import { Button } from "../ui/button";
import { Field, inputClass } from "../ui/field";
import { FieldErrors } from "./field-errors";
import { useActionForm } from "./use-action-form";

/** Cancels a scheduled meeting with a reason (kept on the meeting). */
export function CancelMeetingForm({
  studentId,
  meetingId,
  action,
}: {
  studentId: string;
  meetingId: string;
  action: (input: Record<string, unknown>) => Promise<ActionResult<unknown>>;
}) {
  const t = useTranslations();
  const [reason, setReason] = useState("");
  const form = useActionForm<unknown>({});
  const errors = form.fieldErrors.reason;
  return (
    <form
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        void form.submit((submissionKey) => action({ studentId, meetingId, reason, submissionKey }));
      }}
    >
      <FormAlerts formError={form.formError} saved={form.saved} savedKey="meetings.page.cancelled" />
      <Field id="cancel-reason" label={t("meetings.page.cancelReason")}>
        <input
          id="cancel-reason"
          className={inputClass}
          required
          maxLength={1000}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-invalid={errors ? true : undefined}
          aria-describedby={errors ? "cancel-reason-error" : undefined}
        />
        <FieldErrors id="cancel-reason-error" keys={errors} />
      </Field>
      <Button type="submit" variant="danger" disabled={form.pending}>
        {t("meetings.page.cancelSubmit")}
      </Button>
    </form>
  );
}
