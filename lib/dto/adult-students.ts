/** The age-of-majority section of a student page (lib/dal/adult-students.ts; CL-10). */

export type DecisionRightsHolder = "parents" | "adult_student" | "court_guardian";

export interface CourtGuardianshipView {
  id: string;
  guardianName: string;
  court: string;
  orderDate: string;
  startsOn: string;
  endsOn: string | null;
  documentReference: string;
}

export interface DecisionRights {
  studentId: string;
  studentName: string;
  today: string;
  /** The 18th birthday (CT age of majority). */
  eighteenOn: string;
  adult: boolean;
  /** Worth showing: the student is 16 or older, or a court order is on file. */
  relevant: boolean;
  holderToday: DecisionRightsHolder;
  /** Who decides from the 18th birthday (or today, once past it). */
  holderFromEighteen: DecisionRightsHolder;
  /** The guardians a court order appoints today. */
  appointedNames: string[];
  orders: CourtGuardianshipView[];
  /** Guardians on file with decision rights (for the form; empty without the right to record). */
  guardians: { id: string; name: string; relation: string }[];
  canRecord: boolean;
}
