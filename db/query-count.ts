import { openSync, writeSync } from "node:fs";

/**
 * Bench mode only (`npm run bench`, README "Benchmark"): with `PLANPATH_QUERY_COUNT_FILE` set, every
 * statement the app's PostgreSQL pool sends — each query, `begin` and `commit` — appends one byte to
 * that file, so the benchmark reads "SQL statements per render" as the file's growth across one
 * request. Nothing else is written: no statement text, no parameters, no student data. Unset (always,
 * outside the benchmark), the pool has no hook at all.
 */
export function statementCounter(
  env: Record<string, string | undefined>,
): { debug: (connection: number, query: string, parameters: unknown[], types: unknown[]) => void } | undefined {
  const file = env.PLANPATH_QUERY_COUNT_FILE;
  if (!file) return undefined;
  let fd: number | undefined;
  const tick = Buffer.from(".");
  return {
    debug: () => {
      fd ??= openSync(file, "a");
      writeSync(fd, tick);
    },
  };
}
