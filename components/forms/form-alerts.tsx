"use client";

import { useTranslations } from "next-intl";
import { Alert } from "../ui/alert";
import { messageKey } from "@/lib/i18n/keys";

/** The form-level error (a message key) and the success message of a server form, announced when they appear. */
export function FormAlerts({
  formError,
  saved,
  savedKey,
}: {
  formError: string | null;
  saved: boolean;
  savedKey: string;
}) {
  const t = useTranslations();
  return (
    <>
      {formError && (
        <Alert tone="error" live>
          {t(messageKey(formError))}
        </Alert>
      )}
      {saved && !formError && (
        <Alert tone="success" live>
          {t(messageKey(savedKey))}
        </Alert>
      )}
    </>
  );
}

/** ARIA wiring of a control to its error list (`<id>-error`) or, without an error, its hint (`<id>-hint`). */
export function describedBy(id: string, error: string | undefined, hasHint = false) {
  return {
    "aria-invalid": error ? true : undefined,
    "aria-describedby": error ? `${id}-error` : hasHint ? `${id}-hint` : undefined,
  } as const;
}
