import { execFileSync, spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { startupProblems } from "./startup";

describe("startup configuration", () => {
  const pg = { DATABASE_URL: "postgres://app@db.example/planpath" };
  const noDatabase =
    "DATABASE_URL is not set (set PLANPATH_ALLOW_EMBEDDED_DB=true to run on the embedded demo database).";

  it("requires a real AUTH_SECRET in production only", () => {
    expect(startupProblems({ NODE_ENV: "production", ...pg })).toEqual(["AUTH_SECRET is not set."]);
    expect(startupProblems({ NODE_ENV: "production", AUTH_SECRET: "short", ...pg })).toEqual([
      "AUTH_SECRET is shorter than 32 characters.",
    ]);
    expect(startupProblems({ NODE_ENV: "production", AUTH_SECRET: "x".repeat(32), ...pg })).toEqual([]);
    expect(startupProblems({ NODE_ENV: "development" })).toEqual([]);
  });

  it("refuses a production start on the embedded database unless explicitly allowed", () => {
    const secret = { NODE_ENV: "production", AUTH_SECRET: "x".repeat(32) };
    expect(startupProblems(secret)).toEqual([noDatabase]);
    expect(startupProblems({ ...secret, PLANPATH_ALLOW_EMBEDDED_DB: "1" })).toEqual([noDatabase]);
    expect(startupProblems({ ...secret, PLANPATH_ALLOW_EMBEDDED_DB: "true" })).toEqual([]);
    expect(startupProblems({ NODE_ENV: "development" })).toEqual([]);
  });

  it("exits with a clear message instead of starting", () => {
    const root = path.resolve(__dirname, "..");
    const tsx = path.join(root, "node_modules", ".bin", "tsx");
    const script =
      "import { assertStartupConfig } from './lib/startup'; assertStartupConfig(); console.log('started');";
    const failed = spawnSync(tsx, ["--eval", script], {
      cwd: root,
      env: { PATH: process.env.PATH, NODE_ENV: "production" },
      encoding: "utf8",
    });
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain("PlanPath cannot start: AUTH_SECRET is not set.");
    expect(failed.stdout).not.toContain("started");
    const embedded = spawnSync(tsx, ["--eval", script], {
      cwd: root,
      env: { PATH: process.env.PATH, NODE_ENV: "production", AUTH_SECRET: "y".repeat(40) },
      encoding: "utf8",
    });
    expect(embedded.status).toBe(1);
    expect(embedded.stderr).toContain(noDatabase);
    const ok = execFileSync(tsx, ["--eval", script], {
      cwd: root,
      env: { PATH: process.env.PATH, NODE_ENV: "production", AUTH_SECRET: "y".repeat(40), ...pg },
      encoding: "utf8",
    });
    expect(ok).toContain("started");
  });
});
