import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../..");

/**
 * Files still being rewritten by another change when the casts were removed (issue 14): each drops
 * its cast there and leaves this list. Nothing else may be added.
 */
const PENDING: string[] = [];

function sourcesUnder(dir: string): string[] {
  const out: string[] = [];
  const visit = (current: string) => {
    for (const entry of readdirSync(current)) {
      const full = path.join(current, entry);
      if (statSync(full).isDirectory()) visit(full);
      else if (/\.tsx?$/.test(entry) && !/\.test\.tsx?$/.test(entry)) out.push(path.relative(root, full));
    }
  };
  visit(path.join(root, dir));
  return out;
}

describe("typed message keys (issue 14)", () => {
  it("no `as never` cast in app/, components/ or lib/: message keys are typed (lib/i18n/keys.ts)", () => {
    const offenders = ["app", "components", "lib"]
      .flatMap(sourcesUnder)
      .filter((file) => /\bas never\b/.test(readFileSync(path.join(root, file), "utf8")));
    expect(offenders).toEqual(PENDING);
  });
});
