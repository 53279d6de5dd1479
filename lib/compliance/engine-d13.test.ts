/**
 * D-13 (issue 13): progress reports at least as often as report cards — 34 CFR 300.320(a)(3)(ii);
 * Connecticut IEP Manual §12; compliance.md D-13; legal-review.md PM-2. CLI contract: the calendar's
 * `reportCardDates` and the event `progress_report_sent`.
 */
import { describe, expect, it } from "vitest";
import { computeDeadlines, parseDeadlineInput, type Deadline, type DeadlineInput } from "./engine";

type Event = DeadlineInput["events"][number];

const reportCardDates = ["2026-11-06", "2027-01-29", "2027-04-09", "2027-06-10"];
const calendar = {
  schoolYears: [{ firstDay: "2026-08-26", lastDay: "2027-06-10" }],
  closures: ["2026-09-07", "2026-11-26"],
  extraDays: [],
  reportCardDates,
};

function d13(events: Event[], overrides: Partial<DeadlineInput["calendar"]> = {}): Deadline[] {
  return computeDeadlines({ calendar: { ...calendar, ...overrides }, events }).deadlines.filter(
    (d) => d.rule === "D-13",
  );
}

const implemented: Event = { type: "iep_implemented", date: "2026-10-01" };
const sent = (date: string): Event => ({ type: "progress_report_sent", date });

describe("D-13 one progress report per report-card date while an IEP is in force", () => {
  it("D-13: one open entry per report-card date after the IEP was implemented, due on that date, unit report_card", () => {
    expect(d13([implemented])).toEqual(
      reportCardDates.map((due) => ({ rule: "D-13", due, unit: "report_card", status: "open", event: 0 })),
    );
  });

  it("D-13: no entry before an IEP is implemented, none on the implementation day itself, none without report-card dates", () => {
    expect(d13([{ type: "iep_implemented", date: "2027-01-29" }]).map((d) => d.due)).toEqual([
      "2027-04-09",
      "2027-06-10",
    ]);
    expect(d13([])).toEqual([]);
    expect(d13([implemented], { reportCardDates: [] })).toEqual([]);
  });

  it("D-13: an exit ends it — no entry on or after the exit date; a new IEP after a new referral starts it again", () => {
    const exited: Event = { type: "exited", date: "2027-01-29", reason: "moved" };
    expect(d13([implemented, exited]).map((d) => d.due)).toEqual(["2026-11-06"]);
    const again: Event[] = [
      implemented,
      exited,
      { type: "referral_received", date: "2027-02-01" },
      { type: "iep_implemented", date: "2027-03-01" },
    ];
    expect(d13(again).map((d) => [d.due, d.event])).toEqual([
      ["2026-11-06", 0],
      ["2027-04-09", 3],
      ["2027-06-10", 3],
    ]);
  });

  it("D-13: met when sent after the previous report-card date and on or before this one", () => {
    const out = d13([implemented, sent("2026-11-06"), sent("2027-01-20")]);
    expect(out.map((d) => [d.due, d.status])).toEqual([
      ["2026-11-06", "met"],
      ["2027-01-29", "met"],
      ["2027-04-09", "open"],
      ["2027-06-10", "open"],
    ]);
  });

  it("D-13: late when sent after the date and before the next one; a report sent on the next date is not late for this one", () => {
    const out = d13([implemented, sent("2026-11-20"), sent("2027-04-09")]);
    expect(out.map((d) => [d.due, d.status])).toEqual([
      ["2026-11-06", "late"],
      ["2027-01-29", "met"],
      ["2027-04-09", "met"],
      ["2027-06-10", "open"],
    ]);
    expect(d13([implemented, sent("2027-01-29")])[0]!.status).toBe("open");
  });

  it("D-13: with no previous report-card date any earlier report counts; report-card dates in any order, repeated once", () => {
    const out = d13([implemented, sent("2026-10-15")], { reportCardDates: ["2027-01-29", "2026-11-06", "2026-11-06"] });
    expect(out.map((d) => [d.due, d.status])).toEqual([
      ["2026-11-06", "met"],
      ["2027-01-29", "open"],
    ]);
  });

  it("D-13: the contract refuses a report-card date that is not a real date, naming it", () => {
    const parsed = parseDeadlineInput({ calendar: { ...calendar, reportCardDates: ["2027-02-30"] }, events: [] });
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(parsed.error.path).toBe("calendar.reportCardDates.0");
    const event = parseDeadlineInput({ calendar, events: [{ type: "progress_report_sent" }] });
    expect(event.success).toBe(false);
    if (!event.success) expect(event.error.path).toBe("events.0.date");
  });
});
