"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition, type ReactNode } from "react";
import type { ActionResult } from "@/lib/actions/types";
import { Button } from "../ui/button";
import { messageKey } from "@/lib/i18n/keys";

/** The props a control of an {@link InlineActionForm} spreads to be labelled and tied to the error. */
export interface InlineControlProps {
  id: string;
  "aria-invalid"?: true;
  "aria-describedby"?: string;
}

/**
 * A one-control form inside a table row: a small label, the control, a submit button, and the
 * error (a message key) of `field` or of the whole form. Refreshes the page on success.
 */
export function InlineActionForm({
  label,
  submitLabel,
  field,
  submit,
  children,
}: {
  label: string;
  submitLabel: string;
  field: string;
  submit: () => Promise<ActionResult<unknown>>;
  children: (control: InlineControlProps) => ReactNode;
}) {
  const t = useTranslations();
  const router = useRouter();
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        startTransition(async () => {
          setError(null);
          const result = await submit();
          if (result.ok) router.refresh();
          else setError(result.fieldErrors?.[field]?.[0] ?? result.formError ?? "errors.unexpected");
        });
      }}
    >
      <div>
        <label htmlFor={`${id}-control`} className="block text-xs font-medium text-slate-700">
          {label}
        </label>
        {children({
          id: `${id}-control`,
          "aria-invalid": error ? true : undefined,
          "aria-describedby": error ? `${id}-error` : undefined,
        })}
      </div>
      <Button type="submit" variant="secondary" disabled={pending}>
        {submitLabel}
      </Button>
      {error && (
        <p id={`${id}-error`} role="alert" className="basis-full text-sm text-red-800">
          {t(messageKey(error))}
        </p>
      )}
    </form>
  );
}
