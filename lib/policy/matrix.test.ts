import { describe, expect, it } from "vitest";
import { ACTION_NAMES, RELATIONSHIPS, type Action, type Relationship } from "./catalog";
import { can, navigationFor, type Role } from "./can";

/**
 * The permissions table of ../shared/domain/permissions.md, written out independently of the
 * catalog. Each verb lists the facts that allow it; `iep:`/`504:` prefixes limit a fact to one
 * plan type. `staffMember` (every role but parent) and `classroomStaff` (teachers and providers)
 * are role facts.
 */
const EXPECTED: Record<Action, string[]> = {
  "student.read": [
    "districtAdmin",
    "principalOf",
    "coordinator504Of",
    "caseManagerOf",
    "teacherOf",
    "providerFor",
    "guardianOf",
  ],
  "student.identifiers.read": ["districtAdmin", "principalOf", "coordinator504Of", "caseManagerOf", "guardianOf"],
  "student.guardians.read": ["districtAdmin", "principalOf", "coordinator504Of", "caseManagerOf"],
  "student.sections.read": ["districtAdmin", "principalOf", "coordinator504Of", "caseManagerOf", "guardianOf"],
  "school.read": ["districtAdmin", "principalOf", "coordinator504Of"],
  "caseload.read": ["self", "districtAdmin"],
  "section.read": ["teacherOf", "principalOf", "districtAdmin"],
  "plan.read": ["districtAdmin", "principalOf", "caseManagerOf", "guardianOf", "504:coordinator504Of"],
  "plan.draft.read": ["districtAdmin", "principalOf", "caseManagerOf", "504:coordinator504Of"],
  "plan.glance.read": [
    "districtAdmin",
    "principalOf",
    "caseManagerOf",
    "guardianOf",
    "504:coordinator504Of",
    "iep:coordinator504Of",
    "teacherOf",
    "providerFor",
  ],
  "plan.iep.create": ["caseManagerOf"],
  "plan.iep.edit": ["caseManagerOf"],
  "plan.504.create": ["principalOf", "coordinator504Of"],
  "plan.504.edit": ["principalOf", "coordinator504Of"],
  "plan.propose": ["iep:caseManagerOf", "504:principalOf", "504:coordinator504Of"],
  "plan.finalize": ["iep:caseManagerOf", "504:principalOf", "504:coordinator504Of"],
  "plan.activate": ["iep:caseManagerOf", "504:principalOf", "504:coordinator504Of"],
  "plan.amend": ["iep:caseManagerOf", "504:principalOf", "504:coordinator504Of"],
  "accommodation.acknowledge": ["assignedImplementer"],
  "implementation.log": ["assignedImplementer"],
  "implementation.read": ["districtAdmin", "principalOf", "caseManagerOf", "504:coordinator504Of"],
  "progress.data.create": ["caseManagerOf", "assignedImplementer"],
  "progressReport.draft": ["iep:caseManagerOf"],
  "progressReport.issue": ["iep:caseManagerOf"],
  "progressReport.read": ["districtAdmin", "principalOf", "caseManagerOf", "guardianOf", "504:coordinator504Of"],
  "progressReport.draft.read": ["districtAdmin", "principalOf", "caseManagerOf"],
  "progress.read": [
    "districtAdmin",
    "principalOf",
    "caseManagerOf",
    "guardianOf",
    "504:coordinator504Of",
    "assignedImplementer",
  ],
  "service.log": ["caseManagerOf", "assignedImplementer"],
  "service.read": ["districtAdmin", "principalOf", "caseManagerOf", "guardianOf", "assignedImplementer"],
  "service.export": ["districtAdmin", "principalOf", "caseManagerOf"],
  "service.own.read": ["serviceStaff"],
  "progress.own.read": ["dataCollector"],
  "goal.collectors.assign": ["iep:caseManagerOf"],
  "consent.respond": ["decisionMaker"],
  "consent.request": ["iep:caseManagerOf", "504:principalOf", "504:coordinator504Of"],
  "consent.read": ["districtAdmin", "principalOf", "caseManagerOf", "guardianOf", "504:coordinator504Of"],
  "consent.record": ["iep:caseManagerOf", "504:principalOf", "504:coordinator504Of"],
  "consent.own.list": ["familyMember"],
  "referral.create": ["principalOf", "coordinator504Of", "caseManagerOf", "teacherOf", "guardianOf"],
  "referral.manage": ["caseManagerOf", "principalOf"],
  "caseManager.assign": ["districtAdmin", "principalOf"],
  "transition.manage": ["iep:caseManagerOf", "504:principalOf", "504:coordinator504Of"],
  "notice.send": ["iep:caseManagerOf", "504:principalOf", "504:coordinator504Of"],
  "notice.read": ["districtAdmin", "principalOf", "caseManagerOf", "504:coordinator504Of", "guardianOf"],
  "notice.draft.read": ["districtAdmin", "principalOf", "caseManagerOf", "504:coordinator504Of"],
  "meeting.read": ["districtAdmin", "principalOf", "caseManagerOf", "504:coordinator504Of"],
  "meeting.schedule": ["iep:caseManagerOf", "504:principalOf", "504:coordinator504Of"],
  "records.request": ["guardianOf"],
  "accessLog.read": ["districtAdmin", "guardianOf"],
  "audit.search": ["districtAdmin"],
  "school.manage": ["districtAdmin"],
  "staff.manage": ["districtAdmin"],
  "guardianship.manage": ["districtAdmin"],
  "calendar.manage": ["districtAdmin"],
  "settings.manage": ["districtAdmin"],
  "roster.import": ["districtAdmin"],
  "coordinator504.designate": ["districtAdmin", "principalOf"],
  "workQueue.read": ["staffMember"],
  "bank.read": ["staffMember"],
  "coverage.read": ["staffMember"],
  "delivery.own.read": ["classroomStaff"],
  "caseEvent.read": ["districtAdmin", "principalOf", "caseManagerOf", "504:coordinator504Of"],
  "caseEvent.record": ["iep:caseManagerOf", "principalOf", "504:coordinator504Of"],
  "dueProcess.read": ["districtAdmin", "principalOf", "caseManagerOf", "504:coordinator504Of"],
  "dueProcess.record": ["districtAdmin", "iep:caseManagerOf", "504:principalOf", "504:coordinator504Of"],
  "records.disclose": ["districtAdmin", "iep:caseManagerOf", "504:principalOf", "504:coordinator504Of"],
  "guardianship.court.record": ["districtAdmin", "principalOf", "caseManagerOf"],
  "complianceReport.read": ["districtAdmin"],
  "dashboard.read": ["self"],
  "user.settings.update": ["self"],
};

const ROLES: Role[] = ["district_admin", "principal", "case_manager", "teacher", "provider", "parent"];
const RELATIONSHIP_CASES: (Relationship | null)[] = [null, ...RELATIONSHIPS];
const PLAN_TYPES = [undefined, "iep", "504"] as const;

function expected(
  action: Action,
  role: Role,
  relationship: Relationship | null,
  planType: "iep" | "504" | undefined,
): boolean {
  const facts = new Set<string>(relationship ? [relationship] : []);
  if (role !== "parent") facts.add("staffMember");
  if (role === "parent") facts.add("familyMember");
  if (role === "teacher" || role === "provider") facts.add("classroomStaff");
  if (role === "provider" || role === "case_manager") facts.add("serviceStaff");
  if (role === "teacher" || role === "provider" || role === "case_manager") facts.add("dataCollector");
  return EXPECTED[action].some((entry) => {
    const [scope, fact] = entry.includes(":") ? (entry.split(":") as [string, string]) : [undefined, entry];
    return facts.has(fact) && (scope === undefined || scope === planType);
  });
}

describe("policy matrix (permissions.md): role × relationship × action × plan type", () => {
  it("lists the same verbs as the catalog", () => {
    expect([...ACTION_NAMES].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(ACTION_NAMES)("%s: every role × relationship × plan type decides as the table says", (action) => {
    const mismatches: string[] = [];
    for (const role of ROLES) {
      for (const relationship of RELATIONSHIP_CASES) {
        for (const planType of PLAN_TYPES) {
          const actual = can({ role }, action, {
            relationships: new Set(relationship ? [relationship] : []),
            planType,
          });
          const want = expected(action, role, relationship, planType);
          if (actual !== want)
            mismatches.push(`${role} + ${relationship ?? "none"} (${planType ?? "-"}): got ${actual}, want ${want}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it("grants nothing to a role without a relationship, except role-wide staff verbs and a family's own lists", () => {
    for (const role of ROLES) {
      const granted = ACTION_NAMES.filter((action) => can({ role }, action, { relationships: new Set() }));
      const staffVerbs = ["workQueue.read", "bank.read", "coverage.read"];
      const classroom = role === "teacher" || role === "provider" ? ["delivery.own.read"] : [];
      const services = role === "provider" || role === "case_manager" ? ["service.own.read"] : [];
      const collector =
        role === "teacher" || role === "provider" || role === "case_manager" ? ["progress.own.read"] : [];
      expect(granted.sort()).toEqual(
        role === "parent" ? ["consent.own.list"] : [...collector, ...staffVerbs, ...classroom, ...services].sort(),
      );
    }
  });

  it("denies verbs that are not in the catalog", () => {
    expect(
      can({ role: "district_admin" }, "plan.delete" as Action, { relationships: new Set(["districtAdmin"]) }),
    ).toBe(false);
  });
});

/** The portal navigation per role and school assignment, written out independently of NAVIGATION. */
const EXPECTED_NAV: Record<Role, string[]> = {
  district_admin: [
    "/",
    "/work-queue",
    "/coverage",
    "/admin/staff",
    "/admin/compliance",
    "/admin/settings",
    "/settings",
  ],
  principal: ["/", "/work-queue", "/schools/s1", "/coverage", "/settings"],
  case_manager: ["/", "/work-queue", "/services", "/progress", "/coverage", "/settings"],
  teacher: ["/", "/work-queue", "/accommodations", "/progress", "/coverage", "/settings"],
  provider: ["/", "/work-queue", "/accommodations", "/services", "/progress", "/coverage", "/settings"],
  parent: ["/", "/consents", "/settings"],
};

describe("policy: navigation per role (NAVIGATION)", () => {
  it.each(ROLES)("%s gets exactly the navigation of the table", (role) => {
    const schoolRoles = role === "principal" ? [{ schoolId: "s1", role: "principal" }] : [];
    expect(navigationFor({ role }, schoolRoles).map((item) => item.href)).toEqual(EXPECTED_NAV[role]);
  });

  it("links each school a principal or 504 coordinator is assigned to, once, and no other school", () => {
    const hrefs = navigationFor({ role: "teacher" }, [
      { schoolId: "a", role: "coordinator_504" },
      { schoolId: "a", role: "principal" },
      { schoolId: "b", role: "teacher" },
    ]).map((item) => item.href);
    expect(hrefs).toEqual(["/", "/work-queue", "/schools/a", "/accommodations", "/progress", "/coverage", "/settings"]);
  });
});
