import { sql } from "drizzle-orm";
import type { Executor } from "./client";

/**
 * Tables that are evidence: the app may add rows but never change or remove them (the protect_*
 * migrations also refuse it with triggers, which an owner could disable; the app role cannot).
 * `case_events` rows are voided by an UPDATE (its trigger keeps the facts), and meetings, notices,
 * consent requests, due-process filings, plan ends and progress reports (draft → issued) move through states by UPDATE: only DELETE is withheld.
 * The per-school delivery and deadline summaries are upserted by the refresh and never removed.
 */
export const APPEND_ONLY_TABLES = [
  "audit_events",
  "audit_event_students",
  "acknowledgments",
  "implementation_logs",
  "stored_documents",
  "consent_responses",
  "service_sessions",
  "goal_data_points",
  "referral_interventions",
  "record_disclosures",
  "court_guardianships",
] as const;
export const NO_DELETE_TABLES = [
  "case_events",
  "consent_requests",
  "meetings",
  "prior_written_notices",
  "due_process_filings",
  "goal_collectors",
  "plan_ends",
  "referrals",
  "progress_reports",
  "progress_report_items",
  "school_delivery_summaries",
  "school_deadline_summaries",
] as const;

/** The role name in a postgres:// URL (the user part), or null. */
export function roleOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return decodeURIComponent(new URL(url).username) || null;
  } catch {
    return null;
  }
}

/**
 * Grants the app's least-privilege role what it needs, and nothing more, on every table that exists
 * now — run by the owner after each migration, so tables added by later migrations are covered:
 * read and write rows (no TRUNCATE, no ownership, so no ALTER TABLE and no trigger control),
 * sequences, no UPDATE/DELETE on the append-only tables, no DELETE on case events, and CREATE on the
 * database so pg-boss can keep its own `pgboss` schema. Idempotent.
 */
export async function grantAppPrivileges(owner: Executor, appRole: string): Promise<void> {
  const role = sql.identifier(appRole);
  await owner.execute(sql`grant usage on schema public to ${role}`);
  await owner.execute(sql`grant select, insert, update, delete on all tables in schema public to ${role}`);
  await owner.execute(sql`revoke truncate, references, trigger on all tables in schema public from ${role}`);
  await owner.execute(sql`grant usage, select on all sequences in schema public to ${role}`);
  await owner.execute(sql`grant execute on all functions in schema public to ${role}`);
  for (const table of APPEND_ONLY_TABLES) {
    await owner.execute(sql`revoke update, delete on ${sql.identifier(table)} from ${role}`);
  }
  for (const table of NO_DELETE_TABLES) {
    await owner.execute(sql`revoke delete on ${sql.identifier(table)} from ${role}`);
  }
  const [database] = (await owner.execute(sql`select current_database() as name`)) as unknown as { name: string }[];
  await owner.execute(sql`grant create, connect on database ${sql.identifier(database!.name)} to ${role}`);
}
