"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useId } from "react";
import type { ActionResult } from "@/lib/actions/types";
import type { StudentTransitions } from "@/lib/dto/transitions";
import { IEP_END_REASONS, PLAN504_END_REASONS, type PlanEndReason } from "@/lib/plans/transitions";
import { end504Schema, endIepSchema, type End504Input, type EndIepInput } from "@/lib/validation/transitions";
import { useFieldMessages } from "../forms/field-messages";
import { FormFrame } from "../forms/form-frame";
import { SelectField } from "../forms/select-field";
import { useServerForm } from "../forms/use-server-form";
import { Alert } from "../ui/alert";
import { Field, inputClass } from "../ui/field";
import { EndActions, type EndActionHandlers } from "./end-actions";

type Action<I> = (input: I) => Promise<ActionResult<unknown>>;

/**
 * The student page's transitions section (issue 12): each recorded plan end with its steps, what
 * blocks it and who acts next; and, for the lead of the plan in force, the form that ends it.
 */
export function TransitionsPanel({
  data,
  actions,
}: {
  data: StudentTransitions;
  actions: { endIep: Action<EndIepInput>; end504: Action<End504Input> } & EndActionHandlers;
}) {
  const t = useTranslations("transitions.panel");
  const tr = useTranslations("transitions");
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <h2 id={headingId} className="text-lg font-semibold text-slate-900">
        {t("title")}
      </h2>
      <p className="text-sm text-slate-700">{t("intro")}</p>
      {data.ends.length === 0 ? (
        <p className="text-sm text-slate-700">{t("empty")}</p>
      ) : (
        <ul className="space-y-3">
          {data.ends.map((end) => (
            <li key={end.id} className="rounded-md border border-slate-200 p-3 text-sm">
              {end.blockedBy && <Alert tone="warning">{t("blocked")}</Alert>}
              <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
                <dt className="font-medium">{t("planType")}</dt>
                <dd>{t(`planTypes.${end.planType}`)}</dd>
                <dt className="font-medium">{t("reason")}</dt>
                <dd>{tr(`reasons.${end.reason}`)}</dd>
                <dt className="font-medium">{t("status")}</dt>
                <dd>{t(`statuses.${end.status}`)}</dd>
                <dt className="font-medium">{t("lastDay")}</dt>
                <dd>{end.lastDay}</dd>
                {end.nextActor && (
                  <>
                    <dt className="font-medium">{t("nextActor")}</dt>
                    <dd>{t(`actors.${end.nextActor}`)}</dd>
                  </>
                )}
              </dl>
              <Link
                className="inline-block py-2 text-brand-700 underline"
                href={`/students/${data.studentId}/transitions/${end.id}`}
              >
                {t("openTransition")}
              </Link>
              <h3 className="mt-2 font-medium">{t("steps")}</h3>
              <ol className="list-decimal space-y-1 pl-5">
                {end.steps.map((step) => (
                  <li key={step.key}>
                    {t(`stepNames.${step.key}`, { date: step.date ?? "" })} —{" "}
                    <span className={step.done ? "text-green-800" : "text-amber-800"}>
                      {step.done ? t("done") : t("notDone")}
                    </span>
                  </li>
                ))}
              </ol>
              <EndActions studentId={data.studentId} today={data.today} end={end} actions={actions} />
            </li>
          ))}
        </ul>
      )}
      {data.endable?.planType === "iep" && (
        <EndIepForm
          studentId={data.studentId}
          versionId={data.endable.versionId}
          notices={data.notices}
          stayPut={data.stayPut}
          action={actions.endIep}
        />
      )}
      {data.endable?.planType === "504" && (
        <End504Form
          studentId={data.studentId}
          versionId={data.endable.versionId}
          notices={data.notices}
          stayPut={data.stayPut}
          action={actions.end504}
        />
      )}
    </section>
  );
}

interface EndFormProps<I> {
  studentId: string;
  versionId: string;
  notices: StudentTransitions["notices"];
  stayPut: boolean;
  action: Action<I>;
}

function EndIepForm(props: EndFormProps<EndIepInput>) {
  const { form, onSubmit, formError, saved, errorKey } = useServerForm({
    schema: endIepSchema,
    defaultValues: {
      studentId: props.studentId,
      versionId: props.versionId,
      reason: IEP_END_REASONS[0],
      noticeId: props.notices[0]?.id ?? "",
    },
    action: props.action,
  });
  const reason = form.watch("reason");
  return (
    <EndFormBody
      {...props}
      reasons={IEP_END_REASONS}
      onSubmit={onSubmit}
      formError={formError}
      saved={saved}
      errorKey={errorKey}
      submitting={form.formState.isSubmitting}
      register={{
        reason: form.register("reason"),
        noticeId: form.register("noticeId"),
        summaryAcademic: form.register("summaryAcademic"),
        summaryFunctional: form.register("summaryFunctional"),
        summaryRecommendations: form.register("summaryRecommendations"),
        receivingDistrict: form.register("receivingDistrict"),
        receivingSchool: form.register("receivingSchool"),
      }}
      needsSummary={reason === "graduated" || reason === "aged_out"}
      moved={reason === "moved"}
    />
  );
}

function End504Form(props: EndFormProps<End504Input>) {
  const { form, onSubmit, formError, saved, errorKey } = useServerForm({
    schema: end504Schema,
    defaultValues: {
      studentId: props.studentId,
      versionId: props.versionId,
      reason: PLAN504_END_REASONS[0],
      noticeId: props.notices[0]?.id ?? "",
    },
    action: props.action,
  });
  return (
    <EndFormBody
      {...props}
      reasons={PLAN504_END_REASONS}
      onSubmit={onSubmit}
      formError={formError}
      saved={saved}
      errorKey={errorKey}
      submitting={form.formState.isSubmitting}
      register={{
        reason: form.register("reason"),
        noticeId: form.register("noticeId"),
        receivingDistrict: form.register("receivingDistrict"),
        receivingSchool: form.register("receivingSchool"),
      }}
      needsSummary={false}
      moved={form.watch("reason") === "moved"}
    />
  );
}

type Registered = ReturnType<ReturnType<typeof useServerForm>["form"]["register"]>;
const SUMMARY_FIELDS = ["summaryAcademic", "summaryFunctional", "summaryRecommendations"] as const;
const RECEIVING_FIELDS = ["receivingDistrict", "receivingSchool"] as const;

function EndFormBody({
  notices,
  stayPut,
  reasons,
  onSubmit,
  formError,
  saved,
  errorKey,
  submitting,
  register,
  needsSummary,
  moved,
}: {
  notices: StudentTransitions["notices"];
  stayPut: boolean;
  reasons: readonly PlanEndReason[];
  onSubmit: () => void;
  formError: string | null;
  saved: boolean;
  errorKey: (name: string) => string | undefined;
  submitting: boolean;
  register: Partial<
    Record<"reason" | "noticeId" | (typeof SUMMARY_FIELDS)[number] | (typeof RECEIVING_FIELDS)[number], Registered>
  >;
  needsSummary: boolean;
  moved: boolean;
}) {
  const te = useTranslations("exits");
  const t = useTranslations("transitions.panel");
  const tr = useTranslations("transitions");
  const id = useId();
  const { errors, control } = useFieldMessages(id, errorKey);
  return (
    <FormFrame
      title={t("endTitle")}
      intro={t("endIntro")}
      notice={stayPut && <Alert tone="warning">{t("stayPutNote")}</Alert>}
      savedKey="transitions.panel.saved"
      submitLabel={t("submit")}
      onSubmit={onSubmit}
      formError={formError}
      saved={saved}
      submitDisabled={submitting || notices.length === 0 || stayPut}
    >
      <Field id={`${id}-reason`} label={t("reason")} errors={errors("reason")}>
        <select {...control("reason")} {...register.reason} className={inputClass}>
          {reasons.map((r) => (
            <option key={r} value={r}>
              {tr(`reasons.${r}`)}
            </option>
          ))}
        </select>
      </Field>
      <SelectField
        label={t("notice")}
        empty={t("noNotices")}
        control={control("noticeId")}
        errors={errors("noticeId")}
        register={register.noticeId}
        options={notices.map((n) => ({
          value: n.id,
          label: t("noticeOption", { sentOn: n.sentOn, implementationDate: n.implementationDate }),
        }))}
      />
      {needsSummary &&
        SUMMARY_FIELDS.map((name) => (
          <Field key={name} id={`${id}-${name}`} label={t(name)} hint={t("summaryHint")} errors={errors(name)}>
            <textarea rows={3} maxLength={4000} {...control(name)} {...register[name]} className={inputClass} />
          </Field>
        ))}
      {moved &&
        RECEIVING_FIELDS.map((name) => (
          <Field key={name} id={`${id}-${name}`} label={te(name)} hint={te("receivingHint")} errors={errors(name)}>
            <input type="text" maxLength={300} {...control(name)} {...register[name]} className={inputClass} />
          </Field>
        ))}
    </FormFrame>
  );
}
