import { getDb, getDriver } from "../client";

type Debug = (connection: number, query: string, parameters: unknown[], types: unknown[]) => void;
interface PostgresClient {
  options: { debug?: Debug | boolean };
}

/**
 * Counts the SQL statements the app's PostgreSQL pool sends while `fn` runs — each query, `begin` and
 * `commit` — with postgres.js's debug hook, as `npm run bench` counts a render (db/query-count.ts). Only
 * the number is kept: no statement text, no parameters. PostgreSQL only (the embedded PGlite driver has
 * no such hook); `fn` must be the only work in flight on the pool.
 */
export async function countStatements<T>(fn: () => Promise<T>): Promise<{ result: T; statements: number }> {
  if (getDriver() !== "postgres") throw new Error("countStatements needs the PostgreSQL driver");
  const client = (getDb() as unknown as { $client: PostgresClient }).$client;
  const previous = client.options.debug;
  let statements = 0;
  client.options.debug = (...args) => {
    statements++;
    if (typeof previous === "function") previous(...args);
  };
  try {
    const result = await fn();
    return { result, statements };
  } finally {
    client.options.debug = previous;
  }
}
