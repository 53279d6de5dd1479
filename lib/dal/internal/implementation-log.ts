import { sql } from "drizzle-orm";
import { implementationLogs } from "@/db/schema";

/**
 * SQL condition: the `implementation_logs` row is the current entry of its accommodation, section and
 * day — no later row replaces it (a correction or an undo's retraction).
 */
export const currentLogEntry = sql`not exists (select 1 from implementation_logs as later where later.replaces_id = ${implementationLogs.id})`;
