import {
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { id, timestamps } from "./columns";
import { districts } from "./district";
import { users } from "./people";

/** `logged`: no SMTP server is configured, the message was written to the server log instead. */
export const outboxStatus = pgEnum("outbox_status", ["pending", "sent", "logged", "failed"]);

/**
 * Every notification PlanPath sends, written before it is sent. `dedupeKey` makes a job that runs
 * twice (a restart, two servers) produce one message; `kind` names the feature (`deadlines.digest`).
 */
export const outbox = pgTable(
  "outbox",
  {
    id: id(),
    districtId: uuid()
      .notNull()
      .references(() => districts.id),
    userId: uuid().references(() => users.id),
    toAddress: text().notNull(),
    kind: text().notNull(),
    dedupeKey: text().notNull().unique(),
    subject: text().notNull(),
    body: text().notNull(),
    status: outboxStatus().notNull().default("pending"),
    attempts: integer().notNull().default(0),
    lastError: text(),
    sentAt: timestamp({ withTimezone: true }),
    ...timestamps,
  },
  (t) => [index().on(t.status, t.createdAt), index().on(t.userId, t.createdAt)],
);

/** A user's notification choices. No row = the defaults (daily digest on). */
export const notificationPreferences = pgTable("notification_preferences", {
  userId: uuid()
    .primaryKey()
    .references(() => users.id),
  digestEmails: boolean().notNull().default(true),
  ...timestamps,
});

/** A user's secret calendar-feed link: only the SHA-256 of the token is stored. */
export const calendarFeeds = pgTable("calendar_feeds", {
  id: id(),
  userId: uuid()
    .notNull()
    .unique()
    .references(() => users.id),
  tokenHash: text().notNull().unique(),
  /** The user's session version when the feed was made: a later bump (deactivation, sign-out everywhere) ends it for good. */
  sessionVersion: integer().notNull().default(1),
  lastUsedAt: timestamp({ withTimezone: true }),
  ...timestamps,
});

/** One row per run of a scheduled job (name + run key such as the date): a run happens once. */
export const jobRuns = pgTable(
  "job_runs",
  {
    name: text().notNull(),
    runKey: text().notNull(),
    startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
    outcome: text(),
    details: jsonb().$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [primaryKey({ columns: [t.name, t.runKey] })],
);
