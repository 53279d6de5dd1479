"use client";

import { useTranslations } from "next-intl";
import { messageKey } from "@/lib/i18n/keys";

/**
 * The error props of a form's controls, from `useServerForm`'s `errorKey`: `errors(name)` gives a
 * `Field` its translated message, `control(name)` gives the control its id (`{prefix}-{name}`),
 * `aria-invalid` and the `aria-describedby` of that message.
 */
export function useFieldMessages(prefix: string, errorKey: (name: string) => string | undefined) {
  const messages = useMessageList();
  const errors = (name: string) => messages(errorKey(name));
  const control = (name: string) => ({
    id: `${prefix}-${name}`,
    "aria-invalid": errorKey(name) ? (true as const) : undefined,
    "aria-describedby": errorKey(name) ? `${prefix}-${name}-error` : undefined,
  });
  return { errors, control };
}

/** A `Field`'s error list from an error's message key: the translated message, or none without a key. */
export function useMessageList() {
  const t = useTranslations();
  return (key: string | undefined) => (key ? [t(messageKey(key))] : undefined);
}
