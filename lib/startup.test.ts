import { execFileSync, spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { startupProblems } from "./startup";

describe("startup configuration", () => {
  it("requires a real AUTH_SECRET in production only", () => {
    expect(startupProblems({ NODE_ENV: "production" })).toEqual(["AUTH_SECRET is not set."]);
    expect(startupProblems({ NODE_ENV: "production", AUTH_SECRET: "short" })).toEqual([
      "AUTH_SECRET is shorter than 32 characters.",
    ]);
    expect(startupProblems({ NODE_ENV: "production", AUTH_SECRET: "x".repeat(32) })).toEqual([]);
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
    const ok = execFileSync(tsx, ["--eval", script], {
      cwd: root,
      env: { PATH: process.env.PATH, NODE_ENV: "production", AUTH_SECRET: "y".repeat(40) },
      encoding: "utf8",
    });
    expect(ok).toContain("started");
  });
});
