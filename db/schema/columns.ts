import { timestamp, uuid } from "drizzle-orm/pg-core";
import { now as clockNow } from "../../lib/time";

export const id = () => uuid().primaryKey().defaultRandom();

export const timestamps = {
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => clockNow()),
};
