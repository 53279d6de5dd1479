import { DEMO_IDS } from "../db/seed/demo";
import { DEMO_PASSWORD, PERSONAS, type PersonaKey } from "../db/seed/personas";

export { DEMO_IDS, DEMO_PASSWORD, PERSONAS, type PersonaKey };

/** Personas with a saved signed-in browser state (e2e/.auth/<key>.json). */
export const SIGNED_IN: PersonaKey[] = [
  "admin",
  "principalMaple",
  "principalHigh",
  "caseManagerMaple",
  "caseManagerHigh",
  "teacherMaple3",
  "teacherMaple4",
  "teacherEnglish",
  "teacherMath",
  "provider",
  "parentGarcia",
  "parentJohnson",
  "parentMiller",
];

export const storageStateFor = (key: PersonaKey) => `e2e/.auth/${key}.json`;
