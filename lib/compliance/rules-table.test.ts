import { describe, expect, it } from "vitest";
import { ctRules, defaultComplianceSettings, type DeadlineRule } from "./rules";
import { renderRulesMarkdown } from "./rules-table";

describe("renderRulesMarkdown", () => {
  const table = renderRulesMarkdown(ctRules, defaultComplianceSettings);
  const lines = table.trimEnd().split("\n");

  it("has a header, a separator and one row per rule, in rule order", () => {
    expect(lines[0]).toBe("| Rule | What it means | Unit | Default amount | Trigger | Citation | Tag |");
    expect(lines[1]).toBe("| --- | --- | --- | --- | --- | --- | --- |");
    expect(lines.slice(2).map((line) => line.split(" | ")[0])).toEqual(ctRules.map((rule) => `| ${rule.id}`));
    expect(table.endsWith("|\n")).toBe(true);
  });

  it("renders each rule's meaning, unit, amount, trigger, citation and tag", () => {
    expect(lines).toContain(
      "| D-01 | **Initial evaluation and IEP in place.** After a referral, eligibility must be decided and, if the student is eligible, the IEP implemented within 45 school days counted from the day after the referral arrived; school days spent waiting for the parent's consent to evaluate or to start services do not count, and a refusal ends the timeline. | school | 45 school days (setting `initialEvaluationSchoolDays`) | `referral_received` | RCSA 10-76d-13; CSDE memo 6/27/2008 (clock starts at receipt of the referral); CSDE guidance 1/23/2020 | S |",
    );
    expect(table).toContain("| years | 1 year | latest `ppt_meeting_held` | 34 CFR 300.324(b)(1) | V |");
    expect(table).toContain("| birthday | 14th birthday (setting `transitionAge`) | `student.birthDate` |");
    expect(table).toContain(
      "| 5 school days before (setting `meetingNoticeSchoolDays`) | `meeting_scheduled` (counted from `meetingDate`) |",
    );
    expect(table).toContain("`consent_requested` (`initial_evaluation` or `initial_services`)");
    expect(table).toContain("`pwn_sent` (`agreedImplementationDate` when given)");
    expect(table).toContain("| months | 12 months (setting `section504ReviewMonths`) | `plan504_activated` |");
  });

  it("is deterministic and uses the CT defaults when no settings are given", () => {
    expect(renderRulesMarkdown(ctRules)).toBe(table);
    expect(renderRulesMarkdown(ctRules, defaultComplianceSettings)).toBe(table);
  });

  it("shows the amounts in effect under other settings", () => {
    const custom = renderRulesMarkdown(ctRules, {
      ...defaultComplianceSettings,
      initialEvaluationSchoolDays: 40,
      transferOfRightsNoticeAge: 21,
    });
    expect(custom).toContain("within 40 school days");
    expect(custom).toContain("| 40 school days (setting `initialEvaluationSchoolDays`) |");
    expect(custom).toContain("21st birthday");
  });

  it("escapes pipes and line breaks inside cells", () => {
    const rule: DeadlineRule = {
      id: "X|1",
      title: "Odd",
      description: "Line one\nline two | still one cell.",
      citation: "A | B",
      tag: "U",
      trigger: { kind: "event", event: "referral_received" },
      unit: "calendar",
      amount: 1,
    };
    const [, , row] = renderRulesMarkdown([rule]).trimEnd().split("\n");
    expect(row).toBe(
      "| X\\|1 | **Odd.** Line one line two \\| still one cell. | calendar | 1 calendar day | `referral_received` | A \\| B | U |",
    );
  });
});
