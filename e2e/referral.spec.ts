import { expect, test, type Page } from "@playwright/test";
import { todayIn } from "../lib/time";
import { DEMO_IDS, PERSONAS, storageStateFor } from "./personas";
import { expectAccessible } from "./pages";

// Issue 12: the initial referral and 504 → IEP, and the per-transition page.
// s12 (grade 2, Maple): a 504 plan in force, no case manager — the principal refers (504 → IEP).
// s01 (kindergarten, Maple): seeded mid-way, waiting for the parent's consent to evaluate.
// Jaylen (grade 9, High): seeded mid-way through 504 → IEP; s32: a completed 504 → IEP handoff.

const section = (page: Page) =>
  page.locator("section").filter({ has: page.getByRole("heading", { name: "Referrals for special education" }) });

test.describe("the principal refers a student with a 504 plan (504 → IEP)", () => {
  test.use({ storageState: storageStateFor("principalMaple") });

  test("bad input keeps the typed text with a specific message; the referral opens its transition page (axe)", async ({
    page,
  }) => {
    const s12 = DEMO_IDS.student("s12");
    await page.goto(`/students/${s12}`);
    const form = section(page).locator("form");
    await form.getByLabel("Referred by").selectOption("student_study_team");
    await form.getByLabel("Concern").fill("Reading fluency far below grade level despite accommodations.");
    await form.getByRole("button", { name: "Record the referral" }).click();
    await expect(
      form.getByText("List at least one general-education intervention the student study team tried."),
    ).toBeVisible();
    await expect(form.getByLabel("Concern")).toHaveValue(
      "Reading fluency far below grade level despite accommodations.",
    );
    await form.getByRole("button", { name: "Add an intervention" }).click();
    await expect(form.getByLabel("Intervention", { exact: true })).toBeVisible();
    await expectAccessible(page);
    await form.getByRole("button", { name: "Remove this intervention" }).click();

    await form.getByLabel("Referred by").selectOption("team_504");
    await form.getByRole("button", { name: "Record the referral" }).click();
    const open = section(page).getByRole("link", { name: /^Open the referral of / });
    await expect(open).toBeVisible();
    await expect(section(page).getByRole("button", { name: "Record the referral" })).toHaveCount(0);
    await expect(section(page).getByText("This student already has an open referral.")).toHaveCount(0);

    await open.click();
    await expect(page).toHaveURL(new RegExp(`/students/${s12}/transitions/[0-9a-f-]{36}$`));
    await expect(page.getByRole("heading", { level: 1, name: /^504 plan to IEP for / })).toBeVisible();
    await expect(page.getByTestId("current-step")).toHaveText("Referral PPT held");
    await expect(page.getByTestId("next-actor")).toHaveText(`Principal: ${PERSONAS.principalMaple.name}`);
    await expect(page.getByText("The referral PPT is not scheduled yet.")).toBeVisible();
    await expect(page.getByText("The student's 504 plan stays in force, unchanged.")).toBeVisible();
    await expect(page.locator('[data-step="received"]')).toContainText(/D-01 due /);
    await expect(page.locator('[data-step="plan504Ends"]')).toContainText("Not yet");
    await expect(page.getByText("No referral PPT is recorded as held yet.")).toBeVisible();
    await expectAccessible(page);
  });
});

test.describe("the case manager continues a seeded initial referral", () => {
  test.use({ storageState: storageStateFor("caseManagerMaple") });

  test("s01: waiting for the parent's consent (C-01, D-23); the parent's request for the report is recorded (D-07)", async ({
    page,
  }) => {
    const s01 = DEMO_IDS.student("s01");
    await page.goto(`/students/${s01}`);
    await section(page)
      .getByRole("link", { name: /^Open the referral of / })
      .click();
    await expect(page.getByRole("heading", { level: 1, name: /^Initial referral for / })).toBeVisible();
    await expect(page.getByTestId("current-step")).toHaveText("Consent to evaluate (C-01)");
    await expect(page.getByTestId("next-actor")).toContainText("Parent");
    await expect(page.locator('[data-step="evaluationConsent"]')).toContainText("D-23");
    await expect(page.locator('[data-step="decision"]')).toContainText("Done");

    const report = page.locator("form").filter({
      has: page.getByRole("heading", { name: "Record the parent's request for the evaluation report" }),
    });
    await report.getByLabel("Date of the request").fill("2999-01-01");
    await report.getByRole("button", { name: "Record" }).click();
    await expect(report.getByText("The date cannot be after today.")).toBeVisible();
    await report.getByLabel("Date of the request").fill(todayIn());
    await report.getByRole("button", { name: "Record" }).click();
    await expect(page.getByTestId("report-due")).toBeVisible();
    await expect(page.locator('[data-step="evaluationReport"]')).toContainText("Done");
    await expectAccessible(page);
  });
});

test.describe("504 → IEP on record", () => {
  test.use({ storageState: storageStateFor("principalHigh") });

  test("Jaylen: the 504 plan stays in force while the referral runs; the parent of another child gets a 404", async ({
    page,
    browser,
  }) => {
    const jaylen = DEMO_IDS.student("jaylen-johnson");
    await page.goto(`/students/${jaylen}`);
    await section(page)
      .getByRole("link", { name: /^Open the referral of / })
      .click();
    await expect(page.getByRole("heading", { level: 1, name: /^504 plan to IEP for Jaylen/ })).toBeVisible();
    await expect(page.getByText("The student's 504 plan stays in force, unchanged.")).toBeVisible();
    await expect(page.locator('[data-step="plan504Ends"]')).toContainText("Not yet");
    const url = page.url();
    const parent = await browser.newContext({ storageState: storageStateFor("parentGarcia") });
    const other = await parent.newPage();
    const response = await other.goto(url);
    expect(response?.status()).toBe(404);
    await parent.close();
  });

  test("s32: the 504 plan's end page shows it ended the day before the IEP took effect (axe)", async ({ page }) => {
    await page.goto(`/students/${DEMO_IDS.student("s32")}`);
    const panel = page
      .locator("section")
      .filter({ has: page.getByRole("heading", { name: "Transitions and plan ends" }) });
    await panel.getByRole("link", { name: "Open this transition's page" }).first().click();
    await expect(page).toHaveURL(/\/transitions\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { level: 1, name: /^Plan end for / })).toBeVisible();
    await expect(page.getByText("Replaced by an IEP", { exact: false }).first()).toBeVisible();
    await expect(page.getByTestId("last-day")).toBeVisible();
    await expectAccessible(page);
  });
});
