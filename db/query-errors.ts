import { DrizzleQueryError } from "drizzle-orm";
import { PgPreparedQuery } from "drizzle-orm/pg-core";

/**
 * A failed query, stripped of everything that could carry a student's data: Drizzle's own error
 * puts every query parameter (IEP text, names) in its message, and PostgreSQL's message often
 * quotes the offending value ("invalid input syntax for type uuid: …"). This one keeps only the
 * SQLSTATE `code`, a short `statement` name ("insert case_events"), the violated constraint's name and, for an exception raised by
 * one of our own triggers (whose wording we control and which names only ids and states), that
 * message. It has no `cause`, so no logger can reach the original.
 */
export class DatabaseQueryError extends Error {
  override readonly name = "DatabaseQueryError";
  constructor(
    readonly code: string | undefined,
    readonly statement: string,
    triggerMessage?: string,
    readonly constraint?: string,
  ) {
    super(
      `database error ${code ?? "unknown"} in ${statement}${constraint ? ` (constraint ${constraint})` : ""}${triggerMessage ? `: ${triggerMessage}` : ""}`,
    );
  }
}

/** "insert case_events", "select students", "update plan_versions", or "query". */
export function statementName(query: string): string {
  const text = query.replace(/\s+/g, " ").trim();
  const verb = /^(with|select|insert|update|delete|truncate|alter|create|drop|lock|begin|commit|rollback)\b/i.exec(
    text,
  );
  if (!verb) return "query";
  const table = /\b(?:from|into|update|table|join)\s+"?([a-z_][a-z0-9_]*)"?/i.exec(text);
  return table ? `${verb[1]!.toLowerCase()} ${table[1]}` : verb[1]!.toLowerCase();
}

interface DriverError {
  code?: unknown;
  constraint?: unknown;
  constraint_name?: unknown;
  routine?: unknown;
  message?: unknown;
}

/** The sanitized form of any error thrown by a query (anything else is returned unchanged). */
export function sanitizeQueryError(error: unknown): unknown {
  if (!(error instanceof DrizzleQueryError)) return error;
  const cause = (error.cause ?? {}) as DriverError;
  const code = typeof cause.code === "string" && /^[0-9A-Z]{5}$/.test(cause.code) ? cause.code : undefined;
  const raisedByTrigger = cause.routine === "exec_stmt_raise" && typeof cause.message === "string";
  const constraint = [cause.constraint_name, cause.constraint].find(
    (name): name is string => typeof name === "string" && /^[a-z_][a-z0-9_]*$/i.test(name),
  );
  return new DatabaseQueryError(
    code,
    statementName(error.query),
    raisedByTrigger ? (cause.message as string) : undefined,
    constraint,
  );
}

const installed = Symbol.for("planpath.sanitizedQueryErrors");

/**
 * Makes every Drizzle query (both drivers, transactions included) throw {@link DatabaseQueryError}
 * instead of Drizzle's error with parameters. Idempotent; db/client.ts installs it on import.
 */
export function installQueryErrorSanitizer(): void {
  const prototype = PgPreparedQuery.prototype as unknown as Record<PropertyKey, unknown> & {
    queryWithCache: (...args: unknown[]) => Promise<unknown>;
  };
  if (prototype[installed]) return;
  const original = prototype.queryWithCache;
  prototype.queryWithCache = async function (this: unknown, ...args: unknown[]) {
    try {
      return await original.apply(this, args);
    } catch (error) {
      throw sanitizeQueryError(error);
    }
  };
  prototype[installed] = true;
}

/**
 * What an unexpected error may put in the server log: for a database error only its SQLSTATE code
 * and statement name (never a query parameter or the value PostgreSQL quotes); otherwise the
 * error's name and message.
 */
export function describeUnexpected(error: unknown): string {
  if (error instanceof DatabaseQueryError) return `${error.name}: ${error.message}`;
  if (error instanceof DrizzleQueryError) return describeUnexpected(sanitizeQueryError(error));
  const code = (error as { code?: unknown } | null)?.code;
  if (
    error &&
    typeof error === "object" &&
    typeof code === "string" &&
    /^[0-9A-Z]{5}$/.test(code) &&
    "severity" in error
  )
    return `database error ${code}`;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return typeof error;
}
