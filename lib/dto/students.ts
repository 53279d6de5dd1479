import type { PlanColumns } from "@/lib/dto/plans";
import type { Relationship } from "@/lib/policy/catalog";

export interface StudentRow {
  id: string;
  name: string;
  grade: string;
  schoolName: string;
}

export interface CaseloadRow extends StudentRow {
  sasid: string;
  birthDate: string;
  plan: PlanColumns | null;
}

export interface StudentRecord {
  id: string;
  firstName: string;
  lastName: string;
  grade: string;
  schoolName: string;
  /** Present only for viewers with more than need-to-know access (leads, admins, guardians). */
  sasid: string | null;
  birthDate: string | null;
  homeLanguage: string | null;
  parentLanguage: string | null;
  relationships: Relationship[];
  caseManagers: string[];
  guardians: { id: string; name: string; relation: string; restricted: boolean }[];
  sections: { id: string; name: string; period: string; teacherNames: string[] }[];
  canReadAccessLog: boolean;
  canReadEvidence: boolean;
  /** `service.read`: the student's service minutes page. */
  canReadServices: boolean;
  /** Goals, data and charts (`progress.read`). */
  canReadProgress: boolean;
  canManageGuardianships: boolean;
}

export interface AccessLogEntry {
  id: number;
  occurredAt: string;
  actorName: string | null;
  actorRole: string | null;
  action: string;
  outcome: string;
}

export interface ChildSummary {
  id: string | null;
  name: string | null;
  grade: string | null;
  schoolName: string | null;
  restricted: boolean;
  /** For a restricted entry: whom to contact (the school's name and office telephone). */
  contact: SchoolContact | null;
}

/** A school's office, as a family is told to contact it. */
export interface SchoolContact {
  schoolName: string;
  phone: string | null;
}
