/**
 * CSV reading and writing (RFC 4180: comma separated, fields with commas, quotes or line breaks
 * in double quotes, quotes doubled).
 */

/** One parsed record and the line it starts on (1-based). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/**
 * Parses CSV text into records. Accepts CRLF or LF line ends and a leading byte-order mark; skips
 * empty lines. Returns `{ error: { line } }` for a quote that is never closed or text after a
 * closing quote.
 */
export function parseCsv(text: string): { records: CsvRecord[] } | { error: { line: number; code: "csvQuote" } } {
  const records: CsvRecord[] = [];
  const input = text.replace(/^\uFEFF/, "");
  let fields: string[] = [];
  let field = "";
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let wasQuoted = false;
  let i = 0;
  const endField = () => {
    fields.push(field);
    field = "";
    wasQuoted = false;
  };
  const endRecord = () => {
    endField();
    if (!(fields.length === 1 && fields[0] === "")) records.push({ line: recordLine, fields });
    fields = [];
  };
  while (i < input.length) {
    const char = input[i]!;
    if (quoted) {
      if (char === '"' && input[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (char === '"') {
        quoted = false;
        wasQuoted = true;
        i++;
        continue;
      }
      if (char === "\n") line++;
      field += char;
      i++;
      continue;
    }
    if (char === '"' && field === "" && !wasQuoted) {
      quoted = true;
      i++;
      continue;
    }
    if (char === ",") {
      endField();
      i++;
      continue;
    }
    if (char === "\r" && input[i + 1] === "\n") i++;
    if (char === "\n" || char === "\r") {
      endRecord();
      line++;
      recordLine = line;
      i++;
      continue;
    }
    if (wasQuoted) return { error: { line, code: "csvQuote" } };
    field += char;
    i++;
  }
  if (quoted) return { error: { line: recordLine, code: "csvQuote" } };
  if (field !== "" || fields.length > 0) endRecord();
  return { records };
}

/**
 * One CSV cell. A value that a spreadsheet would run as a formula (starting with `=`, `+`, `-`,
 * `@`, a tab or a carriage return) is prefixed with an apostrophe (OWASP CSV injection); values
 * with a comma, quote or line break are quoted.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows as CSV text: CRLF line ends (RFC 4180), every cell through {@link csvCell}. */
export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return rows.map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
