import { describe, expect, it } from "vitest";
import {
  evaluationReportDue,
  referralSteps,
  sourceRequirements,
  type ReferralFacts,
  type ReferralStepKey,
} from "./steps";

/** Referral steps (compliance.md §3.1, §3.4 504 → IEP; legal-review.md CL-9; D-01, D-03, D-07, D-23). */

const base: ReferralFacts = {
  flow: "initial",
  receivedOn: "2026-10-01",
  status: "open",
  outcome: null,
  closedOn: null,
  referralMeeting: { status: "none", date: null },
  decision: null,
  decidedOn: null,
  evaluationConsent: "none",
  evaluationCompletedOn: null,
  reportRequestedOn: null,
  reportDue: null,
  eligibilityMeeting: { status: "none", date: null },
  needsSdi: null,
  iep: "none",
  iepNoticeSent: false,
  servicesConsent: "none",
  closingNoticeSent: false,
  plan504: "none",
  stayPut: false,
  deadlines: [{ ruleId: "D-01", due: "2026-12-04", status: "open" }],
};

/** Referred, evaluated with consent and the eligibility PPT held: what each eligibility case starts from. */
const evaluated: Partial<ReferralFacts> = {
  referralMeeting: { status: "held", date: "2026-10-10" },
  decision: "evaluate",
  evaluationConsent: "granted",
  evaluationCompletedOn: "2026-11-01",
  eligibilityMeeting: { status: "held", date: "2026-11-09" },
};

const facts = (over: Partial<ReferralFacts>): ReferralFacts => ({ ...base, ...over });
const states = (f: ReferralFacts) =>
  Object.fromEntries(referralSteps(f).steps.map((s) => [s.key, s.state])) as Record<ReferralStepKey, string>;

describe("referralSteps (compliance.md §3.1)", () => {
  it("a new referral: the referral PPT is current, the case manager schedules it, D-01 shown from the referral", () => {
    const flow = referralSteps(base);
    expect(flow.current).toBe("referralMeeting");
    expect(flow.nextActor).toBe("caseManager");
    expect(flow.blockedBy).toBe("meetingNotScheduled");
    expect(flow.steps[0]).toMatchObject({
      key: "received",
      state: "done",
      deadline: { ruleId: "D-01", due: "2026-12-04" },
    });
    expect(flow.steps.map((s) => s.key)).not.toContain("plan504Ends");
  });

  it("a scheduled referral PPT blocks on the meeting being held and shows its D-06 notice date", () => {
    const flow = referralSteps(
      facts({
        referralMeeting: { status: "scheduled", date: "2026-10-10" },
        deadlines: [...base.deadlines, { ruleId: "D-06", due: "2026-10-05", status: "open" }],
      }),
    );
    expect(flow.blockedBy).toBe("meetingNotHeld");
    expect(flow.steps[1]!.deadline).toMatchObject({ ruleId: "D-06", due: "2026-10-05" });
  });

  it("decided to evaluate, consent to evaluate (C-01) requested: the parent acts, D-23 is the step's deadline", () => {
    const flow = referralSteps(
      facts({
        referralMeeting: { status: "held", date: "2026-10-10" },
        decision: "evaluate",
        decidedOn: "2026-10-10",
        evaluationConsent: "requested",
        deadlines: [
          { ruleId: "D-01", due: null, status: "paused" },
          { ruleId: "D-23", due: "2026-10-24", status: "open" },
        ],
      }),
    );
    expect(flow.current).toBe("evaluationConsent");
    expect(flow.nextActor).toBe("parent");
    expect(flow.blockedBy).toBe("consentNotAnswered");
    expect(flow.steps.find((s) => s.key === "evaluationConsent")!.deadline).toMatchObject({ ruleId: "D-23" });
  });

  it("consent granted, evaluation in progress; the report request (D-07) is optional and never the current step", () => {
    const f = facts({
      referralMeeting: { status: "held", date: "2026-10-10" },
      decision: "evaluate",
      decidedOn: "2026-10-10",
      evaluationConsent: "granted",
      reportRequestedOn: "2026-10-20",
      reportDue: "2026-11-04",
      eligibilityMeeting: { status: "scheduled", date: "2026-11-09" },
    });
    const flow = referralSteps(f);
    expect(flow.current).toBe("evaluation");
    expect(flow.blockedBy).toBe("evaluationNotCompleted");
    expect(flow.steps.find((s) => s.key === "evaluationReport")).toMatchObject({
      state: "done",
      optional: true,
      deadline: { ruleId: "D-07", due: "2026-11-04" },
    });
    expect(referralSteps({ ...f, reportRequestedOn: null, reportDue: null }).current).toBe("evaluation");
  });

  it("refused at the referral PPT: evaluation steps are skipped; closed 'not evaluated' leaves nothing current", () => {
    const f = facts({
      referralMeeting: { status: "held", date: "2026-10-10" },
      decision: "refuse",
      decidedOn: "2026-10-10",
      status: "closed",
      outcome: "not_evaluated",
      closedOn: "2026-10-12",
    });
    const s = states(f);
    expect(s.evaluationConsent).toBe("skipped");
    expect(s.iepInForce).toBe("skipped");
    expect(referralSteps(f)).toMatchObject({ current: null, nextActor: null, blockedBy: null });
  });

  it("not eligible (no specially designed instruction): the PWN is the next step, the IEP steps are skipped", () => {
    const f = facts({
      ...evaluated,
      needsSdi: false,
    });
    const flow = referralSteps(f);
    expect(flow.current).toBe("notEligibleNotice");
    expect(flow.blockedBy).toBe("noticeNotSent");
    expect(states(f).iepDevelopment).toBe("skipped");
  });

  it("eligible: IEP development is current with its D-03 date; then the PWN, C-02 and the IEP in force (D-01)", () => {
    const eligible = facts({
      ...evaluated,
      needsSdi: true,
      deadlines: [...base.deadlines, { ruleId: "D-03", due: "2026-12-09", status: "open" }],
    });
    const flow = referralSteps(eligible);
    expect(flow.current).toBe("iepDevelopment");
    expect(flow.steps.find((s) => s.key === "iepDevelopment")!.deadline).toMatchObject({ ruleId: "D-03" });
    expect(referralSteps({ ...eligible, iep: "final" }).current).toBe("iepNotice");
    expect(referralSteps({ ...eligible, iep: "final", iepNoticeSent: true }).blockedBy).toBe("consentNotRequested");
    const waiting = referralSteps({ ...eligible, iep: "final", iepNoticeSent: true, servicesConsent: "requested" });
    expect(waiting).toMatchObject({ current: "servicesConsent", nextActor: "parent" });
    const ready = referralSteps({ ...eligible, iep: "final", iepNoticeSent: true, servicesConsent: "granted" });
    expect(ready.current).toBe("iepInForce");
    expect(ready.steps.find((s) => s.key === "iepInForce")!.deadline).toMatchObject({ ruleId: "D-01" });
  });

  it("504 → IEP (CL-9): the 504 plan ends the day before the IEP takes effect, listed as the last step", () => {
    const f = facts({
      flow: "504_to_iep",
      plan504: "active",
      ...evaluated,
      needsSdi: true,
      iep: "final",
      iepNoticeSent: true,
      servicesConsent: "granted",
    });
    expect(states(f).plan504Ends).toBe("pending");
    const done = referralSteps({
      ...f,
      iep: "active",
      plan504: "ended",
      status: "closed",
      outcome: "iep_in_force",
      closedOn: "2026-12-01",
    });
    expect(done.steps.at(-1)).toMatchObject({ key: "plan504Ends", state: "done", date: "2026-12-01" });
    expect(done.current).toBeNull();
  });

  it("504 → IEP not eligible: the 504 plan's end is skipped (the plan continues unchanged)", () => {
    const f = facts({
      flow: "504_to_iep",
      plan504: "active",
      decision: "evaluate",
      evaluationCompletedOn: "2026-11-01",
      needsSdi: false,
      status: "closed",
      outcome: "not_eligible",
      closedOn: "2026-11-12",
    });
    expect(states(f).plan504Ends).toBe("skipped");
    expect(states(f).notEligibleNotice).toBe("done");
  });

  it("stay-put (300.518): whatever the step, the district admin's dispute blocks it", () => {
    const flow = referralSteps(facts({ stayPut: true }));
    expect(flow).toMatchObject({ nextActor: "districtAdmin", blockedBy: "stayPut" });
  });

  it("a refused consent blocks on the refusal (the referral may be closed 'consent refused')", () => {
    const flow = referralSteps(
      facts({
        referralMeeting: { status: "held", date: "2026-10-10" },
        decision: "evaluate",
        evaluationConsent: "refused",
      }),
    );
    expect(flow).toMatchObject({ current: "evaluationConsent", nextActor: "caseManager", blockedBy: "consentRefused" });
  });
});

describe("D-07 evaluation report before the eligibility PPT (CGS 10-76d(a)(8))", () => {
  const before = (date: string, n: number) => (date === "2026-11-09" && n === 3 ? "2026-11-04" : null);

  it("D-07: due the 3rd school day before the eligibility PPT", () => {
    expect(evaluationReportDue("2026-10-20", "2026-11-09", before)).toBe("2026-11-04");
  });

  it("D-07: not computable without a request or a scheduled eligibility PPT", () => {
    expect(evaluationReportDue(null, "2026-11-09", before)).toBeNull();
    expect(evaluationReportDue("2026-10-20", null, before)).toBeNull();
  });

  it("D-07: a request made after that day is due at once", () => {
    expect(evaluationReportDue("2026-11-06", "2026-11-09", before)).toBe("2026-11-06");
  });
});

describe("sourceRequirements (R-07; compliance.md §2 Referral)", () => {
  const common = { birthDate: "2018-05-01", receivedOn: "2026-10-01" };

  it("a parent's written request needs its form and the date it bears, not after receipt", () => {
    expect(sourceRequirements({ ...common, source: "parent_request" })).toEqual({
      requestForm: "validation.referral.requestForm",
      requestDatedOn: "validation.referral.requestDatedOn",
    });
    expect(
      sourceRequirements({ ...common, source: "parent_request", requestForm: "email", requestDatedOn: "2026-10-02" }),
    ).toEqual({ requestDatedOn: "validation.referral.requestAfterReceipt" });
    expect(
      sourceRequirements({ ...common, source: "parent_request", requestForm: "letter", requestDatedOn: "2026-09-28" }),
    ).toEqual({});
  });

  it("a student study team needs its recorded general-education interventions", () => {
    expect(sourceRequirements({ ...common, source: "student_study_team", interventions: [] })).toEqual({
      interventions: "validation.referral.interventionsRequired",
    });
    expect(sourceRequirements({ ...common, source: "student_study_team", interventions: [{}] })).toEqual({});
  });

  it("D-20/D-01 cap: a Birth-to-Three referral is for a child not yet 3", () => {
    expect(sourceRequirements({ source: "birth_to_three", birthDate: "2023-10-02", receivedOn: "2026-10-01" })).toEqual(
      {},
    );
    expect(sourceRequirements({ source: "birth_to_three", birthDate: "2023-10-01", receivedOn: "2026-10-01" })).toEqual(
      {
        source: "validation.referral.birthToThreeAge",
      },
    );
  });

  it("a teacher's or 504 team's referral needs nothing more", () => {
    expect(sourceRequirements({ ...common, source: "teacher" })).toEqual({});
    expect(sourceRequirements({ ...common, source: "team_504" })).toEqual({});
  });
});
