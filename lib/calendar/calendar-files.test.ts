import { describe, expect, it } from "vitest";
import { parseCalendarCsv } from "./csv-import";
import { parseCalendarIcs } from "./ics-import";
import { planCalendarImport, type ExistingCalendar } from "./import-plan";

const none: ExistingCalendar = { years: [], days: [] };
const stored: ExistingCalendar = {
  years: [{ id: "y1", label: "2026-2027", firstDay: "2026-08-26", lastDay: "2027-06-10" }],
  days: [
    { date: "2026-09-07", kind: "closure" },
    { date: "2027-03-06", kind: "extra_day" },
  ],
  reportCards: [{ date: "2026-11-06" }],
};

const csv = (...rows: string[]) => ["type,date,end_date,description", ...rows].join("\r\n");
const ics = (...lines: string[]) =>
  ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test//EN", ...lines, "END:VCALENDAR"].join("\r\n");
const vevent = (...lines: string[]) => ["BEGIN:VEVENT", ...lines, "END:VEVENT"];

describe("calendar CSV files", () => {
  it("reads years, closures (single days and weekday ranges) and make-up days", () => {
    const file = parseCalendarCsv(
      csv(
        "year,2026-08-26,2027-06-10,2026-2027",
        'closure,2026-11-25,2026-11-29,"Thanksgiving recess, with Friday"',
        "closure,2026-10-12,,Columbus Day",
        "extra_day,2027-03-06,,Snow make-up day (Saturday)",
      ),
    );
    expect(file.problems).toEqual([]);
    const result = planCalendarImport(file, none);
    expect(result).toEqual({
      plan: {
        years: [{ label: "2026-2027", firstDay: "2026-08-26", lastDay: "2027-06-10" }],
        days: [
          {
            year: { label: "2026-2027" },
            date: "2026-11-25",
            kind: "closure",
            reason: "Thanksgiving recess, with Friday",
          },
          {
            year: { label: "2026-2027" },
            date: "2026-11-26",
            kind: "closure",
            reason: "Thanksgiving recess, with Friday",
          },
          {
            year: { label: "2026-2027" },
            date: "2026-11-27",
            kind: "closure",
            reason: "Thanksgiving recess, with Friday",
          },
          { year: { label: "2026-2027" }, date: "2026-10-12", kind: "closure", reason: "Columbus Day" },
          {
            year: { label: "2026-2027" },
            date: "2027-03-06",
            kind: "extra_day",
            reason: "Snow make-up day (Saturday)",
          },
        ],
        reportCards: [],
        ignored: 0,
      },
    });
    expect("problems" in result).toBe(false);
  });

  it("refuses the whole file with one problem per bad line: header, columns, types, dates", () => {
    expect(parseCalendarCsv("date,type\n2026-01-01,closure").problems).toEqual([
      { line: 1, code: "csvHeader", values: { header: "type,date,end_date,description" } },
    ]);
    const file = parseCalendarCsv(
      csv(
        "closure,2026-02-30,,Bad",
        "holiday,2026-10-12,,Columbus Day",
        "closure,2026-10-13",
        "year,2026-08-26,,",
        "extra_day,2027-06-11,2027-06-12,",
      ),
    );
    expect(file.problems).toEqual([
      { line: 2, code: "badDate", values: { value: "2026-02-30" } },
      { line: 3, code: "csvType", values: { type: "holiday" } },
      { line: 4, code: "csvColumns", values: { count: 2, expected: 4 } },
      { line: 5, code: "yearNeedsLastDay" },
      { line: 6, code: "extraDayRange" },
    ]);
    expect(parseCalendarCsv(csv('closure,"2026-10-14" x,,')).problems).toEqual([{ line: 2, code: "csvQuote" }]);
  });

  it("checks the file against the stored calendar: overlaps, dates outside a year, duplicates, weekend closures", () => {
    const file = parseCalendarCsv(
      csv(
        "year,2027-06-01,2028-05-01,Overlapping",
        "year,2027-08-25,2027-08-24,Backwards",
        "year,2027-08-25,2028-09-30,Too long",
        "closure,2026-09-07,,Labor Day",
        "closure,2027-07-05,,Independence Day observed",
        "closure,2026-10-12,,Columbus Day",
        "closure,2026-10-12,,Columbus Day again",
        "closure,2026-10-10,2026-10-11,Weekend",
      ),
    );
    expect(planCalendarImport(file, stored)).toEqual({
      problems: [
        { line: 2, code: "yearOverlapsStored", values: { label: "Overlapping", other: "2026-2027" } },
        { line: 3, code: "yearOrder", values: { label: "Backwards" } },
        { line: 4, code: "yearTooLong", values: { label: "Too long", max: 366 } },
        { line: 5, code: "alreadyInCalendar", values: { date: "2026-09-07" } },
        { line: 6, code: "outsideYear", values: { date: "2027-07-05" } },
        { line: 8, code: "duplicateInFile", values: { date: "2026-10-12", otherLine: 7 } },
        { line: 9, code: "weekendClosure", values: { date: "2026-10-10" } },
      ],
    });
    expect(
      planCalendarImport(
        parseCalendarCsv(
          csv("year,2027-08-25,2028-06-09,A", "year,2028-01-01,2028-06-30,B", "year,2028-08-25,2029-06-09,A"),
        ),
        none,
      ),
    ).toEqual({
      problems: [
        { line: 3, code: "yearOverlapsFile", values: { label: "B", otherLine: 2 } },
        { line: 4, code: "yearLabelTaken", values: { label: "A" } },
      ],
    });
    expect(planCalendarImport(parseCalendarCsv(csv()), stored)).toEqual({ problems: [{ line: null, code: "empty" }] });
  });

  it("lists at most 50 problems and says how many more there are", () => {
    const rows = Array.from({ length: 60 }, (_, i) => `closure,2030-01-${String((i % 28) + 1).padStart(2, "0")},,x`);
    const result = planCalendarImport(parseCalendarCsv(csv(...rows)), stored);
    expect("problems" in result && result.problems).toHaveLength(51);
    expect("problems" in result && result.problems.at(-1)).toEqual({
      line: null,
      code: "moreProblems",
      values: { count: 10 },
    });
  });
});

describe("iCal (.ics) files", () => {
  it("turns all-day events into closures: DTEND is exclusive, weekends are skipped, folded lines and escapes are read", () => {
    const file = parseCalendarIcs(
      ics(
        ...vevent(
          "UID:1",
          "DTSTART;VALUE=DATE:20261125",
          "DTEND;VALUE=DATE:20261128",
          "SUMMARY:Thanksgiving\\, recess",
        ),
        ...vevent(
          "UID:2",
          "DTSTART;VALUE=DATE:20270118",
          "SUMMARY:Martin Luther King",
          "  Jr. Day",
          "BEGIN:VALARM",
          "TRIGGER:-PT15M",
          "END:VALARM",
        ),
        ...vevent("UID:3", "DTSTART:20261203T150000Z", "DTEND:20261203T160000Z", "SUMMARY:Board meeting"),
        ...vevent("UID:4", "DTSTART;VALUE=DATE:20261010", "SUMMARY:Homecoming (Saturday)"),
      ),
    );
    expect(file).toEqual({
      entries: [
        { kind: "closure", line: 4, firstDate: "2026-11-25", lastDate: "2026-11-27", reason: "Thanksgiving, recess" },
        {
          kind: "closure",
          line: 10,
          firstDate: "2027-01-18",
          lastDate: "2027-01-18",
          reason: "Martin Luther King Jr. Day",
        },
      ],
      problems: [],
      ignored: 2,
    });
    const result = planCalendarImport(file, stored);
    expect("plan" in result && result.plan.days.map((d) => d.date)).toEqual([
      "2026-11-25",
      "2026-11-26",
      "2026-11-27",
      "2027-01-18",
    ]);
    expect("plan" in result && result.plan.ignored).toBe(2);
  });

  it("reports what it cannot read: not a calendar, recurring events, bad dates, unterminated events", () => {
    expect(parseCalendarIcs("type,date\nclosure,2026-01-01").problems).toEqual([{ line: 1, code: "icsNotCalendar" }]);
    const file = parseCalendarIcs(
      [
        "BEGIN:VCALENDAR",
        ...vevent("DTSTART;VALUE=DATE:20261012", "RRULE:FREQ=YEARLY", "SUMMARY:Columbus Day"),
        ...vevent("DTSTART;VALUE=DATE:20261399", "SUMMARY:Nonsense"),
        ...vevent("SUMMARY:No start"),
        "BEGIN:VEVENT",
        "DTSTART;VALUE=DATE:20261111",
      ].join("\n"),
    );
    expect(file.problems).toEqual([
      { line: null, code: "icsUnterminated" },
      { line: 2, code: "icsRecurring", values: { summary: "Columbus Day" } },
      { line: 7, code: "badDate", values: { value: "20261399" } },
      { line: 11, code: "icsNoStart", values: { summary: "No start" } },
      { line: 14, code: "icsUnterminatedEvent" },
    ]);
    expect(planCalendarImport(file, stored)).toMatchObject({
      problems: expect.arrayContaining([{ line: 2, code: "icsRecurring", values: { summary: "Columbus Day" } }]),
    });
  });

  it("an all-day event outside every school year refuses the import", () => {
    const file = parseCalendarIcs(ics(...vevent("DTSTART;VALUE=DATE:20270705", "SUMMARY:Summer closure")));
    expect(planCalendarImport(file, stored)).toEqual({
      problems: [{ line: 4, code: "outsideYear", values: { date: "2027-07-05" } }],
    });
  });
});

describe("report-card dates in calendar files (issue 13, D-13: one writer with the calendar page's form)", () => {
  it("iCal: an all-day event with the REPORT-CARD category or a report-card summary is a report-card date; a mention is not", () => {
    const file = parseCalendarIcs(
      ics(
        ...vevent("UID:1", "DTSTART;VALUE=DATE:20270129", "CATEGORIES:SCHOOL,Report Card", "SUMMARY:End of Q2"),
        ...vevent("UID:2", "DTSTART;VALUE=DATE:20270409", "DTEND;VALUE=DATE:20270410", "SUMMARY:Report cards issued"),
        ...vevent("UID:3", "DTSTART;VALUE=DATE:20270611", "SUMMARY:Boletas de calificaciones"),
        ...vevent("UID:4", "DTSTART;VALUE=DATE:20261124", "SUMMARY:Report card conferences - no school"),
      ),
    );
    expect(file.problems).toEqual([]);
    expect(file.entries).toEqual([
      { kind: "report_card", line: 4, date: "2027-01-29", label: "End of Q2" },
      { kind: "report_card", line: 10, date: "2027-04-09", label: "Report cards issued" },
      { kind: "report_card", line: 16, date: "2027-06-11", label: "Boletas de calificaciones" },
      {
        kind: "closure",
        line: 21,
        firstDate: "2026-11-24",
        lastDate: "2026-11-24",
        reason: "Report card conferences - no school",
      },
    ]);
    const extended = { ...stored, years: [{ ...stored.years[0]!, lastDay: "2027-06-18" }] };
    const result = planCalendarImport(file, extended);
    expect("plan" in result && result.plan.reportCards).toEqual([
      { year: { id: "y1" }, date: "2027-01-29", label: "End of Q2" },
      { year: { id: "y1" }, date: "2027-04-09", label: "Report cards issued" },
      { year: { id: "y1" }, date: "2027-06-11", label: "Boletas de calificaciones" },
    ]);
    expect("plan" in result && result.plan.days.map((d) => d.date)).toEqual(["2026-11-24"]);
  });

  it("CSV: report_card rows; a make-up Saturday can hold one; refused: ranges, closures, weekends, outside the year, twice, already stored", () => {
    const ok = parseCalendarCsv(
      csv("report_card,2027-01-29,,Second quarter", "report_card,2027-03-06,,On a make-up day"),
    );
    expect(planCalendarImport(ok, stored)).toMatchObject({
      plan: {
        reportCards: [
          { year: { id: "y1" }, date: "2027-01-29", label: "Second quarter" },
          { year: { id: "y1" }, date: "2027-03-06", label: "On a make-up day" },
        ],
      },
    });
    const bad = parseCalendarCsv(
      csv(
        "report_card,2027-01-28,2027-01-29,Two days",
        "closure,2027-01-22,,Snow day",
        "report_card,2027-01-22,,On the snow day",
        "report_card,2026-09-07,,On a stored closure",
        "report_card,2027-01-30,,Saturday",
        "report_card,2027-07-01,,Summer",
        "report_card,2027-04-09,,Q3",
        "report_card,2027-04-09,,Q3 again",
        "report_card,2026-11-06,,Already stored",
      ),
    );
    expect(bad.problems).toEqual([{ line: 2, code: "reportCardRange", values: { summary: "Two days" } }]);
    expect(planCalendarImport(bad, stored)).toEqual({
      problems: [
        { line: 2, code: "reportCardRange", values: { summary: "Two days" } },
        { line: 4, code: "reportCardNotSchoolDay", values: { date: "2027-01-22" } },
        { line: 5, code: "reportCardNotSchoolDay", values: { date: "2026-09-07" } },
        { line: 6, code: "reportCardNotSchoolDay", values: { date: "2027-01-30" } },
        { line: 7, code: "outsideYear", values: { date: "2027-07-01" } },
        { line: 9, code: "duplicateInFile", values: { date: "2027-04-09", otherLine: 8 } },
        { line: 10, code: "alreadyInCalendar", values: { date: "2026-11-06" } },
      ],
    });
  });
});
