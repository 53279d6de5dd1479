"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useFormatter, useTranslations } from "next-intl";
import Link from "next/link";
import { FormProvider, useForm, useWatch, type Resolver } from "react-hook-form";
import type { ActionResult } from "@/lib/actions/types";
import type { AccommodationBankItem, GoalBankItem } from "@/lib/dto/banks";
import type { DraftForEdit } from "@/lib/dto/plans";
import { completeness } from "@/lib/validation/plan-completeness";
import { contentSchemaFor, type PlanContent } from "@/lib/validation/plans";
import { Alert } from "../../ui/alert";
import { MissingList } from "../missing-list";
import { ConflictPanel } from "./conflict-panel";
import { IepFields } from "./iep-fields";
import { Plan504Fields } from "./plan504-fields";
import { useDraftAutosave } from "./use-draft-autosave";
import { messageKey } from "@/lib/i18n/keys";

export interface PlanEditorActions {
  save: (input: {
    versionId: string;
    lockVersion: number;
    content: PlanContent;
  }) => Promise<ActionResult<{ lockVersion: number; savedAt: string }>>;
  searchAccommodationBank: (input: { q: string; category: string }) => Promise<ActionResult<AccommodationBankItem[]>>;
  searchGoalBank: (input: { q: string; category: string }) => Promise<ActionResult<GoalBankItem[]>>;
}

/**
 * The plan draft editor. Autosaves a moment after typing stops, shows whether everything is saved,
 * keeps every keystroke in this browser until the server has it (surviving reloads and expired
 * sessions, for this user only and at most 24 hours), and on a concurrent save shows both texts
 * instead of overwriting either. The save state machine is `save-machine.ts`, run by `useDraftAutosave`.
 */
export function PlanEditor({
  draft,
  userId,
  actions,
}: {
  draft: DraftForEdit;
  /** The signed-in user: the browser backup is theirs alone. */
  userId: string;
  actions: PlanEditorActions;
}) {
  const t = useTranslations();
  const format = useFormatter();
  const type = draft.plan.type;
  const schema = contentSchemaFor(type);
  const form = useForm<PlanContent>({
    defaultValues: draft.version.content,
    resolver: zodResolver(schema) as unknown as Resolver<PlanContent>,
    mode: "onChange",
  });
  const { state, resolveConflict } = useDraftAutosave({ form, draft, userId, save: actions.save });
  const { status, savedAt, conflict, lockedMessage, restored } = state;

  const values = useWatch({ control: form.control }) as PlanContent;
  const missing = completeness(type, { ...draft.version.content, ...values } as PlanContent, {
    birthDate: draft.student.birthDate,
  });
  const editUrl = `/plans/${draft.plan.id}/versions/${draft.version.id}/edit`;
  const statusText = {
    saved: savedAt
      ? t("plans.editor.status.savedAt", { time: format.dateTime(new Date(savedAt), { timeStyle: "short" }) })
      : t("plans.editor.status.saved"),
    unsaved: t("plans.editor.status.unsaved"),
    saving: t("plans.editor.status.saving"),
    error: t("plans.editor.status.error"),
    invalid: t("plans.editor.status.invalid"),
    signedOut: t("plans.editor.status.signedOut"),
    conflict: t("plans.editor.status.conflict"),
    locked: lockedMessage ? t(messageKey(lockedMessage)) : t("errors.versionNotDraft"),
  }[status];

  return (
    <FormProvider {...form}>
      <div className="grid gap-6 lg:grid-cols-[1fr_18rem]">
        <form
          onSubmit={(event) => event.preventDefault()}
          noValidate
          aria-describedby="save-status"
          className="min-w-0 space-y-6"
        >
          {restored && <Alert tone="info">{t("plans.editor.restored")}</Alert>}
          {conflict && (
            <ConflictPanel
              theirs={conflict.theirs}
              mine={conflict.mine}
              savedBy={conflict.savedBy}
              savedAt={conflict.savedAt}
              onResolve={resolveConflict}
            />
          )}
          <fieldset disabled={status === "conflict" || status === "locked"} className="space-y-6">
            {type === "iep" ? (
              <IepFields
                birthDate={draft.student.birthDate}
                transitionAge={draft.transitionAge}
                providers={draft.providers}
                searchAccommodationBank={actions.searchAccommodationBank}
                searchGoalBank={actions.searchGoalBank}
              />
            ) : (
              <Plan504Fields searchAccommodationBank={actions.searchAccommodationBank} />
            )}
          </fieldset>
        </form>
        <aside className="space-y-4 lg:sticky lg:top-4 lg:self-start">
          <div
            id="save-status"
            role="status"
            aria-live="polite"
            data-status={status}
            className={`rounded-md border px-3 py-2 text-sm font-medium ${
              status === "saved"
                ? "border-emerald-300 bg-emerald-50 text-emerald-900"
                : status === "unsaved" || status === "saving"
                  ? "border-slate-300 bg-white text-slate-800"
                  : "border-amber-400 bg-amber-50 text-amber-900"
            }`}
          >
            {statusText}
          </div>
          {status === "signedOut" && (
            <Link
              href={`/sign-in?callbackUrl=${encodeURIComponent(editUrl)}`}
              className="block font-medium text-brand-700 underline"
            >
              {t("plans.editor.signInAgain")}
            </Link>
          )}
          <section aria-labelledby="checklist-title" className="rounded-md border border-slate-200 bg-white p-3">
            <h2 id="checklist-title" className="mb-2 font-semibold">
              {t("plans.editor.checklistTitle")}
            </h2>
            {missing.length ? (
              <MissingList issues={missing} linkToFields />
            ) : (
              <p className="text-sm">{t("plans.editor.checklistDone")}</p>
            )}
          </section>
          <Link href={`/plans/${draft.plan.id}?version=${draft.version.id}`} className="block text-brand-700 underline">
            {t("plans.editor.backToPlan")}
          </Link>
        </aside>
      </div>
    </FormProvider>
  );
}
