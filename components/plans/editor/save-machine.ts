import type { PlanContent } from "@/lib/validation/plans";

/**
 * The plan editor's save state machine, as a pure transition function: every event (an edit, the
 * autosave timer, a save result, a browser backup found on load, a conflict resolved) gives the
 * next state and the effects the hook must run (write or clear the browser backup, schedule a save,
 * validate, call the server, reset the form). No I/O here, so every path is unit-tested.
 *
 * Statuses: `saved` (clean: the server has the text), `unsaved` (dirty: the text is kept in this
 * browser and a save is scheduled), `saving`, `error` (offline or server error: the backup is kept
 * and a retry is scheduled), `invalid` (a field needs attention), and three stopped statuses in which
 * edits only update the backup: `conflict` (someone else saved; both texts shown), `signedOut`,
 * `locked` (the version is no longer an editable draft). `restored` marks text restored from the
 * browser backup.
 */
export type SaveStatus = "saved" | "unsaved" | "saving" | "error" | "invalid" | "signedOut" | "conflict" | "locked";

export const STOPPED: readonly SaveStatus[] = ["conflict", "signedOut", "locked"];
export const AUTOSAVE_DELAY_MS = 1200;
export const RETRY_DELAY_MS = 5000;

export interface Conflict {
  theirs: PlanContent;
  mine: PlanContent;
  lockVersion: number;
  savedBy: string | null;
  savedAt: string;
}

export interface SaveState {
  status: SaveStatus;
  /** The lock version the next save is based on. */
  lockVersion: number;
  /** The text the server has, as JSON (equal text ⇒ nothing to save). */
  savedJson: string;
  savedAt: string | null;
  conflict: Conflict | null;
  lockedMessage: string | null;
  restored: boolean;
  /** A save request is in flight. */
  inFlight: boolean;
  /** A save was asked for while one was in flight: schedule another when it ends. */
  pending: boolean;
}

/** The text of the form at the moment of an event, with its JSON. */
export interface Snapshot {
  content: PlanContent;
  json: string;
}

export type SaveEvent =
  | { type: "edited"; now: Snapshot }
  | { type: "saveDue"; now: Snapshot }
  | { type: "validated"; ok: boolean; now: Snapshot }
  | { type: "saveSucceeded"; sent: string; lockVersion: number; savedAt: string; now: Snapshot }
  | { type: "saveFailed" }
  | { type: "conflicted"; conflict: Conflict }
  | { type: "locked"; message: string }
  | { type: "signedOut" }
  | { type: "rejected"; fieldErrors: Record<string, string[]> }
  | { type: "backupFound"; backup: Snapshot; baseLock: number; server: Omit<Conflict, "mine"> }
  | { type: "conflictResolved"; merged: PlanContent };

export type SaveEffect =
  | { type: "writeBackup"; content: PlanContent; baseLock: number }
  | { type: "clearBackup" }
  | { type: "schedule"; delay: number }
  | { type: "validate"; now: Snapshot }
  | { type: "save"; now: Snapshot; lockVersion: number }
  | { type: "resetForm"; content: PlanContent }
  | { type: "setFieldErrors"; fieldErrors: Record<string, string[]> }
  | { type: "saveNow" };

/** The state of a freshly opened draft. */
export function initialSaveState(draft: { content: PlanContent; lockVersion: number; savedAt: string }): SaveState {
  return {
    status: "saved",
    lockVersion: draft.lockVersion,
    savedJson: JSON.stringify(draft.content),
    savedAt: draft.savedAt,
    conflict: null,
    lockedMessage: null,
    restored: false,
    inFlight: false,
    pending: false,
  };
}

const stopped = (state: SaveState) => STOPPED.includes(state.status);

/** The next state and the effects to run, for one event. Pure. */
export function transition(state: SaveState, event: SaveEvent): [SaveState, SaveEffect[]] {
  switch (event.type) {
    case "edited": {
      if (event.now.json === state.savedJson)
        return [stopped(state) ? state : { ...state, status: "saved" }, [{ type: "clearBackup" }]];
      const backup: SaveEffect = { type: "writeBackup", content: event.now.content, baseLock: state.lockVersion };
      if (stopped(state)) return [state, [backup]];
      return [{ ...state, status: "unsaved" }, [backup, { type: "schedule", delay: AUTOSAVE_DELAY_MS }]];
    }
    case "saveDue": {
      if (state.inFlight) return [{ ...state, pending: true }, []];
      if (stopped(state)) return [state, []];
      if (event.now.json === state.savedJson) return [{ ...state, status: "saved" }, [{ type: "clearBackup" }]];
      return [state, [{ type: "validate", now: event.now }]];
    }
    case "validated": {
      if (!event.ok) return [{ ...state, status: "invalid" }, []];
      if (state.inFlight) return [{ ...state, pending: true }, []];
      if (stopped(state)) return [state, []];
      return [
        { ...state, status: "saving", inFlight: true },
        [{ type: "save", now: event.now, lockVersion: state.lockVersion }],
      ];
    }
    case "saveSucceeded": {
      const base = { ...state, inFlight: false, pending: false, lockVersion: event.lockVersion, savedJson: event.sent };
      const next: SaveState = { ...base, savedAt: event.savedAt };
      const effects: SaveEffect[] = [];
      if (event.now.json === event.sent) {
        next.status = "saved";
        effects.push({ type: "clearBackup" });
      } else {
        next.status = "unsaved";
        effects.push(
          { type: "writeBackup", content: event.now.content, baseLock: event.lockVersion },
          { type: "schedule", delay: AUTOSAVE_DELAY_MS },
        );
      }
      if (state.pending && next.status === "saved") effects.push({ type: "schedule", delay: AUTOSAVE_DELAY_MS });
      return [next, effects];
    }
    case "saveFailed":
      return [{ ...state, inFlight: false, status: "error" }, [{ type: "schedule", delay: RETRY_DELAY_MS }]];
    case "conflicted":
      return [{ ...state, inFlight: false, status: "conflict", conflict: event.conflict }, []];
    case "locked":
      return [{ ...state, inFlight: false, status: "locked", lockedMessage: event.message }, []];
    case "signedOut":
      return [{ ...state, inFlight: false, status: "signedOut" }, []];
    case "rejected":
      return [
        { ...state, inFlight: false, status: "invalid" },
        [{ type: "setFieldErrors", fieldErrors: event.fieldErrors }],
      ];
    case "backupFound": {
      if (event.backup.json === state.savedJson) return [state, [{ type: "clearBackup" }]];
      if (event.baseLock === state.lockVersion)
        return [
          { ...state, status: "unsaved", restored: true },
          [
            { type: "resetForm", content: event.backup.content },
            { type: "schedule", delay: AUTOSAVE_DELAY_MS },
          ],
        ];
      return [{ ...state, status: "conflict", conflict: { ...event.server, mine: event.backup.content } }, []];
    }
    case "conflictResolved": {
      if (!state.conflict) return [state, []];
      return [
        {
          ...state,
          status: "unsaved",
          conflict: null,
          lockVersion: state.conflict.lockVersion,
          savedJson: JSON.stringify(state.conflict.theirs),
        },
        [{ type: "resetForm", content: event.merged }, { type: "saveNow" }],
      ];
    }
  }
}
