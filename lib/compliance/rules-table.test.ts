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
      "| D-03 | **IEP meeting after eligibility.** Once the student is first found eligible for special education, a PPT meeting must develop the initial IEP within 30 calendar days. | calendar | 30 calendar days (setting `eligibilityToIepMeetingDays`, at most 30 by law) | `eligibility_determined` (`kind` `initial`) (`eligible` true) | 34 CFR 300.323(c)(1) | V |",
    );
    expect(table).toContain(
      "| years | 1 year | latest `ppt_meeting_held` (`purposes` include `initial_iep` or `annual_review`) (ends at `exited`) | 34 CFR 300.324(b)(1)",
    );
    expect(table).toContain(
      "| birthday | 14th birthday (setting `transitionAge`, at most 14 by law) | `student.birthDate` (only with an IEP on the birthday) (or the annual review within 365 days before it) |",
    );
    expect(table).toContain(
      "| 5 school days before (setting `meetingNoticeSchoolDays`, at least 5 by law) | `meeting_scheduled` (counted from `meetingDate`) |",
    );
    expect(table).toContain("`consent_requested` (`initial_evaluation` or `initial_services`)");
    expect(table).toContain(
      "`pwn_sent` (`action` `propose`) (`subject` `placement` or `fape`) (`agreedImplementationDate` when given)",
    );
    expect(table).toContain("`referral_received` (`birthToThree`: by birthday 3)");
    expect(table).toContain("`records_request_received` (at most 45 calendar days)");
    expect(table).toContain(
      "| months | 12 months (setting `section504ReviewMonths`) | `plan504_activated` (ends at `plan504_ended`) |",
    );
  });

  it("is deterministic and uses the CT defaults when no settings are given", () => {
    expect(renderRulesMarkdown(ctRules)).toBe(table);
    expect(renderRulesMarkdown(ctRules, defaultComplianceSettings)).toBe(table);
  });

  it("shows the amounts in effect under other settings", () => {
    const custom = renderRulesMarkdown(ctRules, {
      ...defaultComplianceSettings,
      initialEvaluationSchoolDays: 40,
      transferOfRightsNoticeAge: 11,
    });
    expect(custom).toContain("within 40 school days");
    expect(custom).toContain("| 40 school days (setting `initialEvaluationSchoolDays`, at most 45 by law) |");
    expect(custom).toContain("11th birthday");
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
