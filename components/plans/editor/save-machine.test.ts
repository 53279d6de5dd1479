import { describe, expect, it } from "vitest";
import { emptyContent, type PlanContent } from "@/lib/validation/plans";
import {
  AUTOSAVE_DELAY_MS,
  initialSaveState,
  RETRY_DELAY_MS,
  transition,
  type SaveState,
  type Snapshot,
} from "./save-machine";

const server = { ...emptyContent("504"), impairment: "On the server" };
const snap = (impairment: string): Snapshot => {
  const content: PlanContent = { ...emptyContent("504"), impairment };
  return { content, json: JSON.stringify(content) };
};
const start = () => initialSaveState({ content: server, lockVersion: 4, savedAt: "2026-11-02T15:00:00.000Z" });
const at = (state: SaveState, patch: Partial<SaveState>): SaveState => ({ ...state, ...patch });
const conflict = { theirs: server, mine: snap("Mine").content, lockVersion: 6, savedBy: "B", savedAt: "x" };

describe("plan editor save machine (issue 14: a pure reducer)", () => {
  it("starts clean (saved) with the server's lock version", () => {
    expect(start()).toMatchObject({
      status: "saved",
      lockVersion: 4,
      inFlight: false,
      conflict: null,
      restored: false,
    });
  });

  it("an edit makes it dirty: backup written against the current lock, autosave scheduled", () => {
    const [next, effects] = transition(start(), { type: "edited", now: snap("Typed") });
    expect(next.status).toBe("unsaved");
    expect(effects).toEqual([
      { type: "writeBackup", content: snap("Typed").content, baseLock: 4 },
      { type: "schedule", delay: AUTOSAVE_DELAY_MS },
    ]);
  });

  it("typing back to the saved text is clean again and drops the backup", () => {
    const dirty = at(start(), { status: "unsaved" });
    const [next, effects] = transition(dirty, { type: "edited", now: snap("On the server") });
    expect(next.status).toBe("saved");
    expect(effects).toEqual([{ type: "clearBackup" }]);
  });

  it("when the timer fires it validates, then saves against the lock version", () => {
    const dirty = at(start(), { status: "unsaved" });
    const [same, validate] = transition(dirty, { type: "saveDue", now: snap("Typed") });
    expect(same).toBe(dirty);
    expect(validate).toEqual([{ type: "validate", now: snap("Typed") }]);
    const [saving, effects] = transition(same, { type: "validated", ok: true, now: snap("Typed") });
    expect(saving).toMatchObject({ status: "saving", inFlight: true });
    expect(effects).toEqual([{ type: "save", now: snap("Typed"), lockVersion: 4 }]);
  });

  it("invalid text is not sent", () => {
    const [next, effects] = transition(at(start(), { status: "unsaved" }), {
      type: "validated",
      ok: false,
      now: snap("x"),
    });
    expect(next.status).toBe("invalid");
    expect(effects).toEqual([]);
  });

  it("a save asked for while one is in flight waits, and is scheduled when the first ends", () => {
    const saving = at(start(), { status: "saving", inFlight: true });
    const [queued, none] = transition(saving, { type: "saveDue", now: snap("More") });
    expect(queued.pending).toBe(true);
    expect(none).toEqual([]);
    const [saved, effects] = transition(queued, {
      type: "saveSucceeded",
      sent: snap("More").json,
      lockVersion: 5,
      savedAt: "t",
      now: snap("More"),
    });
    expect(saved).toMatchObject({ status: "saved", lockVersion: 5, inFlight: false, pending: false, savedAt: "t" });
    expect(effects).toEqual([{ type: "clearBackup" }, { type: "schedule", delay: AUTOSAVE_DELAY_MS }]);
  });

  it("text typed during the save stays dirty: backed up against the new lock and saved again", () => {
    const saving = at(start(), { status: "saving", inFlight: true });
    const [next, effects] = transition(saving, {
      type: "saveSucceeded",
      sent: snap("Sent").json,
      lockVersion: 5,
      savedAt: "t",
      now: snap("Sent and more"),
    });
    expect(next).toMatchObject({ status: "unsaved", lockVersion: 5, savedJson: snap("Sent").json });
    expect(effects).toEqual([
      { type: "writeBackup", content: snap("Sent and more").content, baseLock: 5 },
      { type: "schedule", delay: AUTOSAVE_DELAY_MS },
    ]);
  });

  it("offline or a server error keeps the backup and retries later", () => {
    const [next, effects] = transition(at(start(), { status: "saving", inFlight: true }), { type: "saveFailed" });
    expect(next).toMatchObject({ status: "error", inFlight: false });
    expect(effects).toEqual([{ type: "schedule", delay: RETRY_DELAY_MS }]);
  });

  it("a conflict, a lost session or a locked version stop saving; edits then only update the backup", () => {
    const saving = at(start(), { status: "saving", inFlight: true });
    for (const event of [
      { type: "conflicted" as const, conflict },
      { type: "signedOut" as const },
      { type: "locked" as const, message: "errors.versionNotDraft" },
    ]) {
      const [stopped] = transition(saving, event);
      expect(stopped.inFlight).toBe(false);
      const [after, effects] = transition(stopped, { type: "edited", now: snap("Still typing") });
      expect(after).toBe(stopped);
      expect(effects).toEqual([{ type: "writeBackup", content: snap("Still typing").content, baseLock: 4 }]);
      expect(transition(stopped, { type: "saveDue", now: snap("Still typing") })[1]).toEqual([]);
    }
    expect(transition(saving, { type: "locked", message: "k" })[0].lockedMessage).toBe("k");
  });

  it("a server validation refusal marks the fields", () => {
    const [next, effects] = transition(at(start(), { inFlight: true }), {
      type: "rejected",
      fieldErrors: { "content.impairment": ["validation.tooLong"] },
    });
    expect(next.status).toBe("invalid");
    expect(effects).toEqual([
      { type: "setFieldErrors", fieldErrors: { "content.impairment": ["validation.tooLong"] } },
    ]);
  });

  it("a backup typed against the current lock is restored and autosaved", () => {
    const [next, effects] = transition(start(), {
      type: "backupFound",
      backup: snap("From the browser"),
      baseLock: 4,
      server: { theirs: server, lockVersion: 4, savedBy: null, savedAt: "s" },
    });
    expect(next).toMatchObject({ status: "unsaved", restored: true });
    expect(effects).toEqual([
      { type: "resetForm", content: snap("From the browser").content },
      { type: "schedule", delay: AUTOSAVE_DELAY_MS },
    ]);
  });

  it("a backup typed against an older lock is a conflict showing both texts", () => {
    const [next, effects] = transition(at(start(), { lockVersion: 6 }), {
      type: "backupFound",
      backup: snap("From the browser"),
      baseLock: 4,
      server: { theirs: server, lockVersion: 6, savedBy: "B", savedAt: "s" },
    });
    expect(next.status).toBe("conflict");
    expect(next.conflict).toEqual({
      theirs: server,
      mine: snap("From the browser").content,
      lockVersion: 6,
      savedBy: "B",
      savedAt: "s",
    });
    expect(effects).toEqual([]);
  });

  it("a backup equal to the server text is just removed", () => {
    const [next, effects] = transition(start(), {
      type: "backupFound",
      backup: { content: server, json: JSON.stringify(server) },
      baseLock: 3,
      server: { theirs: server, lockVersion: 4, savedBy: null, savedAt: "s" },
    });
    expect(next).toEqual(start());
    expect(effects).toEqual([{ type: "clearBackup" }]);
  });

  it("resolving a conflict adopts their lock and text as the base, shows the merge and saves it now", () => {
    const merged = snap("Merged").content;
    const [next, effects] = transition(at(start(), { status: "conflict", conflict }), {
      type: "conflictResolved",
      merged,
    });
    expect(next).toMatchObject({
      status: "unsaved",
      conflict: null,
      lockVersion: 6,
      savedJson: JSON.stringify(server),
    });
    expect(effects).toEqual([{ type: "resetForm", content: merged }, { type: "saveNow" }]);
    expect(transition(start(), { type: "conflictResolved", merged })[1]).toEqual([]);
  });
});
