import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_IDS, storageStateFor } from "./personas";

const mateo = DEMO_IDS.student("mateo-garcia");

async function expectAxeClean(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => v.id)).toEqual([]);
}

test.describe.serial("Connecticut progress reports (D-13)", () => {
  let reportUrl = "";

  test("the case manager drafts Mateo's report: missing data blocks issuing and keeps the typed text; explained, it issues", async ({
    browser,
  }) => {
    const context = await browser.newContext({ storageState: storageStateFor("caseManagerMaple") });
    const page = await context.newPage();
    await page.goto(`/students/${mateo}/progress`);
    await page.getByRole("link", { name: "Progress reports" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Progress reports: Mateo García" })).toBeVisible();
    await expectAxeClean(page);

    const draft = page.getByRole("button", { name: "Draft progress report" }).first();
    const box = await draft.boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
    await draft.click();
    await expect(page.getByRole("heading", { level: 1, name: "Progress report: Mateo García" })).toBeVisible();
    reportUrl = new URL(page.url()).pathname;
    expect(reportUrl).toMatch(new RegExp(`/students/${mateo}/progress/reports/[0-9a-f-]{36}$`));

    // Every goal and objective has a code select prefilled from the data, the rule shown next to it.
    const missing = page.getByRole("region", { name: "Missing data" });
    await expect(missing.getByRole("listitem").first()).toBeVisible();
    await expect(page.getByText(/Suggested from the data:|No code suggested/).first()).toBeVisible();
    await expectAxeClean(page);

    // The parent never sees a draft.
    const parent = await browser.newContext({ storageState: storageStateFor("parentGarcia") });
    const parentPage = await parent.newPage();
    expect((await parentPage.goto(reportUrl))?.status()).toBe(404);
    await parent.close();

    const justifications = page.getByLabel("Justification", { exact: true });
    const count = await justifications.count();
    expect(count).toBeGreaterThan(1);
    await justifications.first().fill("Reading accuracy rose on the weekly probes.");
    await page.getByRole("button", { name: "Issue progress report" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "The report is not ready to issue" }).first()).toBeVisible();
    await expect(justifications.first()).toHaveValue("Reading accuracy rose on the weekly probes.");
    await expect(
      page.getByText("No data in this period: record data, or code it Not Introduced with the reason.").first(),
    ).toBeVisible();

    const codes = page.getByLabel("Code", { exact: true });
    for (let i = 0; i < count; i++) {
      const code = codes.nth(i);
      if ((await code.getAttribute("aria-invalid")) === "true") {
        const missingData = await page
          .locator(`#${(await code.getAttribute("id"))!}-error`)
          .filter({ hasText: "No data in this period" })
          .count();
        await code.selectOption(missingData ? "not_introduced" : "satisfactory_progress");
      }
      if (i > 0) await justifications.nth(i).fill(`Line ${i + 1}: see the data for the period.`);
    }
    await page.getByLabel("Delivery method").selectOption("portal");
    await page.getByRole("button", { name: "Issue progress report" }).click();
    await expect(page.getByRole("heading", { name: "The report as issued" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Download PDF" })).toBeVisible();
    await expect(page.getByText(/Fingerprint \(SHA-256\): [0-9a-f]{64}/)).toBeVisible();
    await expectAxeClean(page);
    await context.close();
  });

  test("the parent reads the issued report in Spanish on a 360 px phone and downloads the PDF", async ({ browser }) => {
    const context = await browser.newContext({
      storageState: storageStateFor("parentGarcia"),
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    await page.goto(`/students/${mateo}/progress/reports`);
    await expect(page.getByRole("heading", { level: 1, name: "Informes de progreso: Mateo García" })).toBeVisible();
    await expect(page.getByText("Borrador")).toHaveCount(0);
    await expectAxeClean(page);
    await page.locator(`a[href="${reportUrl}"]`).click();
    await expect(page.getByRole("heading", { name: "El informe tal como se emitió" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Informe de progreso sobre las metas del IEP" })).toBeVisible();
    await expect(page.getByText("Reading accuracy rose on the weekly probes.")).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectAxeClean(page);

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Descargar PDF" }).tap(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^progress-report-\d{4}-\d{2}-\d{2}-v1\.pdf$/);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).subarray(0, 5).toString()).toBe("%PDF-");
    await context.close();
  });
});
