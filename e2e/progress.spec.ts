import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { DEMO_IDS, storageStateFor } from "./personas";

const sofia = DEMO_IDS.student("sofia-garcia");
const mateo = DEMO_IDS.student("mateo-garcia");

test("the speech-language pathologist records a group session on a tablet and the chart updates", async ({
  browser,
}) => {
  const context = await browser.newContext({
    storageState: storageStateFor("provider"),
    viewport: { width: 768, height: 1024 },
    hasTouch: true,
  });
  const page = await context.newPage();
  await page.goto(`/students/${sofia}/progress`);
  const goal = page.getByRole("region", { name: /Goal 1/ });
  await expect(page.getByRole("region", { name: /Goal 2/ })).toHaveCount(0);
  // The reporting periods of the school's report-card dates are drawn behind the chart.
  await expect(goal.locator(".recharts-reference-area").first()).toBeAttached();
  await goal.getByText(/Data as a table/).click();
  const rowsBefore = await goal.getByRole("row").count();
  const dotsBefore = await goal.locator(".recharts-scatter-symbol").count();

  await page.getByRole("link", { name: "Goal data" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Goal data" })).toBeVisible();
  const widths = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(widths).toBeLessThanOrEqual(768);
  await page.getByLabel("Method").fill("Probe in speech room");
  const row = page.getByRole("listitem").filter({ hasText: /García, Sofía · Goal 1/ });
  const correct = row.getByRole("button", { name: "+ Correct" });
  const box = await correct.boundingBox();
  expect(box!.height).toBeGreaterThanOrEqual(44);
  expect(box!.width).toBeGreaterThanOrEqual(44);
  await correct.tap();
  await correct.tap();
  await correct.tap();
  await row.getByRole("button", { name: "+ Incorrect" }).tap();
  await expect(row.getByText("3 of 4 correct (75%)")).toBeVisible();
  await page.getByRole("button", { name: "Save the session" }).tap();
  await expect(page.getByRole("status").filter({ hasText: "Saved 1 data point." })).toBeVisible();
  await expect(row.getByText("No trials yet")).toBeVisible();

  await page.goto(`/students/${sofia}/progress`);
  await goal.getByText(/Data as a table/).click();
  await expect(goal.getByRole("row")).toHaveCount(rowsBefore + 1);
  await expect(goal.getByRole("row").filter({ hasText: "Probe in speech room" }).first()).toContainText("75 %");
  await expect(goal.locator(".recharts-scatter-symbol")).toHaveCount(dotsBefore + 1);
  await context.close();
});

test("a value outside the measure gets a clear message, keeps the typed value, then saves once corrected", async ({
  browser,
}) => {
  const context = await browser.newContext({ storageState: storageStateFor("caseManagerMaple") });
  const page = await context.newPage();
  await page.goto(`/students/${mateo}/progress`);
  const goal = page.getByRole("region", { name: /Goal 1/ });
  const form = goal.getByRole("form", { name: "Record data" });
  await form.getByLabel(/Value/).fill("150");
  await form.getByLabel("Method").fill("Probe");
  await form.getByRole("button", { name: "Save data point" }).click();
  await expect(form.getByText("A percent is between 0 and 100.")).toBeVisible();
  await expect(form.getByLabel(/Value/)).toHaveValue("150");
  await form.getByLabel(/Value/).fill("96");
  await form.getByRole("button", { name: "Save data point" }).click();
  await expect(form.getByRole("status")).toHaveText("Saved.");
  await context.close();
});

test("a parent reads her son's chart on a 360 px phone, in Spanish, without staff notes", async ({ browser }) => {
  const context = await browser.newContext({
    storageState: storageStateFor("parentGarcia"),
    viewport: { width: 360, height: 740 },
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  await page.goto(`/students/${mateo}`);
  await page.getByRole("link", { name: "Metas y progreso" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Metas y progreso");
  const goal = page.getByRole("region", { name: /Meta 1/ });
  await expect(goal.getByRole("img", { name: /Gráfica de la meta 1/ })).toBeVisible();
  await expect(goal.locator(".recharts-scatter-symbol").first()).toBeVisible();
  await goal.getByText(/Datos en una tabla/).click();
  await expect(goal.getByRole("columnheader", { name: "Fecha" })).toBeVisible();
  await expect(goal.getByRole("columnheader", { name: "Nota" })).toHaveCount(0);
  await expect(page.getByRole("form", { name: "Registrar datos" })).toHaveCount(0);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(360);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => v.id)).toEqual([]);
  await context.close();
});

test("another family's child's goals are a 404", async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStateFor("parentJohnson") });
  const page = await context.newPage();
  const response = await page.goto(`/students/${mateo}/progress`);
  expect(response?.status()).toBe(404);
  await context.close();
});
