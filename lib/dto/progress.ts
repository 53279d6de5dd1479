import type { GoalMeasure } from "@/lib/validation/goal-measure";

/** One standing data point as shown on a chart and its table. Notes and collectors are staff-only. */
export interface DataPointView {
  id: string;
  observedOn: string;
  value: number | null;
  objectiveId: string | null;
  method: string;
  setting: string | null;
  /** Staff only (null for guardians). */
  note: string | null;
  collectorName: string | null;
  corrected: boolean;
  correctionReason: string | null;
}

export interface DatedValue {
  date: string;
  value: number;
}

export interface CollectorView {
  id: string;
  userId: string;
  name: string;
}

export interface ObjectiveView {
  id: string;
  position: number;
  text: string;
  measure: GoalMeasure | null;
}

/** One goal of the plan in force with its data, aimline and trend (progress page and chart). */
export interface GoalProgressView {
  id: string;
  itemId: string;
  position: number;
  area: string;
  text: string;
  baselineText: string;
  targetText: string;
  measurement: string;
  /** The structured measure; null for a goal written before measures (treated as narrative). */
  measure: GoalMeasure | null;
  objectives: ObjectiveView[];
  points: DataPointView[];
  aimline: { from: DatedValue; to: DatedValue } | null;
  trend: { from: DatedValue; to: DatedValue } | null;
  lastObservedOn: string | null;
  collectors: CollectorView[];
  canRecord: boolean;
}

export interface StudentProgressView {
  studentId: string;
  studentName: string;
  versionId: string | null;
  versionNumber: number | null;
  periodStart: string | null;
  periodEnd: string | null;
  today: string;
  goals: GoalProgressView[];
  /** Staff: method, setting, note and collector are shown; guardians see dates and values. */
  staffView: boolean;
  canAssign: boolean;
  /** Staff the case manager may name as collectors (teachers and providers of the student). */
  candidates: { userId: string; name: string }[];
  backdateReasonSchoolDays: number;
}

/** One goal on the viewer's collection list (group session screen). */
export interface MyGoalRow {
  goalId: string;
  studentId: string;
  studentName: string;
  grade: string;
  goalNumber: number;
  area: string;
  text: string;
  measure: GoalMeasure | null;
  lastObservedOn: string | null;
}
