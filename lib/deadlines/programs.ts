import { ctRules, type DeadlineRule, type EventType } from "@/lib/compliance";

/** The two programs a case event or deadline belongs to: IEP (case manager leads) or Section 504 (principal leads). */
export type Program = "iep" | "504";

/** Events that belong to a 504 plan; every other event is on the IEP side of the case. */
const SECTION_504_EVENTS: readonly EventType[] = ["plan504_activated", "plan504_ended"];

/** The program of a case event type. */
export function programOfEvent(type: EventType): Program {
  return SECTION_504_EVENTS.includes(type) ? "504" : "iep";
}

/** The program of a rule: that of its triggering event; birthday rules (D-10, D-11) are IEP content. */
export function programOfRule(rule: DeadlineRule): Program {
  return rule.trigger.kind === "event" ? programOfEvent(rule.trigger.event) : "iep";
}

/** Looks a rule up by id in the rule set the app uses (Connecticut). */
export function ruleById(ruleId: string): DeadlineRule | undefined {
  return ctRules.find((rule) => rule.id === ruleId);
}

/**
 * Rules whose completion the engine cannot see (it has no completing event and the rule is not
 * replaced by a later event): staff mark these done with a date (D-05b, D-06, D-10, D-11, D-14, D-19).
 */
export function isManuallyCompletable(rule: DeadlineRule): boolean {
  return rule.completion === undefined && rule.occurrence !== "latest";
}

/**
 * Rules whose items of a 504-only student go to the school's 504 lead (principal or 504
 * coordinator): records access (D-14; 34 CFR 104.36), discipline (D-19; 104.35(a)) and consent
 * answers (D-23). Every other IEP item of a student without a case manager goes to the principal.
 */
export const SECTION_504_LEAD_RULES: readonly string[] = ["D-14", "D-19", "D-23"];

/** The meeting-notice rule: met when the parent agreed in writing to a shorter notice ([U]). */
export const MEETING_NOTICE_RULE = "D-06";

/** The consent-answer rule: unanswered past it, staff record the refusal (district practice, [S]). */
export const CONSENT_ANSWER_RULE = "D-23";

/** The initial-evaluation timeline rule, whose late instances carry a delay reason. */
export const INITIAL_EVALUATION_RULE = "D-01";
