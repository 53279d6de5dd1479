import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isPrintableText, text } from "./text";

describe("free text refuses non-printing control characters", () => {
  it.each([
    ["plain", true],
    ["tabs\tand\nline\r\nbreaks", true],
    ["accents, ñ, 中文, emoji 😀", true],
    ["NUL \u0000", false],
    ["bell \u0007", false],
    ["escape \u001b[2J", false],
    ["vertical tab \u000b", false],
    ["DEL \u007f", false],
    ["C1 \u0085", false],
    ["non-character \uffff", false],
  ])("%j → %s", (value, ok) => {
    expect(isPrintableText(value)).toBe(ok);
    const result = text().max(100).safeParse(value);
    expect(result.success).toBe(ok);
    if (!ok) expect(result.error!.issues[0]!.message).toBe("validation.controlCharacter");
  });

  it("every validation schema builds strings with text(), never z.string() directly", () => {
    const dir = __dirname;
    const offenders = readdirSync(dir)
      .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts") && file !== "text.ts")
      .filter((file) => /\bz\s*\.\s*string\b/.test(readFileSync(path.join(dir, file), "utf8")));
    expect(offenders).toEqual([]);
  });
});
