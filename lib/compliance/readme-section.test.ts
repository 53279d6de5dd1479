import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { RULES_END, RULES_START, rulesSection, withRulesSection } from "./readme-section";

describe("README deadline rules table", () => {
  it("is the table generated from the rule data (run `npm run docs:rules` after changing rules)", () => {
    const readme = readFileSync(path.resolve(__dirname, "../../README.md"), "utf8");
    expect(readme).toContain(rulesSection());
  });

  it("replaces only the generated section", () => {
    const text = `intro\n${RULES_START}\nold\n${RULES_END}\noutro`;
    expect(withRulesSection(text)).toBe(`intro\n${rulesSection()}\noutro`);
    expect(() => withRulesSection("no markers")).toThrow(/markers/);
  });
});
