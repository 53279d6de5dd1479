import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { consentTypes, ctRules, eventTypes } from "@/lib/compliance";
import { loadMessages } from "@/lib/i18n/messages";
import { AUDIT_EVENTS } from "@/lib/audit";
import { DELAY_REASON_CODES } from "./delay-reasons";

function has(messages: Record<string, unknown>, key: string): boolean {
  const value = key
    .split(".")
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);
  return typeof value === "string" && value.trim() !== "";
}

/** Problem codes the calendar file readers can report (read from their source, so a new code cannot be forgotten). */
function problemCodes(): string[] {
  const dir = path.resolve(__dirname, "../calendar");
  const files = [
    ...readdirSync(dir)
      .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
      .map((f) => path.join(dir, f)),
    path.resolve(__dirname, "../csv.ts"),
  ];
  return [
    ...new Set(files.flatMap((file) => [...readFileSync(file, "utf8").matchAll(/code: "(\w+)"/g)].map((m) => m[1]!))),
  ].sort();
}

describe.each(["en", "es"] as const)("deadline messages in %s", (locale) => {
  it("name every rule (D-01 … 504-R) with a title and a description that takes the amount", async () => {
    const messages = await loadMessages(locale);
    const missing = ctRules
      .flatMap((rule) => [`deadlines.rules.${rule.id}.title`, `deadlines.rules.${rule.id}.description`])
      .filter((k) => !has(messages, k));
    expect(missing).toEqual([]);
  });

  it("name every event type, consent type, status and delay reason", async () => {
    const messages = await loadMessages(locale);
    const keys = [
      ...eventTypes.map((t) => `deadlines.events.${t}`),
      ...consentTypes.map((t) => `deadlines.consents.${t}`),
      ...["open", "met", "late", "paused", "stopped"].map((s) => `deadlines.statuses.${s}`),
      ...DELAY_REASON_CODES.map((c) => `deadlines.delayReasons.${c}`),
    ];
    expect(keys.filter((k) => !has(messages, k))).toEqual([]);
  });

  it("explain every problem a calendar file can have", async () => {
    const messages = await loadMessages(locale);
    const codes = problemCodes();
    expect(codes.length).toBeGreaterThan(20);
    expect(codes.filter((code) => !has(messages, `calendarImport.problems.${code}`))).toEqual([]);
  });

  it("describe, in the record of access, every deadline event written with a student", async () => {
    const messages = await loadMessages(locale);
    const studentEvents = [
      "caseEvent.recorded",
      "caseEvent.voided",
      "deadline.completed",
      "deadline.delay_reason_recorded",
    ];
    expect(studentEvents.every((e) => e in AUDIT_EVENTS)).toBe(true);
    expect(studentEvents.filter((e) => !has(messages, `accessLog.actions.${e}`))).toEqual([]);
  });
});
