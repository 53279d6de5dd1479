"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { FieldErrors, otherErrors } from "@/components/meetings/field-errors";
import { useActionForm } from "@/components/meetings/use-action-form";
import type { ActionResult } from "@/lib/actions/types";
import { DELIVERY_METHODS } from "@/lib/validation/meetings";
import { FormAlerts } from "../forms/form-alerts";
import { Button } from "../ui/button";
import { Field, inputClass } from "../ui/field";

/**
 * Sends a complete prior written notice: how and when it was given and, if the parent agreed to
 * one, the implementation date (else 10 school days after it, D-05). Missing contents are named.
 */
export function SendPwnForm({
  studentId,
  noticeId,
  today,
  action,
}: {
  studentId: string;
  noticeId: string;
  today: string;
  action: (input: Record<string, unknown>) => Promise<ActionResult<unknown>>;
}) {
  const t = useTranslations();
  const [deliveryMethod, setDeliveryMethod] = useState<string>("in_person");
  const [sentOn, setSentOn] = useState(today);
  const [agreed, setAgreed] = useState("");
  const form = useActionForm<unknown>({});
  const err = (name: string) => form.fieldErrors[name];
  const aria = (name: string) =>
    err(name) ? { "aria-invalid": true as const, "aria-describedby": `pwn-send-${name}-error` } : {};
  return (
    <form
      className="space-y-4"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void form.submit((submissionKey) =>
          action({ studentId, noticeId, deliveryMethod, sentOn, agreedImplementationDate: agreed, submissionKey }),
        );
      }}
    >
      <FormAlerts formError={form.formError} saved={form.saved} savedKey="meetings.page.pwnSent" />
      <div className="grid gap-4 sm:grid-cols-3">
        <Field id="pwn-send-deliveryMethod" label={t("meetings.page.deliveryMethod")}>
          <select
            id="pwn-send-deliveryMethod"
            className={inputClass}
            value={deliveryMethod}
            onChange={(e) => setDeliveryMethod(e.target.value)}
            {...aria("deliveryMethod")}
          >
            {DELIVERY_METHODS.map((m) => (
              <option key={m} value={m}>
                {t(`meetings.delivery.${m}`)}
              </option>
            ))}
          </select>
          <FieldErrors id="pwn-send-deliveryMethod-error" keys={err("deliveryMethod")} />
        </Field>
        <Field id="pwn-send-sentOn" label={t("meetings.page.sentOn")}>
          <input
            id="pwn-send-sentOn"
            type="date"
            max={today}
            className={inputClass}
            value={sentOn}
            onChange={(e) => setSentOn(e.target.value)}
            {...aria("sentOn")}
          />
          <FieldErrors id="pwn-send-sentOn-error" keys={err("sentOn")} />
        </Field>
        <Field
          id="pwn-send-agreedImplementationDate"
          label={t("meetings.page.agreedImplementationDate")}
          hint={t("meetings.page.agreedImplementationHint")}
        >
          <input
            id="pwn-send-agreedImplementationDate"
            type="date"
            className={inputClass}
            value={agreed}
            onChange={(e) => setAgreed(e.target.value)}
            aria-describedby={
              err("agreedImplementationDate")
                ? "pwn-send-agreedImplementationDate-error"
                : "pwn-send-agreedImplementationDate-hint"
            }
            aria-invalid={err("agreedImplementationDate") ? true : undefined}
          />
          <FieldErrors id="pwn-send-agreedImplementationDate-error" keys={err("agreedImplementationDate")} />
        </Field>
      </div>
      <FieldErrors
        id="pwn-send-other-error"
        keys={otherErrors(form.fieldErrors, ["deliveryMethod", "sentOn", "agreedImplementationDate"])}
      />
      <Button type="submit" disabled={form.pending}>
        {t("meetings.page.sendPwn")}
      </Button>
    </form>
  );
}
