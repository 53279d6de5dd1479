"use client";

import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useId } from "react";
import { useFieldArray } from "react-hook-form";
import type { z } from "zod";
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
  type CreateReferralInput,
  type DecideReferralInput,
  type DetermineEligibilityInput,
} from "@/lib/validation/referrals";
import { DATE_FORMAT, isoDateValue } from "../deadlines/dates";
import { useFieldMessages } from "../forms/field-messages";
import { FormFrame, frameState, type FrameState } from "../forms/form-frame";
import { SelectField } from "../forms/select-field";
import { useServerForm } from "../forms/use-server-form";
import { Button } from "../ui/button";
import { Field, inputClass } from "../ui/field";

type Action<I> = (input: I) => Promise<ActionResult<unknown>>;
type DateStepInput<F extends string> = { studentId: string; referralId: string } & Record<F, string>;

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
  const server = useServerForm({
    schema: createReferralSchema,
    defaultValues: defaults,
    action,
    onSuccess: () => form.reset({ ...defaults, submissionKey: newId() }),
  });
  const { form, errorKey } = server;
  const { id, errors, control } = useFieldErrors(errorKey);
  const interventions = useFieldArray({ control: form.control, name: "interventions" });
  const source = form.watch("source");
  return (
    <FormFrame
      title={t("form.title")}
      intro={t("form.intro")}
      savedKey="referrals.form.saved"
      submitLabel={t("form.submit")}
      submitClassName="min-h-11"
      {...frameState(server)}
    >
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
    </FormFrame>
  );
}

export interface ReferralStepActions {
  decide: Action<DecideReferralInput>;
  complete: Action<DateStepInput<"completedOn">>;
  report: Action<DateStepInput<"requestedOn">>;
  eligibility: Action<DetermineEligibilityInput>;
  close: Action<CloseReferralInput>;
}

/** The forms of the referral's current steps, for the case manager or principal (`referral.manage`). */
export function ReferralStepForms({ data, actions }: { data: ReferralTransitionView; actions: ReferralStepActions }) {
  const t = useTranslations("referrals.steps");
  if (!data.canManage) return null;
  return (
    <div className="space-y-4">
      {data.decision === null && <DecideForm data={data} action={actions.decide} />}
      {data.decision === "evaluate" && data.current === "evaluation" && (
        <DateStepForm
          data={data}
          field="completedOn"
          title={t("completeTitle")}
          label={t("completedOn")}
          schema={completeEvaluationSchema}
          action={actions.complete}
        />
      )}
      {data.decision === "evaluate" && data.needsSdi === null && data.reportRequestedOn === null && (
        <DateStepForm
          data={data}
          field="requestedOn"
          title={t("reportTitle")}
          label={t("requestedOn")}
          schema={requestReportSchema}
          action={actions.report}
        />
      )}
      {data.current === "eligibilityMeeting" && <EligibilityForm data={data} action={actions.eligibility} />}
      {(data.needsSdi === false || data.consentRefusal) && <CloseForm data={data} action={actions.close} />}
    </div>
  );
}

/** The frame of a referral step's form: its title, alerts and the steps' submit button. */
function StepFrame({ title, server, children }: { title: string; server: FrameState; children: React.ReactNode }) {
  const t = useTranslations("referrals.steps");
  return (
    <FormFrame
      title={title}
      savedKey="referrals.steps.saved"
      submitLabel={t("submit")}
      submitClassName="min-h-11"
      {...frameState(server)}
    >
      {children}
    </FormFrame>
  );
}

function useDate() {
  const format = useFormatter();
  return (date: string) => format.dateTime(isoDateValue(date), DATE_FORMAT);
}

function DecideForm({ data, action }: { data: ReferralTransitionView; action: Action<DecideReferralInput> }) {
  const t = useTranslations("referrals.steps");
  const date = useDate();
  const server = useServerForm({
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
  const { form, errorKey } = server;
  const { id, errors, control } = useFieldErrors(errorKey);
  const decision = form.watch("decision");
  return (
    <StepFrame title={t("decideTitle")} server={server}>
      <SelectField
        label={t("meeting")}
        empty={t("noMeetings")}
        control={control("meetingId")}
        errors={errors("meetingId")}
        register={form.register("meetingId")}
        options={data.referralMeetings.map((m) => ({
          value: m.id,
          label: t("meetingOption", { date: date(m.heldOn) }),
        }))}
      />
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
      ) : (
        <SelectField
          label={t("refusalNotice")}
          empty={t("noNotices")}
          control={control("noticeId")}
          errors={errors("noticeId")}
          register={form.register("noticeId")}
          options={data.refusalNotices.map((n) => ({
            value: n.id,
            label: t("noticeOption", { date: date(n.sentOn) }),
          }))}
        />
      )}
    </StepFrame>
  );
}

/** A step recorded by one date (the evaluation completed, the parent's request for the report). */
function DateStepForm<F extends string>({
  data,
  field,
  title,
  label,
  schema,
  action,
}: {
  data: ReferralTransitionView;
  field: F;
  title: string;
  label: string;
  schema: z.ZodType<DateStepInput<F>, DateStepInput<F>>;
  action: Action<DateStepInput<F>>;
}) {
  // The form's values are the schema's three strings; react-hook-form cannot follow a generic field name.
  type Values = Record<string, string>;
  const server = useServerForm({
    schema: schema as unknown as z.ZodType<Values, Values>,
    defaultValues: { studentId: data.studentId, referralId: data.id, [field]: data.today },
    action: action as unknown as Action<Values>,
  });
  const { form, errorKey } = server;
  const { id, errors, control } = useFieldErrors(errorKey);
  return (
    <StepFrame title={title} server={server}>
      <Field id={`${id}-${field}`} label={label} errors={errors(field)}>
        <input type="date" {...control(field)} {...form.register(field)} className={inputClass} />
      </Field>
    </StepFrame>
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
  const server = useServerForm({
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
  const { form, errorKey } = server;
  const { id, errors, control } = useFieldErrors(errorKey);
  const needsSdi = form.watch("needsSdi");
  return (
    <StepFrame title={t("steps.eligibilityTitle")} server={server}>
      <SelectField
        label={t("steps.eligibilityMeeting")}
        empty={t("steps.noMeetings")}
        control={control("meetingId")}
        errors={errors("meetingId")}
        register={form.register("meetingId")}
        options={data.eligibilityMeetings.map((m) => ({
          value: m.id,
          label: t("steps.meetingOption", { date: date(m.heldOn) }),
        }))}
      />
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
    </StepFrame>
  );
}

function CloseForm({ data, action }: { data: ReferralTransitionView; action: Action<CloseReferralInput> }) {
  const t = useTranslations("referrals.steps");
  const date = useDate();
  const notEligible = data.needsSdi === false;
  const server = useServerForm({
    schema: closeReferralSchema,
    defaultValues: {
      studentId: data.studentId,
      referralId: data.id,
      outcome: notEligible ? "not_eligible" : "consent_refused",
      noticeId: data.identificationNotices[0]?.id ?? "",
    },
    action,
  });
  const { form, errorKey } = server;
  const { errors, control } = useFieldErrors(errorKey);
  return (
    <StepFrame title={notEligible ? t("closeNotEligible") : t("closeConsentRefused")} server={server}>
      {notEligible && (
        <SelectField
          label={t("closeNotice")}
          empty={t("noNotices")}
          control={control("noticeId")}
          errors={errors("noticeId")}
          register={form.register("noticeId")}
          options={data.identificationNotices.map((n) => ({
            value: n.id,
            label: t("noticeOption", { date: date(n.sentOn) }),
          }))}
        />
      )}
    </StepFrame>
  );
}
