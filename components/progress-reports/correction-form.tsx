"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { FieldErrors } from "@/components/meetings/field-errors";
import { useActionForm } from "@/components/meetings/use-action-form";
import type { ActionResult } from "@/lib/actions/types";
import { FormAlerts } from "../forms/form-alerts";
import { Button } from "../ui/button";
import { inputClass } from "../ui/field";

/** Starts a correction of an issued report (a new version with its reason), then opens it. */
export function CorrectionForm({
  studentId,
  reportId,
  action,
}: {
  studentId: string;
  reportId: string;
  action: (input: Record<string, unknown>) => Promise<ActionResult<{ reportId: string }>>;
}) {
  const t = useTranslations("progressReports.page");
  const [reason, setReason] = useState("");
  const form = useActionForm<{ reportId: string }>({
    onSuccess: (data) => `/students/${studentId}/progress/reports/${data.reportId}`,
  });
  const errors = form.fieldErrors.reason;
  return (
    <form
      className="space-y-3"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void form.submit(() => action({ studentId, reportId, reason }));
      }}
    >
      <FormAlerts formError={form.formError} saved={false} savedKey="progressReports.page.saved" />
      <p className="text-sm text-slate-700">{t("correctIntro")}</p>
      <div className="space-y-1">
        <label htmlFor="report-correction-reason" className="block text-sm font-medium text-slate-800">
          {t("correctReason")}
        </label>
        <textarea
          id="report-correction-reason"
          rows={3}
          className={inputClass}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-invalid={errors ? true : undefined}
          aria-describedby={errors ? "report-correction-reason-error" : undefined}
        />
        <FieldErrors id="report-correction-reason-error" keys={errors} />
      </div>
      <Button type="submit" variant="secondary" className="min-h-11" disabled={form.pending}>
        {t("startCorrection")}
      </Button>
    </form>
  );
}
