import { beforeEach, describe, expect, it } from "vitest";
import {
  BACKUP_TTL_MS,
  backupKey,
  clearAllBackups,
  clearBackup,
  purgeBackups,
  readBackup,
  writeBackup,
} from "./draft-backup";

/** An in-memory Web Storage (the browser's localStorage contract). */
class MemoryStorage implements Storage {
  private items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  keys() {
    return [...this.items.keys()];
  }
}

const T0 = Date.UTC(2026, 10, 2, 14, 0, 0);
const content = { text: "Extended time on tests" };

describe("unsaved plan text in the browser (issue 9 §2: keyed by user, expiring, cleared on sign-out)", () => {
  let storage: MemoryStorage;
  beforeEach(() => {
    storage = new MemoryStorage();
  });

  it("keys a backup by user and version", () => {
    writeBackup(storage, { userId: "u1", versionId: "v1", content, baseLock: 3, at: T0 });
    expect(storage.keys()).toEqual([backupKey("u1", "v1")]);
    expect(backupKey("u1", "v1")).toBe("planpath:draft:u1:v1");
  });

  it("restores a backup to the user who typed it, within 24 hours", () => {
    writeBackup(storage, { userId: "u1", versionId: "v1", content, baseLock: 3, at: T0 });
    expect(readBackup(storage, "u1", "v1", T0 + BACKUP_TTL_MS - 1)).toMatchObject({ content, baseLock: 3 });
  });

  it("never restores another user's backup, and deletes it", () => {
    writeBackup(storage, { userId: "u1", versionId: "v1", content, baseLock: 3, at: T0 });
    expect(readBackup(storage, "u2", "v1", T0 + 1000)).toBeNull();
    expect(storage.length).toBe(0);
  });

  it("refuses a backup copied under another user's key", () => {
    storage.setItem(
      backupKey("u2", "v1"),
      JSON.stringify({ userId: "u1", versionId: "v1", content, baseLock: 3, at: T0 }),
    );
    expect(readBackup(storage, "u2", "v1", T0 + 1000)).toBeNull();
    expect(storage.length).toBe(0);
  });

  it("expires a backup after 24 hours (and one dated in the future)", () => {
    writeBackup(storage, { userId: "u1", versionId: "v1", content, baseLock: 3, at: T0 });
    expect(readBackup(storage, "u1", "v1", T0 + BACKUP_TTL_MS)).toBeNull();
    expect(storage.length).toBe(0);
    writeBackup(storage, { userId: "u1", versionId: "v1", content, baseLock: 3, at: T0 + 60_000 });
    expect(readBackup(storage, "u1", "v1", T0)).toBeNull();
  });

  it("drops the old unkeyed backups (planpath:draft:<versionId>) without restoring them", () => {
    storage.setItem("planpath:draft:v1", JSON.stringify({ content, baseLock: 3, at: T0 }));
    storage.setItem("unrelated", "kept");
    purgeBackups(storage, "u1", T0);
    expect(storage.keys()).toEqual(["unrelated"]);
  });

  it("clears one version's backup once saved, and every backup on sign-out", () => {
    writeBackup(storage, { userId: "u1", versionId: "v1", content, baseLock: 3, at: T0 });
    writeBackup(storage, { userId: "u1", versionId: "v2", content, baseLock: 1, at: T0 });
    storage.setItem("planpath:locale", "es");
    clearBackup(storage, "u1", "v1");
    expect(storage.keys()).toEqual([backupKey("u1", "v2"), "planpath:locale"]);
    clearAllBackups(storage);
    expect(storage.keys()).toEqual(["planpath:locale"]);
  });
});
