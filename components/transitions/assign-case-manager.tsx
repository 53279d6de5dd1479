"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";
import type { ActionResult } from "@/lib/actions/types";
import type { CaseManagerAssignment } from "@/lib/dto/referrals";
import { messageKey } from "@/lib/i18n/keys";
import { assignCaseManagerSchema, type AssignCaseManagerInput } from "@/lib/validation/referrals";
import { FormAlerts } from "../forms/form-alerts";
import { useServerForm } from "../forms/use-server-form";
import { Button } from "../ui/button";
import { Field, inputClass } from "../ui/field";

/**
 * The principal's (or district admin's) form that assigns a case manager to a student who has none, among
 * the school's case managers. Shown on the student page's referrals section and on the transition page.
 */
export function AssignCaseManagerForm({
  data,
  action,
}: {
  data: CaseManagerAssignment;
  action: (input: AssignCaseManagerInput) => Promise<ActionResult<unknown>>;
}) {
  const t = useTranslations("referrals.caseManager");
  const all = useTranslations();
  const id = useId();
  const { form, onSubmit, formError, saved, errorKey } = useServerForm({
    schema: assignCaseManagerSchema,
    defaultValues: { studentId: data.studentId, caseManagerId: "" },
    action,
  });
  const error = errorKey("caseManagerId");
  return (
    <form
      onSubmit={onSubmit}
      noValidate
      aria-labelledby={`${id}-title`}
      className="space-y-3 rounded-md border border-slate-200 p-3"
    >
      <h3 id={`${id}-title`} className="font-medium">
        {t("title")}
      </h3>
      <p className="text-sm text-slate-700">{t("intro")}</p>
      <FormAlerts formError={formError} saved={saved} savedKey="referrals.caseManager.saved" />
      {data.options.length === 0 ? (
        <p className="text-sm text-slate-700">{t("none")}</p>
      ) : (
        <>
          <Field id={`${id}-caseManagerId`} label={t("label")} errors={error ? [all(messageKey(error))] : undefined}>
            <select
              id={`${id}-caseManagerId`}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-caseManagerId-error` : undefined}
              {...form.register("caseManagerId")}
              className={inputClass}
            >
              <option value="">{t("choose")}</option>
              {data.options.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </Field>
          <Button type="submit" className="min-h-11" disabled={form.formState.isSubmitting}>
            {t("submit")}
          </Button>
        </>
      )}
    </form>
  );
}
