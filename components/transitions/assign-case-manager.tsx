"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";
import type { ActionResult } from "@/lib/actions/types";
import type { CaseManagerAssignment } from "@/lib/dto/referrals";
import { assignCaseManagerSchema, type AssignCaseManagerInput } from "@/lib/validation/referrals";
import { useFieldMessages } from "../forms/field-messages";
import { FormFrame, frameState } from "../forms/form-frame";
import { SelectField } from "../forms/select-field";
import { useServerForm } from "../forms/use-server-form";

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
  const id = useId();
  const server = useServerForm({
    schema: assignCaseManagerSchema,
    defaultValues: { studentId: data.studentId, caseManagerId: "" },
    action,
  });
  const { errors, control } = useFieldMessages(id, server.errorKey);
  const none = data.options.length === 0;
  return (
    <FormFrame
      title={t("title")}
      intro={t("intro")}
      savedKey="referrals.caseManager.saved"
      submitLabel={none ? null : t("submit")}
      submitClassName="min-h-11"
      {...frameState(server)}
    >
      <SelectField
        label={t("label")}
        empty={t("none")}
        placeholder={t("choose")}
        control={control("caseManagerId")}
        errors={errors("caseManagerId")}
        register={server.form.register("caseManagerId")}
        options={data.options.map((o) => ({ value: o.id, label: o.name }))}
      />
    </FormFrame>
  );
}
