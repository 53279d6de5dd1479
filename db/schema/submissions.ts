import { jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./people";

/**
 * Idempotent form submissions: each rendered form carries a random key; the first submission with
 * a key claims it (in the transaction of its change) and stores its result, and a repeated submit
 * (a double click, a retried request) returns that result instead of changing anything again.
 */
export const formSubmissions = pgTable(
  "form_submissions",
  {
    userId: uuid()
      .notNull()
      .references(() => users.id),
    key: uuid().notNull(),
    action: text().notNull(),
    result: jsonb().$type<unknown>(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);
