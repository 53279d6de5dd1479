import type {
  ConsentType,
  DeadlineStatus,
  DeadlineUnit,
  EligibilityKind,
  EventType,
  ExitReason,
  MeetingPurpose,
  PwnAction,
  PwnSubject,
} from "@/lib/compliance";
import type { DelayReasonCode } from "@/lib/deadlines/delay-reasons";
import type { Program } from "@/lib/deadlines/programs";

/** A message to translate: a next-intl key and its values (providers choose their own keys). */
export interface MessageRef {
  key: string;
  values?: Record<string, string | number>;
}

export interface CaseEventView {
  id: string;
  type: EventType;
  program: Program;
  date: string;
  consent: ConsentType | null;
  meetingDate: string | null;
  agreedImplementationDate: string | null;
  birthToThree: boolean;
  eligibilityKind: EligibilityKind | null;
  eligible: boolean | null;
  purposes: MeetingPurpose[] | null;
  pwnAction: PwnAction | null;
  pwnSubject: PwnSubject | null;
  exitReason: ExitReason | null;
  shorterNoticeAgreed: boolean;
  note: string | null;
  source: "manual" | "workflow";
  recordedByName: string | null;
  voided: boolean;
  voidReason: string | null;
  canVoid: boolean;
}

export interface DeadlineView {
  id: string;
  ruleId: string;
  program: Program;
  due: string | null;
  unit: DeadlineUnit;
  /** For rules staff complete by hand, `met`/`late` once a completion date is recorded. */
  status: DeadlineStatus;
  triggerDate: string | null;
  schoolDaysLeft: number | null;
  overdue: boolean;
  escalated: boolean;
  beyondCalendar: boolean;
  completedOn: string | null;
  delayReason: DelayReasonCode | null;
  canComplete: boolean;
  canRecordDelayReason: boolean;
  /**
   * A consent request unanswered past D-23 (initial evaluation or initial services): the consent
   * whose refusal the viewer may record now (a non-response counts as a refusal, [S]); else null.
   */
  consentStep: ConsentType | null;
}

/** The deadlines section of a student page. */
export interface StudentDeadlines {
  studentId: string;
  today: string;
  birthDate: string;
  events: CaseEventView[];
  deadlines: DeadlineView[];
  /** Event types the viewer may record for this student (by program). */
  recordableTypes: EventType[];
  delayReasons: DelayReasonCode[];
}

/**
 * What a work-queue item is doing in this viewer's queue: `caseload` (their case manager),
 * `school504` (a 504 item at a school they lead), `lead504` (a records, discipline or consent item of
 * a 504-only student at a school they lead), `noCaseManager` (an IEP item of a student without a
 * case manager, for the principal), `unassignedReferral` (the same, for the school's case managers),
 * `escalation`, `district`.
 */
export type WorkQueueReason =
  | "caseload"
  | "school504"
  | "lead504"
  | "noCaseManager"
  | "unassignedReferral"
  | "escalation"
  | "district"
  | (string & {});

/** One item of a work queue, from any provider (compliance deadlines, implementer acknowledgments). */
export interface WorkQueueItem {
  /** Stable across refreshes: `<provider>:<id>`. */
  key: string;
  source: string;
  title: MessageRef;
  studentId: string;
  studentName: string;
  studentFirstName: string;
  studentLastName: string;
  schoolName: string;
  /** Null when the due date is unknown: the school calendar does not reach it (see `dueUnknown`). */
  due: string | null;
  /** The school's calendar is not loaded far enough to count the due date: load it. */
  dueUnknown: boolean;
  schoolDaysLeft: number;
  overdue: boolean;
  escalated: boolean;
  dueSoon: boolean;
  beyondCalendar: boolean;
  reason: WorkQueueReason;
  /** The next step to take, when the item needs one (a consent request unanswered past D-23). */
  step?: MessageRef;
  href: string;
}

export interface WorkQueue {
  today: string;
  items: WorkQueueItem[];
  /** True when a provider had more items than it returns (the oldest come first). */
  truncated: boolean;
}

/** One page of the paginated work queue (the district admin's); see `listWorkQueuePage`. */
export interface WorkQueuePage {
  today: string;
  /** Over the viewer's whole deadline queue, not this page. */
  counts: { open: number; overdue: number; students: number; oldestDue: string | null };
  /** This page of deadline items, in due date order. */
  deadlines: WorkQueueItem[];
  /** The cursor of the next page, null on the last one. */
  next: string | null;
  /** True past the first page (a link back to it). */
  first: boolean;
  /** The other providers' items (acknowledgments, transitions...), on the first page only. */
  others: WorkQueueItem[];
  othersTruncated: boolean;
}

export interface WorkQueueSummary {
  open: number;
  overdue: number;
  escalated: number;
  dueSoon: number;
}

export interface CalendarDayView {
  id: string;
  date: string;
  kind: "closure" | "extra_day";
  reason: string;
}

export interface SchoolYearView {
  id: string;
  label: string;
  firstDay: string;
  lastDay: string;
  schoolDays: number;
  inUse: boolean;
  days: CalendarDayView[];
  /** Report-card dates of the year (progress reports are due on them, D-13), in order. */
  reportCards: { id: string; date: string; label: string }[];
}

export interface SchoolCalendarView {
  schoolId: string;
  schoolName: string;
  today: string;
  years: SchoolYearView[];
  canManage: boolean;
}

/** One problem found in a calendar file: where, and what (a message key under `calendarImport.problems`). */
export interface ImportProblem {
  line: number | null;
  code: string;
  values?: Record<string, string | number>;
}

export type CalendarImportResult =
  | { ok: true; years: number; closures: number; extraDays: number; reportCards: number; ignored: number }
  | { ok: false; problems: ImportProblem[] };

export interface DeadlineSettingsView {
  compliance: Record<string, number>;
  delivery: Record<string, number>;
  workQueue: {
    escalateAfterSchoolDays: number;
    digestWindowSchoolDays: number;
    shorterNoticeByAgreement: boolean;
    delayReasons: DelayReasonCode[];
  };
}

export interface NotificationSettingsView {
  digestEmails: boolean;
  feedActive: boolean;
  feedCreatedAt: string | null;
  feedLastUsedAt: string | null;
}

export interface ComplianceReportRow {
  section: "initial_evaluation" | "annual_review" | "reevaluation";
  ruleId: string;
  schoolId: string;
  schoolName: string;
  studentId: string;
  studentName: string;
  sasid: string;
  triggerDate: string | null;
  due: string | null;
  /** open rows past due are `overdue`. */
  status: DeadlineStatus | "overdue";
  schoolDaysOverdue: number | null;
  delayReason: DelayReasonCode | null;
}

export interface ComplianceReport {
  schoolYear: number;
  today: string;
  years: number[];
  initialEvaluations: {
    met: number;
    late: number;
    overdue: number;
    open: number;
    paused: number;
    stopped: number;
    timelyPercent: number | null;
  };
  lateReasons: { reason: DelayReasonCode | null; count: number }[];
  reviewsBySchool: {
    schoolId: string;
    schoolName: string;
    annual: { overdue: number; due30: number; due90: number };
    triennial: { overdue: number; due30: number; due90: number };
  }[];
  /** Every school's reviews added up (the district's row of the table). */
  reviewsTotal: {
    annual: { overdue: number; due30: number; due90: number };
    triennial: { overdue: number; due30: number; due90: number };
  };
  /** Which page of schools `reviewsBySchool` is (the page lists a page of schools at a time). */
  reviewsPage: { page: number; pages: number };
  /** When the counts were computed, when they come from the per-school summaries; null when counted live. */
  countsAsOf: Date | null;
  rows: ComplianceReportRow[];
  /** True when `rows` lists only the first late or overdue initial evaluations (the page; the CSV has all). */
  rowsTruncated: boolean;
}
