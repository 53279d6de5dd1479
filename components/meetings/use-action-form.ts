"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ActionResult } from "@/lib/actions/types";
import { newId } from "@/lib/validation/new-id";

/**
 * State of a form posted to a server action: field errors and the form error (message keys), a
 * pending flag, a submission key per rendered form (a double click applies once), and a refresh or
 * a navigation on success.
 */
export function useActionForm<T>(options: { onSuccess?: (data: T) => string | void }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [submissionKey, setSubmissionKey] = useState(newId);
  const submit = async (run: (submissionKey: string) => Promise<ActionResult<T>>) => {
    setPending(true);
    setSaved(false);
    setFormError(null);
    setFieldErrors({});
    try {
      const result = await run(submissionKey);
      if (result.ok) {
        setSaved(true);
        setSubmissionKey(newId());
        const to = options.onSuccess?.(result.data);
        if (to) router.push(to);
        else router.refresh();
        return;
      }
      setFieldErrors(result.fieldErrors ?? {});
      setFormError(result.formError ?? (result.fieldErrors ? null : "errors.unexpected"));
    } finally {
      setPending(false);
    }
  };
  return { submit, pending, fieldErrors, formError, saved };
}
