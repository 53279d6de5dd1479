"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/types";
import { Button } from "../ui/button";
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
  const t = useTranslations();
  const router = useRouter();
  const id = useId();
  const [reason, setReason] = useState(current ?? "");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        startTransition(async () => {
          setError(null);
          const result = await action({ studentId, deadlineId, reason });
          if (result.ok) router.refresh();
          else setError(result.fieldErrors?.reason?.[0] ?? result.formError ?? "errors.unexpected");
        });
      }}
    >
      <div>
        <label htmlFor={`${id}-reason`} className="block text-xs font-medium text-slate-700">
          {t("deadlines.section.delayReason", { rule })}
        </label>
        <select
          id={`${id}-reason`}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          className={`${inputClass} py-1`}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        >
          <option value="">{t("deadlines.form.choose")}</option>
          {reasons.map((r) => (
            <option key={r.code} value={r.code}>
              {r.label}
            </option>
          ))}
        </select>
      </div>
      <Button type="submit" variant="secondary" disabled={pending}>
        {t("deadlines.section.saveReason")}
      </Button>
      {error && (
        <p id={`${id}-error`} role="alert" className="basis-full text-sm text-red-800">
          {t(error as never)}
        </p>
      )}
    </form>
  );
}
