/**
 * The browser copy of unsaved plan text (localStorage), kept until the server has it. A backup is
 * keyed by user and version, expires after 24 hours, is removed on sign-out, and is never restored
 * for anyone but the user who typed it (a shared school computer must not hand one person's IEP text
 * to the next). Pure over an injected `Storage` and clock, so it is unit-tested without a browser.
 */

export const BACKUP_PREFIX = "planpath:draft:";
export const BACKUP_TTL_MS = 24 * 60 * 60 * 1000;

export interface DraftBackup<C = unknown> {
  userId: string;
  versionId: string;
  content: C;
  /** The lock version the text was typed against (a newer server copy means a conflict). */
  baseLock: number;
  /** When the text was written (epoch milliseconds). */
  at: number;
}

/** The storage key of one user's backup of one version. */
export function backupKey(userId: string, versionId: string): string {
  return `${BACKUP_PREFIX}${userId}:${versionId}`;
}

function parse(raw: string | null): DraftBackup | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<DraftBackup>;
    if (typeof value.userId !== "string" || typeof value.versionId !== "string") return null;
    if (typeof value.baseLock !== "number" || typeof value.at !== "number") return null;
    return value as DraftBackup;
  } catch {
    return null;
  }
}

function backupKeys(storage: Storage): string[] {
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key?.startsWith(BACKUP_PREFIX)) keys.push(key);
  }
  return keys;
}

/** Stores the user's unsaved text for a version. Storage full or disabled: silently keeps nothing. */
export function writeBackup<C>(storage: Storage, backup: DraftBackup<C>): void {
  try {
    storage.setItem(backupKey(backup.userId, backup.versionId), JSON.stringify(backup));
  } catch {
    // The server copy stays the source of truth.
  }
}

/** Removes the user's backup of a version (the server has the text). */
export function clearBackup(storage: Storage, userId: string, versionId: string): void {
  storage.removeItem(backupKey(userId, versionId));
}

/**
 * Removes every backup that may not be restored for `userId` at `now`: other users' backups, expired
 * ones, unreadable ones and unkeyed backups written before backups were tied to a user.
 */
export function purgeBackups(storage: Storage, userId: string, now: number): void {
  for (const key of backupKeys(storage)) {
    const backup = parse(storage.getItem(key));
    const valid =
      backup !== null &&
      key === backupKey(backup.userId, backup.versionId) &&
      backup.userId === userId &&
      now - backup.at < BACKUP_TTL_MS &&
      backup.at <= now;
    if (!valid) storage.removeItem(key);
  }
}

/**
 * The backup `userId` may restore for `versionId` at `now`, or null. Purges first, so another
 * user's or an expired backup is both refused and deleted.
 */
export function readBackup<C = unknown>(
  storage: Storage,
  userId: string,
  versionId: string,
  now: number,
): DraftBackup<C> | null {
  purgeBackups(storage, userId, now);
  return parse(storage.getItem(backupKey(userId, versionId))) as DraftBackup<C> | null;
}

/** Removes every plan backup in this browser (sign-out). */
export function clearAllBackups(storage: Storage): void {
  for (const key of backupKeys(storage)) storage.removeItem(key);
}
