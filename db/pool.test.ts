import { sql } from "drizzle-orm";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { getDriver, postgresOptions } from "./client";
import { setupTestDatabase } from "./testing/database";

// Issue 15, "Load and crash safety": a sized pool and statement timeouts so one slow query cannot
// hold a connection.
const db = setupTestDatabase();

describe("pool settings", () => {
  it("defaults to 10 connections, a 15 s statement timeout and a 30 s idle-in-transaction timeout", () => {
    const options = postgresOptions({});
    expect(options.max).toBe(10);
    expect(options.connection).toMatchObject({
      statement_timeout: 15_000,
      idle_in_transaction_session_timeout: 30_000,
    });
  });

  it("takes positive whole numbers from the environment and ignores anything else", () => {
    const options = postgresOptions({
      DATABASE_POOL_MAX: "25",
      DATABASE_STATEMENT_TIMEOUT_MS: "5000",
      DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: "-3",
    });
    expect(options.max).toBe(25);
    expect(options.connection.statement_timeout).toBe(5000);
    expect(options.connection.idle_in_transaction_session_timeout).toBe(30_000);
    expect(postgresOptions({ DATABASE_POOL_MAX: "ten" }).max).toBe(10);
  });
});

describe.runIf(getDriver() === "postgres")("on PostgreSQL", () => {
  it("the app's connections carry the statement timeout, with JIT compilation off", async () => {
    const rows = (await db().execute(sql`select current_setting('statement_timeout') as timeout,
      current_setting('application_name') as app, current_setting('jit') as jit`)) as unknown as Array<{
      timeout: string;
      app: string;
      jit: string;
    }>;
    expect(rows[0]).toEqual({ timeout: "15s", app: "planpath", jit: "off" });
  });

  it("a statement over the timeout is cancelled and the connection serves the next query", async () => {
    const client = postgres(process.env.DATABASE_URL!, {
      ...postgresOptions({ DATABASE_STATEMENT_TIMEOUT_MS: "200" }),
      max: 1,
    });
    try {
      await expect(client`select pg_sleep(3)`).rejects.toMatchObject({ code: "57014" });
      const [{ one }] = await client<[{ one: number }]>`select 1 as one`;
      expect(one).toBe(1);
    } finally {
      await client.end({ timeout: 5 });
    }
  });
});
