import { pgEnum } from "drizzle-orm/pg-core";

export const userRole = pgEnum("user_role", [
  "district_admin",
  "principal",
  "case_manager",
  "teacher",
  "provider",
  "parent",
]);

export const schoolRole = pgEnum("school_role", [
  "principal",
  "coordinator_504",
  "case_manager",
  "teacher",
  "provider",
]);

export const schoolLevel = pgEnum("school_level", ["elementary", "middle", "high"]);

export const calendarDayKind = pgEnum("calendar_day_kind", ["closure", "extra_day"]);

export const guardianRelation = pgEnum("guardian_relation", ["parent", "guardian", "foster_parent", "surrogate"]);

export const auditKind = pgEnum("audit_kind", ["mutation", "access", "auth"]);

export const auditOutcome = pgEnum("audit_outcome", ["success", "denied", "failure"]);

export const locale = pgEnum("locale", ["en", "es"]);

export const planType = pgEnum("plan_type", ["iep", "504"]);

export const planVersionStatus = pgEnum("plan_version_status", [
  "draft",
  "proposed",
  "final",
  "active",
  "superseded",
  "ended",
]);

export const implementationStatus = pgEnum("implementation_status", [
  "provided",
  "not_needed",
  "declined",
  "not_provided",
  "retracted",
]);
