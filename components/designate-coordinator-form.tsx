"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import type { ActionResult } from "@/lib/actions/types";
import { designateCoordinatorSchema } from "@/lib/validation/admin";
import { Alert } from "./ui/alert";
import { Button } from "./ui/button";
import { Field, inputClass } from "./ui/field";
import { messageKey } from "@/lib/i18n/keys";

type Input = z.infer<typeof designateCoordinatorSchema>;

export function DesignateCoordinatorForm({
  schoolId,
  staff,
  action,
}: {
  schoolId: string;
  staff: { userId: string; name: string; role: string }[];
  action: (input: Input) => Promise<ActionResult<unknown>>;
}) {
  const t = useTranslations();
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<Input>({ resolver: zodResolver(designateCoordinatorSchema), defaultValues: { schoolId, userId: "" } });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    setSaved(false);
    const result = await action(values);
    if (result.ok) {
      setSaved(true);
      reset({ schoolId, userId: "" });
      router.refresh();
      return;
    }
    const fieldError = result.fieldErrors?.userId?.[0];
    if (fieldError) setError("userId", { message: fieldError });
    if (result.formError) setFormError(result.formError);
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3">
      {formError && (
        <Alert tone="error" live>
          {t(messageKey(formError))}
        </Alert>
      )}
      {saved && (
        <Alert tone="success" live>
          {t("school.coordinatorSaved")}
        </Alert>
      )}
      <input type="hidden" {...register("schoolId")} />
      <Field
        id="coordinator-user"
        label={t("school.coordinatorSelect")}
        errors={errors.userId?.message ? [t(messageKey(errors.userId.message))] : undefined}
      >
        <select
          id="coordinator-user"
          className={inputClass}
          aria-invalid={errors.userId ? true : undefined}
          aria-describedby={errors.userId ? "coordinator-user-error" : undefined}
          {...register("userId")}
        >
          <option value="">{t("school.coordinatorChoose")}</option>
          {staff.map((member) => (
            <option key={member.userId} value={member.userId}>
              {t("school.staffOption", { name: member.name, role: t(messageKey(`roles.${member.role}`)) })}
            </option>
          ))}
        </select>
      </Field>
      <Button type="submit" disabled={isSubmitting}>
        {t("school.coordinatorDesignate")}
      </Button>
    </form>
  );
}
