"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/types";
import { Button } from "../ui/button";

export function CreatePlanButton({
  studentId,
  type,
  label,
  action,
}: {
  studentId: string;
  type: "iep" | "504";
  label: string;
  action: (input: { studentId: string; type: "iep" | "504" }) => Promise<ActionResult<{ planId: string; versionId: string }>>;
}) {
  const t = useTranslations();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="inline-flex flex-col gap-1">
      <Button
        type="button"
        variant="secondary"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            setError(null);
            const result = await action({ studentId, type });
            if (result.ok) router.push(`/plans/${result.data.planId}/versions/${result.data.versionId}/edit`);
            else setError(result.formError ?? "errors.unexpected");
          })
        }
      >
        {label}
      </Button>
      {error && (
        <span role="alert" className="text-sm text-red-800">
          {t(error as never)}
        </span>
      )}
    </span>
  );
}
