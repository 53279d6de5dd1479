"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/types";
import { Button } from "../ui/button";
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
  const t = useTranslations();
  const router = useRouter();
  const id = useId();
  const [completedOn, setCompletedOn] = useState(today);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        startTransition(async () => {
          setError(null);
          const result = await action({ studentId, deadlineId, completedOn });
          if (result.ok) router.refresh();
          else setError(result.fieldErrors?.completedOn?.[0] ?? result.formError ?? "errors.unexpected");
        });
      }}
    >
      <div>
        <label htmlFor={`${id}-date`} className="block text-xs font-medium text-slate-700">
          {t("deadlines.section.doneOn", { rule })}
        </label>
        <input
          id={`${id}-date`}
          type="date"
          max={today}
          required
          value={completedOn}
          onChange={(e) => setCompletedOn(e.target.value)}
          className={`${inputClass} py-1`}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
      </div>
      <Button type="submit" variant="secondary" disabled={pending}>
        {t("deadlines.section.markDone")}
      </Button>
      {error && (
        <p id={`${id}-error`} role="alert" className="basis-full text-sm text-red-800">
          {t(error as never)}
        </p>
      )}
    </form>
  );
}
