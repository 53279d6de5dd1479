// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { DraftForEdit } from "@/lib/dto/plans";
import { BACKUP_TTL_MS, backupKey } from "@/lib/plans/draft-backup";
import { emptyContent } from "@/lib/validation/plans";
import { renderWithIntl } from "../../testing/render";
import { PlanEditor, type PlanEditorActions } from "./plan-editor";

const NOW = Date.UTC(2026, 10, 2, 15, 0, 0);
const ME = "11111111-1111-4111-8111-111111111111";
const SOMEONE_ELSE = "22222222-2222-4222-8222-222222222222";
const VERSION = "33333333-3333-4333-8333-333333333333";
const RESTORED = "Unsaved changes from this browser were restored.";

const draft: DraftForEdit = {
  plan: { id: "44444444-4444-4444-8444-444444444444", type: "504" },
  student: { id: "55555555-5555-4555-8555-555555555555", name: "Ada Lovelace", birthDate: "2015-03-01" },
  version: {
    id: VERSION,
    number: 1,
    content: emptyContent("504"),
    lockVersion: 4,
    savedAt: new Date(NOW - 60_000).toISOString(),
    savedBy: "Case Manager",
  },
  providers: [],
  transitionAge: 16,
};

function actions(): PlanEditorActions {
  return {
    save: vi.fn(async () => ({ ok: true as const, data: { lockVersion: 5, savedAt: new Date(NOW).toISOString() } })),
    searchAccommodationBank: vi.fn(async () => ({ ok: true as const, data: [] })),
    searchGoalBank: vi.fn(async () => ({ ok: true as const, data: [] })),
  };
}

function leaveBackup(userId: string, at: number, impairment: string) {
  const content = { ...emptyContent("504"), impairment };
  window.localStorage.setItem(
    backupKey(userId, VERSION),
    JSON.stringify({ userId, versionId: VERSION, content, baseLock: 4, at }),
  );
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"], now: NOW });
});

afterEach(() => {
  cleanup();
  window.localStorage.clear();
  vi.useRealTimers();
});

describe("PlanEditor: the browser backup (issue 9 §2)", () => {
  it("restores the signed-in user's own backup and autosaves it", async () => {
    leaveBackup(ME, NOW - 60_000, "Typed before the session ended");
    const a = actions();
    await renderWithIntl(<PlanEditor draft={draft} userId={ME} actions={a} />);
    expect(await screen.findByText(RESTORED)).toBeTruthy();
    expect(screen.getByDisplayValue("Typed before the session ended")).toBeTruthy();
    await waitFor(() => expect(a.save).toHaveBeenCalledTimes(1), { timeout: 5000 });
    expect(vi.mocked(a.save).mock.calls[0]![0]).toMatchObject({ versionId: VERSION, lockVersion: 4 });
  });

  it("never restores another user's backup, and removes it from the browser", async () => {
    leaveBackup(SOMEONE_ELSE, NOW - 60_000, "Another person's IEP text");
    const legacy = {
      content: { ...emptyContent("504"), impairment: "Another person's IEP text" },
      baseLock: 4,
      at: NOW,
    };
    window.localStorage.setItem(`planpath:draft:${VERSION}`, JSON.stringify(legacy));
    const a = actions();
    await renderWithIntl(<PlanEditor draft={draft} userId={ME} actions={a} />);
    await waitFor(() => expect(Object.keys(window.localStorage)).toEqual([]));
    expect(screen.queryByText(RESTORED)).toBeNull();
    expect(screen.queryByDisplayValue("Another person's IEP text")).toBeNull();
    expect(a.save).not.toHaveBeenCalled();
  });

  it("does not restore the user's own backup after 24 hours", async () => {
    leaveBackup(ME, NOW - BACKUP_TTL_MS, "Yesterday's text");
    await renderWithIntl(<PlanEditor draft={draft} userId={ME} actions={actions()} />);
    await waitFor(() => expect(Object.keys(window.localStorage)).toEqual([]));
    expect(screen.queryByText(RESTORED)).toBeNull();
    expect(screen.queryByDisplayValue("Yesterday's text")).toBeNull();
  });
});

describe("PlanEditor: autosave and conflicts through useDraftAutosave (issue 14)", () => {
  it("autosaves typed text, and on a concurrent save shows both texts and saves the merge on the newer lock", async () => {
    const a = actions();
    const theirs = { ...emptyContent("504"), impairment: "Their text" };
    vi.mocked(a.save)
      .mockResolvedValueOnce({
        ok: false,
        code: "CONFLICT",
        details: { content: theirs, lockVersion: 7, savedBy: "Other Person", savedAt: new Date(NOW).toISOString() },
      })
      .mockResolvedValueOnce({ ok: true, data: { lockVersion: 8, savedAt: new Date(NOW).toISOString() } });
    await renderWithIntl(<PlanEditor draft={draft} userId={ME} actions={a} />);
    const status = () => document.getElementById("save-status")!;
    fireEvent.change(screen.getByLabelText("Physical or mental impairment"), { target: { value: "My text" } });
    expect(status().dataset.status).toBe("unsaved");
    expect(JSON.parse(window.localStorage.getItem(backupKey(ME, VERSION))!)).toMatchObject({
      baseLock: 4,
      content: { impairment: "My text" },
    });
    await waitFor(() => expect(status().dataset.status).toBe("conflict"), { timeout: 5000 });
    expect(vi.mocked(a.save).mock.calls[0]![0]).toMatchObject({ lockVersion: 4, content: { impairment: "My text" } });
    expect(screen.getByText("Their text")).toBeTruthy();
    expect(screen.getByText("Someone else saved this draft while you were editing.")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Save the merged draft" }));
    await waitFor(() => expect(status().dataset.status).toBe("saved"), { timeout: 5000 });
    expect(vi.mocked(a.save).mock.calls[1]![0]).toMatchObject({ lockVersion: 7, content: { impairment: "My text" } });
    expect(window.localStorage.getItem(backupKey(ME, VERSION))).toBeNull();
  });
});
