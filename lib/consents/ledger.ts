import { addYears } from "@/lib/compliance/dates";
import type { ConsentState } from "@/lib/dto/consents";

/**
 * The signer rule on a date (C-13; 34 CFR 300.520; legal-review CL-10): the student is an adult
 * from their 18th birthday (CT age of majority). Before it, a parent or guardian decides.
 */
export function isAdultOn(birthDate: string, date: string): boolean {
  return addYears(birthDate, 18) <= date;
}

/**
 * The decisions that may follow a state (the ledger's order; also enforced by the insert trigger):
 * open → grant or decline; declined (or no answer) → grant (a family may change its mind while the
 * request is current); granted → revoke only (300.9(c)); revoked and superseded → nothing.
 */
export function nextDecisions(state: ConsentState): ("granted" | "refused" | "revoked")[] {
  switch (state) {
    case "open":
      return ["granted", "refused"];
    case "refused":
      return ["granted"];
    case "no_response":
      return ["granted", "refused"];
    case "granted":
      return ["revoked"];
    default:
      return [];
  }
}

/**
 * Whether a guardian may decide for the student on `date` (C-13; CL-1; CL-10): the guardianship is in
 * force that day, has decision rights and no restriction order; from the student's 18th birthday
 * only a guardian a court appointed for the adult student (an order in force that day, `appointed`
 * holds the guardianship ids it names) still decides — a parent's decision rights pass to the adult
 * student (300.520; CT PPM ch. 8). Returns the refusal's message key.
 */
export function guardianRefusal(
  g: { id: string; startsOn: string; endsOn: string | null; hasDecisionRights: boolean; restricted: boolean },
  birthDate: string,
  date: string,
  appointed: ReadonlySet<string>,
): string | null {
  if (g.startsOn > date || (g.endsOn !== null && g.endsOn < date)) return "errors.consent.guardianshipEnded";
  if (g.restricted) return "errors.consent.guardianRestricted";
  if (!g.hasDecisionRights) return "errors.consent.noDecisionRights";
  if (isAdultOn(birthDate, date) && !appointed.has(g.id)) return "errors.consent.adultStudentDecides";
  return null;
}

/**
 * Whether the student signs for themself on `date` (C-13; 300.520; CL-10): from the 18th birthday,
 * unless a court's guardianship order is in force that day (`appointed` is not empty): then the
 * guardian it names decides. Returns the refusal's message key.
 */
export function adultStudentRefusal(birthDate: string, date: string, appointed: ReadonlySet<string>): string | null {
  if (!isAdultOn(birthDate, date)) return "errors.consent.studentNotAdult";
  if (appointed.size > 0) return "errors.consent.courtGuardianDecides";
  return null;
}

/**
 * Who holds the decision rights on `date` (CL-10): the parents (guardians with decision rights)
 * before the 18th birthday; from it the adult student, or the court-appointed guardian when an order
 * is in force.
 */
export function decisionRightsHolder(
  birthDate: string,
  date: string,
  appointed: ReadonlySet<string>,
): "parents" | "adult_student" | "court_guardian" {
  if (!isAdultOn(birthDate, date)) return "parents";
  return appointed.size > 0 ? "court_guardian" : "adult_student";
}
