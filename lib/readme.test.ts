import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const readme = readFileSync(path.resolve(__dirname, "../README.md"), "utf8");

/** The README's top-level (`##`) sections in order, each with its body (fenced code blocks ignored). */
function sections(): { title: string; body: string[] }[] {
  const out: { title: string; body: string[] }[] = [];
  let fenced = false;
  for (const line of readme.split("\n")) {
    if (line.startsWith("```")) fenced = !fenced;
    if (!fenced && line.startsWith("## ")) out.push({ title: line.slice(3).trim(), body: [] });
    else out.at(-1)?.body.push(line);
  }
  return out;
}

describe("README (issue 14: a short, linear start, then reference)", () => {
  it("starts with a short introduction, then quick start, personas and scripts", () => {
    const intro = readme.slice(0, readme.indexOf("\n## ")).split("\n");
    expect(intro.length).toBeLessThanOrEqual(15);
    expect(
      sections()
        .slice(0, 3)
        .map((s) => s.title),
    ).toEqual(["Quick start", "Demo personas", "Scripts"]);
  });

  it("has reference sections after the start (architecture, authorization, testing in that order) and decisions last", () => {
    const titles = sections().map((s) => s.title);
    expect(new Set(titles).size).toBe(titles.length);
    const at = (title: string) => titles.indexOf(title);
    expect(at("Architecture")).toBeGreaterThan(at("Scripts"));
    expect(at("Authorization model")).toBeGreaterThan(at("Architecture"));
    expect(at("Testing")).toBeGreaterThan(at("Authorization model"));
    expect(titles.at(-1)).toBe("Decisions");
  });

  it("keeps the decisions as one compact two-column table and nothing else", () => {
    const body = sections()
      .at(-1)!
      .body.filter((line) => line.trim() !== "");
    expect(body.length).toBeGreaterThan(2);
    expect(body.every((line) => line.startsWith("|") && line.trimEnd().endsWith("|"))).toBe(true);
    expect(body[0]).toMatch(/^\| *Decision *\| *Why *\|$/);
    expect(body[1]).toMatch(/^\|[-: ]+\|[-: ]+\|$/);
    for (const row of body) {
      expect(row.replace(/\\\|/g, "").split("|").length - 2, row).toBe(2);
      expect(row.length, row).toBeLessThanOrEqual(400);
    }
  });
});
