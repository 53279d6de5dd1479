import { and, eq, inArray, ne } from "drizzle-orm";
import { getDb } from "@/db/client";
import { districts, notificationPreferences, users } from "@/db/schema";
import { buildWorkQueue, CalendarCache } from "@/lib/dal/work-queue";
import { unsafeLoadViewer } from "@/lib/dal/viewer";
import { appUrl } from "@/lib/notifications/app-url";
import { composeDeadlineDigest } from "@/lib/notifications/deadline-digest";
import { createMailer, type Mailer } from "@/lib/notifications/mailer";
import { deliverOutbox, enqueueNotification } from "@/lib/notifications/outbox";
import { districtTimeZone, now as clockNow, todayIn } from "@/lib/time";

export const DIGEST_KIND = "deadlines.digest";
export const OVERDUE_KIND = "deadlines.overdue";

/**
 * The daily deadline job's work (unscoped by design: it acts for every staff member). For every
 * active staff account with an e-mail address, builds that person's work queue exactly as the
 * page does (same scopes), and records in the outbox one message per person and local day:
 * a digest of items due within the district's window and every overdue item — or, for people who
 * opted out of digests, a notice of overdue items only (escalations cannot be turned off). Then
 * sends what the outbox holds. Running it twice on a day records nothing new. `districtId` limits
 * the run to one district.
 */
export async function runDeadlineDigests(
  options: { now?: Date; mailer?: Mailer; url?: string; districtId?: string } = {},
) {
  const db = getDb();
  const now = options.now ?? clockNow();
  const url = options.url ?? appUrl();
  const result = {
    districts: 0,
    users: 0,
    digests: 0,
    overdueNotices: 0,
    delivered: { sent: 0, logged: 0, failed: 0 },
  };
  const rows = await db
    .select({ id: districts.id, settings: districts.settings })
    .from(districts)
    .where(options.districtId ? eq(districts.id, options.districtId) : undefined);
  for (const district of rows) {
    result.districts++;
    const timeZone = districtTimeZone(district.settings);
    const today = todayIn(timeZone, now);
    const staff = await db
      .select({
        id: users.id,
        email: users.email,
        name: users.name,
        locale: users.locale,
        sessionVersion: users.sessionVersion,
      })
      .from(users)
      .where(and(eq(users.districtId, district.id), eq(users.isActive, true), ne(users.role, "parent")));
    const optedOut = new Set(
      staff.length === 0
        ? []
        : (
            await db
              .select({ userId: notificationPreferences.userId })
              .from(notificationPreferences)
              .where(
                and(
                  inArray(
                    notificationPreferences.userId,
                    staff.map((s) => s.id),
                  ),
                  eq(notificationPreferences.digestEmails, false),
                ),
              )
          ).map((r) => r.userId),
    );
    const calendars = new CalendarCache();
    for (const person of staff) {
      const viewer = await unsafeLoadViewer(person.id, person.sessionVersion);
      if (!viewer) continue;
      result.users++;
      const queue = await buildWorkQueue({ ...viewer, today }, { calendars });
      const overdueOnly = optedOut.has(person.id);
      const items = queue.items.filter((i) => i.overdue || (!overdueOnly && (i.dueSoon || i.dueUnknown)));
      if (items.length === 0) continue;
      const message = await composeDeadlineDigest({
        locale: person.locale,
        name: person.name,
        items,
        overdueOnly,
        appUrl: url,
      });
      const recorded = await enqueueNotification(db, {
        districtId: district.id,
        userId: person.id,
        to: person.email,
        kind: overdueOnly ? OVERDUE_KIND : DIGEST_KIND,
        dedupeKey: `deadlines:${person.id}:${today}`,
        subject: message.subject,
        body: message.text,
      });
      if (recorded && overdueOnly) result.overdueNotices++;
      else if (recorded) result.digests++;
    }
  }
  result.delivered = await deliverOutbox(db, options.mailer ?? createMailer());
  return result;
}
