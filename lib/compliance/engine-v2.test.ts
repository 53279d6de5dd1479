/**
 * Contract version 2 (issue 10): events with meaning, exits, Birth-to-Three, the 45-day records
 * ceiling and legal bounds on settings. Test names cite the rule id, the regulation and the
 * legal-review.md error (E1–E21) each behaviour answers.
 */
import { describe, expect, it } from "vitest";
import { computeDeadlines, parseDeadlineInput, type Deadline, type DeadlineInput } from "./engine";
import { complianceSettingBounds, complianceSettingsSchema, ctRules } from "./rules";

type Event = DeadlineInput["events"][number];

/** 2026-27: Wednesday 26 August to Thursday 10 June, closed on Labor Day and Thanksgiving Thursday. */
const calendar = {
  schoolYears: [{ firstDay: "2026-08-26", lastDay: "2027-06-10" }],
  closures: ["2026-09-07", "2026-11-26"],
  extraDays: [],
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

const rules = (events: Event[], overrides: Partial<DeadlineInput> = {}) =>
  deadlines(events, overrides).map((deadline) => deadline.rule);

const referral: Event = { type: "referral_received", date: "2026-10-01" };

describe("D-01 Birth-to-Three referral (34 CFR 300.124(b); RCSA 10-76d-1; E7)", () => {
  const b23: Event = { type: "referral_received", date: "2026-10-01", birthToThree: true };

  it("D-01 E7: due on the third birthday when it comes before the 45th school day", () => {
    expect(single("D-01", [b23], { student: { birthDate: "2023-11-20" } })).toEqual({
      rule: "D-01",
      due: "2026-11-20",
      unit: "school",
      status: "open",
      event: 0,
    });
    expect(single("D-01", [referral], { student: { birthDate: "2023-11-20" } }).due).toBe("2026-12-04");
  });

  it("D-01 E7: keeps the 45th school day when the third birthday comes later", () => {
    expect(single("D-01", [b23], { student: { birthDate: "2024-06-01" } }).due).toBe("2026-12-04");
  });

  it("D-01 E7 E19: a 29 February birth date gives a 28 February third birthday", () => {
    const referral2027: Event = { type: "referral_received", date: "2027-01-15", birthToThree: true };
    expect(single("D-01", [referral2027], { student: { birthDate: "2024-02-29" } }).due).toBe("2027-02-28");
  });

  it("D-01 E7: the third birthday in the summer is the due date when the calendar ends first", () => {
    const may: Event = { type: "referral_received", date: "2027-05-03", birthToThree: true };
    const student = { birthDate: "2024-08-16" };
    expect(single("D-01", [{ type: "referral_received", date: "2027-05-03" }], { student }).due).toBeNull();
    expect(single("D-01", [may], { student })).toMatchObject({ due: "2027-08-16", status: "open" });
    expect(single("D-01", [may, { type: "iep_implemented", date: "2027-08-16" }], { student }).status).toBe("met");
    expect(single("D-01", [may, { type: "iep_implemented", date: "2027-08-25" }], { student }).status).toBe("late");
  });

  it("D-01 E7: a paused Birth-to-Three clock stays paused (consent time, RCSA 10-76d-13)", () => {
    const events: Event[] = [b23, { type: "consent_requested", consent: "initial_evaluation", date: "2026-10-05" }];
    expect(single("D-01", events, { student: { birthDate: "2023-11-20" } })).toMatchObject({
      due: null,
      status: "paused",
    });
  });
});

describe("D-01 / D-03 / D-09 with the eligibility outcome (34 CFR 300.306(c), 300.323(c)(1), 300.303; E2, E18)", () => {
  const notEligible = (date: string): Event => ({ type: "eligibility_determined", date, eligible: false });

  it("D-01 E2: an initial not-eligible finding on or before the due date completes it as met; no D-03, no D-09", () => {
    expect(deadlines([referral, notEligible("2026-11-20")])).toEqual([
      { rule: "D-01", due: "2026-12-04", unit: "school", status: "met", event: 0 },
    ]);
    expect(single("D-01", [referral, notEligible("2026-12-04")]).status).toBe("met");
  });

  it("D-01 E2: a not-eligible finding after the due date completes it as late", () => {
    expect(single("D-01", [referral, notEligible("2026-12-07")])).toMatchObject({
      due: "2026-12-04",
      status: "late",
    });
  });

  it("D-01 E2: a not-eligible finding while the clock is paused is met, due null", () => {
    const events: Event[] = [
      referral,
      { type: "consent_requested", consent: "initial_evaluation", date: "2026-10-05" },
      notEligible("2026-10-20"),
    ];
    expect(single("D-01", events)).toMatchObject({ due: null, status: "met" });
  });

  it("D-01 E2: the finding answers only the latest referral before it", () => {
    const events: Event[] = [
      { type: "referral_received", date: "2026-09-01" },
      referral,
      notEligible("2026-10-20"),
      { type: "referral_received", date: "2026-11-02" },
    ];
    expect(forRule("D-01", events).map((deadline) => deadline.status)).toEqual(["open", "met", "open"]);
  });

  it("D-01 E2: a reevaluation finding does not complete an initial referral", () => {
    const events: Event[] = [referral, { type: "eligibility_determined", date: "2026-10-20", kind: "reevaluation" }];
    expect(single("D-01", events).status).toBe("open");
  });

  it("D-03 D-09 E2: an initial eligible finding (the default) keeps version 1's D-03 and D-09", () => {
    const explicit: Event = { type: "eligibility_determined", date: "2026-10-15", kind: "initial", eligible: true };
    expect(deadlines([explicit])).toEqual(deadlines([{ type: "eligibility_determined", date: "2026-10-15" }]));
    expect(rules([explicit])).toEqual(["D-03", "D-09"]);
  });

  it("D-03 E18: met by the first meeting with purpose initial_iep, not by an eligibility-only meeting", () => {
    const eligible: Event = { type: "eligibility_determined", date: "2026-10-15" };
    const eligibilityMeeting: Event = { type: "ppt_meeting_held", date: "2026-10-20", purposes: ["eligibility"] };
    expect(single("D-03", [eligible, eligibilityMeeting])).toMatchObject({ due: "2026-11-14", status: "open" });
    const lateIep: Event = { type: "ppt_meeting_held", date: "2026-11-16", purposes: ["initial_iep"] };
    expect(single("D-03", [eligible, eligibilityMeeting, lateIep]).status).toBe("late");
    const onTime: Event = { type: "ppt_meeting_held", date: "2026-11-14", purposes: ["eligibility", "initial_iep"] };
    expect(single("D-03", [eligible, onTime, lateIep]).status).toBe("met");
    const annual: Event = { type: "ppt_meeting_held", date: "2026-10-30", purposes: ["annual_review"] };
    expect(single("D-03", [eligible, annual]).status).toBe("open");
  });

  it("D-03: a meeting without purposes completes it as in version 1 (a meeting that developed an IEP)", () => {
    const events: Event[] = [
      { type: "eligibility_determined", date: "2026-10-15" },
      { type: "ppt_meeting_held", date: "2026-11-02" },
    ];
    expect(single("D-03", events).status).toBe("met");
  });

  it("D-03 D-09 E18: a reevaluation finding eligible gives D-09 three years later and no D-03", () => {
    const events: Event[] = [{ type: "eligibility_determined", date: "2026-10-01", kind: "reevaluation" }];
    expect(deadlines(events)).toEqual([{ rule: "D-09", due: "2029-10-01", unit: "years", status: "open", event: 0 }]);
  });

  it("D-09 E2: the triennial counts from the latest eligible finding, not a not-eligible one", () => {
    const events: Event[] = [
      { type: "eligibility_determined", date: "2023-10-01" },
      { type: "referral_received", date: "2026-09-01" },
      notEligible("2026-10-01"),
    ];
    expect(single("D-09", events)).toMatchObject({ due: "2026-10-01", event: 0 });
  });
});

describe("D-08 / D-05b with meeting purposes (34 CFR 300.324(b)(1); compliance.md L-3; E3, E21)", () => {
  it("D-08 E3: a revision after the annual review does not move the annual review (case L2)", () => {
    const events: Event[] = [
      { type: "ppt_meeting_held", date: "2025-10-01", purposes: ["annual_review"] },
      { type: "ppt_meeting_held", date: "2026-03-01", purposes: ["revision"] },
    ];
    expect(single("D-08", events)).toEqual({
      rule: "D-08",
      due: "2026-10-01",
      unit: "years",
      status: "open",
      event: 0,
    });
  });

  it("D-08 E3: a referral or eligibility meeting creates no annual review (case G)", () => {
    const events: Event[] = [{ type: "ppt_meeting_held", date: "2026-10-08", purposes: ["referral", "eligibility"] }];
    expect(forRule("D-08", events)).toEqual([]);
  });

  it("D-08 E3: the initial IEP meeting starts the cycle; still one entry from the latest such meeting", () => {
    const events: Event[] = [
      { type: "ppt_meeting_held", date: "2026-11-02", purposes: ["eligibility", "initial_iep"] },
      { type: "ppt_meeting_held", date: "2027-01-11", purposes: ["manifestation"] },
    ];
    expect(single("D-08", events)).toMatchObject({ due: "2027-11-02", event: 0 });
    const withAnnual: Event[] = [
      ...events,
      { type: "ppt_meeting_held", date: "2027-10-20", purposes: ["annual_review"] },
    ];
    expect(single("D-08", withAnnual)).toMatchObject({ due: "2028-10-20", event: 2 });
  });

  it("D-08: a meeting without purposes is an annual review, as in version 1", () => {
    expect(single("D-08", [{ type: "ppt_meeting_held", date: "2026-03-01" }]).due).toBe("2027-03-01");
  });

  it("D-05b E21: only meetings that wrote, reviewed or revised the IEP", () => {
    const purposes = (list: Event[]) => forRule("D-05b", list).map((deadline) => deadline.event);
    const events: Event[] = [
      { type: "ppt_meeting_held", date: "2026-10-05", purposes: ["referral"] },
      { type: "ppt_meeting_held", date: "2026-10-06", purposes: ["eligibility"] },
      { type: "ppt_meeting_held", date: "2026-10-07", purposes: ["initial_iep"] },
      { type: "ppt_meeting_held", date: "2026-10-08", purposes: ["annual_review"] },
      { type: "ppt_meeting_held", date: "2026-10-09", purposes: ["revision"] },
      { type: "ppt_meeting_held", date: "2026-10-12", purposes: ["manifestation", "exit", "reevaluation"] },
      { type: "ppt_meeting_held", date: "2026-10-13" },
    ];
    expect(purposes(events)).toEqual([2, 3, 4, 6]);
  });
});

describe("D-05 / D-01 with the PWN action and subject (RCSA 10-76d-8(a)(5); 34 CFR 300.503(a); E2, E4)", () => {
  const pwn = (action: "propose" | "refuse", subject: "identification" | "evaluation" | "placement" | "fape") =>
    ({ type: "pwn_sent", date: "2026-10-15", action, subject }) satisfies Event;

  it("D-05 E4: only a PWN proposing a placement or FAPE (a new or changed IEP) starts implementation", () => {
    expect(forRule("D-05", [pwn("propose", "fape")])).toHaveLength(1);
    expect(single("D-05", [pwn("propose", "placement")]).due).toBe("2026-10-29");
    expect(forRule("D-05", [pwn("propose", "evaluation")])).toEqual([]);
    expect(forRule("D-05", [pwn("propose", "identification")])).toEqual([]);
    expect(forRule("D-05", [pwn("refuse", "fape")])).toEqual([]);
    expect(forRule("D-05", [pwn("refuse", "placement")])).toEqual([]);
  });

  it("D-05: a PWN without action or subject proposes FAPE, as in version 1", () => {
    expect(single("D-05", [{ type: "pwn_sent", date: "2026-10-15" }])).toEqual(
      single("D-05", [pwn("propose", "fape")]),
    );
  });

  it("D-01 E2: a PWN refusing an evaluation or identification stops every open D-01 up to its date", () => {
    for (const subject of ["evaluation", "identification"] as const) {
      const events: Event[] = [
        { type: "referral_received", date: "2026-09-01" },
        { type: "referral_received", date: "2026-10-15" },
        pwn("refuse", subject),
        { type: "referral_received", date: "2026-11-02" },
      ];
      expect(forRule("D-01", events).map(({ due, status }) => ({ due, status }))).toEqual([
        { due: null, status: "stopped" },
        { due: null, status: "stopped" },
        { due: "2027-01-05", status: "open" },
      ]);
    }
  });

  it("D-01 E2: a refusal PWN does not stop a D-01 already complete, nor is it a refusal of a placement", () => {
    const done: Event[] = [referral, { type: "iep_implemented", date: "2026-10-10" }, pwn("refuse", "evaluation")];
    expect(single("D-01", done).status).toBe("met");
    expect(single("D-01", [referral, pwn("refuse", "placement")]).status).toBe("open");
    expect(single("D-01", [referral, pwn("propose", "evaluation")]).status).toBe("open");
  });
});

describe("exits (34 CFR 300.300(b)(4), 300.305(e), 300.102(a)(3); E2, E12)", () => {
  const caseEvents: Event[] = [
    { type: "eligibility_determined", date: "2025-10-01" },
    { type: "ppt_meeting_held", date: "2025-10-20", purposes: ["initial_iep"] },
  ];

  it.each(["graduated", "aged_out", "not_eligible", "consent_revoked", "moved", "transferred_to_504"] as const)(
    "D-08 D-09 E12: after an exit (%s) entries due later are stopped, keeping their due dates",
    (reason) => {
      const events: Event[] = [...caseEvents, { type: "exited", date: "2026-06-10", reason }];
      expect(forRule("D-08", events)).toEqual([
        { rule: "D-08", due: "2026-10-20", unit: "years", status: "stopped", event: 1 },
      ]);
      expect(single("D-09", events)).toMatchObject({ due: "2028-10-01", status: "stopped" });
    },
  );

  it("D-08 E12: an entry due before the exit stays as it was", () => {
    const events: Event[] = [
      { type: "ppt_meeting_held", date: "2024-10-01", purposes: ["annual_review"] },
      { type: "exited", date: "2026-01-15", reason: "moved" },
    ];
    expect(single("D-08", events)).toMatchObject({ due: "2025-10-01", status: "open" });
  });

  it("E12: IEP-case events after an exit are ignored until a new referral", () => {
    const events: Event[] = [
      { type: "exited", date: "2026-01-05", reason: "consent_revoked" },
      { type: "consent_requested", consent: "initial_services", date: "2026-09-01" },
      { type: "eligibility_determined", date: "2026-09-02" },
      { type: "meeting_scheduled", date: "2026-09-02", meetingDate: "2026-09-20" },
      { type: "ppt_meeting_held", date: "2026-09-03" },
      { type: "pwn_sent", date: "2026-09-03" },
      { type: "iep_implemented", date: "2026-09-04" },
    ];
    expect(deadlines(events)).toEqual([]);
  });

  it("E12: records requests, disciplinary changes and 504 events after an exit still apply", () => {
    const events: Event[] = [
      { type: "exited", date: "2026-01-05", reason: "transferred_to_504" },
      { type: "plan504_activated", date: "2026-01-05" },
      { type: "records_request_received", date: "2026-10-01" },
      { type: "disciplinary_change_of_placement", date: "2026-10-01" },
    ];
    expect(rules(events)).toEqual(["504-R", "D-14", "D-19"]);
  });

  it("E12: a later referral starts a new case whose events count again", () => {
    const events: Event[] = [
      ...caseEvents,
      { type: "exited", date: "2026-01-05", reason: "moved" },
      { type: "ppt_meeting_held", date: "2026-03-01", purposes: ["annual_review"] },
      { type: "referral_received", date: "2026-09-14" },
      { type: "eligibility_determined", date: "2026-10-15" },
      { type: "ppt_meeting_held", date: "2026-11-02", purposes: ["initial_iep"] },
    ];
    expect(single("D-08", events)).toMatchObject({ due: "2027-11-02", status: "open", event: 6 });
    expect(single("D-09", events)).toMatchObject({ due: "2029-10-15", status: "open", event: 5 });
    expect(forRule("D-03", events).map((deadline) => deadline.event)).toEqual([0, 5]);
  });

  it("D-08 D-09 E12: a reevaluation finding the student not eligible acts as an exit (300.305(e)(1))", () => {
    const events: Event[] = [
      ...caseEvents,
      { type: "ppt_meeting_held", date: "2025-10-10", purposes: ["annual_review"] },
      { type: "eligibility_determined", date: "2026-09-15", kind: "reevaluation", eligible: false },
      { type: "ppt_meeting_held", date: "2026-10-01", purposes: ["annual_review"] },
    ];
    expect(single("D-08", events)).toMatchObject({ due: "2026-10-20", status: "stopped", event: 1 });
    expect(single("D-09", events)).toMatchObject({ due: "2028-10-01", status: "stopped", event: 0 });
    expect(forRule("D-05b", events).map((deadline) => deadline.event)).toEqual([1, 2]);
  });
});

describe("504-R and plan504_ended (34 CFR 104.33(b)(2), 104.35(d); E12)", () => {
  const activated: Event = { type: "plan504_activated", date: "2026-01-10" };

  it("504-R E12: stopped, due kept, when the plan ends before the review (an IEP replaced it, case AA)", () => {
    expect(single("504-R", [activated, { type: "plan504_ended", date: "2026-09-01" }])).toEqual({
      rule: "504-R",
      due: "2027-01-10",
      unit: "months",
      status: "stopped",
      event: 0,
    });
  });

  it("504-R: a plan that ends after its review date, or an older plan's end, changes nothing", () => {
    expect(single("504-R", [activated, { type: "plan504_ended", date: "2027-03-01" }]).status).toBe("open");
    expect(single("504-R", [{ type: "plan504_ended", date: "2025-12-01" }, activated]).status).toBe("open");
  });

  it("504-R: a review met by the next activation stays met when the plan later ends", () => {
    const events: Event[] = [
      activated,
      { type: "plan504_activated", date: "2026-12-01" },
      { type: "plan504_ended", date: "2027-01-05" },
    ];
    expect(forRule("504-R", events).map((deadline) => deadline.status)).toEqual(["met", "stopped"]);
  });
});

describe("D-10 / D-11 only with an IEP on the birthday (34 CFR 300.320(b)-(c); CT IEP Manual §6; E6)", () => {
  it("D-10 D-11 E6: none for a student without an IEP, or found not eligible", () => {
    const student = { birthDate: "2013-02-14" };
    expect(deadlines([], { student })).toEqual([]);
    expect(deadlines([referral], { student }).map((deadline) => deadline.rule)).toEqual(["D-01"]);
    const notEligible: Event[] = [referral, { type: "eligibility_determined", date: "2026-10-20", eligible: false }];
    expect(rules(notEligible, { student })).toEqual(["D-01"]);
  });

  it("D-10 E6: a student first found eligible at 16 gets no transition deadline in the past (case Q2)", () => {
    const student = { birthDate: "2008-03-01" };
    const events: Event[] = [
      { type: "eligibility_determined", date: "2024-04-01" },
      { type: "ppt_meeting_held", date: "2024-04-20", purposes: ["initial_iep"] },
    ];
    expect(forRule("D-10", events, { student })).toEqual([]);
    expect(single("D-11", events, { student })).toEqual({
      rule: "D-11",
      due: "2025-03-01",
      unit: "birthday",
      status: "open",
    });
  });

  it("D-10 E6: due at the annual review within the year before the 14th birthday (case Q)", () => {
    const student = { birthDate: "2012-09-15" };
    const events: Event[] = [
      { type: "iep_implemented", date: "2019-10-01" },
      { type: "ppt_meeting_held", date: "2024-11-01", purposes: ["annual_review"] },
      { type: "ppt_meeting_held", date: "2025-02-01", purposes: ["revision"] },
    ];
    expect(single("D-10", events, { student }).due).toBe("2025-11-01");
    const reviewed: Event[] = [
      ...events,
      { type: "ppt_meeting_held", date: "2025-10-28", purposes: ["annual_review"] },
    ];
    expect(single("D-10", reviewed, { student }).due).toBe("2026-09-15");
  });

  it("D-10 D-11 E6: none when the student exited between the IEP and the birthday; kept when the exit is later", () => {
    const student = { birthDate: "2012-09-15" };
    const iep: Event = { type: "iep_implemented", date: "2019-10-01" };
    expect(rules([iep, { type: "exited", date: "2026-06-01", reason: "moved" }], { student })).toEqual([]);
    expect(rules([iep, { type: "exited", date: "2028-06-01", reason: "moved" }], { student })).toEqual(["D-10"]);
    const newCase: Event[] = [
      iep,
      { type: "exited", date: "2026-06-01", reason: "moved" },
      { type: "referral_received", date: "2029-01-10" },
      { type: "iep_implemented", date: "2029-03-01" },
    ];
    expect(forRule("D-11", newCase, { student })).toMatchObject([{ due: "2029-09-15", status: "open" }]);
  });
});

describe("D-14 45-day ceiling (34 CFR 300.613(a); 34 CFR 99.10(b); RCSA 10-76d-18; E1)", () => {
  const twoYears = {
    schoolYears: [
      { firstDay: "2025-08-27", lastDay: "2026-06-12" },
      { firstDay: "2026-08-26", lastDay: "2027-06-10" },
    ],
    closures: ["2026-09-07"],
  };

  it("D-14 E1: a request on 2026-06-15 is due 2026-07-30, not 2026-09-09 (case H)", () => {
    const request: Event = { type: "records_request_received", date: "2026-06-15" };
    expect(single("D-14", [request], { calendar: twoYears })).toEqual({
      rule: "D-14",
      due: "2026-07-30",
      unit: "school",
      status: "open",
      event: 0,
    });
  });

  it("D-14 E1 E9: never null, even with no school calendar at all", () => {
    const request: Event = { type: "records_request_received", date: "2026-06-15" };
    expect(single("D-14", [request], { calendar: { schoolYears: [] } }).due).toBe("2026-07-30");
  });

  it("D-14: the 10th school day and a meeting scheduled sooner still win when earlier", () => {
    const request: Event = { type: "records_request_received", date: "2026-10-01" };
    expect(single("D-14", [request]).due).toBe("2026-10-15");
    const meeting: Event = { type: "meeting_scheduled", date: "2026-10-02", meetingDate: "2026-10-08" };
    expect(single("D-14", [request, meeting]).due).toBe("2026-10-07");
  });
});

describe("settings with legal bounds (compliance.md §4 [V] rules; E16)", () => {
  const legal = Object.entries(complianceSettingBounds).filter(([, bounds]) => "legal" in bounds);

  it("E16: every setting of a [V] rule has a legal bound, and the CT default sits on it", () => {
    for (const rule of ctRules) {
      if (rule.tag !== "V" || rule.amountSetting === undefined) continue;
      const bounds = complianceSettingBounds[rule.amountSetting];
      expect("legal" in bounds, rule.id).toBe(true);
    }
    for (const [name, bounds] of legal) {
      if (!("legal" in bounds)) continue;
      expect(bounds.default, name).toBe(bounds.legal.bound === "min" ? bounds.min : bounds.max);
    }
  });

  it.each([
    ["meetingNoticeSchoolDays", 4],
    ["recordsRequestSchoolDays", 11],
    ["initialEvaluationSchoolDays", 46],
    ["transitionAge", 16],
    ["transferOfRightsNoticeAge", 18],
    ["mdrSchoolDays", 11],
    ["eligibilityToIepMeetingDays", 31],
  ])("E16: %s = %i is refused at settings.<name> with the regulation", (name, value) => {
    const result = parseDeadlineInput({ calendar, events: [], settings: { [name]: value } });
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(result.error.path).toBe(`settings.${name}`);
      expect(result.error.error).toMatch(/the law sets this bound/);
    }
  });

  it("E16: [S] and [U] settings stay free within sane ranges", () => {
    const settings = {
      pwnImplementationSchoolDays: 365,
      iepToParentsSchoolDays: 1,
      consentNoResponseSchoolDays: 30,
      section504ReviewMonths: 36,
    };
    expect(complianceSettingsSchema.parse(settings)).toMatchObject(settings);
    expect(parseDeadlineInput({ calendar, events: [], settings: { section504ReviewMonths: 121 } }).success).toBe(false);
  });
});
