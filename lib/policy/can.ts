import {
  ACTIONS,
  NAVIGATION,
  type Action,
  type Fact,
  type Grant,
  type NavKey,
  type PlanType,
  type Relationship,
} from "./catalog";

export type Role = "district_admin" | "principal" | "case_manager" | "teacher" | "provider" | "parent";

export interface Subject {
  role: Role;
}

export interface AccessContext {
  /** Relationships the viewer holds to this resource, computed from data by the DAL. */
  relationships: ReadonlySet<Relationship>;
  /** Type of the plan the action concerns, for verbs that differ between IEPs and 504 plans. */
  planType?: PlanType;
}

function roleFacts(subject: Subject): Fact[] {
  if (subject.role === "parent") return ["familyMember"];
  const facts: Fact[] = ["staffMember"];
  if (subject.role === "teacher" || subject.role === "provider") facts.push("classroomStaff");
  if (subject.role === "provider" || subject.role === "case_manager") facts.push("serviceStaff");
  if (subject.role === "teacher" || subject.role === "provider" || subject.role === "case_manager")
    facts.push("dataCollector");
  return facts;
}

function grantAllows(grant: Grant, facts: ReadonlySet<Fact>, planType: PlanType | undefined): boolean {
  if (typeof grant === "string") return facts.has(grant);
  return facts.has(grant.fact) && planType === grant.planType;
}

/**
 * The access decision: may `subject` perform `action` given the relationships it holds to the
 * resource? Pure and total: unknown verbs and empty relationship sets are denied. A role alone
 * grants nothing except the role facts (`staffMember`) that a verb names explicitly.
 */
export function can(subject: Subject, action: Action, context: AccessContext): boolean {
  const grants: readonly Grant[] | undefined = ACTIONS[action];
  if (!grants) return false;
  const facts = new Set<Fact>([...context.relationships, ...roleFacts(subject)]);
  return grants.some((grant) => grantAllows(grant, facts, context.planType));
}

/** A current school assignment of the viewer (from the staff assignments in force today). */
export interface SchoolRole {
  schoolId: string;
  role: string;
}

const SCHOOL_ROLE_RELATIONSHIP: Record<string, Relationship | undefined> = {
  principal: "principalOf",
  coordinator_504: "coordinator504Of",
};

/**
 * The navigation a viewer gets: every `NAVIGATION` entry whose verb `can()` grants. District-wide
 * entries use the viewer's own relationships (`self`, plus `districtAdmin` for district admins);
 * per-school entries appear once per school assignment that grants the verb, with the school id
 * filled into the link. Pure: the DAL passes the viewer's role and assignments.
 */
export function navigationFor(subject: Subject, schoolRoles: readonly SchoolRole[]): { key: NavKey; href: string }[] {
  const own = new Set<Relationship>(["self"]);
  if (subject.role === "district_admin") own.add("districtAdmin");
  const out: { key: NavKey; href: string }[] = [];
  for (const entry of NAVIGATION) {
    if ("perSchool" in entry) {
      for (const assignment of schoolRoles) {
        const relationship = SCHOOL_ROLE_RELATIONSHIP[assignment.role];
        if (!relationship || !can(subject, entry.verb, { relationships: new Set([relationship]) })) continue;
        const href = entry.href.replace("[schoolId]", assignment.schoolId);
        if (!out.some((item) => item.href === href)) out.push({ key: entry.key, href });
      }
    } else if (can(subject, entry.verb, { relationships: own })) {
      out.push({ key: entry.key, href: entry.href });
    }
  }
  return out;
}
