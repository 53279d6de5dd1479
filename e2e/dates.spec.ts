import { expect, test, type Page } from "@playwright/test";
import { extractText, getDocumentProxy } from "unpdf";
import { seedId } from "../db/seed/ids";
import { storageStateFor } from "./personas";

/**
 * One localized date format wherever a person reads a date (issue 14): the plan page, its print
 * view, what changed, the at-a-glance page and the plan PDFs show no ISO `YYYY-MM-DD` date.
 */
const ISO_DAY = /\b\d{4}-\d{2}-\d{2}\b/;
const mateoPlan = seedId("plan:mateo-iep");
const v1 = seedId("version:mateo-iep:1");
const v2 = seedId("version:mateo-iep:2");

async function visibleText(page: Page, url: string): Promise<string> {
  expect((await page.goto(url))?.status()).toBe(200);
  return page.locator("main").innerText();
}

async function pdfText(page: Page, url: string): Promise<string> {
  const response = await page.request.get(url);
  expect(response.status()).toBe(200);
  const pdf = await getDocumentProxy(new Uint8Array(await response.body()));
  const { text } = await extractText(pdf, { mergePages: true });
  return text;
}

test.describe("dates", () => {
  test.use({ storageState: storageStateFor("caseManagerMaple") });

  test("no ISO date in the plan pages and PDFs of a sample plan", async ({ page }) => {
    const pages = [
      `/plans/${mateoPlan}?version=${v2}`,
      `/plans/${mateoPlan}/print?version=${v2}`,
      `/plans/${mateoPlan}/diff?from=${v1}&to=${v2}`,
      `/plans/${mateoPlan}/glance`,
    ];
    for (const url of pages) {
      const text = await visibleText(page, url);
      expect(text.length, url).toBeGreaterThan(200);
      expect(text.match(ISO_DAY)?.[0] ?? null, url).toBeNull();
    }
    for (const url of [`/plans/${mateoPlan}/pdf?version=${v2}`, `/plans/${mateoPlan}/glance/pdf`]) {
      const text = await pdfText(page, url);
      expect(text, url).toContain("SHA-256");
      expect(text.match(ISO_DAY)?.[0] ?? null, url).toBeNull();
    }
  });
});
