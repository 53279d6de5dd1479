"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useFormatter, useTranslations } from "next-intl";
import Link from "next/link";
import { useCallback, useEffect, useRef, useState } from "react";
import { FormProvider, useForm, useWatch, type FieldPath, type Resolver } from "react-hook-form";
import type { ActionResult } from "@/lib/actions/types";
import type { AccommodationBankItem, GoalBankItem } from "@/lib/dto/banks";
import type { DraftForEdit } from "@/lib/dto/plans";
import { clearBackup as removeBackup, readBackup, writeBackup as storeBackup } from "@/lib/plans/draft-backup";
import { completeness } from "@/lib/validation/plan-completeness";
import { contentSchemaFor, type PlanContent } from "@/lib/validation/plans";
import { Alert } from "../../ui/alert";
import { MissingList } from "../missing-list";
import { ConflictPanel } from "./conflict-panel";
import { IepFields } from "./iep-fields";
import { Plan504Fields } from "./plan504-fields";

type Status = "saved" | "unsaved" | "saving" | "error" | "invalid" | "signedOut" | "conflict" | "locked";
const STOPPED: Status[] = ["conflict", "signedOut", "locked"];
const AUTOSAVE_DELAY_MS = 1200;
const RETRY_DELAY_MS = 5000;

interface Conflict {
  theirs: PlanContent;
  mine: PlanContent;
  lockVersion: number;
  savedBy: string | null;
  savedAt: string;
}

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
 * instead of overwriting either.
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
    resolver: zodResolver(schema as never) as unknown as Resolver<PlanContent>,
    mode: "onChange",
  });
  const versionId = draft.version.id;
  const lockRef = useRef(draft.version.lockVersion);
  const savedJsonRef = useRef(JSON.stringify(draft.version.content));
  const statusRef = useRef<Status>("saved");
  const savingRef = useRef(false);
  const pendingRef = useRef(false);
  const timerRef = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [status, setStatusState] = useState<Status>("saved");
  const [savedAt, setSavedAt] = useState(draft.version.savedAt);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [lockedMessage, setLockedMessage] = useState<string | null>(null);
  const [restored, setRestored] = useState(false);

  const setStatus = useCallback((next: Status) => {
    statusRef.current = next;
    setStatusState(next);
  }, []);

  const writeBackup = useCallback(
    (content: PlanContent) =>
      storeBackup(window.localStorage, { userId, versionId, content, baseLock: lockRef.current, at: Date.now() }),
    [userId, versionId],
  );
  const clearBackup = useCallback(() => removeBackup(window.localStorage, userId, versionId), [userId, versionId]);

  const saveRef = useRef<() => Promise<void>>(async () => {});
  const schedule = useCallback((delay = AUTOSAVE_DELAY_MS) => {
    clearTimeout(timerRef.current);
    timerRef.current = setTimeout(() => void saveRef.current(), delay);
  }, []);

  const save = useCallback(async () => {
    if (savingRef.current) {
      pendingRef.current = true;
      return;
    }
    if (STOPPED.includes(statusRef.current)) return;
    const content = form.getValues();
    const json = JSON.stringify(content);
    if (json === savedJsonRef.current) {
      clearBackup();
      setStatus("saved");
      return;
    }
    if (!(await form.trigger())) {
      setStatus("invalid");
      return;
    }
    savingRef.current = true;
    setStatus("saving");
    let result: Awaited<ReturnType<PlanEditorActions["save"]>> | null = null;
    try {
      result = await actions.save({ versionId: draft.version.id, lockVersion: lockRef.current, content });
    } catch {
      result = null;
    }
    savingRef.current = false;
    if (!result) {
      setStatus("error");
      schedule(RETRY_DELAY_MS);
      return;
    }
    if (result.ok) {
      lockRef.current = result.data.lockVersion;
      savedJsonRef.current = json;
      setSavedAt(result.data.savedAt);
      const now = form.getValues();
      if (JSON.stringify(now) === json) {
        clearBackup();
        setStatus("saved");
      } else {
        writeBackup(now);
        setStatus("unsaved");
        schedule();
      }
      if (pendingRef.current) {
        pendingRef.current = false;
        schedule();
      }
      return;
    }
    const details = result.details as
      { content?: PlanContent; lockVersion?: number; savedBy?: string | null; savedAt?: string } | undefined;
    if (result.code === "CONFLICT" && details?.content && details.lockVersion) {
      setConflict({
        theirs: details.content,
        mine: content,
        lockVersion: details.lockVersion,
        savedBy: details.savedBy ?? null,
        savedAt: details.savedAt ?? new Date().toISOString(),
      });
      setStatus("conflict");
    } else if (result.code === "CONFLICT" || result.code === "NOT_FOUND" || result.code === "FORBIDDEN") {
      setLockedMessage(result.formError ?? "errors.unexpected");
      setStatus("locked");
    } else if (result.code === "UNAUTHENTICATED") {
      setStatus("signedOut");
    } else if (result.code === "VALIDATION") {
      for (const [path, keys] of Object.entries(result.fieldErrors ?? {})) {
        form.setError(path.replace(/^content\./, "") as FieldPath<PlanContent>, { message: keys[0] });
      }
      setStatus("invalid");
    } else {
      setStatus("error");
      schedule(RETRY_DELAY_MS);
    }
  }, [actions, clearBackup, draft.version.id, form, schedule, setStatus, writeBackup]);
  useEffect(() => {
    saveRef.current = save;
  }, [save]);

  useEffect(() => {
    return form.subscribe({
      formState: { values: true },
      callback: () => {
        const content = form.getValues();
        if (JSON.stringify(content) === savedJsonRef.current) {
          clearBackup();
          if (!STOPPED.includes(statusRef.current)) setStatus("saved");
          return;
        }
        writeBackup(content);
        if (STOPPED.includes(statusRef.current)) return;
        setStatus("unsaved");
        schedule();
      },
    });
  }, [clearBackup, form, schedule, setStatus, writeBackup]);

  useEffect(() => {
    const backup = readBackup(window.localStorage, userId, versionId, Date.now());
    if (!backup) return;
    const parsed = schema.safeParse(backup.content);
    if (!parsed.success || JSON.stringify(parsed.data) === savedJsonRef.current) {
      if (parsed.success) clearBackup();
      return;
    }
    const restoredContent = parsed.data as PlanContent;
    if (backup.baseLock === lockRef.current) {
      form.reset(restoredContent, { keepDefaultValues: true });
      setRestored(true);
      setStatus("unsaved");
      schedule();
    } else {
      setConflict({
        theirs: draft.version.content,
        mine: restoredContent,
        lockVersion: lockRef.current,
        savedBy: draft.version.savedBy,
        savedAt: draft.version.savedAt,
      });
      setStatus("conflict");
    }
    // Runs once on mount: restores what this browser kept for this draft.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (statusRef.current !== "saved") event.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => {
      window.removeEventListener("beforeunload", warn);
      clearTimeout(timerRef.current);
    };
  }, []);

  const resolveConflict = (merged: PlanContent) => {
    if (!conflict) return;
    lockRef.current = conflict.lockVersion;
    savedJsonRef.current = JSON.stringify(conflict.theirs);
    setConflict(null);
    statusRef.current = "unsaved";
    form.reset(merged, { keepDefaultValues: true });
    setStatus("unsaved");
    void save();
  };

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
    locked: lockedMessage ? t(lockedMessage as never) : t("errors.versionNotDraft"),
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
