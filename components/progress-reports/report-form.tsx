"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { FieldErrors, otherErrors } from "@/components/meetings/field-errors";
import { useActionForm } from "@/components/meetings/use-action-form";
import type { ActionResult } from "@/lib/actions/types";
import type { ReportGoalView, ReportItemView } from "@/lib/dto/progress-reports";
import { PROGRESS_CODES } from "@/lib/progress/report-status";
import { REPORT_DELIVERY_METHODS } from "@/lib/validation/progress-reports";
import { FormAlerts } from "../forms/form-alerts";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { inputClass } from "../ui/field";

/** The plain-language lines shown next to a line's code (computed by the page in the viewer's language). */
export interface LineExplanation {
  suggestion: string;
  rule: string;
  data: string[];
}

type Typed = { code: string; justification: string };

/**
 * The draft of a progress report: for every goal and objective the code (prefilled from the data,
 * with the rule and its data shown), the required justification; then how and when it was given to
 * the family, and "Issue". The typed text lives in this form: a refused save or issue keeps it, with
 * each problem next to its line.
 */
export function ReportForm({
  studentId,
  reportId,
  lockVersion,
  today,
  languageLabel,
  goals,
  explanations,
  save,
  issue,
}: {
  studentId: string;
  reportId: string;
  lockVersion: number;
  today: string;
  languageLabel: string;
  goals: ReportGoalView[];
  explanations: Record<string, LineExplanation>;
  save: (input: Record<string, unknown>) => Promise<ActionResult<{ lockVersion: number }>>;
  issue: (input: Record<string, unknown>) => Promise<ActionResult<unknown>>;
}) {
  const t = useTranslations("progressReports");
  const lines: { item: ReportItemView; label: string; text: string; objective: boolean }[] = goals.flatMap((goal) => [
    { item: goal.item, label: t("page.goalN", { n: goal.number, area: goal.area }), text: goal.text, objective: false },
    ...goal.objectives.map((o) => ({
      item: o.item,
      label: t("page.objectiveN", { goal: goal.number, n: o.number }),
      text: o.text,
      objective: true,
    })),
  ]);
  const [typed, setTyped] = useState<Record<string, Typed>>(() =>
    Object.fromEntries(lines.map((l) => [l.item.id, { code: l.item.code ?? "", justification: l.item.justification }])),
  );
  const [lock, setLock] = useState(lockVersion);
  const [deliveryMethod, setDeliveryMethod] = useState<string>("portal");
  const [issuedOn, setIssuedOn] = useState(today);
  const saving = useActionForm<{ lockVersion: number }>({ onSuccess: (data) => setLock(data.lockVersion) });
  const issuing = useActionForm<unknown>({});
  const errors =
    issuing.formError || Object.keys(issuing.fieldErrors).length ? issuing.fieldErrors : saving.fieldErrors;
  const items = () => lines.map((l) => ({ id: l.item.id, ...typed[l.item.id]! }));
  const set = (id: string, patch: Partial<Typed>) => setTyped((all) => ({ ...all, [id]: { ...all[id]!, ...patch } }));
  const pending = saving.pending || issuing.pending;
  const shown = [
    "issuedOn",
    "deliveryMethod",
    ...lines.flatMap((_, i) => [`items.${i}.code`, `items.${i}.justification`]),
  ];
  return (
    <form
      className="space-y-6"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void issuing.submit((submissionKey) =>
          issue({ studentId, reportId, lockVersion: lock, items: items(), deliveryMethod, issuedOn, submissionKey }),
        );
      }}
    >
      <FormAlerts formError={saving.formError} saved={saving.saved} savedKey="progressReports.page.saved" />
      <FormAlerts formError={issuing.formError} saved={issuing.saved} savedKey="progressReports.page.issued" />
      <ol className="space-y-4">
        {lines.map((line, i) => {
          const id = `line-${line.item.id}`;
          const explanation = explanations[line.item.id];
          const codeErrors = errors[`items.${i}.code`];
          const textErrors = errors[`items.${i}.justification`];
          return (
            <li
              key={line.item.id}
              className={`rounded-md border p-4 ${line.objective ? "ml-0 border-slate-200 sm:ml-6" : "border-slate-300"}`}
            >
              <fieldset className="space-y-3">
                <legend className="font-semibold text-slate-900">{line.label}</legend>
                <p className="text-sm text-slate-800">{line.text}</p>
                {explanation && (
                  <div className="rounded-md bg-slate-50 p-3 text-sm text-slate-800">
                    <p className="font-medium">{explanation.suggestion}</p>
                    <p>{explanation.rule}</p>
                    <p className="mt-2 font-medium">{t("page.data")}</p>
                    <ul className="list-disc pl-5">
                      {explanation.data.map((d) => (
                        <li key={d}>{d}</li>
                      ))}
                    </ul>
                  </div>
                )}
                <div className="space-y-1">
                  <label htmlFor={`${id}-code`} className="block text-sm font-medium text-slate-800">
                    {t("page.code")}
                  </label>
                  <select
                    id={`${id}-code`}
                    className={`${inputClass} min-h-11`}
                    value={typed[line.item.id]!.code}
                    onChange={(e) => set(line.item.id, { code: e.target.value })}
                    aria-invalid={codeErrors ? true : undefined}
                    aria-describedby={codeErrors ? `${id}-code-error` : undefined}
                  >
                    <option value="">{t("page.chooseCode")}</option>
                    {PROGRESS_CODES.map((code) => (
                      <option key={code} value={code}>
                        {t(`codes.${code}`)}
                      </option>
                    ))}
                  </select>
                  <FieldErrors id={`${id}-code-error`} keys={codeErrors} />
                </div>
                <div className="space-y-1">
                  <label htmlFor={`${id}-justification`} className="block text-sm font-medium text-slate-800">
                    {t("page.justification")}
                  </label>
                  <textarea
                    id={`${id}-justification`}
                    rows={3}
                    className={inputClass}
                    value={typed[line.item.id]!.justification}
                    onChange={(e) => set(line.item.id, { justification: e.target.value })}
                    aria-invalid={textErrors ? true : undefined}
                    aria-describedby={textErrors ? `${id}-justification-error` : undefined}
                  />
                  <FieldErrors id={`${id}-justification-error`} keys={textErrors} />
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <div>
        <Button
          type="button"
          variant="secondary"
          className="min-h-11"
          disabled={pending}
          onClick={() => void saving.submit(() => save({ studentId, reportId, lockVersion: lock, items: items() }))}
        >
          {t("page.save")}
        </Button>
      </div>
      <section aria-labelledby="report-issue-title" className="space-y-4 border-t border-slate-200 pt-4">
        <h3 id="report-issue-title" className="text-lg font-semibold text-slate-900">
          {t("page.issueTitle")}
        </h3>
        <p className="text-sm text-slate-700">{t("page.issueIntro", { language: languageLabel })}</p>
        <div className="grid gap-4 sm:grid-cols-2">
          <div className="space-y-1">
            <label htmlFor="report-deliveryMethod" className="block text-sm font-medium text-slate-800">
              {t("page.deliveryMethod")}
            </label>
            <select
              id="report-deliveryMethod"
              className={`${inputClass} min-h-11`}
              value={deliveryMethod}
              onChange={(e) => setDeliveryMethod(e.target.value)}
              aria-invalid={errors.deliveryMethod ? true : undefined}
              aria-describedby={errors.deliveryMethod ? "report-deliveryMethod-error" : undefined}
            >
              {REPORT_DELIVERY_METHODS.map((m) => (
                <option key={m} value={m}>
                  {t(`delivery.${m}`)}
                </option>
              ))}
            </select>
            <FieldErrors id="report-deliveryMethod-error" keys={errors.deliveryMethod} />
          </div>
          <div className="space-y-1">
            <label htmlFor="report-issuedOn" className="block text-sm font-medium text-slate-800">
              {t("page.issuedOn")}
            </label>
            <input
              id="report-issuedOn"
              type="date"
              max={today}
              className={`${inputClass} min-h-11`}
              value={issuedOn}
              onChange={(e) => setIssuedOn(e.target.value)}
              aria-invalid={errors.issuedOn ? true : undefined}
              aria-describedby={errors.issuedOn ? "report-issuedOn-error" : undefined}
            />
            <FieldErrors id="report-issuedOn-error" keys={errors.issuedOn} />
          </div>
        </div>
        <FieldErrors id="report-other-error" keys={otherErrors(errors, shown)} />
        {Object.keys(issuing.fieldErrors).length > 0 && (
          <Alert tone="error" live>
            {t("errors.incomplete")}
          </Alert>
        )}
        <Button type="submit" className="min-h-11" disabled={pending}>
          {t("page.issue")}
        </Button>
      </section>
    </form>
  );
}
