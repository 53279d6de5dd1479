"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { FieldPath, UseFormReturn } from "react-hook-form";
import type { ActionResult } from "@/lib/actions/types";
import type { DraftForEdit } from "@/lib/dto/plans";
import { clearBackup, readBackup, writeBackup } from "@/lib/plans/draft-backup";
import { contentSchemaFor, type PlanContent } from "@/lib/validation/plans";
import {
  initialSaveState,
  transition,
  type SaveEffect,
  type SaveEvent,
  type SaveState,
  type Snapshot,
} from "./save-machine";

export type SaveDraft = (input: {
  versionId: string;
  lockVersion: number;
  content: PlanContent;
}) => Promise<ActionResult<{ lockVersion: number; savedAt: string }>>;

/**
 * Runs the save state machine (`save-machine.ts`) for one draft in the editor: feeds it the form's
 * edits, the autosave timer and the server's answers, and performs its effects (browser backup for
 * this user and version, timers, validation, the save call). Warns before leaving with unsaved text.
 */
export function useDraftAutosave({
  form,
  draft,
  userId,
  save,
}: {
  form: UseFormReturn<PlanContent>;
  draft: DraftForEdit;
  userId: string;
  save: SaveDraft;
}): { state: SaveState; resolveConflict: (merged: PlanContent) => void } {
  const versionId = draft.version.id;
  const [state, setState] = useState<SaveState>(() => initialSaveState(draft.version));
  const stateRef = useRef<SaveState>(state);
  const timerRef = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const dispatchRef = useRef<(event: SaveEvent) => void>(() => {});

  const snapshot = useCallback((): Snapshot => {
    const content = form.getValues();
    return { content, json: JSON.stringify(content) };
  }, [form]);

  const run = useCallback(
    (effect: SaveEffect) => {
      const dispatch = (event: SaveEvent) => dispatchRef.current(event);
      switch (effect.type) {
        case "writeBackup":
          writeBackup(window.localStorage, {
            userId,
            versionId,
            content: effect.content,
            baseLock: effect.baseLock,
            at: Date.now(),
          });
          return;
        case "clearBackup":
          clearBackup(window.localStorage, userId, versionId);
          return;
        case "schedule":
          clearTimeout(timerRef.current);
          timerRef.current = setTimeout(() => dispatch({ type: "saveDue", now: snapshot() }), effect.delay);
          return;
        case "saveNow":
          dispatch({ type: "saveDue", now: snapshot() });
          return;
        case "validate":
          void form.trigger().then((ok) => dispatch({ type: "validated", ok, now: effect.now }));
          return;
        case "resetForm":
          form.reset(effect.content, { keepDefaultValues: true });
          return;
        case "setFieldErrors":
          for (const [path, keys] of Object.entries(effect.fieldErrors))
            form.setError(path.replace(/^content\./, "") as FieldPath<PlanContent>, { message: keys[0] });
          return;
        case "save":
          void save({ versionId, lockVersion: effect.lockVersion, content: effect.now.content })
            .catch(() => null)
            .then((result) => dispatch(resultEvent(result, effect.now, snapshot())));
          return;
      }
    },
    [form, save, snapshot, userId, versionId],
  );

  useEffect(() => {
    dispatchRef.current = (event: SaveEvent) => {
      const [next, effects] = transition(stateRef.current, event);
      stateRef.current = next;
      setState(next);
      effects.forEach(run);
    };
  }, [run]);

  useEffect(
    () =>
      form.subscribe({
        formState: { values: true },
        callback: () => dispatchRef.current({ type: "edited", now: snapshot() }),
      }),
    [form, snapshot],
  );

  useEffect(() => {
    const backup = readBackup(window.localStorage, userId, versionId, Date.now());
    if (!backup) return;
    const parsed = contentSchemaFor(draft.plan.type).safeParse(backup.content);
    if (!parsed.success) return;
    const content = parsed.data as PlanContent;
    dispatchRef.current({
      type: "backupFound",
      backup: { content, json: JSON.stringify(content) },
      baseLock: backup.baseLock,
      server: {
        theirs: draft.version.content,
        lockVersion: draft.version.lockVersion,
        savedBy: draft.version.savedBy,
        savedAt: draft.version.savedAt,
      },
    });
    // Runs once on mount: restores what this browser kept for this draft.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (stateRef.current.status !== "saved") event.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => {
      window.removeEventListener("beforeunload", warn);
      clearTimeout(timerRef.current);
    };
  }, []);

  const resolveConflict = useCallback((merged: PlanContent) => {
    dispatchRef.current({ type: "conflictResolved", merged });
  }, []);

  return { state, resolveConflict };
}

/** The machine event for a save call's outcome (`null`: the request itself failed). */
export function resultEvent(result: Awaited<ReturnType<SaveDraft>> | null, sent: Snapshot, now: Snapshot): SaveEvent {
  if (!result) return { type: "saveFailed" };
  if (result.ok)
    return {
      type: "saveSucceeded",
      sent: sent.json,
      lockVersion: result.data.lockVersion,
      savedAt: result.data.savedAt,
      now,
    };
  const details = result.details as
    { content?: PlanContent; lockVersion?: number; savedBy?: string | null; savedAt?: string } | undefined;
  if (result.code === "CONFLICT" && details?.content && details.lockVersion)
    return {
      type: "conflicted",
      conflict: {
        theirs: details.content,
        mine: sent.content,
        lockVersion: details.lockVersion,
        savedBy: details.savedBy ?? null,
        savedAt: details.savedAt ?? new Date().toISOString(),
      },
    };
  if (result.code === "CONFLICT" || result.code === "NOT_FOUND" || result.code === "FORBIDDEN")
    return { type: "locked", message: result.formError ?? "errors.unexpected" };
  if (result.code === "UNAUTHENTICATED") return { type: "signedOut" };
  if (result.code === "VALIDATION") return { type: "rejected", fieldErrors: result.fieldErrors ?? {} };
  return { type: "saveFailed" };
}
