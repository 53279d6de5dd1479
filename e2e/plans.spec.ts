import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { seedId } from "../db/seed/ids";
import { addDays } from "../lib/compliance/dates";
import { todayIn } from "../lib/time";
import { DEMO_IDS, DEMO_PASSWORD, PERSONAS, storageStateFor } from "./personas";

const daysAgo = (n: number) => addDays(todayIn(), -n);
const mateoPlan = seedId("plan:mateo-iep");
const status = (page: Page) => page.locator("#save-status");

async function startPlan(page: Page, studentKey: string, button: "Start an IEP" | "Start a 504 plan") {
  await page.goto(`/students/${DEMO_IDS.student(studentKey)}`);
  await page.getByRole("button", { name: button }).click();
  await page.waitForURL(/\/versions\/[0-9a-f-]+\/edit$/);
}

test.describe("a case manager writes an IEP", () => {
  test.use({ storageState: storageStateFor("caseManagerMaple") });

  test("goals with objectives, a bank accommodation and a service; autosave survives a reload; finalize after the held PPT (C-02: in force only with consent)", async ({
    page,
  }) => {
    await startPlan(page, "s02", "Start an IEP");
    await page.getByLabel("PPT / team meeting date").fill(daysAgo(10));
    await page
      .getByLabel("Present levels of academic achievement and functional performance")
      .fill("Knows 14 of 26 letter sounds; blends CVC words with support.");
    await page.getByRole("button", { name: "Add a goal" }).click();
    await page.getByLabel("Area").selectOption("reading");
    await page
      .getByLabel("Measurable annual goal")
      .fill("Will name all 26 letter sounds and blend CVC words independently.");
    await page.getByLabel("Baseline").fill("14 of 26 letter sounds");
    await page.getByLabel("Target", { exact: true }).fill("26 of 26 letter sounds");
    await page.getByLabel("How progress is measured").fill("Letter-sound fluency probe");
    await page.getByLabel("Progress reporting schedule").fill("Monthly; with report cards");
    await page.getByRole("button", { name: "Add an objective" }).click();
    await page.getByLabel("Objective", { exact: true }).fill("Names 20 letter sounds");
    await page.getByLabel("Criteria").fill("3 consecutive probes");
    await page.getByLabel("Evaluation procedure").fill("Letter-sound probe");
    await page.getByLabel("Schedule", { exact: true }).fill("By January");
    await page.getByRole("button", { name: "Add a service" }).click();
    await page.getByLabel("Service", { exact: true }).fill("Specialized reading instruction");
    await page.getByLabel("Minutes").fill("120");
    await page.getByLabel("Provider name or role").fill("Special education teacher");
    await page.getByLabel("Start date").fill(daysAgo(5));
    await page.getByLabel("End date").fill(daysAgo(-350));
    await page.getByRole("button", { name: "Add from the accommodation bank" }).click();
    await page.getByLabel("Search").fill("Extended time (1.5x)");
    await page.getByRole("button", { name: "Insert “Extended time (1.5x)”" }).click();
    await expect(page.getByLabel("Accommodation or modification")).toHaveValue("Extended time (1.5x)");
    await page.getByLabel("School hours per week").fill("30");
    await page.getByLabel("Hours per week with non-disabled peers").fill("28");
    await page
      .getByLabel("Explanation of any time away from non-disabled peers")
      .fill("Small-group reading instruction outside the classroom.");
    await expect(status(page)).toHaveText(/All changes saved/, { timeout: 15_000 });
    await expect(page.getByText("Everything needed to finalize is filled in.")).toBeVisible();

    await page.reload();
    await expect(page.getByLabel("Measurable annual goal")).toHaveValue(
      "Will name all 26 letter sounds and blend CVC words independently.",
    );
    await expect(page.getByLabel("Objective", { exact: true })).toHaveValue("Names 20 letter sounds");
    await expect(page.getByLabel("Accommodation or modification")).toHaveValue("Extended time (1.5x)");

    await page.getByRole("link", { name: "Back to the plan" }).click();
    await page.getByRole("button", { name: "Finalize" }).click();
    await expect(page.getByRole("heading", { name: /IEP · Version 1/ }).getByText("Final")).toBeVisible();
    // C-02: a first IEP waits for the parent's written consent to initial services; no button that would fail.
    await expect(
      page.getByText("Put in force: waiting for the parent's written consent to initial services."),
    ).toBeVisible();
    await expect(page.getByRole("button", { name: "Put in force" })).toHaveCount(0);
  });

  test("finalizing an incomplete draft lists exactly what is missing", async ({ page }) => {
    await page.goto(`/plans/${seedId("plan:s01-iep")}`);
    await page.getByRole("button", { name: "Finalize" }).click();
    const alert = page.getByRole("alert").filter({ hasText: "This version is not complete yet." });
    await expect(alert).toBeVisible();
    await expect(alert.getByRole("listitem")).toHaveText([
      "Enter the meeting date.",
      "Add at least one measurable annual goal.",
      "Add at least one special education service (specially designed instruction).",
      "Enter the school hours and the hours with non-disabled peers.",
      "Explain any time away from non-disabled peers.",
    ]);
  });

  test("two editors of one draft: the second sees both texts and chooses; nothing is overwritten", async ({
    browser,
    page,
  }) => {
    await startPlan(page, "s05", "Start an IEP");
    const url = page.url();
    const other = await browser.newContext({ storageState: storageStateFor("caseManagerMaple") });
    const second = await other.newPage();
    await second.goto(url);
    await page
      .getByLabel("Present levels of academic achievement and functional performance")
      .fill("Text typed in the first window.");
    await expect(status(page)).toHaveText(/All changes saved/, { timeout: 15_000 });
    await second
      .getByLabel("Present levels of academic achievement and functional performance")
      .fill("Text typed in the second window.");
    const conflict = second.getByRole("region", { name: "Resolve the editing conflict" });
    await expect(conflict).toBeVisible({ timeout: 15_000 });
    await expect(conflict).toContainText("Text typed in the first window.");
    await expect(conflict).toContainText("Text typed in the second window.");
    await conflict.getByRole("button", { name: "Save the merged draft" }).click();
    await expect(status(second)).toHaveText(/All changes saved/, { timeout: 15_000 });
    await page.reload();
    await expect(page.getByLabel("Present levels of academic achievement and functional performance")).toHaveValue(
      "Text typed in the second window.",
    );
    await other.close();
  });

  test("text typed after the session expired is kept in the browser and restored after signing in", async ({
    page,
    context,
  }) => {
    await startPlan(page, "s04", "Start an IEP");
    const editorUrl = new URL(page.url()).pathname;
    await context.clearCookies();
    await page
      .getByLabel("Present levels of academic achievement and functional performance")
      .fill("Typed while signed out: must not be lost.");
    await expect(status(page)).toHaveText(/Your session has ended/, { timeout: 15_000 });
    await page.getByRole("link", { name: "Sign in again to continue" }).click();
    await page.locator("#email").fill(PERSONAS.caseManagerMaple.email);
    await page.locator("#password").fill(DEMO_PASSWORD);
    await page.locator('form button[type="submit"]').click();
    await page.waitForURL((u) => u.pathname === editorUrl);
    await expect(page.getByText("Unsaved changes from this browser were restored.")).toBeVisible();
    await expect(page.getByLabel("Present levels of academic achievement and functional performance")).toHaveValue(
      "Typed while signed out: must not be lost.",
    );
    await expect(status(page)).toHaveText(/All changes saved/, { timeout: 15_000 });
  });

  test("a backup another user left in this browser is never restored, and this user's backup is keyed by user", async ({
    page,
  }) => {
    await startPlan(page, "s07", "Start an IEP");
    const versionId = new URL(page.url()).pathname.split("/")[4]!;
    const field = page.getByLabel("Present levels of academic achievement and functional performance");
    await page.evaluate(
      ({ versionId, other }) => {
        const backup = { userId: other, versionId, content: {}, baseLock: 0, at: Date.now() };
        window.localStorage.setItem(`planpath:draft:${other}:${versionId}`, JSON.stringify(backup));
        window.localStorage.setItem(`planpath:draft:${versionId}`, JSON.stringify({ ...backup, userId: undefined }));
      },
      { versionId, other: DEMO_IDS.user("caseManagerHigh") },
    );
    await page.reload();
    await expect(field).toBeVisible();
    await expect(page.getByText("Unsaved changes from this browser were restored.")).toHaveCount(0);
    const leftovers = () =>
      page.evaluate(() => Object.keys(window.localStorage).filter((key) => key.startsWith("planpath:draft:")));
    expect(await leftovers()).toEqual([]);

    await page.route("**/*", (route) => (route.request().method() === "POST" ? route.abort() : route.continue()));
    await field.fill("Typed on a shared computer.");
    await expect.poll(leftovers).toEqual([`planpath:draft:${DEMO_IDS.user("caseManagerMaple")}:${versionId}`]);
    await page.unroute("**/*");
  });

  test("the plan downloads as a PDF", async ({ page }) => {
    await page.goto(`/plans/${mateoPlan}?version=${seedId("version:mateo-iep:2")}`);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download PDF" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^iep-Mateo-Garcia-v2\.pdf$/);
  });
});

test.describe("scheduled activation", () => {
  test.use({ storageState: storageStateFor("principalHigh") });

  test("a final version put in force from a later date shows 'takes effect on' and stays final until then", async ({
    page,
  }) => {
    // s40's reviewed 504 plan (version 2) was finalized at the team meeting two days ago.
    const monday = addDays(todayIn(), 3);
    const heading = page.getByRole("heading", { name: /Version 2/ });
    await page.goto(`/plans/${seedId("plan:s40-504")}?version=${seedId("version:s40-504:2")}`);
    await expect(heading.getByText("Final")).toBeVisible();
    await page.getByLabel("In force from").fill(monday);
    await page.getByRole("button", { name: "Put in force" }).click();
    const shown = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" }).format(
      new Date(`${monday}T12:00:00Z`),
    );
    await expect(page.getByText(`Takes effect on ${shown}.`)).toBeVisible();
    await expect(heading.getByText("Final")).toBeVisible();
    await expect(page.getByRole("button", { name: "Put in force" })).toHaveCount(0);
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(results.violations).toEqual([]);
  });
});

test.describe("a principal writes a 504 plan", () => {
  test.use({ storageState: storageStateFor("principalMaple") });

  test("eligibility with the ADAAA warnings, a bank accommodation, then finalize", async ({ page }) => {
    await startPlan(page, "s22", "Start a 504 plan");
    await page.getByLabel("PPT / team meeting date").fill(daysAgo(3));
    await page.getByLabel("Review date").fill(daysAgo(-360));
    await page
      .getByLabel("Physical or mental impairment")
      .fill("Generalized anxiety disorder (psychologist's report).");
    await page.getByLabel("Concentrating").check();
    await page.getByLabel("Regarded as having an impairment").check();
    await expect(page.getByText("Only an actual disability allows a 504 plan.").first()).toBeVisible();
    await page.getByLabel("Actual disability").check();
    await page.getByLabel("Evaluation sources considered").fill("Psychologist's report; teacher observations.");
    await expect(
      page.getByText(/Eligibility must be decided without regard to mitigating measures/).first(),
    ).toBeVisible();
    await page.getByRole("button", { name: "Add from the accommodation bank" }).click();
    await page.getByLabel("Category").selectOption("testing");
    await page.getByRole("button", { name: "Insert “Separate setting for tests”" }).click();
    await expect(page.getByLabel("Responsible staff")).toHaveValue("All teachers");
    await expect(status(page)).toHaveText(/All changes saved/, { timeout: 15_000 });
    await page.getByRole("link", { name: "Back to the plan" }).click();
    await page.getByRole("button", { name: "Finalize" }).click();
    await expect(page.getByRole("heading", { name: /504 plan · Version 1/ }).getByText("Final")).toBeVisible();
  });
});

test.describe("who can open what", () => {
  test.describe("teacher", () => {
    test.use({ storageState: storageStateFor("teacherMaple4") });
    test("cannot open the editor or the full plan, and gets the accommodations at a glance", async ({ page }) => {
      const editor = await page.goto(`/plans/${mateoPlan}/versions/${seedId("version:mateo-iep:3")}/edit`);
      expect(editor?.status()).toBe(404);
      expect((await page.goto(`/plans/${mateoPlan}`))?.status()).toBe(404);
      await page.goto(`/students/${DEMO_IDS.student("mateo-garcia")}`);
      await expect(page.getByRole("button", { name: "Start an IEP" })).toHaveCount(0);
      await page.getByRole("link", { name: "Accommodations at a glance" }).click();
      await expect(page.getByText("Extended time (2x)", { exact: false }).first()).toBeVisible();
      await expect(page.getByText("Give double time on tests, quizzes and timed in-class tasks.")).toBeVisible();
      const pdf = await page.request.get(`/plans/${mateoPlan}/glance/pdf`);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()["content-type"]).toBe("application/pdf");
    });
  });

  test.describe("parent", () => {
    test.use({ storageState: storageStateFor("parentGarcia") });
    test("sees shared versions and what changed, never the staff draft", async ({ page }) => {
      await page.goto(`/plans/${mateoPlan}`);
      await expect(page.getByRole("heading", { name: "Versiones" })).toBeVisible();
      await expect(page.getByText("Versión 3")).toHaveCount(0);
      await page.getByRole("link", { name: "Qué cambió desde la versión 1" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Qué cambió");
      await expect(page.getByText("Text-to-speech for grade-level text")).toBeVisible();
      expect((await page.goto(`/plans/${mateoPlan}?version=${seedId("version:mateo-iep:3")}`))?.status()).toBe(404);
      expect(
        (await page.request.get(`/plans/${mateoPlan}/pdf?version=${seedId("version:mateo-iep:3")}`)).status(),
      ).toBe(404);
    });
  });
});
