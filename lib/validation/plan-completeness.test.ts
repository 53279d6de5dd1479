import { describe, expect, it } from "vitest";
import { iepCompleteness, plan504Completeness, reportingScheduleIssues, turnsAgeDuringPlan } from "./plan-completeness";
import { emptyContent, type IepContent, type Plan504Content } from "./plans";

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const keys = (issues: { key: string }[]) => issues.map((i) => i.key);

function completeIep(): IepContent {
  return {
    meetingDate: "2026-10-15",
    presentLevels: "Present levels",
    parentConcerns: "",
    goals: [
      {
        id: id(1),
        area: "reading",
        text: "Goal",
        baseline: "42",
        target: "90",
        measurement: "CBM",
        schedule: "Biweekly",
        objectives: [{ id: id(2), text: "STO", criteria: "80%", evaluation: "Probe", schedule: "January" }],
      },
    ],
    services: [
      {
        id: id(3),
        category: "special_education",
        type: "Reading instruction",
        minutes: "150",
        frequency: "week",
        location: "special_education",
        providerUserId: "",
        providerName: "P. Natarajan",
        startDate: "2026-10-20",
        endDate: "2027-10-14",
      },
    ],
    accommodations: [
      {
        id: id(4),
        kind: "accommodation",
        text: "Extended time",
        teacherAction: "Give 50% more time",
        classroom: true,
        testing: true,
        responsible: "",
      },
    ],
    lre: { schoolHoursPerWeek: "32", hoursWithPeers: "29", explanation: "Pull-out reading only" },
    transition: { assessments: "", postsecondaryEducation: "", employment: "", independentLiving: "", services: "" },
    implementers: [{ id: id(5), name: "Samuel Brooks", role: "Grade 4 teacher" }],
  };
}

function complete504(): Plan504Content {
  return {
    meetingDate: "2026-10-15",
    impairment: "ADHD, combined presentation",
    majorLifeActivities: ["concentrating", "learning"],
    basis: "actual",
    evaluationSources: "Physician letter; teacher rating scales",
    mitigatingMeasures: "Medication",
    accommodations: [
      {
        id: id(6),
        kind: "accommodation",
        text: "Breaks",
        teacherAction: "Offer a 2-minute break",
        classroom: true,
        testing: false,
        responsible: "All teachers",
      },
    ],
    reviewDate: "2027-10-15",
  };
}

describe("IEP completeness (300.320; RCSA 10-76d-11)", () => {
  const student = { birthDate: "2016-03-01" };

  it("a complete IEP has no issues", () => {
    expect(iepCompleteness(completeIep(), student)).toEqual([]);
  });

  it("an empty draft lists exactly what is missing", () => {
    expect(keys(iepCompleteness(emptyContent("iep"), student))).toEqual([
      "meetingDate",
      "presentLevels",
      "goals",
      "specialEducationService",
      "lreHours",
      "lreExplanation",
      "implementers",
    ]);
  });

  it("PM-1: a structured measure is optional, but one that is started must be valid to finalize", () => {
    const content = completeIep();
    const measure = {
      unit: "percent" as const,
      direction: "increase" as const,
      baselineValue: "40",
      baselineDate: "2026-09-01",
      targetValue: "80",
      rubricLevels: [],
    };
    content.goals[0]!.measure = measure;
    expect(iepCompleteness(content, student)).toEqual([]);
    content.goals[0]!.measure = { ...measure, targetValue: "30" };
    expect(iepCompleteness(content, student)).toEqual([
      { key: "goalMeasure", rule: "PM-1", path: "goals.0.measure.unit", params: { goal: 1 } },
    ]);
    content.goals[0]!.measure = { ...measure, unit: "" };
    content.goals[0]!.objectives[0]!.measure = { ...measure, unit: "rubric", rubricLevels: ["Only"] };
    expect(keys(iepCompleteness(content, student))).toEqual(["objectiveMeasure"]);
  });

  it("RCSA 10-76d-11(a)(1): every goal needs at least one short-term objective with criteria, evaluation and schedule", () => {
    const content = completeIep();
    content.goals[0]!.objectives = [];
    expect(iepCompleteness(content, student)).toEqual([
      { key: "goalObjectives", rule: "RCSA 10-76d-11(a)(1)", path: "goals.0.objectives", params: { goal: 1 } },
    ]);
    content.goals[0]!.objectives = [{ id: id(9), text: "STO", criteria: "", evaluation: "", schedule: " " }];
    expect(keys(iepCompleteness(content, student))).toEqual([
      "objectiveCriteria",
      "objectiveEvaluation",
      "objectiveSchedule",
    ]);
  });

  it("300.8(a)(2): an IEP needs specially designed instruction, not only a related service", () => {
    const content = completeIep();
    content.services[0]!.category = "related";
    expect(keys(iepCompleteness(content, student))).toEqual(["specialEducationService"]);
  });

  it("300.320(a)(7): services need minutes, a provider and a date range in order", () => {
    const content = completeIep();
    Object.assign(content.services[0]!, { minutes: "0", providerName: "", endDate: "2026-01-01" });
    expect(keys(iepCompleteness(content, student))).toEqual(["serviceMinutes", "serviceProvider", "serviceDateOrder"]);
  });

  it("accommodations need a plain-language teacher action and a setting", () => {
    const content = completeIep();
    Object.assign(content.accommodations[0]!, { teacherAction: "", classroom: false, testing: false });
    expect(keys(iepCompleteness(content, student))).toEqual(["accommodationTeacherAction", "accommodationSetting"]);
  });

  it("D-10: transition planning is required when the student turns 14 during the plan", () => {
    const content = completeIep();
    expect(keys(iepCompleteness(content, { birthDate: "2012-12-01" }))).toEqual([
      "transitionAssessments",
      "transitionEducation",
      "transitionEmployment",
      "transitionServices",
    ]);
    expect(iepCompleteness(content, { birthDate: "2013-10-16" }).length).toBe(0);
    expect(turnsAgeDuringPlan("2013-10-15", "2026-10-15", 14)).toBe(true);
    expect(turnsAgeDuringPlan("2013-10-16", "2026-10-15", 14)).toBe(false);
    expect(turnsAgeDuringPlan("2000-01-01", "2026-10-15", 14)).toBe(true);
    expect(turnsAgeDuringPlan("2012-02-29", "2025-02-28", 14)).toBe(true);
    expect(turnsAgeDuringPlan("2012-03-01", "2025-02-28", 14)).toBe(false);
  });

  it("D-11: the transfer-of-rights statement is required in the IEP in effect when the student turns 17", () => {
    const content = completeIep();
    content.transition = {
      assessments: "Interest inventory (2026-09-20).",
      postsecondaryEducation: "Community college.",
      employment: "Part-time work.",
      independentLiving: "",
      services: "Job shadowing.",
    };
    expect(keys(iepCompleteness(content, { birthDate: "2009-10-15" }))).toEqual(["rightsTransfer"]);
    expect(iepCompleteness(content, { birthDate: "2009-10-15" })[0]).toMatchObject({
      rule: "D-11",
      path: "transition.rightsTransfer",
      params: { age: 17 },
    });
    expect(iepCompleteness(content, { birthDate: "2010-10-16" })).toEqual([]);
    content.transition.rightsTransfer = "Informed on 2026-10-15: the rights transfer to the student at 18.";
    expect(iepCompleteness(content, { birthDate: "2009-10-15" })).toEqual([]);
  });

  it("LRE hours with peers cannot exceed the school week", () => {
    const content = completeIep();
    content.lre.hoursWithPeers = "40";
    expect(keys(iepCompleteness(content, student))).toEqual(["lreHoursOrder"]);
  });
});

describe("504 completeness (Rules 504-1, 504-3; 104.35)", () => {
  it("a complete 504 plan has no issues", () => {
    expect(plan504Completeness(complete504())).toEqual([]);
  });

  it("504-3: only an actual disability allows a plan ('record of' / 'regarded as' do not)", () => {
    expect(keys(plan504Completeness({ ...complete504(), basis: "regarded_as" }))).toEqual(["basisNotActual"]);
    expect(keys(plan504Completeness({ ...complete504(), basis: "record_of" }))).toEqual(["basisNotActual"]);
  });

  it("504-1: needs an impairment and a major life activity; accommodations need responsible staff", () => {
    const content = { ...complete504(), impairment: "", majorLifeActivities: [] };
    content.accommodations = [{ ...content.accommodations[0]!, responsible: "" }];
    expect(keys(plan504Completeness(content))).toEqual([
      "impairment",
      "majorLifeActivities",
      "accommodationResponsible",
    ]);
  });

  it("the review date must come after the meeting", () => {
    expect(keys(plan504Completeness({ ...complete504(), reviewDate: "2026-10-15" }))).toEqual(["reviewDateOrder"]);
  });
});

describe("the IEP's progress-reporting schedule (D-13, PM-2)", () => {
  const withSchedule = (progressReporting: IepContent["progressReporting"]): IepContent => ({
    ...completeIep(),
    progressReporting,
  });
  const date = (d: string, n: number) => ({ id: id(100 + n), date: d });

  it("D-13: nothing written, with report cards, a whole number of weeks up to 18 or dates in order are complete", () => {
    expect(reportingScheduleIssues(completeIep())).toEqual([]);
    expect(reportingScheduleIssues(withSchedule({ kind: "", everyWeeks: "", dates: [] }))).toEqual([]);
    expect(reportingScheduleIssues(withSchedule({ kind: "report_cards", everyWeeks: "", dates: [] }))).toEqual([]);
    expect(reportingScheduleIssues(withSchedule({ kind: "weeks", everyWeeks: "9", dates: [] }))).toEqual([]);
    expect(
      reportingScheduleIssues(
        withSchedule({ kind: "dates", everyWeeks: "", dates: [date("2026-12-18", 1), date("2027-10-15", 2)] }),
      ),
    ).toEqual([]);
  });

  it("D-13: weeks must be a whole number from 1 to 18", () => {
    for (const everyWeeks of ["", "0", "19", "4.5"])
      expect(reportingScheduleIssues(withSchedule({ kind: "weeks", everyWeeks, dates: [] })), everyWeeks).toEqual([
        { key: "reportingWeeks", rule: "D-13", path: "progressReporting.everyWeeks", params: { max: 18 } },
      ]);
  });

  it("D-13: dates — at least one, none blank, each within the IEP's year and after the one before", () => {
    expect(keys(reportingScheduleIssues(withSchedule({ kind: "dates", everyWeeks: "", dates: [] })))).toEqual([
      "reportingDates",
    ]);
    expect(
      reportingScheduleIssues(
        withSchedule({
          kind: "dates",
          everyWeeks: "",
          dates: [
            date("2026-10-14", 1),
            date("", 2),
            date("2027-03-01", 3),
            date("2027-03-01", 4),
            date("2027-10-16", 5),
          ],
        }),
      ),
    ).toEqual([
      { key: "reportingDateOutside", rule: "D-13", path: "progressReporting.dates.0.date", params: { n: 1 } },
      { key: "reportingDateMissing", rule: "D-13", path: "progressReporting.dates.1.date", params: { n: 2 } },
      {
        key: "reportingDateOrder",
        rule: "D-13",
        path: "progressReporting.dates.3.date",
        params: { n: 4, previous: 3 },
      },
      { key: "reportingDateOutside", rule: "D-13", path: "progressReporting.dates.4.date", params: { n: 5 } },
    ]);
  });

  it("finalizing reports the schedule's problems with the rest", () => {
    expect(
      keys(iepCompleteness(withSchedule({ kind: "weeks", everyWeeks: "0", dates: [] }), { birthDate: "2015-01-01" })),
    ).toEqual(["reportingWeeks"]);
  });
});
