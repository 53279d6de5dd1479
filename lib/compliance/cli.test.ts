import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runDeadlinesCli } from "./cli-handler";
import { computeDeadlines } from "./engine";

const projectRoot = path.resolve(import.meta.dirname, "../..");

const issueExample = {
  calendar: {
    schoolYears: [{ firstDay: "2026-08-26", lastDay: "2027-06-10" }],
    closures: ["2026-09-07", "2026-11-26"],
    extraDays: [],
  },
  student: { birthDate: "2013-02-14" },
  events: [
    { type: "referral_received", date: "2026-10-01" },
    { type: "consent_requested", consent: "initial_evaluation", date: "2026-10-08" },
    { type: "consent_granted", consent: "initial_evaluation", date: "2026-10-20" },
  ],
  settings: {},
};

function runCli(stdin: string, command: "tsx" | "npm" = "tsx") {
  const args = command === "tsx" ? ["tsx", "lib/compliance/cli.ts"] : ["run", "--silent", "compliance:deadlines"];
  const result = spawnSync(command === "tsx" ? "npx" : "npm", args, {
    cwd: projectRoot,
    input: stdin,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function expectOneLineError(stdout: string, path: string): string {
  const lines = stdout.split("\n").filter((line) => line.length > 0);
  expect(lines).toHaveLength(1);
  const parsed: unknown = JSON.parse(lines[0] as string);
  expect(Object.keys(parsed as object).sort()).toEqual(["error", "path"]);
  const { error, path: actualPath } = parsed as { error: unknown; path: unknown };
  expect(actualPath).toBe(path);
  expect(typeof error).toBe("string");
  return error as string;
}

function withEvent(index: number, event: unknown) {
  const events: unknown[] = [...issueExample.events];
  events[index] = event;
  return JSON.stringify({ ...issueExample, events });
}

describe("compliance:deadlines CLI (spawned)", () => {
  it("prints the deadlines for the issue's example and exits 0", () => {
    const { status, stdout, stderr } = runCli(JSON.stringify(issueExample));
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      deadlines: [
        { rule: "D-01", due: "2026-12-16", unit: "school", status: "open", event: 0 },
        { rule: "D-23", due: "2026-10-22", unit: "school", status: "met", event: 1 },
        { rule: "D-10", due: "2027-02-14", unit: "birthday", status: "open" },
        { rule: "D-11", due: "2030-02-14", unit: "birthday", status: "open" },
      ],
    });
    expect(JSON.parse(stdout)).toEqual(computeDeadlines(issueExample as Parameters<typeof computeDeadlines>[0]));
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("works through the npm script exactly as documented", () => {
    const { status, stdout } = runCli(JSON.stringify(issueExample), "npm");
    expect(status).toBe(0);
    expect(JSON.parse(stdout).deadlines[0]).toEqual({
      rule: "D-01",
      due: "2026-12-16",
      unit: "school",
      status: "open",
      event: 0,
    });
  });

  it.each([
    ["unparseable JSON", "{ not json", ""],
    ["empty input", "", ""],
    [
      "an impossible event date",
      withEvent(2, { type: "consent_granted", consent: "initial_evaluation", date: "2026-02-30" }),
      "events.2.date",
    ],
    [
      "an unknown event type",
      withEvent(1, { type: "consent_asked", consent: "initial_evaluation", date: "2026-10-08" }),
      "events.1.type",
    ],
    ["a missing consent", withEvent(1, { type: "consent_requested", date: "2026-10-08" }), "events.1.consent"],
    [
      "a meeting without meetingDate",
      withEvent(0, { type: "meeting_scheduled", date: "2026-10-08" }),
      "events.0.meetingDate",
    ],
    [
      "an impossible first day",
      JSON.stringify({
        ...issueExample,
        calendar: { ...issueExample.calendar, schoolYears: [{ firstDay: "2026-02-30", lastDay: "2027-06-10" }] },
      }),
      "calendar.schoolYears.0.firstDay",
    ],
    [
      "a school year ending before it starts",
      JSON.stringify({
        ...issueExample,
        calendar: { ...issueExample.calendar, schoolYears: [{ firstDay: "2027-08-26", lastDay: "2027-06-10" }] },
      }),
      "calendar.schoolYears.0.firstDay",
    ],
    [
      "an unknown setting",
      JSON.stringify({ ...issueExample, settings: { transitionAges: 16 } }),
      "settings.transitionAges",
    ],
    ["a JSON array", "[]", ""],
  ])("rejects %s with exit 2 and a one-line JSON error", (_label, stdin, expectedPath) => {
    const { status, stdout, stderr } = runCli(stdin);
    expect(status).toBe(2);
    const message = expectOneLineError(stdout, expectedPath);
    expect(message.length).toBeGreaterThan(0);
    expect(`${stdout}\n${stderr}`).not.toMatch(/\n\s+at |Error:|ZodError/);
  });
});

describe("runDeadlinesCli", () => {
  it("pretty-prints the engine's result with exit 0", () => {
    const outcome = runDeadlinesCli(JSON.stringify(issueExample));
    expect(outcome.exitCode).toBe(0);
    expect(outcome.stdout).toBe(
      JSON.stringify(computeDeadlines(issueExample as Parameters<typeof computeDeadlines>[0]), null, 2),
    );
  });

  it("reports invalid JSON with an empty path", () => {
    const outcome = runDeadlinesCli("{");
    expect(outcome.exitCode).toBe(2);
    expect(expectOneLineError(outcome.stdout, "")).toMatch(/^Invalid JSON/);
  });

  it("reports the first bad field", () => {
    const outcome = runDeadlinesCli(
      withEvent(2, { type: "consent_granted", consent: "initial_evaluation", date: "2026-02-30" }),
    );
    expect(outcome).toEqual({
      exitCode: 2,
      stdout:
        '{"error":"Invalid date \\"2026-02-30\\": expected a real date in YYYY-MM-DD format","path":"events.2.date"}',
    });
  });

  it("turns an unexpected failure into the same one-line error, without a stack trace", () => {
    const outcome = runDeadlinesCli(JSON.stringify(issueExample), () => {
      throw new TypeError("boom\n    at somewhere (file.ts:1:1)");
    });
    expect(outcome.exitCode).toBe(2);
    expect(expectOneLineError(outcome.stdout, "")).toBe("Internal error: boom");
  });
});
