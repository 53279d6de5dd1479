import { expect, test } from "@playwright/test";
import { seedId } from "../db/seed/ids";
import { DEMO_IDS, storageStateFor, type PersonaKey } from "./personas";

const mateo = DEMO_IDS.student("mateo-garcia");
const sofia = DEMO_IDS.student("sofia-garcia");
const jaylen = DEMO_IDS.student("jaylen-johnson");
const emma = DEMO_IDS.student("emma-miller");
const mateoPlan = seedId("plan:mateo-iep");
const sofiaPlan = seedId("plan:sofia-iep");
const jaylenPlan = seedId("plan:jaylen-504");

/** Every page a parent can open, per parent persona (issue 14 §2: parents on a 360 px phone). */
const PARENT_PAGES: { persona: PersonaKey; url: string }[] = [
  { persona: "parentGarcia", url: "/" },
  { persona: "parentGarcia", url: "/settings" },
  { persona: "parentGarcia", url: `/students/${mateo}` },
  { persona: "parentGarcia", url: `/students/${sofia}` },
  { persona: "parentGarcia", url: `/students/${mateo}/access-log` },
  { persona: "parentGarcia", url: `/students/${mateo}/progress` },
  { persona: "parentGarcia", url: `/plans/${mateoPlan}` },
  { persona: "parentGarcia", url: `/plans/${mateoPlan}?version=${seedId("version:mateo-iep:1")}` },
  {
    persona: "parentGarcia",
    url: `/plans/${mateoPlan}/diff?from=${seedId("version:mateo-iep:1")}&to=${seedId("version:mateo-iep:2")}`,
  },
  { persona: "parentGarcia", url: `/plans/${sofiaPlan}` },
  { persona: "parentJohnson", url: "/" },
  { persona: "parentJohnson", url: `/students/${jaylen}` },
  { persona: "parentJohnson", url: `/plans/${jaylenPlan}` },
  { persona: "parentMiller", url: "/" },
  { persona: "parentMiller", url: `/students/${emma}` },
];

const NAMES: Record<string, string> = {
  [mateo]: "mateo",
  [sofia]: "sofia",
  [jaylen]: "jaylen",
  [emma]: "emma",
  [mateoPlan]: "mateo-iep",
  [sofiaPlan]: "sofia-iep",
  [jaylenPlan]: "jaylen-504",
  [seedId("version:mateo-iep:1")]: "v1",
  [seedId("version:mateo-iep:2")]: "v2",
};

for (const { persona, url } of PARENT_PAGES) {
  test(`${persona} ${url.replace(/[0-9a-f-]{36}/g, (id) => NAMES[id] ?? id)} fits a 360 px phone (no sideways scrolling)`, async ({
    browser,
  }) => {
    const context = await browser.newContext({
      storageState: storageStateFor(persona),
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    const response = await page.goto(url);
    expect(response?.status()).toBe(200);
    const widths = await page.evaluate(() => ({
      document: document.documentElement.scrollWidth,
      body: document.body.scrollWidth,
      viewport: window.innerWidth,
    }));
    expect(widths.document, `the page is ${widths.document} px wide`).toBeLessThanOrEqual(widths.viewport);
    expect(widths.body).toBeLessThanOrEqual(widths.viewport);
    await context.close();
  });
}
