import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { postgresOptions } from "./client";
import { statementCounter } from "./query-count";

// Issue 15, "Benchmark": SQL statements per render, counted without logging a statement or a parameter.
const dir = mkdtempSync(path.join(tmpdir(), "planpath-count-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("statement counter (bench mode only)", () => {
  it("is off unless PLANPATH_QUERY_COUNT_FILE is set", () => {
    expect(statementCounter({})).toBeUndefined();
    expect("debug" in postgresOptions({})).toBe(false);
    expect(typeof postgresOptions({ PLANPATH_QUERY_COUNT_FILE: path.join(dir, "x") }).debug).toBe("function");
  });

  it("appends one byte per statement and nothing of the statement or its parameters", () => {
    const file = path.join(dir, "unit.count");
    writeFileSync(file, "");
    const counter = statementCounter({ PLANPATH_QUERY_COUNT_FILE: file })!;
    counter.debug(1, "select * from students where last_name = $1", ["García"], []);
    counter.debug(1, "commit", [], []);
    expect(readFileSync(file, "utf8")).toBe("..");
  });

  it.runIf(process.env.DATABASE_URL)("counts every statement the pool sends, transactions included", async () => {
    const file = path.join(dir, "pool.count");
    writeFileSync(file, "");
    const client = postgres(process.env.DATABASE_URL!, {
      ...postgresOptions({ PLANPATH_QUERY_COUNT_FILE: file }),
      max: 1,
    });
    try {
      // the first use of a connection also reads the array types (one more statement, counted too)
      await client`select 1`;
      const before = readFileSync(file, "utf8").length;
      await client`select ${"secret name"}::text as x`;
      await client.begin(async (tx) => {
        await tx`select 2`;
      });
      // one query, then begin, one query, commit
      expect(readFileSync(file, "utf8").length - before).toBe(4);
      expect(readFileSync(file, "utf8")).toMatch(/^\.+$/);
    } finally {
      await client.end({ timeout: 5 });
    }
  });
});
