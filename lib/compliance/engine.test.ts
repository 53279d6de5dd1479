import { describe, expect, it } from "vitest";
import {
  computeDeadlines,
  deadlineInputSchema,
  describeRule,
  parseDeadlineInput,
  type Deadline,
  type DeadlineInput,
} from "./engine";
import { complianceSettingsSchema, ctRules, defaultComplianceSettings, type DeadlineRule } from "./rules";
import { createSchoolCalendar } from "./school-calendar";

type Event = DeadlineInput["events"][number];

/** 2026-27: Wednesday 26 August to Thursday 10 June, closed on Labor Day and Thanksgiving Thursday. */
const calendar = {
  schoolYears: [{ firstDay: "2026-08-26", lastDay: "2027-06-10" }],
  closures: ["2026-09-07", "2026-11-26"],
  extraDays: [],
};

const issueExample: DeadlineInput = {
  calendar,
  student: { birthDate: "2013-02-14" },
  events: [
    { type: "referral_received", date: "2026-10-01" },
    { type: "consent_requested", consent: "initial_evaluation", date: "2026-10-08" },
    { type: "consent_granted", consent: "initial_evaluation", date: "2026-10-20" },
  ],
  settings: {},
};

function deadlines(events: Event[], overrides: Partial<DeadlineInput> = {}): Deadline[] {
  return computeDeadlines({ calendar, events, ...overrides }).deadlines;
}

function forRule(rule: string, events: Event[], overrides: Partial<DeadlineInput> = {}): Deadline[] {
  return deadlines(events, overrides).filter((deadline) => deadline.rule === rule);
}

function single(rule: string, events: Event[], overrides: Partial<DeadlineInput> = {}): Deadline {
  const found = forRule(rule, events, overrides);
  expect(found, `${rule} entries`).toHaveLength(1);
  return found[0] as Deadline;
}

const referral: Event = { type: "referral_received", date: "2026-10-01" };

describe("the issue's example", () => {
  // Version 2 changes this version-1 output: D-10 / D-11 only for a student with an IEP on the birthday.
  it("D-01, D-23: computes every deadline, consent time excluded; no D-10 / D-11 before any IEP", () => {
    expect(computeDeadlines(issueExample)).toEqual({
      deadlines: [
        { rule: "D-01", due: "2026-12-16", unit: "school", status: "open", event: 0 },
        { rule: "D-23", due: "2026-10-22", unit: "school", status: "met", event: 1 },
      ],
    });
  });

  it("gives the same result on validated input as on the raw input", () => {
    expect(computeDeadlines(deadlineInputSchema.parse(issueExample))).toEqual(computeDeadlines(issueExample));
  });
});

describe("D-01 initial evaluation timeline", () => {
  it("D-01: the 45th school day after the referral, the referral day itself not counted", () => {
    expect(single("D-01", [referral])).toEqual({
      rule: "D-01",
      due: "2026-12-04",
      unit: "school",
      status: "open",
      event: 0,
    });
  });

  it("D-01: referral in July counts from the first school day of the next school year", () => {
    expect(single("D-01", [{ type: "referral_received", date: "2026-07-15" }]).due).toBe("2026-10-28");
    expect(single("D-01", [{ type: "referral_received", date: "2026-08-25" }]).due).toBe("2026-10-28");
    expect(single("D-01", [{ type: "referral_received", date: "2026-08-26" }]).due).toBe("2026-10-29");
  });

  it("D-01: a referral on a Saturday counts from the next Monday", () => {
    expect(single("D-01", [{ type: "referral_received", date: "2026-10-03" }]).due).toBe(
      single("D-01", [{ type: "referral_received", date: "2026-10-02" }]).due,
    );
  });

  it("D-01: a snow-day closure inside the window moves the due date one school day later", () => {
    const snowDay = { ...calendar, closures: [...calendar.closures, "2026-10-14"] };
    expect(single("D-01", [referral], { calendar: snowDay }).due).toBe("2026-12-07");
  });

  it("D-01: a Saturday make-up day inside the window moves the due date one school day earlier", () => {
    const makeUp = { ...calendar, extraDays: ["2026-10-17"] };
    expect(single("D-01", [referral], { calendar: makeUp }).due).toBe("2026-12-03");
  });

  it("D-01: school days from the consent request until the answer are not counted", () => {
    expect(single("D-01", issueExample.events).due).toBe("2026-12-16");
  });

  it("D-01: both initial-evaluation and initial-services consent time are excluded", () => {
    const events: Event[] = [
      ...issueExample.events,
      { type: "consent_requested", consent: "initial_services", date: "2026-11-30" },
      { type: "consent_granted", consent: "initial_services", date: "2026-12-02" },
    ];
    expect(single("D-01", events).due).toBe("2026-12-18");
  });

  it("D-01: a consent answered on the day it was requested excludes nothing", () => {
    const events: Event[] = [
      referral,
      { type: "consent_requested", consent: "initial_evaluation", date: "2026-10-08" },
      { type: "consent_granted", consent: "initial_evaluation", date: "2026-10-08" },
    ];
    expect(single("D-01", events).due).toBe("2026-12-04");
  });

  it("D-01: overlapping consent waits are excluded once", () => {
    const events: Event[] = [
      ...issueExample.events,
      { type: "consent_requested", consent: "initial_services", date: "2026-10-12" },
      { type: "consent_granted", consent: "initial_services", date: "2026-10-14" },
    ];
    expect(single("D-01", events).due).toBe("2026-12-16");
  });

  it("D-01: a consent request made before the referral excludes only its days after the referral", () => {
    const answeredAfter: Event[] = [
      { type: "consent_requested", consent: "initial_evaluation", date: "2026-09-28" },
      { type: "consent_granted", consent: "initial_evaluation", date: "2026-10-06" },
      referral,
    ];
    expect(single("D-01", answeredAfter)).toMatchObject({ due: "2026-12-09", event: 2 });
    const answeredBefore: Event[] = [
      { type: "consent_requested", consent: "initial_evaluation", date: "2026-09-21" },
      { type: "consent_granted", consent: "initial_evaluation", date: "2026-09-25" },
      referral,
    ];
    expect(single("D-01", answeredBefore).due).toBe("2026-12-04");
  });

  it("D-01: paused with due null while a consent request is unanswered", () => {
    const events: Event[] = [
      referral,
      { type: "consent_requested", consent: "initial_evaluation", date: "2026-10-08" },
    ];
    expect(single("D-01", events)).toEqual({ rule: "D-01", due: null, unit: "school", status: "paused", event: 0 });
  });

  it("D-01: an unanswered initial-services request pauses too", () => {
    const events: Event[] = [
      ...issueExample.events,
      { type: "consent_requested", consent: "initial_services", date: "2026-11-20" },
    ];
    expect(single("D-01", events)).toMatchObject({ due: null, status: "paused" });
  });

  it("D-01: an unanswered request made on or after the due date does not pause a clock that already ran out", () => {
    const onDue: Event[] = [referral, { type: "consent_requested", consent: "initial_services", date: "2026-12-04" }];
    expect(single("D-01", onDue)).toMatchObject({ due: "2026-12-04", status: "open" });
    const dayBefore: Event[] = [
      referral,
      { type: "consent_requested", consent: "initial_services", date: "2026-12-03" },
    ];
    expect(single("D-01", dayBefore)).toMatchObject({ due: null, status: "paused" });
  });

  it("D-01: reevaluation consent does not pause the clock", () => {
    const events: Event[] = [referral, { type: "consent_requested", consent: "reevaluation", date: "2026-10-08" }];
    expect(single("D-01", events)).toMatchObject({ due: "2026-12-04", status: "open" });
  });

  it("D-01: a refusal of initial-evaluation consent stops the clock", () => {
    const events: Event[] = [
      referral,
      { type: "consent_requested", consent: "initial_evaluation", date: "2026-10-08" },
      { type: "consent_refused", consent: "initial_evaluation", date: "2026-10-15" },
    ];
    expect(single("D-01", events)).toEqual({ rule: "D-01", due: null, unit: "school", status: "stopped", event: 0 });
  });

  it("D-01: a refusal of initial-services consent stops the clock, even after a later grant", () => {
    const events: Event[] = [
      ...issueExample.events,
      { type: "consent_requested", consent: "initial_services", date: "2026-11-30" },
      { type: "consent_refused", consent: "initial_services", date: "2026-12-01" },
      { type: "consent_granted", consent: "initial_services", date: "2026-12-03" },
      { type: "iep_implemented", date: "2026-12-10" },
    ];
    expect(single("D-01", events)).toMatchObject({ due: null, status: "stopped" });
  });

  it("D-01: a refusal dated before the referral does not stop a new referral", () => {
    const events: Event[] = [{ type: "consent_refused", consent: "initial_evaluation", date: "2026-09-15" }, referral];
    expect(single("D-01", events)).toMatchObject({ due: "2026-12-04", status: "open", event: 1 });
  });

  it("D-01: a reevaluation refusal does not stop the clock", () => {
    const events: Event[] = [referral, { type: "consent_refused", consent: "reevaluation", date: "2026-10-15" }];
    expect(single("D-01", events)).toMatchObject({ due: "2026-12-04", status: "open" });
  });

  it("D-01: met when the IEP is implemented on the due date, late the school day after", () => {
    expect(single("D-01", [referral, { type: "iep_implemented", date: "2026-12-04" }]).status).toBe("met");
    expect(single("D-01", [referral, { type: "iep_implemented", date: "2026-12-07" }]).status).toBe("late");
    expect(single("D-01", [...issueExample.events, { type: "iep_implemented", date: "2026-12-16" }]).status).toBe(
      "met",
    );
    expect(single("D-01", [...issueExample.events, { type: "iep_implemented", date: "2026-12-17" }]).status).toBe(
      "late",
    );
  });

  it("D-01: uses the first IEP implementation on or after the referral, ignoring an older IEP", () => {
    const events: Event[] = [
      { type: "iep_implemented", date: "2026-12-20" },
      { type: "iep_implemented", date: "2025-05-01" },
      referral,
      { type: "iep_implemented", date: "2026-12-03" },
    ];
    expect(single("D-01", events)).toMatchObject({ due: "2026-12-04", status: "met", event: 2 });
    expect(single("D-01", [{ type: "iep_implemented", date: "2026-09-01" }, referral]).status).toBe("open");
  });

  it("D-01: consent events after the IEP was implemented are ignored", () => {
    const events: Event[] = [
      referral,
      { type: "iep_implemented", date: "2026-11-20" },
      { type: "consent_requested", consent: "initial_services", date: "2026-11-25" },
      { type: "consent_refused", consent: "initial_evaluation", date: "2026-12-01" },
    ];
    expect(single("D-01", events)).toMatchObject({ due: "2026-12-04", status: "met" });
  });

  it("D-01: stays paused when a request before the implementation was never answered", () => {
    const events: Event[] = [
      referral,
      { type: "consent_requested", consent: "initial_evaluation", date: "2026-10-08" },
      { type: "iep_implemented", date: "2026-11-20" },
    ];
    expect(single("D-01", events)).toMatchObject({ due: null, status: "paused" });
  });

  it("D-01: due null when the calendar ends before the 45th school day", () => {
    const short = { schoolYears: [{ firstDay: "2026-08-26", lastDay: "2026-11-30" }] };
    expect(single("D-01", [referral], { calendar: short })).toEqual({
      rule: "D-01",
      due: null,
      unit: "school",
      status: "open",
      event: 0,
    });
  });

  it("D-01: met with due null when the IEP was implemented before the calendar ends", () => {
    const short = { schoolYears: [{ firstDay: "2026-08-26", lastDay: "2026-11-30" }] };
    expect(
      single("D-01", [referral, { type: "iep_implemented", date: "2026-11-20" }], { calendar: short }),
    ).toMatchObject({
      due: null,
      status: "met",
    });
    expect(
      single("D-01", [referral, { type: "iep_implemented", date: "2026-12-20" }], { calendar: short }),
    ).toMatchObject({
      due: null,
      status: "open",
    });
  });

  it("D-01: the count continues into the next school year", () => {
    const twoYears = {
      schoolYears: [
        { firstDay: "2026-08-26", lastDay: "2027-06-10" },
        { firstDay: "2027-08-25", lastDay: "2028-06-09" },
      ],
    };
    expect(single("D-01", [{ type: "referral_received", date: "2027-05-27" }], { calendar: twoYears }).due).toBe(
      "2027-10-12",
    );
  });

  it("D-01: one entry per referral, each with its own input position", () => {
    const events: Event[] = [
      { type: "referral_received", date: "2027-01-04" },
      { type: "iep_implemented", date: "2026-11-30" },
      referral,
    ];
    expect(forRule("D-01", events)).toEqual([
      { rule: "D-01", due: "2027-03-08", unit: "school", status: "open", event: 0 },
      { rule: "D-01", due: "2026-12-04", unit: "school", status: "met", event: 2 },
    ]);
  });

  it("D-01: the number of school days comes from settings", () => {
    expect(single("D-01", [referral], { settings: { initialEvaluationSchoolDays: 10 } }).due).toBe("2026-10-15");
  });
});

describe("D-03 IEP meeting after eligibility", () => {
  const eligibility: Event = { type: "eligibility_determined", date: "2026-10-15" };

  it("D-03: 30 calendar days after the determination, weekends included", () => {
    expect(single("D-03", [eligibility])).toEqual({
      rule: "D-03",
      due: "2026-11-14",
      unit: "calendar",
      status: "open",
      event: 0,
    });
  });

  it("D-03: counts calendar days across a short February", () => {
    expect(single("D-03", [{ type: "eligibility_determined", date: "2027-01-31" }]).due).toBe("2027-03-02");
    expect(single("D-03", [{ type: "eligibility_determined", date: "2028-01-31" }]).due).toBe("2028-03-01");
  });

  it("D-03: met by a PPT meeting on or before the due date, late after it", () => {
    expect(single("D-03", [eligibility, { type: "ppt_meeting_held", date: "2026-11-14" }]).status).toBe("met");
    expect(single("D-03", [eligibility, { type: "ppt_meeting_held", date: "2026-10-15" }]).status).toBe("met");
    expect(single("D-03", [eligibility, { type: "ppt_meeting_held", date: "2026-11-16" }]).status).toBe("late");
  });

  it("D-03: a meeting before the determination does not complete it", () => {
    expect(single("D-03", [{ type: "ppt_meeting_held", date: "2026-10-01" }, eligibility]).status).toBe("open");
  });

  it("D-03: the number of days comes from settings", () => {
    expect(single("D-03", [eligibility], { settings: { eligibilityToIepMeetingDays: 20 } }).due).toBe("2026-11-04");
  });
});

describe("D-05 implementation after prior written notice", () => {
  it("D-05: the 10th school day after the PWN", () => {
    expect(single("D-05", [{ type: "pwn_sent", date: "2026-11-02" }])).toEqual({
      rule: "D-05",
      due: "2026-11-16",
      unit: "school",
      status: "open",
      event: 0,
    });
  });

  it("D-05: passes over Thanksgiving and the weekend", () => {
    expect(single("D-05", [{ type: "pwn_sent", date: "2026-11-20" }]).due).toBe("2026-12-07");
  });

  it("D-05: the agreed implementation date wins, even on a non-school day", () => {
    expect(single("D-05", [{ type: "pwn_sent", date: "2026-11-02", agreedImplementationDate: "2026-12-01" }]).due).toBe(
      "2026-12-01",
    );
    expect(single("D-05", [{ type: "pwn_sent", date: "2026-11-02", agreedImplementationDate: "2026-11-28" }]).due).toBe(
      "2026-11-28",
    );
  });

  it("D-05: met or late by the first IEP implementation on or after the PWN", () => {
    const pwn: Event = { type: "pwn_sent", date: "2026-11-02", agreedImplementationDate: "2026-12-01" };
    expect(single("D-05", [pwn, { type: "iep_implemented", date: "2026-12-01" }]).status).toBe("met");
    expect(single("D-05", [pwn, { type: "iep_implemented", date: "2026-12-02" }]).status).toBe("late");
    expect(single("D-05", [{ type: "iep_implemented", date: "2026-10-01" }, pwn]).status).toBe("open");
    expect(
      single("D-05", [
        { type: "pwn_sent", date: "2026-11-02" },
        { type: "iep_implemented", date: "2026-11-17" },
      ]).status,
    ).toBe("late");
  });

  it("D-05: due null when the calendar ends first", () => {
    expect(single("D-05", [{ type: "pwn_sent", date: "2027-06-01" }])).toMatchObject({ due: null, status: "open" });
  });

  it("D-05: the number of school days comes from settings", () => {
    expect(
      single("D-05", [{ type: "pwn_sent", date: "2026-11-02" }], { settings: { pwnImplementationSchoolDays: 5 } }).due,
    ).toBe("2026-11-09");
  });
});

describe("D-05b IEP and PWN to the parents", () => {
  it("D-05b: the 5th school day after the PPT meeting, open without a completing event", () => {
    const events: Event[] = [
      { type: "ppt_meeting_held", date: "2026-11-20" },
      { type: "iep_implemented", date: "2026-11-21" },
    ];
    expect(single("D-05b", events)).toEqual({
      rule: "D-05b",
      due: "2026-11-30",
      unit: "school",
      status: "open",
      event: 0,
    });
  });

  it("D-05b: one entry per meeting", () => {
    const events: Event[] = [
      { type: "ppt_meeting_held", date: "2026-10-01" },
      { type: "ppt_meeting_held", date: "2026-11-20" },
    ];
    expect(forRule("D-05b", events).map((deadline) => [deadline.event, deadline.due])).toEqual([
      [0, "2026-10-08"],
      [1, "2026-11-30"],
    ]);
  });

  it("D-05b: the number of school days comes from settings", () => {
    expect(
      single("D-05b", [{ type: "ppt_meeting_held", date: "2026-11-20" }], { settings: { iepToParentsSchoolDays: 3 } })
        .due,
    ).toBe("2026-11-25");
  });
});

describe("D-06 meeting notice", () => {
  function notice(meetingDate: string, overrides: Partial<DeadlineInput> = {}): Deadline {
    return single("D-06", [{ type: "meeting_scheduled", date: "2026-08-26", meetingDate }], overrides);
  }

  it("D-06: counts back 5 school days from the meeting, the meeting day itself not counted", () => {
    expect(notice("2026-10-16")).toEqual({ rule: "D-06", due: "2026-10-09", unit: "school", status: "open", event: 0 });
  });

  it("D-06: counting back passes over the weekend and Thanksgiving", () => {
    expect(notice("2026-11-30").due).toBe("2026-11-20");
  });

  it("D-06: counting back passes over Labor Day", () => {
    expect(notice("2026-09-09").due).toBe("2026-09-01");
  });

  it("D-06: a meeting in the summer counts back from the end of the school year", () => {
    expect(notice("2027-07-15").due).toBe("2027-06-04");
  });

  it("D-06: due null when the school year starts fewer than 5 school days before the meeting", () => {
    expect(notice("2026-09-02")).toMatchObject({ due: "2026-08-26", status: "open" });
    expect(notice("2026-09-01")).toMatchObject({ due: null, status: "open" });
  });

  it("D-06: counts from meetingDate, not from the day the meeting was scheduled", () => {
    const deadline = single("D-06", [{ type: "meeting_scheduled", date: "2026-10-14", meetingDate: "2026-10-16" }]);
    expect(deadline.due).toBe("2026-10-09");
  });

  it("D-06: the number of school days comes from settings", () => {
    expect(notice("2026-10-16", { settings: { meetingNoticeSchoolDays: 10 } }).due).toBe("2026-10-02");
  });
});

describe("D-08 annual review", () => {
  it("D-08: one year after the meeting", () => {
    expect(single("D-08", [{ type: "ppt_meeting_held", date: "2026-11-20" }])).toEqual({
      rule: "D-08",
      due: "2027-11-20",
      unit: "years",
      status: "open",
      event: 0,
    });
  });

  it("D-08: exactly one entry, from the latest meeting by date, whatever the input order", () => {
    const events: Event[] = [
      { type: "ppt_meeting_held", date: "2027-03-01" },
      { type: "ppt_meeting_held", date: "2026-11-20" },
      { type: "ppt_meeting_held", date: "2025-12-01" },
    ];
    expect(single("D-08", events)).toMatchObject({ due: "2028-03-01", event: 0 });
  });

  it("D-08: two meetings on the same latest date: the later input position", () => {
    const events: Event[] = [
      { type: "ppt_meeting_held", date: "2026-11-20" },
      { type: "ppt_meeting_held", date: "2026-11-20" },
    ];
    expect(single("D-08", events).event).toBe(1);
  });

  it("D-08: a meeting on 29 February is due on 28 February", () => {
    expect(single("D-08", [{ type: "ppt_meeting_held", date: "2028-02-29" }]).due).toBe("2029-02-28");
  });

  it("D-08: no entry without a meeting", () => {
    expect(forRule("D-08", [referral])).toEqual([]);
  });
});

describe("D-09 triennial reevaluation", () => {
  it("D-09: three years after the latest eligibility determination", () => {
    const events: Event[] = [
      { type: "eligibility_determined", date: "2026-10-15" },
      { type: "eligibility_determined", date: "2023-10-20" },
    ];
    expect(single("D-09", events)).toEqual({
      rule: "D-09",
      due: "2029-10-15",
      unit: "years",
      status: "open",
      event: 0,
    });
  });

  it("D-09: a determination on 29 February is due on 28 February", () => {
    expect(single("D-09", [{ type: "eligibility_determined", date: "2028-02-29" }]).due).toBe("2031-02-28");
  });

  it("D-09: a determination on 28 February stays on 28 February in a leap target year", () => {
    expect(single("D-09", [{ type: "eligibility_determined", date: "2029-02-28" }]).due).toBe("2032-02-28");
  });
});

describe("D-10 / D-11 birthday rules", () => {
  // Version 2: D-10 / D-11 exist only for a student with an IEP on the birthday; these version-1
  // cases give the student an IEP implemented long before (no meeting, so the due date is the birthday).
  const iep: Event = { type: "iep_implemented", date: "2019-09-03" };

  it("D-10 / D-11: the 14th and 17th birthdays, with no event index", () => {
    const result = deadlines([iep], { student: { birthDate: "2013-02-14" } });
    expect(result).toEqual([
      { rule: "D-10", due: "2027-02-14", unit: "birthday", status: "open" },
      { rule: "D-11", due: "2030-02-14", unit: "birthday", status: "open" },
    ]);
    expect(result.every((deadline) => !("event" in deadline))).toBe(true);
  });

  it("D-10 / D-11: a 29 February birthday falls on 28 February in non-leap years", () => {
    const result = deadlines([iep], { student: { birthDate: "2012-02-29" } });
    expect(result.map((deadline) => deadline.due)).toEqual(["2026-02-28", "2029-02-28"]);
  });

  it("D-10: a 29 February birthday is 28 February in a non-leap year and 29 February in a leap year", () => {
    expect(single("D-10", [iep], { student: { birthDate: "2016-02-29" } }).due).toBe("2030-02-28");
    // transitionAge 16 (version 1's example) is now beyond the CT bound of 14; 12 lands on a leap year too.
    expect(
      single("D-10", [{ type: "iep_implemented", date: "2005-09-01" }], {
        student: { birthDate: "2000-02-29" },
        settings: { transitionAge: 12 },
      }).due,
    ).toBe("2012-02-29");
  });

  it("D-10 / D-11: ages come from settings", () => {
    const result = deadlines([iep], {
      student: { birthDate: "2013-02-14" },
      settings: { transitionAge: 13, transferOfRightsNoticeAge: 16 },
    });
    expect(result.map((deadline) => deadline.due)).toEqual(["2026-02-14", "2029-02-14"]);
  });

  it("D-10 / D-11: no entries without a birth date", () => {
    expect(deadlines([iep])).toEqual([]);
    expect(deadlines([iep], { student: {} })).toEqual([]);
  });
});

describe("D-14 access to records", () => {
  const request: Event = { type: "records_request_received", date: "2026-10-01" };

  it("D-14: the 10th school day after the request", () => {
    expect(single("D-14", [request])).toEqual({
      rule: "D-14",
      due: "2026-10-15",
      unit: "school",
      status: "open",
      event: 0,
    });
  });

  it("D-14: a meeting before the 10th day moves the due date to the last school day before it", () => {
    const events: Event[] = [request, { type: "meeting_scheduled", date: "2026-10-02", meetingDate: "2026-10-09" }];
    expect(single("D-14", events).due).toBe("2026-10-08");
  });

  it("D-14: the last school day before a Tuesday meeting after Labor Day is the Friday before", () => {
    const events: Event[] = [
      { type: "records_request_received", date: "2026-09-01" },
      { type: "meeting_scheduled", date: "2026-09-01", meetingDate: "2026-09-08" },
    ];
    expect(single("D-14", events).due).toBe("2026-09-04");
  });

  it("D-14: the earliest qualifying meeting wins, whatever the input order and scheduling date", () => {
    const events: Event[] = [
      { type: "meeting_scheduled", date: "2026-09-20", meetingDate: "2026-10-13" },
      request,
      { type: "meeting_scheduled", date: "2026-10-05", meetingDate: "2026-10-07" },
    ];
    expect(single("D-14", events)).toMatchObject({ due: "2026-10-06", event: 1 });
  });

  it("D-14: meetings on the request day, on the 10th day, or later do not move the due date", () => {
    const events: Event[] = [
      request,
      { type: "meeting_scheduled", date: "2026-09-20", meetingDate: "2026-10-01" },
      { type: "meeting_scheduled", date: "2026-09-20", meetingDate: "2026-10-15" },
      { type: "meeting_scheduled", date: "2026-09-20", meetingDate: "2026-11-02" },
      { type: "meeting_scheduled", date: "2026-09-20", meetingDate: "2026-09-30" },
    ];
    expect(single("D-14", events).due).toBe("2026-10-15");
  });

  it("D-14: a meeting on the day before the 10th day counts", () => {
    const events: Event[] = [request, { type: "meeting_scheduled", date: "2026-10-02", meetingDate: "2026-10-14" }];
    expect(single("D-14", events).due).toBe("2026-10-13");
  });

  it("D-14: a meeting on the next school day makes the request day itself the due date", () => {
    const events: Event[] = [
      { type: "records_request_received", date: "2026-10-02" },
      { type: "meeting_scheduled", date: "2026-09-25", meetingDate: "2026-10-05" },
    ];
    expect(single("D-14", events).due).toBe("2026-10-02");
  });

  it("D-14: never due before the request arrived", () => {
    const events: Event[] = [
      { type: "records_request_received", date: "2026-10-03" },
      { type: "meeting_scheduled", date: "2026-09-25", meetingDate: "2026-10-05" },
    ];
    expect(single("D-14", events).due).toBe("2026-10-03");
  });

  // Version 2 changes this version-1 case: D-14 is never null (the 45-day ceiling, 34 CFR 300.613(a)).
  it("D-14: with too short a calendar, the 45-day ceiling and a meeting inside it still set the due date", () => {
    const short = { schoolYears: [{ firstDay: "2026-08-26", lastDay: "2026-10-09" }] };
    expect(single("D-14", [request], { calendar: short })).toMatchObject({ due: "2026-11-15", status: "open" });
    const events: Event[] = [request, { type: "meeting_scheduled", date: "2026-10-01", meetingDate: "2026-10-08" }];
    expect(single("D-14", events, { calendar: short }).due).toBe("2026-10-07");
    const afterCalendar: Event[] = [
      request,
      { type: "meeting_scheduled", date: "2026-10-01", meetingDate: "2026-10-20" },
    ];
    expect(single("D-14", afterCalendar, { calendar: short }).due).toBe("2026-10-09");
  });

  it("D-14: the number of school days comes from settings", () => {
    expect(single("D-14", [request], { settings: { recordsRequestSchoolDays: 5 } }).due).toBe("2026-10-08");
  });
});

describe("D-19 manifestation determination review", () => {
  it("D-19: the 10th school day after the decision", () => {
    expect(single("D-19", [{ type: "disciplinary_change_of_placement", date: "2026-11-20" }])).toEqual({
      rule: "D-19",
      due: "2026-12-07",
      unit: "school",
      status: "open",
      event: 0,
    });
  });

  it("D-19: a decision at the end of the year runs into the next school year", () => {
    const twoYears = {
      schoolYears: [
        { firstDay: "2026-08-26", lastDay: "2027-06-10" },
        { firstDay: "2027-08-25", lastDay: "2028-06-09" },
      ],
    };
    expect(
      single("D-19", [{ type: "disciplinary_change_of_placement", date: "2027-06-08" }], { calendar: twoYears }).due,
    ).toBe("2027-09-03");
  });

  it("D-19: the number of school days comes from settings", () => {
    expect(
      single("D-19", [{ type: "disciplinary_change_of_placement", date: "2026-11-20" }], {
        settings: { mdrSchoolDays: 4 },
      }).due,
    ).toBe("2026-11-27");
  });
});

describe("D-23 consent answer", () => {
  const request: Event = { type: "consent_requested", consent: "initial_evaluation", date: "2026-10-08" };

  it("D-23: open until answered, due the 10th school day after the request", () => {
    expect(single("D-23", [request])).toEqual({
      rule: "D-23",
      due: "2026-10-22",
      unit: "school",
      status: "open",
      event: 0,
    });
  });

  it("D-23: met when granted or refused on or before the due date", () => {
    expect(
      single("D-23", [request, { type: "consent_granted", consent: "initial_evaluation", date: "2026-10-20" }]).status,
    ).toBe("met");
    expect(
      single("D-23", [request, { type: "consent_refused", consent: "initial_evaluation", date: "2026-10-22" }]).status,
    ).toBe("met");
  });

  it("D-23: late when answered after the due date", () => {
    expect(
      single("D-23", [request, { type: "consent_granted", consent: "initial_evaluation", date: "2026-10-23" }]).status,
    ).toBe("late");
  });

  it("D-23: only an answer about the same consent, dated on or after the request, counts", () => {
    const events: Event[] = [
      { type: "consent_granted", consent: "initial_evaluation", date: "2026-10-01" },
      request,
      { type: "consent_granted", consent: "initial_services", date: "2026-10-09" },
      { type: "consent_granted", consent: "reevaluation", date: "2026-10-09" },
    ];
    expect(single("D-23", events)).toMatchObject({ status: "open", event: 1 });
  });

  it("D-23: applies to initial-services requests but not to reevaluation requests", () => {
    expect(single("D-23", [{ type: "consent_requested", consent: "initial_services", date: "2026-10-08" }]).due).toBe(
      "2026-10-22",
    );
    expect(forRule("D-23", [{ type: "consent_requested", consent: "reevaluation", date: "2026-10-08" }])).toEqual([]);
  });

  it("D-23: the number of school days comes from settings", () => {
    expect(single("D-23", [request], { settings: { consentNoResponseSchoolDays: 5 } }).due).toBe("2026-10-15");
  });
});

describe("504-R Section 504 plan review", () => {
  it("504-R: 12 months later, same day", () => {
    expect(single("504-R", [{ type: "plan504_activated", date: "2026-09-15" }])).toEqual({
      rule: "504-R",
      due: "2027-09-15",
      unit: "months",
      status: "open",
      event: 0,
    });
  });

  it("504-R: clamped to the end of a shorter month", () => {
    expect(single("504-R", [{ type: "plan504_activated", date: "2028-02-29" }]).due).toBe("2029-02-28");
    expect(
      single("504-R", [{ type: "plan504_activated", date: "2026-08-31" }], { settings: { section504ReviewMonths: 6 } })
        .due,
    ).toBe("2027-02-28");
  });

  it("504-R: an earlier plan is met or late by the next activation", () => {
    const onTime: Event[] = [
      { type: "plan504_activated", date: "2027-09-10" },
      { type: "plan504_activated", date: "2026-09-15" },
    ];
    expect(forRule("504-R", onTime)).toEqual([
      { rule: "504-R", due: "2028-09-10", unit: "months", status: "open", event: 0 },
      { rule: "504-R", due: "2027-09-15", unit: "months", status: "met", event: 1 },
    ]);
    const overdue: Event[] = [
      { type: "plan504_activated", date: "2026-09-15" },
      { type: "plan504_activated", date: "2027-09-16" },
    ];
    expect(forRule("504-R", overdue).map((deadline) => deadline.status)).toEqual(["late", "open"]);
  });
});

describe("output order and event positions", () => {
  it("sorts by event position, then rule order, with birthday rules last", () => {
    const events: Event[] = [
      { type: "ppt_meeting_held", date: "2026-11-20" },
      { type: "records_request_received", date: "2026-10-01" },
      { type: "eligibility_determined", date: "2026-10-15" },
      referral,
      { type: "pwn_sent", date: "2026-11-20" },
    ];
    const result = deadlines(events, { student: { birthDate: "2013-02-14" } });
    expect(result.map((deadline) => [deadline.rule, deadline.event])).toEqual([
      ["D-05b", 0],
      ["D-08", 0],
      ["D-14", 1],
      ["D-03", 2],
      ["D-09", 2],
      ["D-01", 3],
      ["D-05", 4],
      ["D-10", undefined],
      ["D-11", undefined],
    ]);
  });

  it("produces nothing for events no rule uses", () => {
    expect(
      deadlines([
        { type: "iep_implemented", date: "2026-10-01" },
        { type: "consent_granted", consent: "reevaluation", date: "2026-10-01" },
      ]),
    ).toEqual([]);
  });

  it("does not depend on the input order of the events", () => {
    const events = [...issueExample.events, { type: "iep_implemented", date: "2026-12-10" } as Event];
    const reversed = [...events].reverse();
    const byRule = (list: Deadline[]) => list.map(({ rule, due, status }) => `${rule} ${due} ${status}`).sort();
    expect(byRule(deadlines(reversed))).toEqual(byRule(deadlines(events)));
    expect(single("D-01", reversed).event).toBe(3);
  });
});

describe("rule sets and options", () => {
  it("computes another state's rule set without changing the engine", () => {
    const otherState: DeadlineRule[] = [
      {
        id: "X-01",
        title: "Evaluation within 60 calendar days of consent",
        description: "Evaluate within {amount} calendar days.",
        citation: "34 CFR 300.301(c)",
        tag: "V",
        trigger: { kind: "event", event: "consent_granted", consents: ["initial_evaluation"] },
        unit: "calendar",
        amount: 60,
        completion: { kind: "event", event: "eligibility_determined" },
      },
    ];
    const result = computeDeadlines(
      {
        calendar,
        events: [
          { type: "consent_granted", consent: "initial_evaluation", date: "2026-10-20" },
          { type: "eligibility_determined", date: "2026-12-20" },
        ],
      },
      otherState,
    );
    expect(result.deadlines).toEqual([{ rule: "X-01", due: "2026-12-19", unit: "calendar", status: "late", event: 0 }]);
  });

  it("accepts a prebuilt calendar and gives the same result", () => {
    const prebuilt = createSchoolCalendar(calendar);
    expect(computeDeadlines(issueExample, ctRules, { calendar: prebuilt })).toEqual(computeDeadlines(issueExample));
  });

  it("rejects unknown settings even without prior validation", () => {
    expect(() => computeDeadlines({ ...issueExample, settings: { nope: 1 } as never })).toThrow(/nope/);
  });
});

describe("settings", () => {
  it("fills every setting with the CT default", () => {
    expect(complianceSettingsSchema.parse({})).toEqual({
      initialEvaluationSchoolDays: 45,
      eligibilityToIepMeetingDays: 30,
      pwnImplementationSchoolDays: 10,
      iepToParentsSchoolDays: 5,
      meetingNoticeSchoolDays: 5,
      transitionAge: 14,
      transferOfRightsNoticeAge: 17,
      recordsRequestSchoolDays: 10,
      mdrSchoolDays: 10,
      consentNoResponseSchoolDays: 10,
      section504ReviewMonths: 12,
    });
    expect(complianceSettingsSchema.parse(undefined)).toEqual(defaultComplianceSettings);
  });

  it("keeps given values and defaults the rest", () => {
    expect(complianceSettingsSchema.parse({ transitionAge: 13 })).toMatchObject({
      transitionAge: 13,
      transferOfRightsNoticeAge: 17,
    });
  });

  it.each([
    [{ unknownKey: 1 }, "settings.unknownKey"],
    [{ transitionAge: 0 }, "settings.transitionAge"],
    [{ mdrSchoolDays: 2.5 }, "settings.mdrSchoolDays"],
    [{ section504ReviewMonths: "12" }, "settings.section504ReviewMonths"],
  ])("rejects %j at %s", (settings, path) => {
    const result = parseDeadlineInput({ calendar, events: [], settings });
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.path).toBe(path);
  });

  it("every rule's setting exists, and every setting is used by a rule", () => {
    const used = ctRules.flatMap((rule) => (rule.amountSetting === undefined ? [] : [rule.amountSetting]));
    expect([...used].sort()).toEqual(Object.keys(defaultComplianceSettings).sort());
  });
});

describe("rule data", () => {
  it("has unique ids and a title, description, citation and tag for every rule", () => {
    const ids = ctRules.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([
      "D-01",
      "D-03",
      "D-05",
      "D-05b",
      "D-06",
      "D-08",
      "D-09",
      "D-10",
      "D-11",
      "D-13",
      "D-14",
      "D-19",
      "D-23",
      "504-R",
    ]);
    for (const rule of ctRules) {
      expect(rule.title.length, rule.id).toBeGreaterThan(0);
      expect(rule.description, rule.id).toMatch(/\.$/);
      expect(rule.citation.length, rule.id).toBeGreaterThan(0);
      expect(["V", "S", "U"]).toContain(rule.tag);
    }
  });

  it("describeRule gives the plain-language text with the amount in effect", () => {
    expect(describeRule("D-01")).toMatchObject({
      id: "D-01",
      title: "Initial evaluation and IEP in place",
      unit: "school",
      amount: 45,
      tag: "S",
    });
    expect(describeRule("D-01")?.description).toContain("within 45 school days");
    expect(
      describeRule("D-01", ctRules, { ...defaultComplianceSettings, initialEvaluationSchoolDays: 40 })?.description,
    ).toContain("within 40 school days");
    expect(describeRule("D-99")).toBeUndefined();
  });
});

describe("deadlineInputSchema / parseDeadlineInput", () => {
  function errorFor(value: unknown) {
    const result = parseDeadlineInput(value);
    if (result.success) throw new Error("expected a validation error");
    return result.error;
  }

  it("accepts the issue's example and fills defaults", () => {
    const result = parseDeadlineInput({ calendar: { schoolYears: [] }, events: [] });
    expect(result).toEqual({
      success: true,
      data: {
        calendar: { schoolYears: [], closures: [], extraDays: [], reportCardDates: [] },
        events: [],
        settings: defaultComplianceSettings,
      },
    });
    expect(parseDeadlineInput(issueExample).success).toBe(true);
  });

  it("names the bad event date", () => {
    const events = [...issueExample.events];
    events[2] = { type: "consent_granted", consent: "initial_evaluation", date: "2026-02-30" };
    expect(errorFor({ ...issueExample, events })).toEqual({
      error: 'Invalid date "2026-02-30": expected a real date in YYYY-MM-DD format',
      path: "events.2.date",
    });
  });

  it.each([
    [{ type: "referral_received" }, "events.0.date", /Required/],
    [{ type: "referral_received", date: "10/01/2026" }, "events.0.date", /real date/],
    [{ type: "referral_received", date: 20261001 }, "events.0.date", /YYYY-MM-DD/],
    [{ type: "referral", date: "2026-10-01" }, "events.0.type", /Unknown event type/],
    [{ date: "2026-10-01" }, "events.0.type", /Required/],
    [{ type: "consent_requested", date: "2026-10-01" }, "events.0.consent", /Required/],
    [{ type: "consent_granted", consent: "services", date: "2026-10-01" }, "events.0.consent", /initial_evaluation/],
    [{ type: "meeting_scheduled", date: "2026-10-01" }, "events.0.meetingDate", /Required/],
    [{ type: "meeting_scheduled", date: "2026-10-01", meetingDate: "2026-11-31" }, "events.0.meetingDate", /real date/],
    [
      { type: "pwn_sent", date: "2026-10-01", agreedImplementationDate: "2026-02-29" },
      "events.0.agreedImplementationDate",
      /real date/,
    ],
    [
      { type: "iep_implemented", date: "2026-10-01", agreedImplementationDate: "2026-10-10" },
      "events.0.agreedImplementationDate",
      /Unknown field/,
    ],
    [
      { type: "referral_received", date: "2026-10-01", consent: "initial_evaluation" },
      "events.0.consent",
      /Unknown field/,
    ],
    ["referral_received", "events.0", /event object/],
  ])("rejects the event %j at %s", (event, path, message) => {
    const error = errorFor({ calendar, events: [event] });
    expect(error.path).toBe(path);
    expect(error.error).toMatch(message);
  });

  it.each([
    [
      { schoolYears: [{ firstDay: "2026-02-30", lastDay: "2027-06-10" }] },
      "calendar.schoolYears.0.firstDay",
      /real date/,
    ],
    [{ schoolYears: [{ firstDay: "2026-08-26" }] }, "calendar.schoolYears.0.lastDay", /Required/],
    [
      { schoolYears: [{ firstDay: "2027-06-10", lastDay: "2026-08-26" }] },
      "calendar.schoolYears.0.firstDay",
      /after lastDay/,
    ],
    [
      {
        schoolYears: [
          { firstDay: "2026-08-26", lastDay: "2027-06-10" },
          { firstDay: "2027-06-10", lastDay: "2028-06-10" },
        ],
      },
      "calendar.schoolYears.1.firstDay",
      /overlaps school year 0/,
    ],
    [
      {
        schoolYears: [
          { firstDay: "2027-08-25", lastDay: "2028-06-10" },
          { firstDay: "2027-09-01", lastDay: "2027-09-30" },
        ],
      },
      "calendar.schoolYears.1.firstDay",
      /overlaps/,
    ],
    [{ schoolYears: [], closures: ["2026-09-07", "2026-09-31"] }, "calendar.closures.1", /real date/],
    [{ schoolYears: [], extraDays: ["tomorrow"] }, "calendar.extraDays.0", /real date/],
    [{ schoolYears: [], holidays: [] }, "calendar.holidays", /Unknown field/],
    [{ closures: [] }, "calendar.schoolYears", /Required/],
  ])("rejects the calendar %j at %s", (badCalendar, path, message) => {
    const error = errorFor({ calendar: badCalendar, events: [] });
    expect(error.path).toBe(path);
    expect(error.error).toMatch(message);
  });

  it("accepts adjacent school years", () => {
    const adjacent = {
      schoolYears: [
        { firstDay: "2027-07-01", lastDay: "2028-06-30" },
        { firstDay: "2026-07-01", lastDay: "2027-06-30" },
      ],
    };
    expect(parseDeadlineInput({ calendar: adjacent, events: [] }).success).toBe(true);
  });

  it.each([
    [null, "", /expected object/],
    [[], "", /expected object/],
    [{ events: [] }, "calendar", /Required/],
    [{ calendar }, "events", /Required/],
    [{ calendar, events: {} }, "events", /expected array/],
    [{ calendar, events: [], extra: true }, "extra", /Unknown field/],
    [{ calendar, events: [], student: { birthDate: "2013-02-29" } }, "student.birthDate", /real date/],
    [{ calendar, events: [], student: { birthDate: "2013-02-14", name: "Ann" } }, "student.name", /Unknown field/],
  ])("rejects the document %j at %j", (value, path, message) => {
    const error = errorFor(value);
    expect(error.path).toBe(path);
    expect(error.error).toMatch(message);
  });
});
