import type { AcknowledgmentState } from "@/lib/delivery/rules";
import type { ImplementationStatusName } from "@/lib/validation/delivery";

export interface LogEntryView {
  status: ImplementationStatusName;
  reason: string | null;
  note: string | null;
  loggedAt: string;
  edited: boolean;
}

export interface AccommodationCard {
  /** Row id of the materialized accommodation (what logs point to). */
  id: string;
  itemId: string;
  kind: string;
  text: string;
  teacherAction: string;
  classroom: boolean;
  testing: boolean;
  /** Set when the accommodation is new or changed since the version this person last acknowledged. */
  change: "added" | "changed" | null;
  log: LogEntryView | null;
}

export interface StudentAccommodations {
  studentId: string;
  name: string;
  grade: string;
  planType: "iep" | "504";
  planId: string;
  versionId: string;
  versionNumber: number;
  ack: {
    state: AcknowledgmentState;
    due: string | null;
    acknowledgedAt: string | null;
    previousVersionNumber: number | null;
  };
  removedSinceAcknowledged: string[];
  accommodations: AccommodationCard[];
  canLog: boolean;
}

export interface SectionAccommodations {
  sectionId: string | null;
  name: string;
  period: string;
  schoolName: string;
  isSchoolDay: boolean;
  students: StudentAccommodations[];
}

export interface MyAccommodations {
  date: string;
  sections: SectionAccommodations[];
  outstanding: number;
}

export interface CoverageRow {
  key: string;
  label: string;
  sublabel: string | null;
  assigned: number;
  acknowledged: number;
  overdue: number;
  escalated: number;
  logExpected: number;
  logRecorded: number;
}

export interface CoverageView {
  scope: "district" | "school" | "caseload" | "teacher";
  title: string;
  windowFrom: string | null;
  windowTo: string;
  byTeacher: CoverageRow[];
  bySection: CoverageRow[];
  bySchool: CoverageRow[];
  totals: CoverageRow;
  /**
   * When the numbers come from the per-school summary (the district's first level, a lead's home):
   * the oldest `refreshed_at` of the rows shown (ISO instant). Null when computed for this request.
   */
  asOf: string | null;
  /** The one school a district admin drilled into (`/coverage?school=`), computed live for it. */
  school: { id: string; name: string } | null;
  /** Pages of `bySchool` (the district's first level lists schools a page at a time). */
  page: number;
  pageCount: number;
}

/** A lead's dashboard line (district admin, principal): totals from the per-school summary. */
export interface CoverageSummaryView {
  totals: CoverageRow;
  /** Oldest `refreshed_at` of the rows summed (ISO instant); null when there is no school. */
  asOf: string | null;
}

export interface CoverageDetail {
  studentId: string;
  studentName: string;
  planType: "iep" | "504";
  versionNumber: number;
  teacherName: string;
  sectionName: string | null;
  assignedOn: string;
  state: AcknowledgmentState;
  due: string | null;
  acknowledgedAt: string | null;
  logExpected: number;
  logRecorded: number;
  /** Whether the viewer may open the student's evidence report (implementation.read). */
  canOpenEvidence: boolean;
}

export interface EvidenceReport {
  student: { id: string; name: string; grade: string; schoolName: string };
  from: string;
  to: string;
  accommodations: {
    id: string;
    planType: "iep" | "504";
    versionNumber: number;
    effectiveOn: string | null;
    endedOn: string | null;
    text: string;
    teacherAction: string;
    classroom: boolean;
    testing: boolean;
    responsible: {
      name: string;
      role: string;
      section: string | null;
      from: string;
      to: string | null;
      acknowledgedAt: string | null;
    }[];
    entries: {
      date: string;
      section: string | null;
      /** `retracted`: the entry it replaces was withdrawn by an undo (counted nowhere). */
      status: ImplementationStatusName | "retracted";
      reason: string | null;
      note: string | null;
      loggedBy: string;
      loggedAt: string;
      replaced: boolean;
    }[];
    counts: Record<ImplementationStatusName, number>;
  }[];
  showNotes: boolean;
}
