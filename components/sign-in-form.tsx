"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { ActionResult } from "@/lib/actions/types";
import { signInSchema, type SignInInput } from "@/lib/validation/auth";
import { useMessageList } from "./forms/field-messages";
import { describedBy } from "./forms/form-alerts";
import { Alert } from "./ui/alert";
import { Button } from "./ui/button";
import { Field, inputClass } from "./ui/field";
import { messageKey } from "@/lib/i18n/keys";

export function SignInForm({
  action,
  callbackUrl,
}: {
  action: (input: SignInInput) => Promise<ActionResult<unknown>>;
  callbackUrl?: string;
}) {
  const t = useTranslations();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<SignInInput>({
    resolver: zodResolver(signInSchema),
    defaultValues: { email: "", password: "", callbackUrl },
  });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const result = await action(values);
    if (result.ok) return;
    for (const [field, keys] of Object.entries(result.fieldErrors ?? {})) {
      if (field === "email" || field === "password") setError(field, { message: keys[0] });
    }
    if (result.formError) setFormError(result.formError);
  });

  const message = useMessageList();

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="space-y-5"
      aria-describedby={formError ? "sign-in-error" : undefined}
    >
      {formError && (
        <div id="sign-in-error">
          <Alert tone="error" live>
            {t(messageKey(formError))}
          </Alert>
        </div>
      )}
      <Field id="email" label={t("signIn.email")} errors={message(errors.email?.message)}>
        <input
          id="email"
          type="email"
          autoComplete="username"
          className={inputClass}
          {...describedBy("email", errors.email?.message)}
          {...register("email")}
        />
      </Field>
      <Field id="password" label={t("signIn.password")} errors={message(errors.password?.message)}>
        <input
          id="password"
          type="password"
          autoComplete="current-password"
          className={inputClass}
          {...describedBy("password", errors.password?.message)}
          {...register("password")}
        />
      </Field>
      <Button type="submit" disabled={isSubmitting} className="w-full">
        {isSubmitting ? t("signIn.submitting") : t("signIn.submit")}
      </Button>
    </form>
  );
}
