import "server-only";
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { calendarFeeds, notificationPreferences, users } from "@/db/schema";
import type { NotificationSettingsView } from "@/lib/dto/deadlines";
import { AppError } from "@/lib/errors";
import { mutate, read, type Loader } from "./core";
import { hashFeedToken } from "./internal/feed-tokens";
import { unsafeLoadViewer, type Viewer } from "./viewer";
import { now as clockNow } from "@/lib/time";
import { districtSettingsOf } from "./internal/settings";

function selfTarget(): Loader<{ id: string }> {
  return async (db, viewer) => {
    const [row] = await db.select({ id: users.id }).from(users).where(eq(users.id, viewer.userId)).limit(1);
    return row
      ? { entity: row, entityType: "user", entityId: row.id, relationships: new Set(["self" as const]) }
      : null;
  };
}

const FEED_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** `user.settings.update` (self): the viewer's notification choices and whether a calendar feed link exists. */
export async function getMyNotificationSettings(viewer: Viewer): Promise<NotificationSettingsView> {
  await read(viewer, { action: "user.settings.update", load: selfTarget() });
  const db = getDb();
  const [[preference], [feed]] = await Promise.all([
    db
      .select({ digestEmails: notificationPreferences.digestEmails })
      .from(notificationPreferences)
      .where(eq(notificationPreferences.userId, viewer.userId)),
    db
      .select({ createdAt: calendarFeeds.createdAt, lastUsedAt: calendarFeeds.lastUsedAt })
      .from(calendarFeeds)
      .where(eq(calendarFeeds.userId, viewer.userId)),
  ]);
  return {
    digestEmails: preference?.digestEmails ?? true,
    feedActive: Boolean(feed),
    feedCreatedAt: feed?.createdAt.toISOString() ?? null,
    feedLastUsedAt: feed?.lastUsedAt?.toISOString() ?? null,
  };
}

/**
 * `user.settings.update` (self): turns the daily deadline digest e-mail on or off. Notices of
 * overdue items are sent either way.
 */
export async function updateMyNotificationSettings(viewer: Viewer, input: { digestEmails: boolean }): Promise<void> {
  await mutate(
    viewer,
    { action: "user.settings.update", event: "user.notifications_updated", load: selfTarget() },
    async ({ tx, details }) => {
      await tx
        .insert(notificationPreferences)
        .values({ userId: viewer.userId, digestEmails: input.digestEmails })
        .onConflictDoUpdate({
          target: notificationPreferences.userId,
          set: { digestEmails: input.digestEmails, updatedAt: clockNow() },
        });
      details.digestEmails = input.digestEmails;
    },
  );
}

/**
 * `user.settings.update` (self): creates the viewer's secret calendar-feed token (32 random bytes),
 * replacing any earlier one, which stops working at once. Only its hash is stored; the token is
 * returned once, to be shown to the user.
 */
export async function createMyCalendarFeed(viewer: Viewer): Promise<{ token: string }> {
  const token = randomBytes(32).toString("base64url");
  await mutate(
    viewer,
    { action: "user.settings.update", event: "calendarFeed.created", load: selfTarget() },
    async ({ tx, details }) => {
      const [existing] = await tx
        .select({ id: calendarFeeds.id })
        .from(calendarFeeds)
        .where(eq(calendarFeeds.userId, viewer.userId));
      await tx
        .insert(calendarFeeds)
        .values({ userId: viewer.userId, tokenHash: hashFeedToken(token), sessionVersion: viewer.sessionVersion })
        .onConflictDoUpdate({
          target: calendarFeeds.userId,
          set: {
            tokenHash: hashFeedToken(token),
            sessionVersion: viewer.sessionVersion,
            createdAt: clockNow(),
            lastUsedAt: null,
            updatedAt: clockNow(),
          },
        });
      details.replaced = Boolean(existing);
    },
  );
  return { token };
}

/** `user.settings.update` (self): revokes the viewer's calendar-feed link; NOT_FOUND when there is none. */
export async function revokeMyCalendarFeed(viewer: Viewer): Promise<void> {
  await mutate(
    viewer,
    { action: "user.settings.update", event: "calendarFeed.revoked", load: selfTarget() },
    async ({ tx }) => {
      const removed = await tx
        .delete(calendarFeeds)
        .where(eq(calendarFeeds.userId, viewer.userId))
        .returning({ id: calendarFeeds.id });
      if (removed.length === 0) throw new AppError("NOT_FOUND");
    },
  );
}

/**
 * Unscoped, for the calendar feed route only: the viewer a feed token belongs to — looked up by the
 * token's hash, and only while the user is active and their session version is the one the feed
 * was made under (deactivation and sign-out everywhere bump it, so the feed stays dead after a
 * reactivation until the user makes a new one) — or null for a malformed, unknown or revoked
 * token. Records when the feed was last read.
 */
export async function unsafeViewerForFeedToken(token: string): Promise<Viewer | null> {
  if (!FEED_TOKEN.test(token)) return null;
  const db = getDb();
  const [row] = await db
    .select({ id: calendarFeeds.id, userId: users.id, sessionVersion: calendarFeeds.sessionVersion })
    .from(calendarFeeds)
    .innerJoin(users, eq(users.id, calendarFeeds.userId))
    .where(eq(calendarFeeds.tokenHash, hashFeedToken(token)))
    .limit(1);
  if (!row) return null;
  const viewer = await unsafeLoadViewer(row.userId, row.sessionVersion);
  if (!viewer) return null;
  await db.update(calendarFeeds).set({ lastUsedAt: clockNow() }).where(eq(calendarFeeds.id, row.id));
  return viewer;
}

/**
 * Whether the viewer's district lets calendar feeds carry details (rule, first name and initial):
 * the district setting `calendarFeedDetails`, off unless set to true.
 */
export async function calendarFeedDetailsAllowed(viewer: Viewer): Promise<boolean> {
  return (await districtSettingsOf(getDb(), viewer.districtId)).calendarFeedDetails === true;
}
