import { isValidIsoDate } from "@/lib/compliance";
import { parseCsv } from "@/lib/csv";
import type { CalendarEntry, CalendarProblem, ParsedCalendarFile } from "./entries";

/** The header a calendar CSV file starts with (see the README, "Calendar files"). */
export const CALENDAR_CSV_HEADER = ["type", "date", "end_date", "description"] as const;

/**
 * Reads a calendar CSV file: a header `type,date,end_date,description`, then one row per entry:
 * - `year,<first day>,<last day>,<label>`: a school year;
 * - `closure,<date>,[<last date>],[reason]`: no school that day (or every weekday of the range);
 * - `extra_day,<date>,,[reason]`: a make-up day that counts as a school day;
 * - `report_card,<date>,,[label]`: a report-card date (progress reports are due on it, D-13).
 * Dates are `YYYY-MM-DD`. Every bad row is reported with its line; nothing is guessed.
 */
export function parseCalendarCsv(text: string): ParsedCalendarFile {
  const parsed = parseCsv(text);
  if ("error" in parsed)
    return { entries: [], problems: [{ line: parsed.error.line, code: parsed.error.code }], ignored: 0 };
  const [header, ...rows] = parsed.records;
  const problems: CalendarProblem[] = [];
  const entries: CalendarEntry[] = [];
  if (!header || header.fields.map((f) => f.trim().toLowerCase()).join(",") !== CALENDAR_CSV_HEADER.join(",")) {
    return {
      entries,
      problems: [{ line: header?.line ?? 1, code: "csvHeader", values: { header: CALENDAR_CSV_HEADER.join(",") } }],
      ignored: 0,
    };
  }
  for (const { line, fields } of rows) {
    if (fields.length !== CALENDAR_CSV_HEADER.length) {
      problems.push({
        line,
        code: "csvColumns",
        values: { count: fields.length, expected: CALENDAR_CSV_HEADER.length },
      });
      continue;
    }
    const [type, date, endDate, description] = fields.map((f) => f.trim()) as [string, string, string, string];
    const badDates = [date, ...(endDate ? [endDate] : [])].filter((d) => !isValidIsoDate(d));
    if (!["year", "closure", "extra_day", "report_card"].includes(type)) {
      problems.push({ line, code: "csvType", values: { type } });
    } else if (badDates.length > 0) {
      problems.push({ line, code: "badDate", values: { value: badDates[0]! } });
    } else if (type === "year") {
      if (!endDate) problems.push({ line, code: "yearNeedsLastDay" });
      else if (!description) problems.push({ line, code: "yearNeedsLabel" });
      else entries.push({ kind: "year", line, label: description, firstDay: date, lastDay: endDate });
    } else if (type === "closure") {
      entries.push({ kind: "closure", line, firstDate: date, lastDate: endDate || date, reason: description });
    } else if (type === "report_card") {
      if (endDate && endDate !== date)
        problems.push({ line, code: "reportCardRange", values: { summary: description } });
      else entries.push({ kind: "report_card", line, date, label: description });
    } else if (endDate && endDate !== date) {
      problems.push({ line, code: "extraDayRange" });
    } else {
      entries.push({ kind: "extra_day", line, date, reason: description });
    }
  }
  return { entries, problems, ignored: 0 };
}
