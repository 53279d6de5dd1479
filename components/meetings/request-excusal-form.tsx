"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/actions/types";
import { FormAlerts } from "../forms/form-alerts";
import { Button } from "../ui/button";
import { FieldErrors, otherErrors } from "./field-errors";
import { useActionForm } from "./use-action-form";

/**
 * Asks the parent's written consent to excuse a member from this PPT (C-06, 300.321(e)): an
 * excusal consent request bound to the meeting, prepared in the family's language. Once the parent
 * grants it (portal, or a signed paper recorded on the consents page) it can be chosen when the
 * meeting is recorded as held.
 */
export function RequestExcusalForm({
  studentId,
  meetingId,
  action,
}: {
  studentId: string;
  meetingId: string;
  action: (input: Record<string, unknown>) => Promise<ActionResult<unknown>>;
}) {
  const t = useTranslations();
  const form = useActionForm<unknown>({});
  return (
    <form
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        void form.submit((submissionKey) =>
          action({ studentId, type: "excusal", program: "iep", meetingId, submissionKey }),
        );
      }}
    >
      <FormAlerts formError={form.formError} saved={form.saved} savedKey="meetings.page.excusalAsked" />
      <FieldErrors id="excusal-error" keys={otherErrors(form.fieldErrors, [])} />
      <div className="flex flex-wrap items-center gap-4">
        <Button type="submit" variant="secondary" disabled={form.pending}>
          {t("meetings.page.excusalAsk")}
        </Button>
        <Link className="text-sm text-brand-700 underline" href={`/students/${studentId}/consents`}>
          {t("meetings.page.excusalConsentsLink")}
        </Link>
      </div>
    </form>
  );
}
