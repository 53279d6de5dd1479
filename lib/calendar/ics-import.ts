import { addDays, isValidIsoDate, weekday } from "@/lib/compliance";
import type { CalendarEntry, CalendarProblem, ParsedCalendarFile } from "./entries";

interface Property {
  name: string;
  params: Record<string, string>;
  value: string;
  line: number;
}

/** RFC 5545 content lines: folded lines (starting with a space or tab) are joined to the previous one. */
function contentLines(text: string): Property[] {
  const physical = text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/);
  const logical: { text: string; line: number }[] = [];
  physical.forEach((raw, index) => {
    if ((raw.startsWith(" ") || raw.startsWith("\t")) && logical.length > 0)
      logical[logical.length - 1]!.text += raw.slice(1);
    else if (raw.trim() !== "") logical.push({ text: raw, line: index + 1 });
  });
  return logical.map(({ text: content, line }) => {
    const colon = content.indexOf(":");
    const head = colon === -1 ? content : content.slice(0, colon);
    const [name = "", ...paramParts] = head.split(";");
    const params: Record<string, string> = {};
    for (const part of paramParts) {
      const [key, value = ""] = part.split("=");
      if (key) params[key.toUpperCase()] = value.replace(/^"|"$/g, "");
    }
    return { name: name.toUpperCase(), params, value: colon === -1 ? "" : content.slice(colon + 1), line };
  });
}

function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === "n" || c === "N" ? " " : c)).trim();
}

/** An all-day date (`20261125`, `VALUE=DATE`) as YYYY-MM-DD; null for a date-time or a bad value. */
function allDayDate(property: Property): { date: string } | { timed: true } | { bad: string } {
  const value = property.value.trim();
  if (property.params.VALUE === "DATE-TIME" || value.includes("T")) return { timed: true };
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  const date = match ? `${match[1]}-${match[2]}-${match[3]}` : "";
  return isValidIsoDate(date) ? { date } : { bad: value };
}

/** Categories that mark a report-card date (compared upper-case, spaces and underscores as hyphens). */
const REPORT_CARD_CATEGORIES = new Set(["REPORT-CARD", "REPORT-CARDS", "REPORT-CARD-DATE"]);

/**
 * Summaries that name a report-card date on their own (the whole summary, any case): "Report cards",
 * "Report card day", "Report cards issued / distributed / sent home / go home", and the Spanish
 * "Boletas de calificaciones", "Entrega de boletas", "Boletines de notas".
 */
const REPORT_CARD_SUMMARY =
  /^(report[- ]cards?( (day|date|issued|distributed|sent home|go home))?|boletas? de calificaciones|entrega de boletas|boletines de notas)$/i;

/**
 * A VEVENT is a report-card date when one of its CATEGORIES is REPORT-CARD (or REPORT-CARDS,
 * REPORT-CARD-DATE) or its whole summary is one of `REPORT_CARD_SUMMARY`'s phrases. A summary that
 * only mentions report cards ("Report card conferences — no school") stays a closure.
 */
export function isReportCardEvent(categories: readonly string[], summary: string): boolean {
  return (
    categories.some((c) =>
      REPORT_CARD_CATEGORIES.has(
        c
          .trim()
          .toUpperCase()
          .replace(/[\s_]+/g, "-"),
      ),
    ) || REPORT_CARD_SUMMARY.test(summary.trim().replace(/\s+/g, " "))
  );
}

/**
 * Reads an iCalendar (.ics) file: a VEVENT marked as a report-card date (`isReportCardEvent`, one
 * all-day date) is a report-card date; every other all-day VEVENT is a closure (a multi-day event closes each
 * weekday it spans; DTEND is exclusive). Timed events and events that fall only on weekends are not
 * closures: they are skipped and counted. Recurring events (RRULE) and unreadable dates are
 * problems, reported with the line of their BEGIN:VEVENT.
 */
export function parseCalendarIcs(text: string): ParsedCalendarFile {
  const lines = contentLines(text);
  const problems: CalendarProblem[] = [];
  const entries: CalendarEntry[] = [];
  let ignored = 0;
  if (lines[0]?.name !== "BEGIN" || lines[0].value.toUpperCase() !== "VCALENDAR") {
    return { entries, problems: [{ line: 1, code: "icsNotCalendar" }], ignored };
  }
  if (!lines.some((l) => l.name === "END" && l.value.toUpperCase() === "VCALENDAR")) {
    problems.push({ line: null, code: "icsUnterminated" });
  }
  let event: Property[] | null = null;
  let eventLine = 0;
  let nested = 0;
  for (const property of lines) {
    const component = property.value.toUpperCase();
    if (property.name === "BEGIN" && component === "VEVENT" && event === null) {
      event = [];
      eventLine = property.line;
      continue;
    }
    if (event === null) continue;
    if (property.name === "BEGIN") nested++;
    else if (property.name === "END" && nested > 0) nested--;
    else if (property.name === "END" && component === "VEVENT") {
      const result = readEvent(event, eventLine);
      if ("entry" in result) entries.push(result.entry);
      else if ("problem" in result) problems.push(result.problem);
      else ignored++;
      event = null;
    } else if (nested === 0) event.push(property);
  }
  if (event !== null) problems.push({ line: eventLine, code: "icsUnterminatedEvent" });
  return { entries, problems, ignored };
}

function readEvent(
  properties: Property[],
  line: number,
): { entry: CalendarEntry } | { problem: CalendarProblem } | { ignored: true } {
  const get = (name: string) => properties.find((p) => p.name === name);
  const summary = unescapeText(get("SUMMARY")?.value ?? "");
  if (get("RRULE") || get("RDATE")) return { problem: { line, code: "icsRecurring", values: { summary } } };
  const startProperty = get("DTSTART");
  if (!startProperty) return { problem: { line, code: "icsNoStart", values: { summary } } };
  const start = allDayDate(startProperty);
  if ("timed" in start) return { ignored: true };
  if ("bad" in start) return { problem: { line, code: "badDate", values: { value: start.bad } } };
  let lastDate = start.date;
  const endProperty = get("DTEND");
  const duration = get("DURATION")?.value.trim();
  if (endProperty) {
    const end = allDayDate(endProperty);
    if (!("date" in end)) return { problem: { line, code: "badDate", values: { value: endProperty.value } } };
    if (end.date < start.date) return { problem: { line, code: "rangeOrder", values: { summary } } };
    lastDate = end.date > start.date ? addDays(end.date, -1) : start.date;
  } else if (duration) {
    const days = /^P(\d+)D$/.exec(duration) ?? /^P(\d+)W$/.exec(duration);
    if (!days) return { problem: { line, code: "icsDuration", values: { value: duration } } };
    const count = Number(days[1]) * (duration.endsWith("W") ? 7 : 1);
    lastDate = count > 1 ? addDays(start.date, count - 1) : start.date;
  }
  const categories = properties
    .filter((p) => p.name === "CATEGORIES")
    .flatMap((p) => p.value.split(","))
    .map((c) => unescapeText(c));
  if (isReportCardEvent(categories, summary)) {
    if (lastDate !== start.date) return { problem: { line, code: "reportCardRange", values: { summary } } };
    return { entry: { kind: "report_card", line, date: start.date, label: summary } };
  }
  let weekdayFound = false;
  for (let d = start.date; d <= lastDate && !weekdayFound; d = addDays(d, 1))
    weekdayFound = weekday(d) !== 0 && weekday(d) !== 6;
  if (!weekdayFound && lastDate <= addDays(start.date, 6)) return { ignored: true };
  return { entry: { kind: "closure", line, firstDate: start.date, lastDate, reason: summary } };
}
