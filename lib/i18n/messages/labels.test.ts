import { describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import { AUDIT_EVENTS } from "@/lib/audit/catalog";
import { RELATIONSHIPS } from "@/lib/policy/catalog";
import {
  ACCOMMODATION_KINDS,
  GOAL_AREAS,
  MAJOR_LIFE_ACTIVITIES,
  SECTION_504_BASES,
  SERVICE_CATEGORIES,
  SERVICE_FREQUENCIES,
  SERVICE_LOCATIONS,
} from "@/lib/validation/plans";
import { loadMessages } from ".";

/**
 * Every code a person can see — audit actions, roles, statuses, relationships, options — and the
 * message namespaces that must label each of its values. A database enum missing from this list
 * (and from `INTERNAL_ENUMS`) fails the test, so a new enum cannot ship without labels.
 */
const LABELLED_ENUMS: Record<string, string[]> = {
  user_role: ["accessLog.roles", "roles"],
  school_role: ["roles", "delivery.evidence.roles"],
  audit_outcome: ["accessLog.outcomes"],
  school_level: ["school.levels", "dashboard.levels"],
  calendar_day_kind: ["calendar.kinds"],
  guardian_relation: ["student.relation"],
  plan_type: ["plans.type"],
  plan_version_status: ["plans.status"],
  implementation_status: ["delivery.log.status"],
  case_event_type: ["deadlines.events"],
  consent_type: ["deadlines.consents"],
  deadline_status: ["deadlines.statuses"],
  eligibility_kind: ["deadlines.eligibilityKinds"],
  meeting_purpose: ["deadlines.purposes"],
  pwn_action: ["deadlines.pwnActions"],
  pwn_subject: ["deadlines.pwnSubjects"],
  exit_reason: ["deadlines.exitReasons"],
  dispute_status: ["lifecycle.dueProcess.statuses"],
  consent_request_type: ["consents.types", "consents.document.asks", "consents.document.declines"],
  consent_decision: ["consents.decisions", "consents.states"],
  consent_signer_kind: ["consents.signerKinds"],
  consent_method: ["consents.methods"],
  meeting_status: ["meetings.status"],
  participant_role: ["meetings.roles"],
  notice_status: ["meetings.noticeStatus"],
  delivery_method: ["meetings.delivery"],
  service_session_status: ["services.status"],
  plan_end_reason: ["transitions.reasons"],
  plan_end_status: ["transitions.panel.statuses"],
  referral_source: ["referrals.sources"],
  written_request_form: ["referrals.requestForms"],
  referral_status: ["referrals.statuses"],
  referral_outcome: ["referrals.outcomes"],
  referral_decision: ["referrals.decisions"],
  disability_category: ["referrals.categories"],
  disclosure_basis: ["exits.disclosures.bases"],
  progress_code: ["progressReports.codes"],
  progress_report_status: ["progressReports.statuses"],
  progress_report_delivery: ["progressReports.delivery"],
};

/** Enums never shown to a person as a code (stored for the engine, jobs or the audit trail itself). */
const INTERNAL_ENUMS = [
  "audit_kind",
  "locale",
  "case_event_source",
  "deadline_unit",
  "deadline_program",
  "outbox_status",
  // Which renderer drew a stored document: the documents themselves carry their titles.
  "document_kind",
];

const OPTION_LISTS: [string, readonly string[]][] = [
  ["plans.options.category", SERVICE_CATEGORIES],
  ["plans.options.frequency", SERVICE_FREQUENCIES],
  ["plans.options.location", SERVICE_LOCATIONS],
  ["plans.options.kind", ACCOMMODATION_KINDS],
  ["plans.options.area", GOAL_AREAS],
  ["plans.options.mla", MAJOR_LIFE_ACTIVITIES],
  ["plans.options.basis", SECTION_504_BASES],
  ["student.relationships", RELATIONSHIPS],
];

function databaseEnums(): Map<string, readonly string[]> {
  const found = new Map<string, readonly string[]>();
  for (const value of Object.values(schema)) {
    if (typeof value === "function" && "enumName" in value && "enumValues" in value) {
      found.set(value.enumName as string, value.enumValues as readonly string[]);
    }
  }
  return found;
}

function lookup(messages: Record<string, unknown>, key: string): unknown {
  return key
    .split(".")
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);
}

/** Every label key the catalogs must define: `<namespace>.<value>`. */
function requiredKeys(): string[] {
  const keys = Object.keys(AUDIT_EVENTS).map((action) => `accessLog.actions.${action}`);
  const enums = databaseEnums();
  for (const [name, namespaces] of Object.entries(LABELLED_ENUMS)) {
    for (const value of enums.get(name) ?? []) for (const ns of namespaces) keys.push(`${ns}.${value}`);
  }
  for (const [ns, values] of OPTION_LISTS) for (const value of values) keys.push(`${ns}.${value}`);
  return keys;
}

describe("every code a person can see has a label in English and Spanish", () => {
  it("every database enum is either labelled or declared internal", () => {
    const names = [...databaseEnums().keys()].sort();
    expect(names).toEqual([...Object.keys(LABELLED_ENUMS), ...INTERNAL_ENUMS].sort());
  });

  it.each(["en", "es"] as const)("%s labels every audit action, role, outcome, status and option", async (locale) => {
    const messages = await loadMessages(locale);
    const missing = requiredKeys().filter((key) => {
      const label = lookup(messages, key);
      return typeof label !== "string" || label.trim() === "";
    });
    expect(missing).toEqual([]);
  });
});
