"use client";

import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/actions/types";
import {
  consentTypes,
  eligibilityKinds,
  exitReasons,
  meetingPurposes,
  pwnActions,
  pwnSubjects,
  type EventType,
} from "@/lib/compliance";
import { caseEventDateErrors, isConsentEvent, recordCaseEventSchema } from "@/lib/validation/deadlines";
import { newId } from "@/lib/validation/new-id";
import { describedBy, FormAlerts } from "../forms/form-alerts";
import { useServerForm } from "../forms/use-server-form";
import { Button } from "../ui/button";
import { Field, inputClass } from "../ui/field";
import { messageKey } from "@/lib/i18n/keys";

/**
 * Records one case event; the fields shown follow the event type (the meaning of an eligibility
 * determination, a meeting, a prior written notice or an exit), with the engine's version-1 defaults
 * preselected. Dates are checked here and again on the server; a meeting scheduled with less than
 * the notice period is refused by the server until staff say how the short notice is recorded.
 */
export function RecordEventForm({
  studentId,
  today,
  birthDate,
  types,
  action,
}: {
  studentId: string;
  today: string;
  birthDate: string;
  types: { value: EventType; label: string }[];
  action: (input: Record<string, unknown>) => Promise<ActionResult<unknown>>;
}) {
  const t = useTranslations();
  const defaults = {
    studentId,
    type: types[0]!.value,
    date: today,
    consent: "",
    meetingDate: "",
    agreedImplementationDate: "",
    birthToThree: false,
    notReevaluation: false,
    eligibilityKind: "initial",
    eligible: "true",
    purposes: ["annual_review"],
    pwnAction: "propose",
    pwnSubject: "fape",
    exitReason: "",
    shortNotice: "",
    note: "",
    submissionKey: newId(),
  };
  const { form, onSubmit, formError, saved, errorKey } = useServerForm({
    schema: recordCaseEventSchema,
    defaultValues: defaults,
    action,
    check: (values) => caseEventDateErrors(values, { today, birthDate }),
    onSuccess: (_data, values) => form.reset({ ...defaults, type: values.type, submissionKey: newId() }),
  });
  const { register, watch } = form;
  const type = watch("type") as EventType;
  const errors = (name: string) => {
    const key = errorKey(name);
    return key ? [t(messageKey(key))] : undefined;
  };
  const aria = (name: string, hint = false) => describedBy(`event-${name}`, errorKey(name), hint);
  const select = (name: string, label: string, options: readonly string[], prefix: string, choose = false) => (
    <Field id={`event-${name}`} label={label} errors={errors(name)}>
      <select
        id={`event-${name}`}
        className={inputClass}
        {...aria(name)}
        {...register(name as Parameters<typeof register>[0])}
      >
        {choose && <option value="">{t("deadlines.form.choose")}</option>}
        {options.map((value) => (
          <option key={value} value={value}>
            {t(messageKey(`${prefix}.${value}`))}
          </option>
        ))}
      </select>
    </Field>
  );
  const purposesError = errorKey("purposes");

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="space-y-4 border-t border-slate-200 pt-4"
      aria-labelledby="record-event-title"
    >
      <h4 id="record-event-title" className="font-semibold">
        {t("deadlines.form.title")}
      </h4>
      <FormAlerts formError={formError} saved={saved} savedKey="deadlines.form.saved" />
      <input type="hidden" {...register("studentId")} />
      <input type="hidden" {...register("submissionKey")} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="event-type" label={t("deadlines.form.type")} errors={errors("type")}>
          <select id="event-type" className={inputClass} {...aria("type")} {...register("type")}>
            {types.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </Field>
        <Field
          id="event-date"
          label={t(type === "meeting_scheduled" ? "deadlines.form.scheduledOn" : "deadlines.form.date")}
          errors={errors("date")}
        >
          <input
            id="event-date"
            type="date"
            max={today}
            className={inputClass}
            {...aria("date")}
            {...register("date")}
          />
        </Field>
        {isConsentEvent(type) && (
          <Field id="event-consent" label={t("deadlines.form.consent")} errors={errors("consent")}>
            <select id="event-consent" className={inputClass} {...aria("consent")} {...register("consent")}>
              <option value="">{t("deadlines.form.choose")}</option>
              {consentTypes.map((consent) => (
                <option key={consent} value={consent}>
                  {t(`deadlines.consents.${consent}`)}
                </option>
              ))}
            </select>
          </Field>
        )}
        {type === "meeting_scheduled" && (
          <Field id="event-meetingDate" label={t("deadlines.form.meetingDate")} errors={errors("meetingDate")}>
            <input
              id="event-meetingDate"
              type="date"
              min={today}
              className={inputClass}
              {...aria("meetingDate")}
              {...register("meetingDate")}
            />
          </Field>
        )}
        {type === "meeting_scheduled" && (
          <Field id="event-shortNotice" label={t("deadlines.form.shortNotice")} errors={errors("shortNotice")}>
            <select id="event-shortNotice" className={inputClass} {...aria("shortNotice")} {...register("shortNotice")}>
              <option value="">{t("deadlines.form.shortNoticeOnTime")}</option>
              <option value="agreed">{t("deadlines.form.shortNoticeAgreed")}</option>
              <option value="late">{t("deadlines.form.shortNoticeLate")}</option>
            </select>
          </Field>
        )}
        {type === "referral_received" && (
          <div>
            <label className="flex items-center gap-2 text-sm" htmlFor="event-birthToThree">
              <input
                id="event-birthToThree"
                type="checkbox"
                aria-describedby="event-birthToThree-hint"
                {...register("birthToThree")}
              />
              {t("deadlines.form.birthToThree")}
            </label>
            <p id="event-birthToThree-hint" className="text-sm text-slate-600">
              {t("deadlines.form.birthToThreeHint")}
            </p>
            {Boolean(errorKey("notReevaluation") || watch("notReevaluation")) && (
              <Field
                id="event-notReevaluation"
                label={t("lifecycle.referral.confirmNotReevaluation")}
                errors={errors("notReevaluation")}
              >
                <input
                  id="event-notReevaluation"
                  type="checkbox"
                  {...aria("notReevaluation")}
                  {...register("notReevaluation")}
                />
              </Field>
            )}
          </div>
        )}
        {type === "eligibility_determined" && (
          <>
            {select(
              "eligibilityKind",
              t("deadlines.form.eligibilityKind"),
              eligibilityKinds,
              "deadlines.eligibilityKinds",
            )}
            <Field id="event-eligible" label={t("deadlines.form.eligible")} errors={errors("eligible")}>
              <select id="event-eligible" className={inputClass} {...aria("eligible")} {...register("eligible")}>
                <option value="true">{t("deadlines.form.eligibleYes")}</option>
                <option value="false">{t("deadlines.form.eligibleNo")}</option>
              </select>
            </Field>
          </>
        )}
        {type === "pwn_sent" && (
          <>
            {select("pwnAction", t("deadlines.form.pwnAction"), pwnActions, "deadlines.pwnActions")}
            {select("pwnSubject", t("deadlines.form.pwnSubject"), pwnSubjects, "deadlines.pwnSubjects")}
          </>
        )}
        {type === "exited" &&
          select("exitReason", t("deadlines.form.exitReason"), exitReasons, "deadlines.exitReasons", true)}
        {type === "pwn_sent" && (
          <Field
            id="event-agreedImplementationDate"
            label={t("deadlines.form.agreedDate")}
            hint={t("deadlines.form.agreedHint")}
            errors={errors("agreedImplementationDate")}
          >
            <input
              id="event-agreedImplementationDate"
              type="date"
              className={inputClass}
              {...aria("agreedImplementationDate", true)}
              {...register("agreedImplementationDate")}
            />
          </Field>
        )}
      </div>
      {type === "ppt_meeting_held" && (
        <fieldset
          className="space-y-1"
          aria-describedby={purposesError ? "event-purposes-hint event-purposes-error" : "event-purposes-hint"}
        >
          <legend className="text-sm font-medium">{t("deadlines.form.purposes")}</legend>
          <p id="event-purposes-hint" className="text-sm text-slate-600">
            {t("deadlines.form.purposesHint")}
          </p>
          <div className="grid gap-1 sm:grid-cols-2">
            {meetingPurposes.map((purpose) => (
              <label key={purpose} className="flex items-center gap-2 text-sm">
                <input type="checkbox" value={purpose} {...register("purposes")} />
                {t(`deadlines.purposes.${purpose}`)}
              </label>
            ))}
          </div>
          {purposesError && (
            <p id="event-purposes-error" className="text-sm text-red-800">
              {t(messageKey(purposesError))}
            </p>
          )}
        </fieldset>
      )}
      <Field
        id="event-note"
        label={t("deadlines.form.note")}
        hint={t("deadlines.form.noteHint")}
        errors={errors("note")}
      >
        <textarea
          id="event-note"
          rows={2}
          maxLength={1000}
          className={inputClass}
          {...aria("note", true)}
          {...register("note")}
        />
      </Field>
      <Button type="submit" disabled={form.formState.isSubmitting}>
        {t("deadlines.form.submit")}
      </Button>
    </form>
  );
}
