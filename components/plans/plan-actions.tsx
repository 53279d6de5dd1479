"use client";

import { useTranslations } from "next-intl";
import { messageKey } from "@/lib/i18n/keys";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/types";
import Link from "next/link";
import type { LifecycleStepView, PlanPermissions, VersionStatusName } from "@/lib/dto/plans";
import type { CompletenessIssue } from "@/lib/validation/plan-completeness";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { inputClass } from "../ui/field";
import { MissingList } from "./missing-list";

type VersionAction = (input: { versionId: string }) => Promise<ActionResult<unknown>>;

export interface PlanActionHandlers {
  propose: VersionAction;
  returnToDraft: VersionAction;
  finalize: VersionAction;
  activate: (input: {
    versionId: string;
    effectiveOn: string;
    endActive504?: boolean;
  }) => Promise<ActionResult<unknown>>;
  amend: (input: { versionId: string }) => Promise<ActionResult<{ versionId: string }>>;
  discard: (input: { versionId: string }) => Promise<ActionResult<{ planRemoved: boolean }>>;
}

/**
 * Lifecycle buttons for the selected version, from the steps the lifecycle table offers this viewer
 * now: an unavailable step shows why instead of a button that would fail (and, for an amendment
 * already open, a link to it). Each action shows its own failure (and the missing list). A final
 * version scheduled for a later date shows the day it takes effect.
 */
export function PlanActions({
  planId,
  studentId,
  version,
  can,
  steps,
  scheduledOn,
  today,
  replaces504,
  actions,
}: {
  planId: string;
  studentId: string;
  version: { id: string; status: VersionStatusName };
  can: PlanPermissions;
  steps: LifecycleStepView[];
  /** The effective date of a scheduled version, formatted for display. */
  scheduledOn: string | null;
  today: string;
  replaces504: boolean;
  actions: PlanActionHandlers;
}) {
  const t = useTranslations();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [missing, setMissing] = useState<CompletenessIssue[] | null>(null);
  const [effectiveOn, setEffectiveOn] = useState(today);
  const [confirm504, setConfirm504] = useState(false);

  const run = (action: () => Promise<ActionResult<unknown>>, onOk?: (data: unknown) => void) =>
    startTransition(async () => {
      setError(null);
      setMissing(null);
      const result = await action();
      if (result.ok) {
        if (onOk) onOk(result.data);
        else router.refresh();
        return;
      }
      const details = result.details as { missing?: CompletenessIssue[] } | undefined;
      if (details?.missing) setMissing(details.missing);
      setError(result.fieldErrors?.effectiveOn?.[0] ?? result.formError ?? "errors.unexpected");
    });

  const { status, id } = version;
  const stepOf = (name: LifecycleStepView["step"]) => steps.find((s) => s.step === name);
  const offered = (name: LifecycleStepView["step"]) => stepOf(name)?.available === true;
  const notes = steps.filter((s) => !s.available && s.reason);
  const buttons = [];
  if (status === "draft" && can.edit) {
    buttons.push(
      <Button key="edit" type="button" onClick={() => router.push(`/plans/${planId}/versions/${id}/edit`)}>
        {t("plans.actions.edit")}
      </Button>,
    );
  }
  if (status === "draft" && offered("propose")) {
    buttons.push(
      <Button
        key="propose"
        type="button"
        variant="secondary"
        disabled={pending}
        onClick={() => run(() => actions.propose({ versionId: id }))}
      >
        {t("plans.actions.propose")}
      </Button>,
    );
  }
  if (status === "proposed" && offered("returnToDraft")) {
    buttons.push(
      <Button
        key="back"
        type="button"
        variant="secondary"
        disabled={pending}
        onClick={() => run(() => actions.returnToDraft({ versionId: id }))}
      >
        {t("plans.actions.returnToDraft")}
      </Button>,
    );
  }
  if ((status === "draft" || status === "proposed") && offered("finalize")) {
    buttons.push(
      <Button
        key="finalize"
        type="button"
        disabled={pending}
        onClick={() => run(() => actions.finalize({ versionId: id }))}
      >
        {t("plans.actions.finalize")}
      </Button>,
    );
  }
  if (status === "active" && offered("amend")) {
    buttons.push(
      <Button
        key="amend"
        type="button"
        variant="secondary"
        disabled={pending}
        onClick={() =>
          run(
            () => actions.amend({ versionId: id }),
            (data) => router.push(`/plans/${planId}/versions/${(data as { versionId: string }).versionId}/edit`),
          )
        }
      >
        {t("plans.actions.amend")}
      </Button>,
    );
  }
  if (status === "draft" && can.edit) {
    buttons.push(
      <Button
        key="discard"
        type="button"
        variant="danger"
        disabled={pending}
        onClick={() => {
          if (!window.confirm(t("plans.actions.discardConfirm"))) return;
          run(
            () => actions.discard({ versionId: id }),
            (data) =>
              router.push(
                (data as { planRemoved: boolean }).planRemoved ? `/students/${studentId}` : `/plans/${planId}`,
              ),
          );
        }}
      >
        {t("plans.actions.discard")}
      </Button>,
    );
  }

  const activation =
    status === "final" && offered("activate") ? (
      <form
        className="flex flex-wrap items-end gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          run(() =>
            actions.activate({ versionId: id, effectiveOn, endActive504: replaces504 ? confirm504 : undefined }),
          );
        }}
      >
        <div>
          <label htmlFor="effective-on" className="block text-sm font-medium">
            {t("plans.actions.effectiveOn")}
          </label>
          <input
            id="effective-on"
            type="date"
            required
            aria-describedby="effective-on-hint"
            value={effectiveOn}
            onChange={(e) => setEffectiveOn(e.target.value)}
            className={inputClass}
          />
        </div>
        <p id="effective-on-hint" className="w-full text-sm text-slate-600">
          {t("lifecycle.scheduledNote")}
        </p>
        {replaces504 && (
          <label className="flex max-w-md items-start gap-2 text-sm">
            <input
              type="checkbox"
              checked={confirm504}
              onChange={(e) => setConfirm504(e.target.checked)}
              className="mt-1"
            />
            <span>{t("plans.actions.confirmEnd504")}</span>
          </label>
        )}
        <Button type="submit" disabled={pending || (replaces504 && !confirm504)}>
          {t("plans.actions.activate")}
        </Button>
      </form>
    ) : null;

  const scheduled =
    status === "final" && scheduledOn ? (
      <Alert tone="info">
        <p>{t("lifecycle.takesEffectOn", { date: scheduledOn })}</p>
        <p>{t("lifecycle.scheduledNote")}</p>
      </Alert>
    ) : null;

  if (buttons.length === 0 && !activation && notes.length === 0 && !scheduled) return null;
  return (
    <section aria-labelledby="plan-actions-title" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="plan-actions-title" className="font-semibold">
        {t("plans.actions.title")}
      </h2>
      {error && (
        <Alert tone="error" live>
          <p>{t(messageKey(error))}</p>
          {missing && missing.length > 0 && (
            <div className="mt-2">
              <MissingList issues={missing} />
            </div>
          )}
        </Alert>
      )}
      {scheduled}
      {buttons.length > 0 && <div className="flex flex-wrap gap-2">{buttons}</div>}
      {notes.length > 0 && (
        <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
          {notes.map((note) => (
            <li key={note.step}>
              {t(messageKey(note.reason ?? ""))}
              {note.href && (
                <>
                  {" "}
                  <Link href={note.href} className="text-brand-700 underline">
                    {t(messageKey(`lifecycle.unavailable.go.${note.step}`))}
                  </Link>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {activation}
    </section>
  );
}
