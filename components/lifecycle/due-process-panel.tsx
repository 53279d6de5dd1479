"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";
import type { ActionResult } from "@/lib/actions/types";
import type { StudentDueProcess } from "@/lib/dto/due-process";
import {
  closeDueProcessSchema,
  recordDueProcessSchema,
  type CloseDueProcessInput,
  type RecordDueProcessInput,
} from "@/lib/validation/due-process";
import { useFieldMessages } from "../forms/field-messages";
import { FormAlerts } from "../forms/form-alerts";
import { useServerForm } from "../forms/use-server-form";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field, inputClass } from "../ui/field";

type Action<I> = (input: I) => Promise<ActionResult<unknown>>;

/**
 * The student page's due-process section (stay-put, 300.518): filings with their status, a form to
 * record one for a program without a pending filing, and a form to close each pending one.
 */
export function DueProcessPanel({
  data,
  actions,
}: {
  data: StudentDueProcess;
  actions: { record: Action<RecordDueProcessInput>; close: Action<CloseDueProcessInput> };
}) {
  const t = useTranslations("lifecycle.dueProcess");
  const headingId = useId();
  const pending = data.filings.filter((f) => f.status === "pending");
  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <h2 id={headingId} className="text-lg font-semibold text-slate-900">
        {t("title")}
      </h2>
      <p className="text-sm text-slate-700">{t("intro")}</p>
      {pending.map((f) => (
        <Alert key={f.id} tone="warning">
          {t("pendingAlert", { program: t(`programs.${f.program}`) })}
        </Alert>
      ))}
      {data.filings.length === 0 ? (
        <p className="text-sm text-slate-700">{t("empty")}</p>
      ) : (
        <ul className="space-y-3">
          {data.filings.map((f) => (
            <li key={f.id} className="rounded-md border border-slate-200 p-3 text-sm">
              <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
                <dt className="font-medium">{t("program")}</dt>
                <dd>{t(`programs.${f.program}`)}</dd>
                <dt className="font-medium">{t("filedOn")}</dt>
                <dd>{f.filedOn}</dd>
                <dt className="font-medium">{t("filedBy")}</dt>
                <dd>{f.filedBy}</dd>
                <dt className="font-medium">{t("description")}</dt>
                <dd>{f.description}</dd>
                <dt className="font-medium">{t("status")}</dt>
                <dd>
                  {t(`statuses.${f.status}`)}
                  {f.closedOn && <> — {t("closedOn", { date: f.closedOn })}</>}
                  {f.closingNote && <p>{f.closingNote}</p>}
                </dd>
              </dl>
              {f.canClose && (
                <CloseFilingForm studentId={data.studentId} filingId={f.id} today={data.today} action={actions.close} />
              )}
            </li>
          ))}
        </ul>
      )}
      {data.recordablePrograms.length > 0 && (
        <RecordFilingForm
          studentId={data.studentId}
          today={data.today}
          programs={data.recordablePrograms}
          action={actions.record}
        />
      )}
    </section>
  );
}

function RecordFilingForm({
  studentId,
  today,
  programs,
  action,
}: {
  studentId: string;
  today: string;
  programs: Array<"iep" | "504">;
  action: Action<RecordDueProcessInput>;
}) {
  const t = useTranslations("lifecycle.dueProcess");
  const id = useId();
  const { form, onSubmit, formError, saved, errorKey } = useServerForm({
    schema: recordDueProcessSchema,
    defaultValues: { studentId, program: programs[0], filedOn: today, filedBy: "", description: "" },
    action,
  });
  const { errors, control } = useFieldMessages(id, errorKey);
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3 rounded-md border border-slate-200 p-3">
      <h3 className="font-medium">{t("record")}</h3>
      <FormAlerts formError={formError} saved={saved} savedKey="lifecycle.dueProcess.recorded" />
      <Field id={`${id}-program`} label={t("program")} errors={errors("program")}>
        <select {...control("program")} {...form.register("program")} className={inputClass}>
          {programs.map((p) => (
            <option key={p} value={p}>
              {t(`programs.${p}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field id={`${id}-filedOn`} label={t("filedOn")} errors={errors("filedOn")}>
        <input type="date" {...control("filedOn")} {...form.register("filedOn")} className={inputClass} />
      </Field>
      <Field id={`${id}-filedBy`} label={t("filedBy")} errors={errors("filedBy")}>
        <input
          type="text"
          maxLength={200}
          {...control("filedBy")}
          {...form.register("filedBy")}
          className={inputClass}
        />
      </Field>
      <Field id={`${id}-description`} label={t("description")} errors={errors("description")}>
        <textarea
          rows={3}
          maxLength={2000}
          {...control("description")}
          {...form.register("description")}
          className={inputClass}
        />
      </Field>
      <Button type="submit" disabled={form.formState.isSubmitting}>
        {t("recordSubmit")}
      </Button>
    </form>
  );
}

function CloseFilingForm({
  studentId,
  filingId,
  today,
  action,
}: {
  studentId: string;
  filingId: string;
  today: string;
  action: Action<CloseDueProcessInput>;
}) {
  const t = useTranslations("lifecycle.dueProcess");
  const id = useId();
  const { form, onSubmit, formError, errorKey } = useServerForm({
    schema: closeDueProcessSchema,
    defaultValues: { studentId, filingId, outcome: "resolved", closedOn: today, note: "" },
    action,
  });
  const { errors, control } = useFieldMessages(id, errorKey);
  return (
    <form onSubmit={onSubmit} noValidate className="mt-3 space-y-3 border-t border-slate-200 pt-3">
      <h3 className="font-medium">{t("close")}</h3>
      <FormAlerts formError={formError} saved={false} savedKey="lifecycle.dueProcess.recorded" />
      <Field id={`${id}-outcome`} label={t("outcome")} errors={errors("outcome")}>
        <select {...control("outcome")} {...form.register("outcome")} className={inputClass}>
          <option value="resolved">{t("statuses.resolved")}</option>
          <option value="agreement">{t("statuses.agreement")}</option>
        </select>
      </Field>
      <Field id={`${id}-closedOn`} label={t("closingDate")} errors={errors("closedOn")}>
        <input type="date" {...control("closedOn")} {...form.register("closedOn")} className={inputClass} />
      </Field>
      <Field id={`${id}-note`} label={t("note")} errors={errors("note")}>
        <textarea rows={2} maxLength={2000} {...control("note")} {...form.register("note")} className={inputClass} />
      </Field>
      <Button type="submit" variant="secondary" disabled={form.formState.isSubmitting}>
        {t("closeSubmit")}
      </Button>
    </form>
  );
}
