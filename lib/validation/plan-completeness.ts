import { addYears } from "@/lib/compliance/dates";
import { measureIssues } from "./goal-measure";
import type { IepContent, Plan504Content, PlanTypeName } from "./plans";

/**
 * What a version still lacks before it can be finalized. Each issue names a message key under
 * `plans.missing`, the rule it comes from, and where in the form it is.
 */
export interface CompletenessIssue {
  key: string;
  rule: string;
  path: string;
  params?: Record<string, string | number>;
}

const blank = (value: string) => value.trim() === "";

/**
 * True when the student turns `age` on or before the plan's end (one year after the meeting):
 * Connecticut requires transition planning in the IEP in effect when the student turns 14 (D-10).
 */
export function turnsAgeDuringPlan(birthDate: string, meetingDate: string, age: number): boolean {
  return addYears(birthDate, age) <= addYears(meetingDate, 1);
}

/**
 * Missing IEP content, by rule: 300.320(a), RCSA 10-76d-11 (STOs, implementers), CT-TR (transition at
 * 14), D-11 (the transfer-of-rights statement in the IEP in effect when the student turns 17).
 */
export function iepCompleteness(
  content: IepContent,
  student: { birthDate: string },
  transitionAge = 14,
  rightsTransferAge = 17,
): CompletenessIssue[] {
  const issues: CompletenessIssue[] = [];
  const need = (condition: boolean, key: string, rule: string, path: string, params?: CompletenessIssue["params"]) => {
    if (condition) issues.push({ key, rule, path, params });
  };
  need(blank(content.meetingDate), "meetingDate", "300.320", "meetingDate");
  need(blank(content.presentLevels), "presentLevels", "300.320(a)(1)", "presentLevels");
  need(content.goals.length === 0, "goals", "300.320(a)(2)", "goals");
  content.goals.forEach((goal, g) => {
    const n = g + 1;
    need(blank(goal.text), "goalText", "300.320(a)(2)", `goals.${g}.text`, { goal: n });
    need(blank(goal.baseline), "goalBaseline", "300.320(a)(2)", `goals.${g}.baseline`, { goal: n });
    need(blank(goal.target), "goalTarget", "300.320(a)(2)", `goals.${g}.target`, { goal: n });
    need(blank(goal.measurement), "goalMeasurement", "300.320(a)(3)", `goals.${g}.measurement`, { goal: n });
    need(blank(goal.schedule), "goalSchedule", "300.320(a)(3)", `goals.${g}.schedule`, { goal: n });
    need(goal.objectives.length === 0, "goalObjectives", "RCSA 10-76d-11(a)(1)", `goals.${g}.objectives`, { goal: n });
    need(
      Boolean(goal.measure && measureIssues(goal.measure).length),
      "goalMeasure",
      "PM-1",
      `goals.${g}.measure.unit`,
      {
        goal: n,
      },
    );
    goal.objectives.forEach((objective, o) => {
      const params = { goal: n, objective: o + 1 };
      need(
        Boolean(objective.measure && measureIssues(objective.measure).length),
        "objectiveMeasure",
        "PM-1",
        `goals.${g}.objectives.${o}.measure.unit`,
        params,
      );
      need(blank(objective.text), "objectiveText", "RCSA 10-76d-11(a)(1)", `goals.${g}.objectives.${o}.text`, params);
      need(
        blank(objective.criteria),
        "objectiveCriteria",
        "RCSA 10-76d-11(a)(1)",
        `goals.${g}.objectives.${o}.criteria`,
        params,
      );
      need(
        blank(objective.evaluation),
        "objectiveEvaluation",
        "RCSA 10-76d-11(a)(1)",
        `goals.${g}.objectives.${o}.evaluation`,
        params,
      );
      need(
        blank(objective.schedule),
        "objectiveSchedule",
        "RCSA 10-76d-11(a)(1)",
        `goals.${g}.objectives.${o}.schedule`,
        params,
      );
    });
  });
  need(
    !content.services.some((s) => s.category === "special_education"),
    "specialEducationService",
    "300.8(a)(2)",
    "services",
  );
  content.services.forEach((service, i) => {
    const params = { service: i + 1 };
    need(blank(service.type), "serviceType", "300.320(a)(7)", `services.${i}.type`, params);
    need(
      blank(service.minutes) || Number(service.minutes) === 0,
      "serviceMinutes",
      "300.320(a)(7)",
      `services.${i}.minutes`,
      params,
    );
    need(
      blank(service.providerName) && blank(service.providerUserId),
      "serviceProvider",
      "RCSA 10-76d-11(a)",
      `services.${i}.providerName`,
      params,
    );
    need(
      blank(service.startDate) || blank(service.endDate),
      "serviceDates",
      "300.320(a)(7)",
      `services.${i}.startDate`,
      params,
    );
    need(
      !blank(service.startDate) && !blank(service.endDate) && service.endDate < service.startDate,
      "serviceDateOrder",
      "300.320(a)(7)",
      `services.${i}.endDate`,
      params,
    );
  });
  content.accommodations.forEach((item, i) => {
    const params = { item: i + 1 };
    need(blank(item.text), "accommodationText", "300.320(a)(4)", `accommodations.${i}.text`, params);
    need(
      blank(item.teacherAction),
      "accommodationTeacherAction",
      "300.323(d)",
      `accommodations.${i}.teacherAction`,
      params,
    );
    need(
      !item.classroom && !item.testing,
      "accommodationSetting",
      "300.320(a)(6)",
      `accommodations.${i}.classroom`,
      params,
    );
  });
  need(
    blank(content.lre.schoolHoursPerWeek) || blank(content.lre.hoursWithPeers),
    "lreHours",
    "300.320(a)(5)",
    "lre.schoolHoursPerWeek",
  );
  need(
    !blank(content.lre.schoolHoursPerWeek) &&
      !blank(content.lre.hoursWithPeers) &&
      Number(content.lre.hoursWithPeers) > Number(content.lre.schoolHoursPerWeek),
    "lreHoursOrder",
    "300.320(a)(5)",
    "lre.hoursWithPeers",
  );
  need(blank(content.lre.explanation), "lreExplanation", "300.320(a)(5)", "lre.explanation");
  if (!blank(content.meetingDate) && turnsAgeDuringPlan(student.birthDate, content.meetingDate, transitionAge)) {
    need(blank(content.transition.assessments), "transitionAssessments", "D-10", "transition.assessments", {
      age: transitionAge,
    });
    need(
      blank(content.transition.postsecondaryEducation),
      "transitionEducation",
      "D-10",
      "transition.postsecondaryEducation",
      { age: transitionAge },
    );
    need(blank(content.transition.employment), "transitionEmployment", "D-10", "transition.employment", {
      age: transitionAge,
    });
    need(blank(content.transition.services), "transitionServices", "D-10", "transition.services", {
      age: transitionAge,
    });
  }
  if (!blank(content.meetingDate) && turnsAgeDuringPlan(student.birthDate, content.meetingDate, rightsTransferAge))
    need(blank(content.transition.rightsTransfer ?? ""), "rightsTransfer", "D-11", "transition.rightsTransfer", {
      age: rightsTransferAge,
    });
  issues.push(...reportingScheduleIssues(content));
  need(content.implementers.length === 0, "implementers", "RCSA 10-76d-11(a)", "implementers");
  content.implementers.forEach((person, i) => {
    need(blank(person.name), "implementerName", "RCSA 10-76d-11(a)", `implementers.${i}.name`, { item: i + 1 });
  });
  return issues;
}

/** The longest interval an IEP may write between progress reports (semester report cards: 18 weeks). */
export const MAX_REPORTING_WEEKS = 18;

/**
 * Problems of the IEP's reporting schedule (D-13; 300.320(a)(3)(ii); legal-review PM-2): "every N
 * weeks" needs a whole N from 1 to {@link MAX_REPORTING_WEEKS}; "on these dates" needs at least one
 * date, each within the IEP's year (the meeting date to one year later) and after the one before. No
 * schedule written means with report cards.
 */
export function reportingScheduleIssues(content: IepContent): CompletenessIssue[] {
  const schedule = content.progressReporting;
  const issues: CompletenessIssue[] = [];
  const need = (condition: boolean, key: string, path: string, params?: CompletenessIssue["params"]) => {
    if (condition) issues.push({ key, rule: "D-13", path, params });
  };
  if (schedule?.kind === "weeks") {
    const weeks = Number(schedule.everyWeeks);
    need(
      !/^\d+$/.test(schedule.everyWeeks) || weeks < 1 || weeks > MAX_REPORTING_WEEKS,
      "reportingWeeks",
      "progressReporting.everyWeeks",
      { max: MAX_REPORTING_WEEKS },
    );
  }
  if (schedule?.kind === "dates") {
    need(schedule.dates.length === 0, "reportingDates", "progressReporting.dates");
    const planEnd = blank(content.meetingDate) ? null : addYears(content.meetingDate, 1);
    let previous: { date: string; n: number } | null = null;
    schedule.dates.forEach(({ date }, i) => {
      const n = i + 1;
      const path = `progressReporting.dates.${i}.date`;
      need(blank(date), "reportingDateMissing", path, { n });
      if (blank(date)) return;
      need(planEnd !== null && (date < content.meetingDate || date > planEnd), "reportingDateOutside", path, { n });
      if (previous) need(date <= previous.date, "reportingDateOrder", path, { n, previous: previous.n });
      previous = { date, n };
    });
  }
  return issues;
}

/** Missing 504 content, by rule: 504-1 (impairment, life activity), 504-3 (actual basis only), 104.35. */
export function plan504Completeness(content: Plan504Content): CompletenessIssue[] {
  const issues: CompletenessIssue[] = [];
  const need = (condition: boolean, key: string, rule: string, path: string, params?: CompletenessIssue["params"]) => {
    if (condition) issues.push({ key, rule, path, params });
  };
  need(blank(content.meetingDate), "meetingDate", "104.35(c)", "meetingDate");
  need(blank(content.impairment), "impairment", "504-1", "impairment");
  need(content.majorLifeActivities.length === 0, "majorLifeActivities", "504-1", "majorLifeActivities");
  need(content.basis === "", "basis", "504-3", "basis");
  need(content.basis === "record_of" || content.basis === "regarded_as", "basisNotActual", "504-3", "basis");
  need(blank(content.evaluationSources), "evaluationSources", "104.35(c)", "evaluationSources");
  need(content.accommodations.length === 0, "accommodations", "104.33", "accommodations");
  content.accommodations.forEach((item, i) => {
    const params = { item: i + 1 };
    need(blank(item.text), "accommodationText", "104.33", `accommodations.${i}.text`, params);
    need(
      blank(item.teacherAction),
      "accommodationTeacherAction",
      "OCR-RG",
      `accommodations.${i}.teacherAction`,
      params,
    );
    need(blank(item.responsible), "accommodationResponsible", "OCR-RG", `accommodations.${i}.responsible`, params);
    need(!item.classroom && !item.testing, "accommodationSetting", "104.33", `accommodations.${i}.classroom`, params);
  });
  need(blank(content.reviewDate), "reviewDate", "D-30", "reviewDate");
  need(
    !blank(content.reviewDate) && !blank(content.meetingDate) && content.reviewDate <= content.meetingDate,
    "reviewDateOrder",
    "D-30",
    "reviewDate",
  );
  return issues;
}

/** Completeness of any version content of the given type. */
export function completeness(
  type: PlanTypeName,
  content: IepContent | Plan504Content,
  student: { birthDate: string },
): CompletenessIssue[] {
  return type === "iep"
    ? iepCompleteness(content as IepContent, student)
    : plan504Completeness(content as Plan504Content);
}
