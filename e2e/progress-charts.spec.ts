import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { extractText, getDocumentProxy } from "unpdf";
import { seedId } from "../db/seed/ids";
import { DEMO_IDS, storageStateFor } from "./personas";

const mateo = DEMO_IDS.student("mateo-garcia");
const mateoPlan = seedId("plan:mateo-iep");
const v2 = seedId("version:mateo-iep:2");

async function pdfOf(page: Page, url: string): Promise<{ text: string; images: number }> {
  const response = await page.request.get(url);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/pdf");
  const body = await response.body();
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(body)), { mergePages: true });
  // Each chart is a PNG image XObject naming its alpha mask (pdfkit leaves object dictionaries uncompressed).
  return { text: text.replace(/\s+/g, " "), images: body.toString("latin1").match(/\/SMask \d+ 0 R/g)?.length ?? 0 };
}

test("a measured objective has its own chart and data table on the progress page, axe clean", async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStateFor("caseManagerMaple") });
  const page = await context.newPage();
  await page.goto(`/students/${mateo}/progress`);
  const goal = page.getByRole("region", { name: /Goal 1/ });
  const chart = goal.getByRole("img", {
    name: "Chart of objective 1 of goal 1: data against the aimline from baseline to target",
  });
  await expect(chart).toBeVisible();
  await expect(chart.locator(".recharts-scatter-symbol").first()).toBeVisible();
  await goal.getByText(/Objective 1: data as a table/).click();
  const table = goal.getByRole("table", { name: "Data for objective 1 of goal 1" });
  await expect(table.getByRole("columnheader", { name: "Date" })).toBeVisible();
  expect(await table.getByRole("row").count()).toBeGreaterThan(2);
  // Goal 2's objective has no measure of its own: no objective chart there.
  await expect(
    page.getByRole("region", { name: /Goal 2/ }).getByRole("img", { name: /Chart of objective/ }),
  ).toHaveCount(0);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => v.id)).toEqual([]);
  await context.close();
});

test("the plan PDF carries a chart image and the data table for each measured goal and objective with data", async ({
  browser,
}) => {
  // The server starts its chart renderer process on the first PDF with charts; how long that takes
  // depends on the machine's load, not on the app.
  test.setTimeout(120_000);
  const staff = await browser.newContext({ storageState: storageStateFor("caseManagerMaple") });
  const english = await pdfOf(await staff.newPage(), `/plans/${mateoPlan}/pdf?version=${v2}`);
  expect(english.text).toContain("Progress toward the annual goals");
  expect(english.text).toContain("Goal 1: data, aimline and trend");
  expect(english.text).toContain("Goal 1, objective 1: data, aimline and trend");
  expect(english.text).toContain("Data for objective 1 of goal 1");
  expect(english.images).toBeGreaterThanOrEqual(3);
  await staff.close();

  const parent = await browser.newContext({ storageState: storageStateFor("parentGarcia") });
  const spanish = await pdfOf(await parent.newPage(), `/plans/${mateoPlan}/pdf?version=${v2}`);
  expect(spanish.text).toContain("Progreso hacia las metas anuales");
  expect(spanish.text).toContain("Meta 1: datos, línea de meta y tendencia");
  expect(spanish.text).toContain("Datos de la meta 1");
  expect(spanish.images).toBe(english.images);
  await parent.close();
});

test("the plan page draws a goal chart once it is scrolled to (recharts is not in its first load); the data tables are there from the start, axe clean", async ({
  browser,
}) => {
  const context = await browser.newContext({ storageState: storageStateFor("caseManagerMaple") });
  const page = await context.newPage();
  await page.goto(`/plans/${mateoPlan}?version=${v2}`);
  await expect(page.getByRole("heading", { name: "Progress toward the annual goals" })).toBeAttached();
  const goalChart = page.getByRole("img", { name: "Goal 1: data, aimline and trend" });
  await expect(goalChart).toHaveCount(1);
  await expect(page.getByRole("table", { name: "Data for objective 1 of goal 1" })).toBeAttached();
  // Far below the first screen: once the page has loaded and hydrated, the chart's frame is there, its drawing is not.
  await page.waitForLoadState("networkidle");
  await expect(goalChart.locator(".recharts-surface")).toHaveCount(0);
  await goalChart.scrollIntoViewIfNeeded();
  await expect(goalChart.locator(".recharts-scatter-symbol").first()).toBeVisible();
  const objectiveChart = page.getByRole("img", { name: "Goal 1, objective 1: data, aimline and trend" });
  await objectiveChart.scrollIntoViewIfNeeded();
  await expect(objectiveChart.locator(".recharts-scatter-symbol").first()).toBeVisible();
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => v.id)).toEqual([]);
  await context.close();
});

test("the print view draws the same goal and objective charts with their tables, axe clean", async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStateFor("caseManagerMaple") });
  const page = await context.newPage();
  await page.goto(`/plans/${mateoPlan}/print?version=${v2}`);
  await expect(page.getByRole("heading", { name: "Progress toward the annual goals" })).toBeVisible();
  const goalChart = page.getByRole("img", { name: "Goal 1: data, aimline and trend" });
  await expect(goalChart.locator(".recharts-scatter-symbol").first()).toBeVisible();
  await expect(page.getByRole("img", { name: "Goal 1, objective 1: data, aimline and trend" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Data for objective 1 of goal 1" })).toBeVisible();
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => v.id)).toEqual([]);
  await context.close();
});
