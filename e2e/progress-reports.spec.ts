import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { addDays } from "../lib/compliance/dates";
import { todayIn } from "../lib/time";
import { DEMO_IDS, storageStateFor } from "./personas";

const mateo = DEMO_IDS.student("mateo-garcia");

// Report pages draw a chart per goal (recharts) and axe checks them: slower than a plain page.
test.describe.configure({ timeout: 120_000 });

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
    const pdf = Buffer.concat(chunks);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    // PM-5: the goal charts are in the PDF as images (a PNG and its alpha mask per chart), drawn at issue.
    expect(pdf.toString("latin1").match(/\/Subtype \/Image/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
    await context.close();
  });

  test("the report page shows each goal's chart for the period with its data table (axe clean)", async ({
    browser,
  }) => {
    const context = await browser.newContext({ storageState: storageStateFor("caseManagerMaple") });
    const page = await context.newPage();
    await page.goto(reportUrl);
    // The report is stored in the family's language (Spanish for Mateo): the chart's texts are Spanish.
    const figure = page
      .getByRole("figure", { name: /Meta \d+: datos de este período, línea de meta y tendencia/ })
      .first();
    await expect(figure).toBeVisible();
    await expect(figure.locator("svg").first()).toBeVisible();
    await expect(figure.getByText(/Datos de la meta \d+ en este período/)).toHaveCount(1);
    await expect(page.getByText("Franja sombreada: este período del informe.", { exact: false }).first()).toBeVisible();
    await expectAxeClean(page);
    await context.close();
  });
});

test("D-13: the case manager writes the IEP's own reporting schedule; finalizing names dates out of order or outside the IEP's year; the plan prints it", async ({
  browser,
}) => {
  const context = await browser.newContext({ storageState: storageStateFor("caseManagerMaple") });
  const page = await context.newPage();
  // s06: found eligible last week, no IEP yet (db/seed/plans.ts); lifecycle.spec records and closes a
  // due-process filing on the same student, which does not touch its plans.
  await page.goto(`/students/${DEMO_IDS.student("s06")}`);
  await page.getByRole("button", { name: "Start an IEP" }).click();
  await page.waitForURL(/\/versions\/[0-9a-f-]+\/edit$/);
  const meeting = addDays(todayIn(), -3);
  await page.getByLabel("PPT / team meeting date").fill(meeting);
  await page.getByLabel("Reporting schedule").selectOption("weeks");
  await page.getByLabel("Weeks between reports").fill("30");
  // The editor's list of what finalizing still needs, as the author types (D-13 entries).
  const missing = page.locator("main");
  await expect(
    missing.getByText("Progress reports: give the weeks between reports as a whole number from 1 to 18.").first(),
  ).toBeVisible();

  await page.getByLabel("Reporting schedule").selectOption("dates");
  for (let i = 0; i < 3; i++) await page.getByRole("button", { name: "Add a report date" }).click();
  await page.getByLabel("Report date 1").fill(addDays(meeting, 120));
  await page.getByLabel("Report date 2").fill(addDays(meeting, 60));
  await page.getByLabel("Report date 3").fill(addDays(meeting, 400));
  await expect(
    missing.getByText("Progress reports: report date 2 must come after report date 1.").first(),
  ).toBeVisible();
  await expect(
    missing
      .getByText(
        "Progress reports: report date 3 must fall within the IEP's year (from the meeting date to one year later).",
      )
      .first(),
  ).toBeVisible();
  await expectAxeClean(page);

  await page.getByLabel("Report date 2").fill(addDays(meeting, 240));
  await page.getByRole("button", { name: "Remove Report date 3" }).click();
  await expect(page.getByText(/Progress reports: /)).toHaveCount(0);
  await expect(page.locator("#save-status")).toHaveText(/All changes saved/, { timeout: 15_000 });

  const planUrl = new URL(page.url()).pathname.replace(/\/versions\/.*$/, "");
  await page.goto(planUrl);
  const section = page.getByRole("heading", { name: "Progress reports to parents" });
  await expect(section).toBeVisible();
  await expect(page.getByText("On the dates below")).toBeVisible();
  await expect(page.getByText("Report date 2")).toBeVisible();
  await expectAxeClean(page);
  await context.close();
});
