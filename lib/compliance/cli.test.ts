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
  // Version 2 drops D-10 / D-11 from this version-1 output: the student has no IEP on those birthdays.
  it("prints the deadlines for the issue's example and exits 0", () => {
    const { status, stdout, stderr } = runCli(JSON.stringify(issueExample));
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      deadlines: [
        { rule: "D-01", due: "2026-12-16", unit: "school", status: "open", event: 0 },
        { rule: "D-23", due: "2026-10-22", unit: "school", status: "met", event: 1 },
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
    [
      "an unknown meeting purpose (contract v2)",
      withEvent(1, { type: "ppt_meeting_held", date: "2026-10-08", purposes: ["annual_review", "party"] }),
      "events.1.purposes.1",
    ],
    [
      'eligible: "yes" (contract v2)',
      withEvent(1, { type: "eligibility_determined", date: "2026-10-08", eligible: "yes" }),
      "events.1.eligible",
    ],
    [
      "a [V] setting beyond its legal bound: meeting notice of 1 school day (RCSA 10-76d-12(a), contract v2)",
      JSON.stringify({ ...issueExample, settings: { meetingNoticeSchoolDays: 1 } }),
      "settings.meetingNoticeSchoolDays",
    ],
  ])("rejects %s with exit 2 and a one-line JSON error", (_label, stdin, expectedPath) => {
    const { status, stdout, stderr } = runCli(stdin);
    expect(status).toBe(2);
    const message = expectOneLineError(stdout, expectedPath);
    expect(message.length).toBeGreaterThan(0);
    expect(`${stdout}\n${stderr}`).not.toMatch(/\n\s+at |Error:|ZodError/);
  });
});

describe("compliance:deadlines CLI, contract version 2 (spawned)", () => {
  it("D-01 / D-03 / D-05 / D-08 / D-14: reads every new field and prints the version-2 result", () => {
    const input = {
      ...issueExample,
      student: { birthDate: "2023-11-20" },
      events: [
        { type: "referral_received", date: "2026-10-01", birthToThree: true },
        { type: "eligibility_determined", date: "2026-10-15", kind: "initial", eligible: true },
        { type: "ppt_meeting_held", date: "2026-10-29", purposes: ["eligibility", "initial_iep"] },
        { type: "pwn_sent", date: "2026-10-29", action: "propose", subject: "fape" },
        { type: "pwn_sent", date: "2026-10-29", action: "refuse", subject: "placement" },
        { type: "records_request_received", date: "2027-06-01" },
        { type: "exited", date: "2027-06-09", reason: "moved" },
      ],
    };
    const { status, stdout } = runCli(JSON.stringify(input));
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      deadlines: [
        // 45th school day 2026-12-04 is after the third birthday 2026-11-20 (34 CFR 300.124(b)).
        { rule: "D-01", due: "2026-11-20", unit: "school", status: "open", event: 0 },
        { rule: "D-03", due: "2026-11-14", unit: "calendar", status: "met", event: 1 },
        { rule: "D-09", due: "2029-10-15", unit: "years", status: "stopped", event: 1 },
        { rule: "D-05b", due: "2026-11-05", unit: "school", status: "open", event: 2 },
        { rule: "D-08", due: "2027-10-29", unit: "years", status: "stopped", event: 2 },
        { rule: "D-05", due: "2026-11-12", unit: "school", status: "open", event: 3 },
        // The calendar ends 2027-06-10: 10th school day unknown, 45-day ceiling 2027-07-16 (34 CFR 300.613(a)).
        { rule: "D-14", due: "2027-07-16", unit: "school", status: "open", event: 5 },
      ],
    });
  });
});

describe("compliance:deadlines CLI, D-13 progress reports (spawned)", () => {
  it("D-13: one entry per report-card date with an IEP in force; met, late or open by progress_report_sent", () => {
    const input = {
      ...issueExample,
      student: {},
      calendar: { ...issueExample.calendar, reportCardDates: ["2026-11-06", "2027-01-29", "2027-04-09", "2027-06-10"] },
      events: [
        { type: "iep_implemented", date: "2026-10-01" },
        { type: "progress_report_sent", date: "2026-11-05" },
        { type: "progress_report_sent", date: "2027-02-03" },
        { type: "exited", date: "2027-05-01", reason: "moved" },
      ],
    };
    const { status, stdout } = runCli(JSON.stringify(input));
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      deadlines: [
        { rule: "D-13", due: "2026-11-06", unit: "report_card", status: "met", event: 0 },
        { rule: "D-13", due: "2027-01-29", unit: "report_card", status: "late", event: 0 },
        // The February report is late for January and, being after January's date, on time for April.
        { rule: "D-13", due: "2027-04-09", unit: "report_card", status: "met", event: 0 },
      ],
    });
  });

  it("D-13: a report-card date that is not a date exits 2 naming calendar.reportCardDates.N", () => {
    const outcome = runDeadlinesCli(
      JSON.stringify({
        ...issueExample,
        calendar: { ...issueExample.calendar, reportCardDates: ["2026-11-06", "soon"] },
      }),
    );
    expect(outcome.exitCode).toBe(2);
    expectOneLineError(outcome.stdout, "calendar.reportCardDates.1");
  });
});

describe("runDeadlinesCli, contract version 2 bad values", () => {
  it.each([
    [{ type: "referral_received", date: "2026-10-01", birthToThree: "true" }, "events.0.birthToThree"],
    [{ type: "eligibility_determined", date: "2026-10-01", kind: "triennial" }, "events.0.kind"],
    [{ type: "ppt_meeting_held", date: "2026-10-01", purposes: [] }, "events.0.purposes"],
    [{ type: "ppt_meeting_held", date: "2026-10-01", purposes: "annual_review" }, "events.0.purposes"],
    [{ type: "pwn_sent", date: "2026-10-01", action: "deny" }, "events.0.action"],
    [{ type: "pwn_sent", date: "2026-10-01", subject: "services" }, "events.0.subject"],
    [{ type: "exited", date: "2026-10-01" }, "events.0.reason"],
    [{ type: "exited", date: "2026-10-01", reason: "dropped_out" }, "events.0.reason"],
    [{ type: "plan504_ended", date: "2026-10-01", reason: "moved" }, "events.0.reason"],
    [{ type: "iep_implemented", date: "2026-10-01", purposes: ["annual_review"] }, "events.0.purposes"],
  ])("rejects the event %j at %s with exit 2", (event, path) => {
    const outcome = runDeadlinesCli(JSON.stringify({ ...issueExample, events: [event] }));
    expect(outcome.exitCode).toBe(2);
    expect(expectOneLineError(outcome.stdout, path).length).toBeGreaterThan(0);
  });

  it("D-01: a Birth-to-Three referral without a birth date is refused at student.birthDate", () => {
    const outcome = runDeadlinesCli(
      JSON.stringify({
        ...issueExample,
        student: {},
        events: [{ type: "referral_received", date: "2026-10-01", birthToThree: true }],
      }),
    );
    expect(outcome.exitCode).toBe(2);
    expect(expectOneLineError(outcome.stdout, "student.birthDate")).toMatch(/Birth-to-Three/);
  });

  it.each([
    ["meetingNoticeSchoolDays", 4, /at least 5.*RCSA 10-76d-12/],
    ["recordsRequestSchoolDays", 11, /at most 10.*RCSA 10-76d-18/],
    ["initialEvaluationSchoolDays", 46, /at most 45.*RCSA 10-76d-13/],
    ["transitionAge", 15, /at most 14/],
    ["transferOfRightsNoticeAge", 18, /at most 17.*300\.320\(c\)/],
    ["mdrSchoolDays", 11, /at most 10.*300\.530/],
    ["eligibilityToIepMeetingDays", 31, /at most 30.*300\.323/],
  ])("E16: the [V] setting %s = %i is beyond its legal bound: exit 2 at settings.<name>", (name, value, message) => {
    const outcome = runDeadlinesCli(JSON.stringify({ ...issueExample, settings: { [name]: value } }));
    expect(outcome.exitCode).toBe(2);
    expect(expectOneLineError(outcome.stdout, `settings.${name}`)).toMatch(message);
  });

  it.each([
    ["meetingNoticeSchoolDays", 5],
    ["recordsRequestSchoolDays", 10],
    ["initialEvaluationSchoolDays", 45],
    ["transitionAge", 14],
    ["transferOfRightsNoticeAge", 17],
    ["mdrSchoolDays", 10],
    ["eligibilityToIepMeetingDays", 30],
    ["pwnImplementationSchoolDays", 30],
    ["consentNoResponseSchoolDays", 20],
    ["section504ReviewMonths", 36],
  ])("E16: %s = %i (at the legal bound, or an [S]/[U] setting) is accepted", (name, value) => {
    expect(runDeadlinesCli(JSON.stringify({ ...issueExample, settings: { [name]: value } })).exitCode).toBe(0);
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
