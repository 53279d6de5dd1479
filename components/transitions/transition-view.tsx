"use client";

import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useId } from "react";
import type { ActorView, PlanEndTransitionView, ReferralTransitionView, TransitionView } from "@/lib/dto/referrals";
import type { ReferralStep } from "@/lib/referrals/steps";
import { DATE_FORMAT, isoDateValue } from "../deadlines/dates";
import { Alert } from "../ui/alert";

/**
 * The per-transition page's body (issue 12): the ordered steps, the current one, who acts next, what
 * blocks it and each step's deadline — for a referral or a plan end. Presentational; the forms of the
 * referral's steps come as `children`.
 */
export function TransitionDetail({ data, children }: { data: TransitionView; children?: React.ReactNode }) {
  return data.kind === "referral" ? (
    <ReferralDetail data={data}>{children}</ReferralDetail>
  ) : (
    <PlanEndDetail data={data} />
  );
}

function useDate() {
  const format = useFormatter();
  return (date: string) => format.dateTime(isoDateValue(date), DATE_FORMAT);
}

function NextActor({ actor }: { actor: ActorView | null }) {
  const t = useTranslations("referrals");
  if (!actor) return null;
  const role = t(`actors.${actor.role ?? "system"}`);
  return (
    <>
      <dt className="font-medium">{t("page.nextActor")}</dt>
      <dd data-testid="next-actor">
        {actor.names.length > 0 ? t("page.nextActorNamed", { role, names: actor.names.join(", ") }) : role}
      </dd>
    </>
  );
}

function ReferralDetail({ data, children }: { data: ReferralTransitionView; children?: React.ReactNode }) {
  const t = useTranslations("referrals");
  const date = useDate();
  const stepsId = useId();
  return (
    <div className="space-y-6">
      <section aria-labelledby={`${stepsId}-summary`} className="space-y-2">
        <h2 id={`${stepsId}-summary`} className="text-lg font-semibold text-slate-900">
          {t("page.summary")}
        </h2>
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="font-medium">{t("page.source")}</dt>
          <dd>{t(`sources.${data.source}`)}</dd>
          <dt className="font-medium">{t("page.receivedOn")}</dt>
          <dd>{date(data.receivedOn)}</dd>
          <dt className="font-medium">{t("page.concern")}</dt>
          <dd className="whitespace-pre-wrap">{data.concern}</dd>
          {data.requestForm && data.requestDatedOn && (
            <>
              <dt className="font-medium">{t("page.requestForm")}</dt>
              <dd>
                {t("page.requestFormValue", {
                  form: t(`requestForms.${data.requestForm}`),
                  date: date(data.requestDatedOn),
                })}
              </dd>
            </>
          )}
          {data.interventions.length > 0 && (
            <>
              <dt className="font-medium">{t("page.interventions")}</dt>
              <dd>
                <ul className="list-disc pl-5">
                  {data.interventions.map((i, index) => (
                    <li key={index}>
                      {t("page.interventionValue", {
                        description: i.description,
                        from: date(i.startedOn),
                        to: date(i.endedOn),
                        outcome: i.outcome,
                      })}
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          )}
          <dt className="font-medium">{t("page.status")}</dt>
          <dd data-testid="transition-status">{t(`statuses.${data.status}`)}</dd>
          {data.outcome && (
            <>
              <dt className="font-medium">{t("page.outcome")}</dt>
              <dd>{t(`outcomes.${data.outcome}`)}</dd>
              <dt className="font-medium">{t("page.closedOn")}</dt>
              <dd>{data.closedOn ? date(data.closedOn) : ""}</dd>
            </>
          )}
          {data.disabilityCategory && (
            <>
              <dt className="font-medium">{t("page.category")}</dt>
              <dd>{t(`categories.${data.disabilityCategory}`)}</dd>
            </>
          )}
          {data.reportRequestedOn && data.needsSdi === null && (
            <>
              <dt className="font-medium">{t("page.reportDue")}</dt>
              <dd data-testid="report-due">{data.reportDue ? date(data.reportDue) : t("page.reportDueUnknown")}</dd>
            </>
          )}
          {data.current && (
            <>
              <dt className="font-medium">{t("page.current")}</dt>
              <dd data-testid="current-step">{t(`stepNames.${data.current}`)}</dd>
            </>
          )}
          <NextActor actor={data.nextActor} />
          {data.blockedBy && (
            <>
              <dt className="font-medium">{t("page.blockedBy")}</dt>
              <dd>{t(`blocked.${data.blockedBy}`)}</dd>
            </>
          )}
        </dl>
        {data.needsSdi === false && <Alert tone="info">{t("page.consider504")}</Alert>}
        {data.flow === "504_to_iep" && data.outcome !== "iep_in_force" && (
          <p className="text-sm text-slate-700">{t("page.plan504Continues")}</p>
        )}
      </section>
      <section aria-labelledby={`${stepsId}-steps`} className="space-y-2">
        <h2 id={`${stepsId}-steps`} className="text-lg font-semibold text-slate-900">
          {t("page.steps")}
        </h2>
        <ol className="space-y-2">
          {data.steps.map((step) => (
            <StepItem key={step.key} step={step} />
          ))}
        </ol>
      </section>
      <nav aria-labelledby={`${stepsId}-links`} className="space-y-1 text-sm">
        <h2 id={`${stepsId}-links`} className="text-lg font-semibold text-slate-900">
          {t("page.links")}
        </h2>
        <ul className="flex flex-wrap gap-4">
          <li>
            <Link className="inline-block py-3 text-brand-700 underline" href={`/students/${data.studentId}/meetings`}>
              {t("page.meetingsLink")}
            </Link>
          </li>
          <li>
            <Link
              className="inline-block py-3 text-brand-700 underline"
              href={`/students/${data.studentId}/notices/new`}
            >
              {t("page.noticesLink")}
            </Link>
          </li>
          <li>
            <Link className="inline-block py-3 text-brand-700 underline" href={`/students/${data.studentId}/consents`}>
              {t("page.consentsLink")}
            </Link>
          </li>
          <li>
            <Link className="inline-block py-3 text-brand-700 underline" href={`/students/${data.studentId}`}>
              {t("page.planLink")}
            </Link>
          </li>
        </ul>
      </nav>
      {children}
    </div>
  );
}

function StepItem({ step }: { step: ReferralStep }) {
  const t = useTranslations("referrals");
  const date = useDate();
  const tone =
    step.state === "done"
      ? "border-green-700"
      : step.state === "current"
        ? "border-amber-600 bg-amber-50"
        : "border-slate-300";
  const deadline = step.deadline;
  return (
    <li
      className={`rounded-md border-l-4 p-2 text-sm ${tone}`}
      aria-current={step.state === "current" ? "step" : undefined}
      data-step={step.key}
      data-state={step.state}
    >
      <span className="font-medium">{t(`stepNames.${step.key}`)}</span> {step.optional && t("page.optional")} —{" "}
      <span>{t(`states.${step.state}`)}</span>
      {step.date && <span> {t("page.stepDate", { date: date(step.date) })}</span>}
      {deadline && step.state !== "skipped" && (
        <span className="block text-slate-700">
          {deadline.status === "paused"
            ? t("page.deadlinePaused", { rule: deadline.ruleId })
            : deadline.due === null
              ? t("page.deadlineUnknown", { rule: deadline.ruleId })
              : deadline.status === "open"
                ? t("page.deadline", { rule: deadline.ruleId, date: date(deadline.due) })
                : t("page.deadlineStatus", {
                    rule: deadline.ruleId,
                    status: t(`deadlineStatuses.${deadline.status}`),
                  })}
        </span>
      )}
    </li>
  );
}

function PlanEndDetail({ data }: { data: PlanEndTransitionView }) {
  const t = useTranslations("referrals");
  const tp = useTranslations("transitions.panel");
  const tr = useTranslations("transitions");
  const date = useDate();
  const id = useId();
  return (
    <div className="space-y-6">
      <section aria-labelledby={`${id}-summary`} className="space-y-2">
        <h2 id={`${id}-summary`} className="text-lg font-semibold text-slate-900">
          {t("page.summary")}
        </h2>
        {data.blockedBy && <Alert tone="warning">{tp("blocked")}</Alert>}
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="font-medium">{tp("planType")}</dt>
          <dd>{tp(`planTypes.${data.planType}`)}</dd>
          <dt className="font-medium">{t("page.reason")}</dt>
          <dd>{tr(`reasons.${data.reason}`)}</dd>
          <dt className="font-medium">{t("page.status")}</dt>
          <dd data-testid="transition-status">{tp(`statuses.${data.status}`)}</dd>
          <dt className="font-medium">{t("page.lastDay")}</dt>
          <dd data-testid="last-day">{date(data.lastDay)}</dd>
          <NextActor actor={data.nextActor} />
        </dl>
      </section>
      <section aria-labelledby={`${id}-steps`} className="space-y-2">
        <h2 id={`${id}-steps`} className="text-lg font-semibold text-slate-900">
          {t("page.steps")}
        </h2>
        <ol className="space-y-2">
          {data.steps.map((step) => (
            <li
              key={step.key}
              data-step={step.key}
              className={`rounded-md border-l-4 p-2 text-sm ${step.done ? "border-green-700" : "border-amber-600 bg-amber-50"}`}
            >
              {tp(`stepNames.${step.key}`, { date: step.date ? date(step.date) : "" })} —{" "}
              {step.done ? tp("done") : tp("notDone")}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
