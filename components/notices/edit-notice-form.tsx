"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { FieldErrors, otherErrors } from "@/components/meetings/field-errors";
import { useActionForm } from "@/components/meetings/use-action-form";
import type { ActionResult } from "@/lib/actions/types";
import { PWN_ELEMENTS, type PwnElement } from "@/lib/validation/meetings";
import { FormAlerts } from "../forms/form-alerts";
import { Button } from "../ui/button";
import { Field, inputClass } from "../ui/field";

/** Edits the seven required contents of a prior written notice draft (34 CFR 300.503(b)). */
export function EditNoticeForm({
  studentId,
  noticeId,
  elements,
  action,
}: {
  studentId: string;
  noticeId: string;
  elements: Record<PwnElement, string>;
  action: (input: Record<string, unknown>) => Promise<ActionResult<unknown>>;
}) {
  const t = useTranslations();
  const [values, setValues] = useState(elements);
  const form = useActionForm<unknown>({});
  return (
    <form
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        void form.submit(() => action({ studentId, noticeId, ...values }));
      }}
    >
      {PWN_ELEMENTS.map((key, index) => {
        const errors = form.fieldErrors[key];
        return (
          <Field key={key} id={`pwn-${key}`} label={t(`meetings.pwn.elements.${key}`, { n: index + 1 })}>
            <textarea
              id={`pwn-${key}`}
              rows={4}
              className={inputClass}
              value={values[key]}
              onChange={(e) => setValues((current) => ({ ...current, [key]: e.target.value }))}
              aria-invalid={errors ? true : undefined}
              aria-describedby={errors ? `pwn-${key}-error` : undefined}
            />
            <FieldErrors id={`pwn-${key}-error`} keys={errors} />
          </Field>
        );
      })}
      <FieldErrors id="pwn-edit-error" keys={otherErrors(form.fieldErrors, PWN_ELEMENTS)} />
      <FormAlerts formError={form.formError} saved={form.saved} savedKey="meetings.page.noticeSaved" />
      <Button type="submit" disabled={form.pending}>
        {t("meetings.page.saveNotice")}
      </Button>
    </form>
  );
}
