"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/types";
import { Button } from "./button";
import { messageKey } from "@/lib/i18n/keys";

/**
 * A button that runs one server action with a fixed payload, shows its failure message, and on
 * success calls `onSuccess` (default: refresh the page). For one-click changes.
 */
export function ActionButton<I, T>({
  action,
  input,
  label,
  variant = "secondary",
  confirm,
  onSuccess,
}: {
  action: (input: I) => Promise<ActionResult<T>>;
  input: I;
  label: string;
  variant?: "primary" | "secondary" | "danger";
  confirm?: string;
  onSuccess?: (data: T, router: ReturnType<typeof useRouter>) => void;
}) {
  const t = useTranslations();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="inline-flex flex-col items-start gap-1">
      <Button
        type="button"
        variant={variant}
        disabled={pending}
        onClick={() => {
          if (confirm && !window.confirm(confirm)) return;
          startTransition(async () => {
            setError(null);
            const result = await action(input);
            if (result.ok) {
              if (onSuccess) onSuccess(result.data, router);
              else router.refresh();
            } else setError(result.formError ?? "errors.unexpected");
          });
        }}
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
