import type { LegalDocument } from "@/lib/documents/model";
import type { PeriodSummary, ProgressCode, SuggestionRule } from "@/lib/progress/report-status";

export type ReportStatus = "draft" | "issued";

/** One report of a period, as listed: drafts only for staff who may read them. */
export interface ProgressReportListRow {
  id: string;
  version: number;
  status: ReportStatus;
  issuedOn: string | null;
  /** An issued report whose correction has been issued. */
  superseded: boolean;
}

/** A reporting period of the student's IEP (D-13): due on the report-card date. */
export interface ReportingPeriodRow {
  periodStart: string;
  reportCardDate: string;
  reports: ProgressReportListRow[];
  /** The viewer may start this period's report (none yet, the period has begun). */
  canDraft: boolean;
}

export interface ProgressReportsOverview {
  studentId: string;
  studentName: string;
  today: string;
  staff: boolean;
  periods: ReportingPeriodRow[];
}

/** One goal or objective line: the code chosen, the justification, the suggestion and its data. */
export interface ReportItemView {
  id: string;
  code: ProgressCode | null;
  justification: string;
  suggestedCode: ProgressCode | null;
  rule: SuggestionRule;
  facts: Record<string, number | string>;
  summary: PeriodSummary;
  /** No data in the period: blocks issuing unless coded Not Introduced with a reason. */
  missing: boolean;
}

export interface ReportGoalView {
  number: number;
  area: string;
  text: string;
  item: ReportItemView;
  objectives: { number: number; text: string; item: ReportItemView }[];
}

export interface ProgressReportDetail {
  studentId: string;
  studentName: string;
  today: string;
  staff: boolean;
  report: {
    id: string;
    status: ReportStatus;
    version: number;
    periodStart: string;
    reportCardDate: string;
    language: "en" | "es";
    deliveryMethod: string | null;
    issuedOn: string | null;
    correctionReason: string | null;
    lockVersion: number;
    supersededBy: string | null;
  };
  goals: ReportGoalView[];
  /** Goals and objectives with no data in the period, not coded Not Introduced ("Goal 2", "Goal 2, objective 1"). */
  missing: { goal: number; objective: number | null }[];
  /** Every version of this period's report, oldest first. */
  versions: { id: string; version: number; status: ReportStatus; issuedOn: string | null }[];
  document: LegalDocument;
  sha256: string | null;
  canEdit: boolean;
  canCorrect: boolean;
}
