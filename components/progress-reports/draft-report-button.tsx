"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/types";
import { messageKey } from "@/lib/i18n/keys";
import { Button } from "../ui/button";

/** Starts the progress report of one reporting period, then opens it (a 44 px target). */
export function DraftReportButton({
  studentId,
  reportCardDate,
  label,
  action,
}: {
  studentId: string;
  reportCardDate: string;
  label: string;
  action: (input: { studentId: string; reportCardDate: string }) => Promise<ActionResult<{ reportId: string }>>;
}) {
  const t = useTranslations();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="inline-flex flex-col items-start gap-1">
      <Button
        type="button"
        className="min-h-11"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            setError(null);
            const result = await action({ studentId, reportCardDate });
            if (result.ok) router.push(`/students/${studentId}/progress/reports/${result.data.reportId}`);
            else setError(result.formError ?? "errors.unexpected");
          })
        }
      >
        {label}
      </Button>
      {error && (
        <span role="alert" className="text-sm text-red-800">
          {t(messageKey(error))}
        </span>
      )}
    </span>
  );
}
