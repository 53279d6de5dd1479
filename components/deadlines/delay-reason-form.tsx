"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import type { ActionResult } from "@/lib/actions/types";
import { InlineActionForm } from "../forms/inline-action-form";
import { inputClass } from "../ui/field";

/** Records why a late initial evaluation (D-01) was late, from the district's list of reasons. */
export function DelayReasonForm({
  studentId,
  deadlineId,
  rule,
  current,
  reasons,
  action,
}: {
  studentId: string;
  deadlineId: string;
  rule: string;
  current: string | null;
  reasons: { code: string; label: string }[];
  action: (input: { studentId: string; deadlineId: string; reason: string }) => Promise<ActionResult<unknown>>;
}) {
  const t = useTranslations("deadlines");
  const [reason, setReason] = useState(current ?? "");
  return (
    <InlineActionForm
      label={t("section.delayReason", { rule })}
      submitLabel={t("section.saveReason")}
      field="reason"
      submit={() => action({ studentId, deadlineId, reason })}
    >
      {(control) => (
        <select
          {...control}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          className={`${inputClass} py-1`}
        >
          <option value="">{t("form.choose")}</option>
          {reasons.map((r) => (
            <option key={r.code} value={r.code}>
              {r.label}
            </option>
          ))}
        </select>
      )}
    </InlineActionForm>
  );
}
