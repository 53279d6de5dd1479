/** The stay-put section of a student page (lib/dal/due-process.ts). */

type PlanType = "iep" | "504";

export interface DueProcessFilingView {
  id: string;
  program: PlanType;
  filedOn: string;
  filedBy: string;
  description: string;
  status: "pending" | "resolved" | "agreement";
  closedOn: string | null;
  closingNote: string | null;
  recordedByName: string | null;
  canClose: boolean;
}

export interface StudentDueProcess {
  studentId: string;
  today: string;
  filings: DueProcessFilingView[];
  /** Programs the viewer may record a filing for (and that have no pending filing). */
  recordablePrograms: PlanType[];
}
