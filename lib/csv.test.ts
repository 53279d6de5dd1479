import { describe, expect, it } from "vitest";
import { csvCell, parseCsv, toCsv } from "./csv";

describe("CSV writing (report export)", () => {
  it("quotes commas, quotes and line breaks (RFC 4180) and ends lines with CRLF", () => {
    expect(toCsv([["a", "b,c", 'say "hi"', "two\nlines", null, 7]])).toBe('a,"b,c","say ""hi""","two\nlines",,7\r\n');
  });

  it.each([
    ['=HYPERLINK("http://evil")', '\'=HYPERLINK(""http://evil"")'],
    ["+1 555", "'+1 555"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tcmd", "'\tcmd"],
  ])("guards a cell a spreadsheet would run as a formula: %s", (value, expected) => {
    const cell = csvCell(value);
    expect(cell.replace(/^"|"$/g, "")).toBe(expected);
  });

  it("leaves numbers (including negative ones) and ordinary text alone", () => {
    expect(csvCell(-3)).toBe("-3");
    expect(csvCell("García, Mateo")).toBe('"García, Mateo"');
    expect(csvCell("2026-11-23")).toBe("2026-11-23");
  });
});

describe("CSV reading (calendar import)", () => {
  it("reads quoted fields, CRLF and LF, a byte-order mark, and skips blank lines", () => {
    expect(parseCsv('\uFEFFa,b\r\n"x, y","say ""hi"""\n\n"multi\nline",z\n')).toEqual({
      records: [
        { line: 1, fields: ["a", "b"] },
        { line: 2, fields: ["x, y", 'say "hi"'] },
        { line: 4, fields: ["multi\nline", "z"] },
      ],
    });
  });

  it("reports an unclosed quote with its line", () => {
    expect(parseCsv('a,b\n"open,c\n')).toEqual({ error: { line: 2, code: "csvQuote" } });
  });
});
