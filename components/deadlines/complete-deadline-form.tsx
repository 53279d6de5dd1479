"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import type { ActionResult } from "@/lib/actions/types";
import { InlineActionForm } from "../forms/inline-action-form";
import { inputClass } from "../ui/field";

/** Marks a deadline that only staff can see completed (a notice sent, records shown) as done on a date. */
export function CompleteDeadlineForm({
  studentId,
  deadlineId,
  rule,
  today,
  action,
}: {
  studentId: string;
  deadlineId: string;
  rule: string;
  today: string;
  action: (input: { studentId: string; deadlineId: string; completedOn: string }) => Promise<ActionResult<unknown>>;
}) {
  const t = useTranslations("deadlines.section");
  const [completedOn, setCompletedOn] = useState(today);
  return (
    <InlineActionForm
      label={t("doneOn", { rule })}
      submitLabel={t("markDone")}
      field="completedOn"
      submit={() => action({ studentId, deadlineId, completedOn })}
    >
      {(control) => (
        <input
          {...control}
          type="date"
          max={today}
          required
          value={completedOn}
          onChange={(e) => setCompletedOn(e.target.value)}
          className={`${inputClass} py-1`}
        />
      )}
    </InlineActionForm>
  );
}
