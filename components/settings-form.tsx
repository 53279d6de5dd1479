"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { ActionResult } from "@/lib/actions/types";
import { updateSettingsSchema, type UpdateSettingsInput } from "@/lib/validation/settings";
import { Alert } from "./ui/alert";
import { Button } from "./ui/button";
import { Field, inputClass } from "./ui/field";
import { messageKey } from "@/lib/i18n/keys";

export function SettingsForm({
  locale,
  action,
}: {
  locale: UpdateSettingsInput["locale"];
  action: (input: UpdateSettingsInput) => Promise<ActionResult<unknown>>;
}) {
  const t = useTranslations();
  const router = useRouter();
  const [status, setStatus] = useState<{ tone: "success" | "error"; key: string } | null>(null);
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<UpdateSettingsInput>({ resolver: zodResolver(updateSettingsSchema), defaultValues: { locale } });
  const onSubmit = handleSubmit(async (values) => {
    const result = await action(values);
    if (result.ok) {
      setStatus({ tone: "success", key: "settings.saved" });
      router.refresh();
    } else {
      setStatus({ tone: "error", key: result.formError ?? result.fieldErrors?.locale?.[0] ?? "errors.unexpected" });
    }
  });
  return (
    <form onSubmit={onSubmit} noValidate className="max-w-sm space-y-4">
      {status && (
        <Alert tone={status.tone} live>
          {t(messageKey(status.key))}
        </Alert>
      )}
      <Field
        id="locale"
        label={t("settings.language")}
        errors={errors.locale?.message ? [t(messageKey(errors.locale.message))] : undefined}
      >
        <select id="locale" className={inputClass} {...register("locale")}>
          <option value="en" lang="en">
            English
          </option>
          <option value="es" lang="es">
            Español
          </option>
        </select>
      </Field>
      <Button type="submit" disabled={isSubmitting}>
        {t("settings.save")}
      </Button>
    </form>
  );
}
