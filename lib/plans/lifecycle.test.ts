import { describe, expect, it } from "vitest";
import { AUDIT_EVENTS } from "@/lib/audit/catalog";
import { ACTIONS } from "@/lib/policy/catalog";
import {
  illegalPairs,
  isFirstIep,
  isLegal,
  parseLifecycleSettings,
  transition,
  TRANSITIONS,
  VERSION_STATUSES,
} from "./lifecycle";

describe("the plan lifecycle table", () => {
  it("lists exactly the legal moves: draft ⇄ proposed, draft|proposed → final, final → active|ended, active → superseded|ended", () => {
    const legal = TRANSITIONS.map((t) => `${t.from}→${t.to}`).sort();
    expect(legal).toEqual(
      [
        "draft→proposed",
        "proposed→draft",
        "draft→final",
        "proposed→final",
        "final→active",
        "final→ended",
        "active→superseded",
        "active→ended",
      ].sort(),
    );
  });

  it("nothing leaves superseded or ended, and nothing returns to draft from final or later", () => {
    for (const to of VERSION_STATUSES) {
      expect(isLegal("superseded", to)).toBe(false);
      expect(isLegal("ended", to)).toBe(false);
    }
    for (const from of ["final", "active", "superseded", "ended"] as const) expect(isLegal(from, "draft")).toBe(false);
    expect(illegalPairs()).toHaveLength(VERSION_STATUSES.length * (VERSION_STATUSES.length - 1) - TRANSITIONS.length);
  });

  it("every row names a catalog verb and a catalog audit event", () => {
    for (const row of TRANSITIONS) {
      expect(Object.keys(ACTIONS)).toContain(row.verb);
      expect(Object.keys(AUDIT_EVENTS)).toContain(row.event);
    }
  });

  it("finalize needs completeness and a held meeting; activation is gated by stay-put, C-02, the PWN and 504 consent (CL-4, CL-5, CL-7)", () => {
    expect(transition("proposed", "final")!.guards).toEqual(["complete", "meetingHeld"]);
    expect(transition("draft", "final")!.guards).toEqual(["complete", "meetingHeld"]);
    expect(transition("final", "active")!.guards).toEqual([
      "noStayPut",
      "initialServicesConsent",
      "noticeImplemented",
      "plan504Consent",
    ]);
    expect(transition("active", "ended")!.guards).toContain("noStayPut");
    expect(transition("active", "superseded")!.guards).toEqual([]);
  });
});

describe("first IEP (C-02)", () => {
  it("no earlier IEP in force: first", () => {
    expect(isFirstIep([], [])).toBe(true);
    expect(isFirstIep([{ activated: false, endedOn: null }], [])).toBe(true);
  });

  it("an earlier IEP in force (or ended without an exit): not first", () => {
    expect(isFirstIep([{ activated: true, endedOn: null }], [])).toBe(false);
    expect(isFirstIep([{ activated: true, endedOn: "2025-06-01" }], ["2025-05-31"])).toBe(false);
  });

  it("an earlier IEP followed by an exit on or after its end: first again", () => {
    expect(isFirstIep([{ activated: true, endedOn: "2025-06-01" }], ["2025-06-01"])).toBe(true);
  });
});

describe("lifecycle settings", () => {
  it("written 504 consent is off by default and read from districts.settings.lifecycle", () => {
    expect(parseLifecycleSettings({}).require504WrittenConsent).toBe(false);
    expect(parseLifecycleSettings({ lifecycle: { require504WrittenConsent: true } }).require504WrittenConsent).toBe(
      true,
    );
    expect(parseLifecycleSettings({ lifecycle: { require504WrittenConsent: "yes" } }).require504WrittenConsent).toBe(
      false,
    );
  });
});
