import { expect, test } from "@playwright/test";
import { DEMO_IDS, type PersonaKey, SIGNED_IN, storageStateFor } from "./personas";
import { ENDED_ENROLLMENT_STUDENT } from "../db/seed/demo";
import { seedId } from "../db/seed/ids";

type Expectation = "page" | "404" | "restricted";

const STAFF = SIGNED_IN.filter((p) => !p.startsWith("parent"));

const mateo = DEMO_IDS.student("mateo-garcia");
const sofia = DEMO_IDS.student("sofia-garcia");
const jaylen = DEMO_IDS.student("jaylen-johnson");
const emma = DEMO_IDS.student("emma-miller");
const endedEnrollment = DEMO_IDS.student(ENDED_ENROLLMENT_STUDENT);
const mateoPlan = seedId("plan:mateo-iep");
const mateoDraft = seedId("version:mateo-iep:3");
const jaylenPlan = seedId("plan:jaylen-504");
const emmaPlan = seedId("plan:emma-iep");
const sofiaPlan = seedId("plan:sofia-iep");

/**
 * Persona × URL → what the persona must get. Anything not listed for a URL is a 404 that does not
 * reveal that the record exists (other families' children, other schools, other caseloads, ended
 * enrollments and caseloads, malformed ids).
 */
const MATRIX: { url: string; allowed: Partial<Record<PersonaKey, Expectation>> }[] = [
  {
    url: `/students/${mateo}`,
    allowed: {
      admin: "page",
      principalMaple: "page",
      caseManagerMaple: "page",
      teacherMaple4: "page",
      parentGarcia: "page",
    },
  },
  {
    url: `/students/${sofia}`,
    allowed: {
      admin: "page",
      principalHigh: "page",
      caseManagerHigh: "page",
      teacherEnglish: "page",
      teacherMath: "page",
      provider: "page",
      parentGarcia: "page",
    },
  },
  {
    url: `/students/${jaylen}`,
    allowed: {
      admin: "page",
      principalHigh: "page",
      teacherEnglish: "page",
      teacherMath: "page",
      parentJohnson: "page",
    },
  },
  {
    url: `/students/${emma}`,
    allowed: {
      admin: "page",
      principalMaple: "page",
      caseManagerMaple: "page",
      teacherMaple3: "page",
      parentMiller: "restricted",
    },
  },
  { url: `/students/${endedEnrollment}`, allowed: { admin: "page", principalMaple: "page", teacherMaple4: "page" } },
  {
    url: `/plans/${mateoPlan}/glance`,
    allowed: {
      admin: "page",
      principalMaple: "page",
      caseManagerMaple: "page",
      teacherMaple4: "page",
      parentGarcia: "page",
    },
  },
  { url: `/students/${emma}/access-log`, allowed: { admin: "page" } },
  { url: `/students/${mateo}/access-log`, allowed: { admin: "page", parentGarcia: "page" } },
  { url: `/schools/${DEMO_IDS.maple}`, allowed: { admin: "page", principalMaple: "page" } },
  { url: `/schools/${DEMO_IDS.high}`, allowed: { admin: "page", principalHigh: "page" } },
  { url: "/admin/staff", allowed: { admin: "page" } },
  {
    url: `/plans/${mateoPlan}`,
    allowed: { admin: "page", principalMaple: "page", caseManagerMaple: "page", parentGarcia: "page" },
  },
  { url: `/plans/${mateoPlan}/versions/${mateoDraft}/edit`, allowed: { caseManagerMaple: "page" } },
  { url: `/plans/${jaylenPlan}`, allowed: { admin: "page", principalHigh: "page", parentJohnson: "page" } },
  { url: `/plans/${emmaPlan}`, allowed: { admin: "page", principalMaple: "page", caseManagerMaple: "page" } },
  {
    url: `/plans/${sofiaPlan}/glance`,
    allowed: {
      admin: "page",
      principalHigh: "page",
      caseManagerHigh: "page",
      teacherEnglish: "page",
      teacherMath: "page",
      provider: "page",
      parentGarcia: "page",
    },
  },
  { url: `/students/${sofia}/evidence`, allowed: { admin: "page", principalHigh: "page", caseManagerHigh: "page" } },
  { url: "/coverage", allowed: Object.fromEntries(STAFF.map((p) => [p, "page"])) },
  { url: "/accommodations", allowed: Object.fromEntries(STAFF.map((p) => [p, "page"])) },
  { url: `/schools/${DEMO_IDS.maple}/calendar`, allowed: { admin: "page", principalMaple: "page" } },
  { url: "/admin/compliance", allowed: { admin: "page" } },
  { url: "/admin/settings", allowed: { admin: "page" } },
  {
    url: "/work-queue",
    allowed: Object.fromEntries(SIGNED_IN.filter((p) => !p.startsWith("parent")).map((p) => [p, "page" as const])),
  },
  { url: "/students/not-a-uuid", allowed: {} },
  { url: "/students/00000000-0000-4000-8000-000000000000", allowed: {} },
  { url: "/schools/'%20or%201=1--", allowed: {} },
];

for (const persona of SIGNED_IN) {
  test.describe(`as ${persona}`, () => {
    test.use({ storageState: storageStateFor(persona) });

    test("the access matrix holds", async ({ page }) => {
      test.setTimeout(MATRIX.length * 5_000); // one page load per URL, each writing its access row
      for (const { url, allowed } of MATRIX) {
        const expected: Expectation = allowed[persona] ?? "404";
        const response = await page.goto(url);
        const status = response?.status();
        if (expected === "404") {
          expect(status, `${persona} → ${url}`).toBe(404);
          await expect(page.getByRole("heading", { level: 1 }), `${persona} → ${url}`).toHaveText(
            /Page not found|Página no encontrada/,
          );
        } else if (expected === "restricted") {
          expect(status, `${persona} → ${url}`).toBe(200);
          await expect(page.getByRole("heading", { level: 1 })).toHaveText(/Access restricted|Acceso restringido/);
        } else {
          expect(status, `${persona} → ${url}`).toBe(200);
          await expect(page.getByRole("heading", { level: 1 }), `${persona} → ${url}`).not.toHaveText(
            /Page not found|Página no encontrada/,
          );
        }
      }
    });
  });
}
