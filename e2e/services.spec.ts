import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { DEMO_IDS, storageStateFor } from "./personas";

const sofia = DEMO_IDS.student("sofia-garcia");

/**
 * Issue 13 (service minutes, report-card dates): the speech-language pathologist logs a group
 * session on a tablet and this week's delivered minutes move; a parent reads her child's minutes on
 * a phone; the case manager downloads the export and sees a shortfall in the work queue; the
 * district admin sees the report-card dates of the calendar.
 */
test.describe("service minutes", () => {
  test("the provider logs one group session for two students on a 768 px tablet; this week's minutes update", async ({
    browser,
  }) => {
    const context = await browser.newContext({
      storageState: storageStateFor("provider"),
      viewport: { width: 768, height: 1024 },
      hasTouch: true,
    });
    const page = await context.newPage();
    await page.goto("/services");
    await expect(page.getByRole("heading", { level: 1, name: "My services" })).toBeVisible();
    const cards = page.locator('[data-testid^="service-"]');
    await expect(cards).toHaveCount(2);
    const sofiaCard = cards.filter({ hasText: "Sofía" });
    const before = await sofiaCard.getByTestId("week-minutes").innerText();
    const delivered = Number(/(\d+) of/.exec(before)![1]);

    const groupBoxes = page.getByRole("checkbox", { name: "In the group" });
    await expect(groupBoxes).toHaveCount(2);
    for (const box of await groupBoxes.all()) await box.check();
    await expect(page.getByText("2 students chosen")).toBeVisible();
    const logGroup = page.getByRole("button", { name: "Log the group session" });
    const size = await logGroup.boundingBox();
    expect(size!.height).toBeGreaterThanOrEqual(44);
    await page.getByRole("spinbutton", { name: "Minutes", exact: true }).fill("30");
    await page.getByRole("spinbutton", { name: "Students in the room", exact: true }).fill("3");
    await logGroup.click();
    await expect(page.getByRole("status").filter({ hasText: "2 sessions saved." })).toBeVisible();
    await expect(sofiaCard.getByTestId("week-minutes")).toContainText(`This week: ${delivered + 30} of`);
    await expect(sofiaCard).toContainText("30 min, Delivered");

    const oneTap = page.getByRole("button", { name: /^Log \d+ minutes delivered for/ }).first();
    expect((await oneTap.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await context.close();
  });

  test("a parent reads her child's delivered vs required minutes on a 360 px phone, in Spanish, without other students", async ({
    browser,
  }) => {
    const context = await browser.newContext({
      storageState: storageStateFor("parentGarcia"),
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    const response = await page.goto(`/students/${sofia}/services`);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Minutos de servicio");
    await expect(page.getByRole("heading", { name: /Speech-language therapy/ })).toBeVisible();
    await expect(page.getByText("Exigidos").first()).toBeVisible();
    await expect(page.getByText(/Grupo de 3/).first()).toBeVisible();
    await expect(page.getByText("Registrada por")).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Guardar la sesión" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Descargar las sesiones (CSV)" })).toHaveCount(0);
    const widths = await page.evaluate(() => ({
      document: document.documentElement.scrollWidth,
      viewport: window.innerWidth,
    }));
    expect(widths.document).toBeLessThanOrEqual(widths.viewport);
    await context.close();
  });

  test.describe("staff", () => {
    test.use({ storageState: storageStateFor("caseManagerHigh") });

    test("the case manager downloads the sessions export with what Medicaid and compensatory services need", async ({
      page,
    }) => {
      await page.goto(`/students/${sofia}/services`);
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("link", { name: "Download the sessions (CSV)" }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^service-sessions-Sofia-Garcia-.*\.csv$/);
      const text = readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, "");
      const [header, ...rows] = text.trim().split("\r\n");
      expect(header).toBe(
        "Student,SASID,Service,Category,IEP version,Provider,Logged by,Date,Minutes,Group size,Status,Make-up of the session of,Goals addressed,Replaced by a correction",
      );
      expect(rows.some((row) => row.includes("Speech-language therapy") && row.includes(",3,Delivered,"))).toBe(true);
      const bad = await page.request.get(`/students/${sofia}/services/csv?from=2026-02-30`);
      expect(bad.status()).toBe(400);
      expect(await bad.json()).toEqual({ error: "invalid_date", path: "from" });
    });
  });

  test.describe("work queue and calendar", () => {
    test("Mateo's math support shows as short on his case manager's queue", async ({ browser }) => {
      const context = await browser.newContext({ storageState: storageStateFor("caseManagerMaple") });
      const page = await context.newPage();
      await page.goto("/work-queue");
      const row = page
        .getByRole("row")
        .filter({ hasText: "Service minutes short: Math support" })
        .filter({ has: page.getByRole("link", { name: "Mateo García" }) })
        .first();
      await expect(row).toBeVisible();
      await row.getByRole("link", { name: "Mateo García" }).click();
      await expect(page).toHaveURL(new RegExp(`/students/${DEMO_IDS.student("mateo-garcia")}/services$`));
      await expect(page.getByText(/Below the required minutes/).first()).toBeVisible();
      await context.close();
    });

    test("the district admin sees the quarterly report-card dates on the school calendar", async ({ browser }) => {
      const context = await browser.newContext({ storageState: storageStateFor("admin") });
      const page = await context.newPage();
      await page.goto(`/schools/${DEMO_IDS.maple}/calendar`);
      await expect(page.getByText("Quarter 1 report cards").first()).toBeVisible();
      await expect(page.getByRole("heading", { name: "Add a report-card date" })).toBeVisible();
      await context.close();
    });
  });
});
