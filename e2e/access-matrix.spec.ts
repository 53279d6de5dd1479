import { expect, test, type Browser } from "@playwright/test";
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

/**
 * Sofia's progress reports (D-13; `progressReport.read` = plan readers, guardians only for issued
 * versions; `progressReport.draft.read` = district admin, principal, case manager): an issued report
 * from the seed, and a draft of the period under way that the case manager starts here (or finds, when
 * another worker already started it — the list then links it as a draft). Other URLs answer 404.
 */
async function sofiaReportUrls(browser: Browser): Promise<{ list: string; issued: string; draft: string }> {
  const list = `/students/${sofia}/progress/reports`;
  const context = await browser.newContext({ storageState: storageStateFor("caseManagerHigh") });
  const page = await context.newPage();
  const draftRow = page.locator("ul ul > li").filter({ hasText: /Draft$/ });
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.goto(list, { waitUntil: "networkidle" });
    if (await draftRow.count()) break;
    await page.getByRole("button", { name: "Draft progress report" }).first().click();
    await page.waitForURL(/\/progress\/reports\/[0-9a-f-]{36}$/, { timeout: 20_000 }).catch(() => undefined);
  }
  const hrefOf = async (status: RegExp) =>
    (await page.locator("ul ul > li").filter({ hasText: status }).first().getByRole("link").getAttribute("href"))!;
  const urls = { list, issued: await hrefOf(/Issued/), draft: await hrefOf(/Draft$/) };
  await context.close();
  return urls;
}

const REPORT_READERS: Partial<Record<PersonaKey, Expectation>> = {
  admin: "page",
  principalHigh: "page",
  caseManagerHigh: "page",
  parentGarcia: "page",
};
const DRAFT_READERS: Partial<Record<PersonaKey, Expectation>> = {
  admin: "page",
  principalHigh: "page",
  caseManagerHigh: "page",
};

for (const persona of SIGNED_IN) {
  test.describe(`progress reports as ${persona}`, () => {
    test.use({ storageState: storageStateFor(persona) });

    test("the progress-report URLs hold the matrix: issued for plan readers, drafts for staff only", async ({
      page,
      browser,
    }) => {
      test.setTimeout(150_000);
      const urls = await sofiaReportUrls(browser);
      expect(urls.issued).toMatch(new RegExp(`^/students/${sofia}/progress/reports/[0-9a-f-]{36}$`));
      expect(urls.draft).toMatch(new RegExp(`^/students/${sofia}/progress/reports/[0-9a-f-]{36}$`));
      const pages: { url: string; allowed: Partial<Record<PersonaKey, Expectation>> }[] = [
        { url: urls.list, allowed: REPORT_READERS },
        { url: urls.issued, allowed: REPORT_READERS },
        { url: urls.draft, allowed: DRAFT_READERS },
      ];
      for (const { url, allowed } of pages) {
        const response = await page.goto(url);
        if (allowed[persona] === "page") {
          expect(response?.status(), `${persona} → ${url}`).toBe(200);
          await expect(page.getByRole("heading", { level: 1 }), `${persona} → ${url}`).toHaveText(
            /Progress report|Informe de progreso|Informes de progreso/,
          );
        } else {
          expect(response?.status(), `${persona} → ${url}`).toBe(404);
          await expect(page.getByRole("heading", { level: 1 }), `${persona} → ${url}`).toHaveText(
            /Page not found|Página no encontrada/,
          );
        }
      }
      // The stored PDF: plan readers download the issued one; a draft has none (404 for everyone).
      const issuedPdf = await page.request.get(`${urls.issued}/pdf`);
      if (REPORT_READERS[persona]) {
        expect(issuedPdf.status(), `${persona} → issued PDF`).toBe(200);
        expect(issuedPdf.headers()["content-type"]).toBe("application/pdf");
        expect((await issuedPdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
      } else {
        // Sofia's teachers and provider too: the report is not revealed to exist.
        expect(issuedPdf.status(), `${persona} → issued PDF`).toBe(404);
      }
      expect((await page.request.get(`${urls.draft}/pdf`)).status(), `${persona} → draft PDF`).toBe(404);
    });
  });
}
