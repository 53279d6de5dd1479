"use client";

import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useId } from "react";
import { useFieldArray } from "react-hook-form";
import type { ActionResult } from "@/lib/actions/types";
import type { ReferralTransitionView, StudentReferrals } from "@/lib/dto/referrals";
import { messageKey } from "@/lib/i18n/keys";
import { DISABILITY_CATEGORIES, REFERRAL_SOURCES, WRITTEN_REQUEST_FORMS } from "@/lib/referrals/steps";
import { newId } from "@/lib/validation/new-id";
import {
  closeReferralSchema,
  completeEvaluationSchema,
  createReferralSchema,
  decideReferralSchema,
  determineEligibilitySchema,
  requestReportSchema,
  type CloseReferralInput,
  type CompleteEvaluationInput,
  type CreateReferralInput,
  type DecideReferralInput,
  type DetermineEligibilityInput,
  type RequestReportInput,
} from "@/lib/validation/referrals";
import { DATE_FORMAT, isoDateValue } from "../deadlines/dates";
import { useFieldMessages } from "../forms/field-messages";
import { FormAlerts } from "../forms/form-alerts";
import { useServerForm } from "../forms/use-server-form";
import { Button } from "../ui/button";
import { Field, inputClass } from "../ui/field";

type Action<I> = (input: I) => Promise<ActionResult<unknown>>;

/** Field wiring shared by every form here: the control's id, its error list and its ARIA attributes. */
function useFieldErrors(errorKey: (name: string) => string | undefined) {
  const id = useId();
  return { id, ...useFieldMessages(id, errorKey) };
}

/**
 * The student page's referrals section: each referral with a link to its transition page, and the form
 * that records a new one (a parent files a written request only).
 */
export function ReferralsSection({
  data,
  action,
  children,
}: {
  data: StudentReferrals;
  action: Action<CreateReferralInput>;
  children?: React.ReactNode;
}) {
  const t = useTranslations("referrals");
  const all = useTranslations();
  const format = useFormatter();
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <h2 id={headingId} className="text-lg font-semibold text-slate-900">
        {t("section.title")}
      </h2>
      <p className="text-sm text-slate-700">{t("section.intro")}</p>
      {data.referrals.length === 0 ? (
        <p className="text-sm text-slate-700">{t("section.empty")}</p>
      ) : (
        <ul className="space-y-2">
          {data.referrals.map((r) => (
            <li key={r.id} className="text-sm">
              <Link
                className="inline-block py-2 text-brand-700 underline"
                href={`/students/${data.studentId}/transitions/${r.id}`}
              >
                {t("section.open", { date: format.dateTime(isoDateValue(r.receivedOn), DATE_FORMAT) })}
              </Link>{" "}
              — {t(`flows.${r.flow}`)}, {t(`sources.${r.source}`)}, {t(`statuses.${r.status}`)}
              {r.outcome && <> ({t(`outcomes.${r.outcome}`)})</>}
            </li>
          ))}
        </ul>
      )}
      {data.referBlocked && data.referrals.length === 0 && (
        <p className="text-sm text-slate-700">{all(messageKey(data.referBlocked))}</p>
      )}
      {data.canRefer && <CreateReferralForm data={data} action={action} />}
      {children}
    </section>
  );
}

function CreateReferralForm({ data, action }: { data: StudentReferrals; action: Action<CreateReferralInput> }) {
  const t = useTranslations("referrals");
  const defaults = {
    studentId: data.studentId,
    source: data.parentOnly ? ("parent_request" as const) : ("teacher" as const),
    receivedOn: data.today,
    concern: "",
    requestForm: data.parentOnly ? ("portal" as const) : undefined,
    requestDatedOn: data.parentOnly ? data.today : undefined,
    interventions: [] as { description: string; startedOn: string; endedOn: string; outcome: string }[],
    submissionKey: newId(),
  };
  const { form, onSubmit, formError, saved, errorKey } = useServerForm({
    schema: createReferralSchema,
    defaultValues: defaults,
    action,
    onSuccess: () => form.reset({ ...defaults, submissionKey: newId() }),
  });
  const { id, errors, control } = useFieldErrors(errorKey);
  const interventions = useFieldArray({ control: form.control, name: "interventions" });
  const source = form.watch("source");
  return (
    <form
      onSubmit={onSubmit}
      noValidate
      aria-labelledby={`${id}-title`}
      className="space-y-3 rounded-md border border-slate-200 p-3"
    >
      <h3 id={`${id}-title`} className="font-medium">
        {t("form.title")}
      </h3>
      <p className="text-sm text-slate-700">{t("form.intro")}</p>
      <FormAlerts formError={formError} saved={saved} savedKey="referrals.form.saved" />
      <input type="hidden" {...form.register("submissionKey")} />
      <Field id={`${id}-source`} label={t("form.source")} errors={errors("source")}>
        <select {...control("source")} {...form.register("source")} className={inputClass}>
          {(data.parentOnly ? (["parent_request"] as const) : REFERRAL_SOURCES).map((s) => (
            <option key={s} value={s}>
              {t(`sources.${s}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field id={`${id}-receivedOn`} label={t("form.receivedOn")} errors={errors("receivedOn")}>
        <input type="date" {...control("receivedOn")} {...form.register("receivedOn")} className={inputClass} />
      </Field>
      <Field id={`${id}-concern`} label={t("form.concern")} errors={errors("concern")}>
        <textarea
          rows={3}
          maxLength={2000}
          {...control("concern")}
          {...form.register("concern")}
          className={inputClass}
        />
      </Field>
      {source === "parent_request" && (
        <>
          <Field id={`${id}-requestForm`} label={t("form.requestForm")} errors={errors("requestForm")}>
            <select {...control("requestForm")} {...form.register("requestForm")} className={inputClass}>
              <option value="">—</option>
              {WRITTEN_REQUEST_FORMS.map((f) => (
                <option key={f} value={f}>
                  {t(`requestForms.${f}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field id={`${id}-requestDatedOn`} label={t("form.requestDatedOn")} errors={errors("requestDatedOn")}>
            <input
              type="date"
              {...control("requestDatedOn")}
              {...form.register("requestDatedOn")}
              className={inputClass}
            />
          </Field>
        </>
      )}
      {source === "student_study_team" && (
        <fieldset
          className="space-y-2"
          aria-describedby={errorKey("interventions") ? `${id}-interventions-error` : undefined}
        >
          <legend className="text-sm font-medium">{t("form.interventions")}</legend>
          {errors("interventions") && (
            <p id={`${id}-interventions-error`} className="text-sm text-red-800">
              {errors("interventions")![0]}
            </p>
          )}
          {interventions.fields.map((field, index) => (
            <div key={field.id} className="grid gap-2 rounded-md border border-slate-200 p-2 sm:grid-cols-2">
              {(["description", "startedOn", "endedOn", "outcome"] as const).map((name) => {
                const path = `interventions.${index}.${name}` as const;
                const label = t(
                  `form.intervention${name[0]!.toUpperCase()}${name.slice(1)}` as "form.interventionOutcome",
                );
                return (
                  <Field key={name} id={`${id}-${path}`} label={label} errors={errors(path)}>
                    <input
                      type={name === "startedOn" || name === "endedOn" ? "date" : "text"}
                      {...control(path)}
                      {...form.register(path)}
                      className={inputClass}
                    />
                  </Field>
                );
              })}
              <Button
                type="button"
                variant="secondary"
                className="min-h-11"
                onClick={() => interventions.remove(index)}
              >
                {t("form.removeIntervention")}
              </Button>
            </div>
          ))}
          <Button
            type="button"
            variant="secondary"
            className="min-h-11"
            onClick={() => interventions.append({ description: "", startedOn: "", endedOn: "", outcome: "" })}
          >
            {t("form.addIntervention")}
          </Button>
        </fieldset>
      )}
      <Button type="submit" className="min-h-11" disabled={form.formState.isSubmitting}>
        {t("form.submit")}
      </Button>
    </form>
  );
}

export interface ReferralStepActions {
  decide: Action<DecideReferralInput>;
  complete: Action<CompleteEvaluationInput>;
  report: Action<RequestReportInput>;
  eligibility: Action<DetermineEligibilityInput>;
  close: Action<CloseReferralInput>;
}

/** The forms of the referral's current steps, for the case manager or principal (`referral.manage`). */
export function ReferralStepForms({ data, actions }: { data: ReferralTransitionView; actions: ReferralStepActions }) {
  if (!data.canManage) return null;
  return (
    <div className="space-y-4">
      {data.decision === null && <DecideForm data={data} action={actions.decide} />}
      {data.decision === "evaluate" && data.current === "evaluation" && (
        <CompleteForm data={data} action={actions.complete} />
      )}
      {data.decision === "evaluate" && data.needsSdi === null && data.reportRequestedOn === null && (
        <ReportForm data={data} action={actions.report} />
      )}
      {data.current === "eligibilityMeeting" && <EligibilityForm data={data} action={actions.eligibility} />}
      {(data.needsSdi === false || data.consentRefusal) && <CloseForm data={data} action={actions.close} />}
    </div>
  );
}

function FormFrame({
  title,
  onSubmit,
  formError,
  saved,
  submitting,
  children,
}: {
  title: string;
  onSubmit: () => void;
  formError: string | null;
  saved: boolean;
  submitting: boolean;
  children: React.ReactNode;
}) {
  const t = useTranslations("referrals.steps");
  const id = useId();
  return (
    <form
      onSubmit={onSubmit}
      noValidate
      aria-labelledby={`${id}-title`}
      className="space-y-3 rounded-md border border-slate-200 p-3"
    >
      <h3 id={`${id}-title`} className="font-medium">
        {title}
      </h3>
      <FormAlerts formError={formError} saved={saved} savedKey="referrals.steps.saved" />
      {children}
      <Button type="submit" className="min-h-11" disabled={submitting}>
        {t("submit")}
      </Button>
    </form>
  );
}

function useDate() {
  const format = useFormatter();
  return (date: string) => format.dateTime(isoDateValue(date), DATE_FORMAT);
}

function DecideForm({ data, action }: { data: ReferralTransitionView; action: Action<DecideReferralInput> }) {
  const t = useTranslations("referrals.steps");
  const date = useDate();
  const { form, onSubmit, formError, saved, errorKey } = useServerForm({
    schema: decideReferralSchema,
    defaultValues: {
      studentId: data.studentId,
      referralId: data.id,
      meetingId: data.referralMeetings[0]?.id ?? "",
      decision: "evaluate",
      decidedOn: data.referralMeetings[0]?.heldOn ?? data.today,
      safeguardsGivenOn: data.referralMeetings[0]?.heldOn ?? data.today,
      noticeId: data.refusalNotices[0]?.id ?? "",
    },
    action,
  });
  const { id, errors, control } = useFieldErrors(errorKey);
  const decision = form.watch("decision");
  return (
    <FormFrame
      title={t("decideTitle")}
      onSubmit={onSubmit}
      formError={formError}
      saved={saved}
      submitting={form.formState.isSubmitting}
    >
      {data.referralMeetings.length === 0 ? (
        <p className="text-sm text-slate-700">{t("noMeetings")}</p>
      ) : (
        <Field id={`${id}-meetingId`} label={t("meeting")} errors={errors("meetingId")}>
          <select {...control("meetingId")} {...form.register("meetingId")} className={inputClass}>
            {data.referralMeetings.map((m) => (
              <option key={m.id} value={m.id}>
                {t("meetingOption", { date: date(m.heldOn) })}
              </option>
            ))}
          </select>
        </Field>
      )}
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium">{t("decision")}</legend>
        {(["evaluate", "refuse"] as const).map((value) => (
          <label key={value} className="flex min-h-11 items-center gap-2 text-sm">
            <input type="radio" value={value} {...form.register("decision")} />
            {t(value)}
          </label>
        ))}
      </fieldset>
      <Field id={`${id}-decidedOn`} label={t("decidedOn")} errors={errors("decidedOn")}>
        <input type="date" {...control("decidedOn")} {...form.register("decidedOn")} className={inputClass} />
      </Field>
      {decision === "evaluate" ? (
        <Field id={`${id}-safeguardsGivenOn`} label={t("safeguardsGivenOn")} errors={errors("safeguardsGivenOn")}>
          <input
            type="date"
            {...control("safeguardsGivenOn")}
            {...form.register("safeguardsGivenOn")}
            className={inputClass}
          />
        </Field>
      ) : data.refusalNotices.length === 0 ? (
        <p className="text-sm text-slate-700">{t("noNotices")}</p>
      ) : (
        <Field id={`${id}-noticeId`} label={t("refusalNotice")} errors={errors("noticeId")}>
          <select {...control("noticeId")} {...form.register("noticeId")} className={inputClass}>
            {data.refusalNotices.map((n) => (
              <option key={n.id} value={n.id}>
                {t("noticeOption", { date: date(n.sentOn) })}
              </option>
            ))}
          </select>
        </Field>
      )}
    </FormFrame>
  );
}

function CompleteForm({ data, action }: { data: ReferralTransitionView; action: Action<CompleteEvaluationInput> }) {
  const t = useTranslations("referrals.steps");
  const { form, onSubmit, formError, saved, errorKey } = useServerForm({
    schema: completeEvaluationSchema,
    defaultValues: { studentId: data.studentId, referralId: data.id, completedOn: data.today },
    action,
  });
  const { id, errors, control } = useFieldErrors(errorKey);
  return (
    <FormFrame
      title={t("completeTitle")}
      onSubmit={onSubmit}
      formError={formError}
      saved={saved}
      submitting={form.formState.isSubmitting}
    >
      <Field id={`${id}-completedOn`} label={t("completedOn")} errors={errors("completedOn")}>
        <input type="date" {...control("completedOn")} {...form.register("completedOn")} className={inputClass} />
      </Field>
    </FormFrame>
  );
}

function ReportForm({ data, action }: { data: ReferralTransitionView; action: Action<RequestReportInput> }) {
  const t = useTranslations("referrals.steps");
  const { form, onSubmit, formError, saved, errorKey } = useServerForm({
    schema: requestReportSchema,
    defaultValues: { studentId: data.studentId, referralId: data.id, requestedOn: data.today },
    action,
  });
  const { id, errors, control } = useFieldErrors(errorKey);
  return (
    <FormFrame
      title={t("reportTitle")}
      onSubmit={onSubmit}
      formError={formError}
      saved={saved}
      submitting={form.formState.isSubmitting}
    >
      <Field id={`${id}-requestedOn`} label={t("requestedOn")} errors={errors("requestedOn")}>
        <input type="date" {...control("requestedOn")} {...form.register("requestedOn")} className={inputClass} />
      </Field>
    </FormFrame>
  );
}

function EligibilityForm({
  data,
  action,
}: {
  data: ReferralTransitionView;
  action: Action<DetermineEligibilityInput>;
}) {
  const t = useTranslations("referrals");
  const date = useDate();
  const { form, onSubmit, formError, saved, errorKey } = useServerForm({
    schema: determineEligibilitySchema,
    defaultValues: {
      studentId: data.studentId,
      referralId: data.id,
      meetingId: data.eligibilityMeetings[0]?.id ?? "",
      needsSdi: undefined,
      disabilityCategory: "",
    },
    action,
  });
  const { id, errors, control } = useFieldErrors(errorKey);
  const needsSdi = form.watch("needsSdi");
  return (
    <FormFrame
      title={t("steps.eligibilityTitle")}
      onSubmit={onSubmit}
      formError={formError}
      saved={saved}
      submitting={form.formState.isSubmitting}
    >
      {data.eligibilityMeetings.length === 0 ? (
        <p className="text-sm text-slate-700">{t("steps.noMeetings")}</p>
      ) : (
        <Field id={`${id}-meetingId`} label={t("steps.eligibilityMeeting")} errors={errors("meetingId")}>
          <select {...control("meetingId")} {...form.register("meetingId")} className={inputClass}>
            {data.eligibilityMeetings.map((m) => (
              <option key={m.id} value={m.id}>
                {t("steps.meetingOption", { date: date(m.heldOn) })}
              </option>
            ))}
          </select>
        </Field>
      )}
      <fieldset className="space-y-1" aria-describedby={errorKey("needsSdi") ? `${id}-needsSdi-error` : undefined}>
        <legend className="text-sm font-medium">{t("steps.needsSdi")}</legend>
        {(["yes", "no"] as const).map((value) => (
          <label key={value} className="flex min-h-11 items-center gap-2 text-sm">
            <input type="radio" value={value} {...form.register("needsSdi")} />
            {t(`steps.${value}`)}
          </label>
        ))}
        {errors("needsSdi") && (
          <p id={`${id}-needsSdi-error`} className="text-sm text-red-800">
            {errors("needsSdi")![0]}
          </p>
        )}
      </fieldset>
      {needsSdi === "yes" && (
        <Field id={`${id}-disabilityCategory`} label={t("steps.category")} errors={errors("disabilityCategory")}>
          <select {...control("disabilityCategory")} {...form.register("disabilityCategory")} className={inputClass}>
            <option value="">{t("steps.chooseCategory")}</option>
            {DISABILITY_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`categories.${c}`)}
              </option>
            ))}
          </select>
        </Field>
      )}
    </FormFrame>
  );
}

function CloseForm({ data, action }: { data: ReferralTransitionView; action: Action<CloseReferralInput> }) {
  const t = useTranslations("referrals.steps");
  const date = useDate();
  const notEligible = data.needsSdi === false;
  const { form, onSubmit, formError, saved, errorKey } = useServerForm({
    schema: closeReferralSchema,
    defaultValues: {
      studentId: data.studentId,
      referralId: data.id,
      outcome: notEligible ? "not_eligible" : "consent_refused",
      noticeId: data.identificationNotices[0]?.id ?? "",
    },
    action,
  });
  const { id, errors, control } = useFieldErrors(errorKey);
  return (
    <FormFrame
      title={notEligible ? t("closeNotEligible") : t("closeConsentRefused")}
      onSubmit={onSubmit}
      formError={formError}
      saved={saved}
      submitting={form.formState.isSubmitting}
    >
      {notEligible &&
        (data.identificationNotices.length === 0 ? (
          <p className="text-sm text-slate-700">{t("noNotices")}</p>
        ) : (
          <Field id={`${id}-noticeId`} label={t("closeNotice")} errors={errors("noticeId")}>
            <select {...control("noticeId")} {...form.register("noticeId")} className={inputClass}>
              {data.identificationNotices.map((n) => (
                <option key={n.id} value={n.id}>
                  {t("noticeOption", { date: date(n.sentOn) })}
                </option>
              ))}
            </select>
          </Field>
        ))}
    </FormFrame>
  );
}
