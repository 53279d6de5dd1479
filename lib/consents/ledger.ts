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
 * Whether a guardian may decide for the student on `date` (C-13; CL-1): the guardianship is in
 * force that day, has decision rights and no restriction order; from the student's 18th birthday
 * only a court-appointed guardian (`relation = 'guardian'`) still decides — a parent's decision
 * rights pass to the adult student (300.520; CT PPM ch. 8). Returns the refusal's message key.
 */
export function guardianRefusal(
  g: { startsOn: string; endsOn: string | null; hasDecisionRights: boolean; restricted: boolean; relation: string },
  birthDate: string,
  date: string,
): string | null {
  if (g.startsOn > date || (g.endsOn !== null && g.endsOn < date)) return "errors.consent.guardianshipEnded";
  if (g.restricted) return "errors.consent.guardianRestricted";
  if (!g.hasDecisionRights) return "errors.consent.noDecisionRights";
  if (isAdultOn(birthDate, date) && g.relation !== "guardian") return "errors.consent.adultStudentDecides";
  return null;
}
