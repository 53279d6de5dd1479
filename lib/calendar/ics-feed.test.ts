import { describe, expect, it } from "vitest";
import { renderIcsFeed } from "./ics-feed";
import { parseCalendarIcs } from "./ics-import";

describe("iCalendar feed writer", () => {
  const now = new Date("2026-11-23T15:04:05.678Z");

  it("writes all-day events with stable UIDs, escaped text and CRLF line ends", () => {
    const text = renderIcsFeed(
      "PlanPath deadlines",
      [
        {
          uid: "deadline:1@planpath",
          date: "2026-12-31",
          summary: "Annual IEP review: Mateo G.",
          description: "Due Dec 31, 2026; see the record, please",
          url: "https://x.example/students/1#deadlines",
        },
      ],
      now,
    );
    expect(text.split("\r\n")).toEqual([
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:-//PlanPath//Deadlines//EN",
      "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH",
      "X-WR-CALNAME:PlanPath deadlines",
      "BEGIN:VEVENT",
      "UID:deadline:1@planpath",
      "DTSTAMP:20261123T150405Z",
      "DTSTART;VALUE=DATE:20261231",
      "DTEND;VALUE=DATE:20270101",
      "SUMMARY:Annual IEP review: Mateo G.",
      "DESCRIPTION:Due Dec 31\\, 2026\\; see the record\\, please",
      "URL:https://x.example/students/1#deadlines",
      "TRANSP:TRANSPARENT",
      "END:VEVENT",
      "END:VCALENDAR",
      "",
    ]);
  });

  it("folds long lines at 75 octets without splitting a character, and reads back the same events", () => {
    const summary = "Revisión de determinación de manifestación: Sofía G. ".repeat(3).trim();
    const text = renderIcsFeed(
      "Plazos",
      [{ uid: "u1", date: "2027-01-04", summary, description: "é".repeat(100) }],
      now,
    );
    for (const line of text.split("\r\n")) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(parseCalendarIcs(text).entries).toEqual([
      { kind: "closure", line: 7, firstDate: "2027-01-04", lastDate: "2027-01-04", reason: summary },
    ]);
  });
});
