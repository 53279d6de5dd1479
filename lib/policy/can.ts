import { ACTIONS, type Action, type Fact, type Grant, type PlanType, type Relationship } from "./catalog";

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
  return subject.role === "parent" ? [] : ["staffMember"];
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
