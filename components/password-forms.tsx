"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition, type FormEvent } from "react";
import type { ActionResult } from "@/lib/actions/types";
import { Alert } from "./ui/alert";
import { Button } from "./ui/button";
import { Field, inputClass } from "./ui/field";
import { messageKey } from "@/lib/i18n/keys";

type Errors = Record<string, string[] | undefined>;

/** The new password and its confirmation (reset and change share them). */
function NewPasswordPair({ errors }: { errors: Errors }) {
  const t = useTranslations();
  return (
    <>
      <PasswordInput
        id="newPassword"
        label={t("passwordReset.newPassword")}
        hint={t("passwordReset.newPasswordHint")}
        autoComplete="new-password"
        errors={errors}
      />
      <PasswordInput
        id="confirmPassword"
        label={t("passwordReset.confirmPassword")}
        autoComplete="new-password"
        errors={errors}
      />
    </>
  );
}

function useSubmit<I>(action: (input: I) => Promise<ActionResult<unknown>>, onDone: () => void) {
  const [pending, startTransition] = useTransition();
  const [fieldErrors, setFieldErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const submit = (input: I) =>
    startTransition(async () => {
      setFieldErrors({});
      setFormError(null);
      const result = await action(input);
      if (result.ok) return onDone();
      setFieldErrors(result.fieldErrors ?? {});
      if (result.formError && !result.fieldErrors) setFormError(result.formError);
    });
  return { pending, fieldErrors, formError, submit };
}

function PasswordInput({
  id,
  label,
  hint,
  autoComplete,
  errors,
}: {
  id: string;
  label: string;
  hint?: string;
  autoComplete: "current-password" | "new-password";
  errors: Errors;
}) {
  const t = useTranslations();
  const messages = errors[id]?.map((key) => t(messageKey(key)));
  const describedBy = [hint ? `${id}-hint` : null, messages?.length ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <Field id={id} label={label} hint={hint} errors={messages}>
      <input
        id={id}
        name={id}
        type="password"
        autoComplete={autoComplete}
        required
        className={inputClass}
        aria-invalid={messages?.length ? true : undefined}
        aria-describedby={describedBy || undefined}
      />
    </Field>
  );
}

const value = (event: FormEvent<HTMLFormElement>, name: string) =>
  String(new FormData(event.currentTarget).get(name) ?? "");

/** "Forgot password": asks for the account's e-mail address; always answers the same way. */
export function ForgotPasswordForm({
  action,
}: {
  action: (input: { email: string }) => Promise<ActionResult<unknown>>;
}) {
  const t = useTranslations();
  const [sent, setSent] = useState(false);
  const { pending, fieldErrors, formError, submit } = useSubmit(action, () => setSent(true));
  if (sent)
    return (
      <Alert tone="success" live>
        {t("passwordReset.requestSent")}
      </Alert>
    );
  const messages = fieldErrors.email?.map((key) => t(messageKey(key)));
  return (
    <form
      noValidate
      className="space-y-5"
      onSubmit={(event) => {
        event.preventDefault();
        submit({ email: value(event, "email") });
      }}
    >
      {formError && (
        <Alert tone="error" live>
          {t(messageKey(formError))}
        </Alert>
      )}
      <Field id="email" label={t("signIn.email")} errors={messages}>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          className={inputClass}
          aria-invalid={messages?.length ? true : undefined}
          aria-describedby={messages?.length ? "email-error" : undefined}
        />
      </Field>
      <Button type="submit" disabled={pending} className="w-full">
        {t("passwordReset.requestSubmit")}
      </Button>
    </form>
  );
}

/** Sets a new password from a "forgot password" link (the token travels in a hidden field). */
export function ResetPasswordForm({
  token,
  action,
}: {
  token: string;
  action: (input: { token: string; newPassword: string; confirmPassword: string }) => Promise<ActionResult<unknown>>;
}) {
  const t = useTranslations();
  const [done, setDone] = useState(false);
  const { pending, fieldErrors, formError, submit } = useSubmit(action, () => setDone(true));
  if (done)
    return (
      <Alert tone="success" live>
        {t("passwordReset.resetDone")}
      </Alert>
    );
  const tokenError = fieldErrors.token?.[0];
  return (
    <form
      noValidate
      className="space-y-5"
      onSubmit={(event) => {
        event.preventDefault();
        submit({ token, newPassword: value(event, "newPassword"), confirmPassword: value(event, "confirmPassword") });
      }}
    >
      {(formError || tokenError) && (
        <Alert tone="error" live>
          {t(messageKey(tokenError ?? formError ?? "errors.unexpected"))}
        </Alert>
      )}
      <NewPasswordPair errors={fieldErrors} />
      <Button type="submit" disabled={pending} className="w-full">
        {t("passwordReset.resetSubmit")}
      </Button>
    </form>
  );
}

/** Settings: changes the password; the current one is required. */
export function ChangePasswordForm({
  action,
}: {
  action: (input: {
    currentPassword: string;
    newPassword: string;
    confirmPassword: string;
  }) => Promise<ActionResult<unknown>>;
}) {
  const t = useTranslations();
  const [done, setDone] = useState(false);
  const [formKey, setFormKey] = useState(0);
  const { pending, fieldErrors, formError, submit } = useSubmit(action, () => {
    setDone(true);
    setFormKey((k) => k + 1);
  });
  return (
    <form
      key={formKey}
      noValidate
      className="max-w-md space-y-5"
      onSubmit={(event) => {
        event.preventDefault();
        setDone(false);
        submit({
          currentPassword: value(event, "currentPassword"),
          newPassword: value(event, "newPassword"),
          confirmPassword: value(event, "confirmPassword"),
        });
      }}
    >
      {done && (
        <Alert tone="success" live>
          {t("changePassword.done")}
        </Alert>
      )}
      {formError && (
        <Alert tone="error" live>
          {t(messageKey(formError))}
        </Alert>
      )}
      <PasswordInput
        id="currentPassword"
        label={t("changePassword.currentPassword")}
        autoComplete="current-password"
        errors={fieldErrors}
      />
      <NewPasswordPair errors={fieldErrors} />
      <Button type="submit" disabled={pending}>
        {t("changePassword.submit")}
      </Button>
    </form>
  );
}
