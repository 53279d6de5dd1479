import { expect, test, type Browser, type Page } from "@playwright/test";
import { MAYA } from "../db/seed/demo";
import { addDays } from "../lib/compliance/dates";
import { todayIn } from "../lib/time";
import { DEMO_IDS, PERSONAS } from "./personas";
import { expectAccessible, holdMeeting, RIVERBEND_PPT, signedIn } from "./pages";

// Issue 12, end to end: 504 → IEP across roles. Maya Johnson (grade 11, Riverbend High; her mother Keisha
// Johnson signs in) has a 504 plan in force and no case manager. The principal refers her and assigns the
// case manager; the case manager holds the referral PPT and proposes the evaluation (safeguards + C-01);
// the parent consents in the portal; the evaluation is completed and the eligibility PPT answers "needs
// specially designed instruction?" yes; the IEP is drafted, finalized, noticed (implementation agreed for
// today) and C-02 requested; the parent consents; the IEP is put in force today and the 504 plan ends the
// day before. Every step runs on the same fixed day (PLANPATH_NOW, a school day).
const maya = DEMO_IDS.student(MAYA);
const today = todayIn();
const yesterday = addDays(today, -1);
const caseManager = PERSONAS.caseManagerHigh.name;
const principal = PERSONAS.principalHigh.name;
const parent = PERSONAS.parentJohnson.name;

const referralsSection = (page: Page) =>
  page.locator("section").filter({ has: page.getByRole("heading", { name: "Referrals for special education" }) });

/** Schedules an IEP-program PPT today with the given purpose, sends its (agreed short) notice, holds it. */
const holdPpt = (page: Page, time: string, purposes: string[], decisions: string) =>
  holdMeeting(page, maya, { ...RIVERBEND_PPT, date: today, time, purposes, decisions });

/** The parent answers the open request of a type for Maya in the portal: consent. */
async function parentConsents(browser: Browser, request: string) {
  const { context, page } = await signedIn(browser, "parentJohnson");
  await page.goto("/consents");
  await page.getByRole("row").filter({ hasText: "Maya Johnson" }).getByRole("link", { name: request }).first().click();
  await page.waitForURL(/\/consents\/[0-9a-f-]+$/);
  await page.getByLabel("Type your full name as your signature").fill(parent);
  await page.getByLabel("I have read this document and I understand it.").check();
  await page.getByRole("button", { name: "I give consent", exact: true }).click();
  await expect(page.getByText("Consent given", { exact: true }).first()).toBeVisible();
  await context.close();
}

test.describe.serial("504 → IEP across roles: Maya Johnson, from the referral to the IEP in force", () => {
  let transitionUrl = "";
  let versionId = "";
  let planUrl = "";

  test("the principal refers Maya (504 plan in force) and assigns the case manager; the item moves to him (axe)", async ({
    browser,
  }) => {
    test.slow();
    const { context, page } = await signedIn(browser, "principalHigh");
    await page.goto(`/students/${maya}`);
    const form = referralsSection(page)
      .locator("form")
      .filter({ has: page.getByRole("heading", { name: "Refer the student" }) });
    await form.getByLabel("Referred by").selectOption("team_504");
    await form
      .getByLabel("Concern")
      .fill("Despite her 504 accommodations, Maya's written expression is far below grade.");
    await form.getByRole("button", { name: "Record the referral" }).click();
    await referralsSection(page)
      .getByRole("link", { name: /^Open the referral of / })
      .click();
    await expect(page).toHaveURL(new RegExp(`/students/${maya}/transitions/[0-9a-f-]{36}$`));
    transitionUrl = new URL(page.url()).pathname;
    await expect(page.getByRole("heading", { level: 1, name: "504 plan to IEP for Maya Johnson" })).toBeVisible();
    await expect(page.getByTestId("next-actor")).toHaveText(`Principal: ${principal}`);
    await expect(page.getByText("The student's 504 plan stays in force, unchanged.")).toBeVisible();

    const assign = page.locator("form").filter({ has: page.getByRole("heading", { name: "Assign a case manager" }) });
    await assign.getByRole("button", { name: "Assign the case manager" }).click();
    await expect(assign.getByText("Choose a case manager.")).toBeVisible();
    await expectAccessible(page);
    await assign.getByLabel("Case manager").selectOption({ label: caseManager });
    await assign.getByRole("button", { name: "Assign the case manager" }).click();
    await expect(page.getByTestId("next-actor")).toHaveText(`Case manager: ${caseManager}`);
    await expect(page.getByRole("heading", { name: "Assign a case manager" })).toHaveCount(0);
    await context.close();

    const cm = await signedIn(browser, "caseManagerHigh");
    await cm.page.goto("/work-queue");
    await expect(cm.page.locator(`a[href="${transitionUrl}"]`).first()).toHaveText("Maya Johnson");
    await cm.context.close();
  });

  test("the case manager holds the referral PPT, proposes the evaluation (safeguards) and asks consent (C-01)", async ({
    browser,
  }) => {
    test.slow();
    const { context, page } = await signedIn(browser, "caseManagerHigh");
    await holdPpt(page, "09:00", ["Referral"], "The team reviewed the 504 data and proposes an initial evaluation.");
    await page.goto(transitionUrl);
    const decide = page.locator("form").filter({
      has: page.getByRole("heading", { name: "Record the referral PPT's decision" }),
    });
    await decide.getByRole("radio", { name: "Evaluate the student" }).check();
    await decide.getByLabel("Date of the decision").fill(today);
    await decide.getByLabel("Procedural safeguards given on").fill(today);
    await decide.getByRole("button", { name: "Record" }).click();
    await expect(page.locator('[data-step="decision"]')).toContainText("Done");
    await expect(page.getByTestId("current-step")).toHaveText("Consent to evaluate (C-01)");

    await page.goto(`/students/${maya}/consents`);
    await page.getByLabel("Type of consent").selectOption({ label: "Initial evaluation" });
    await page.getByRole("button", { name: "Prepare and send the consent form" }).click();
    await expect(page.getByRole("status").filter({ hasText: "The consent form was prepared" })).toBeVisible();
    await page.goto(transitionUrl);
    await expect(page.getByTestId("next-actor")).toContainText("Parent");
    await expect(page.locator('[data-step="evaluationConsent"]')).toContainText("D-23");
    await expectAccessible(page);
    await context.close();
  });

  test("the parent consents to the evaluation in the portal", async ({ browser }) => {
    await parentConsents(browser, "Initial evaluation");
  });

  test("the case manager records the evaluation and holds the eligibility PPT: specially designed instruction needed", async ({
    browser,
  }) => {
    test.slow();
    const { context, page } = await signedIn(browser, "caseManagerHigh");
    await page.goto(transitionUrl);
    await expect(page.getByTestId("current-step")).toHaveText("Evaluation completed");
    const complete = page.locator("form").filter({
      has: page.getByRole("heading", { name: "Record the evaluation as completed" }),
    });
    await complete.getByLabel("Date completed").fill(today);
    await complete.getByRole("button", { name: "Record" }).click();
    await expect(page.locator('[data-step="evaluation"]')).toContainText("Done");

    await holdPpt(
      page,
      "14:30",
      ["Eligibility", "Initial IEP"],
      "Maya needs specially designed instruction in writing.",
    );
    await page.goto(transitionUrl);
    const eligibility = page.locator("form").filter({
      has: page.getByRole("heading", { name: "Record the eligibility PPT's answer" }),
    });
    await eligibility.getByRole("radio", { name: "Yes" }).check();
    await eligibility.getByLabel("Disability category").selectOption("specific_learning_disability");
    await eligibility.getByRole("button", { name: "Record" }).click();
    await expect(page.locator('[data-step="eligibilityMeeting"]')).toContainText("Done");
    await expect(page.getByTestId("current-step")).toHaveText(/IEP/);
    await expectAccessible(page);
    await context.close();
  });

  test("the case manager drafts and finalizes the IEP, sends its PWN and asks consent to initial services (C-02)", async ({
    browser,
  }) => {
    test.slow();
    const { context, page } = await signedIn(browser, "caseManagerHigh");
    await page.goto(`/students/${maya}`);
    await page.getByRole("button", { name: "Start an IEP" }).click();
    await page.waitForURL(/\/versions\/[0-9a-f-]+\/edit$/);
    const [, planId, version] = /\/plans\/([0-9a-f-]{36})\/versions\/([0-9a-f-]{36})\/edit$/.exec(page.url())!;
    planUrl = `/plans/${planId}`;
    versionId = version!;
    await page.getByLabel("PPT / team meeting date").fill(today);
    await page
      .getByLabel("Present levels of academic achievement and functional performance")
      .fill("Writes single paragraphs with support; organizes multi-paragraph essays only with a template.");
    await page.getByRole("button", { name: "Add a goal" }).click();
    await page.getByLabel("Area").selectOption("writing");
    await page
      .getByLabel("Measurable annual goal")
      .fill("Will write a five-paragraph essay scoring 3 of 4 on the rubric.");
    await page.getByLabel("Baseline").fill("1 of 4 on the district writing rubric");
    await page.getByLabel("Target", { exact: true }).fill("3 of 4 on the district writing rubric");
    await page.getByLabel("How progress is measured").fill("District writing rubric, monthly sample");
    await page.getByLabel("Progress reporting schedule").fill("With report cards");
    await page.getByRole("button", { name: "Add an objective" }).click();
    await page.getByLabel("Objective", { exact: true }).fill("Writes an organized three-paragraph response");
    await page.getByLabel("Criteria").fill("3 of 4 monthly samples");
    await page.getByLabel("Evaluation procedure").fill("District writing rubric");
    await page.getByLabel("Schedule", { exact: true }).fill("By March");
    await page.getByRole("button", { name: "Add a service" }).click();
    await page.getByLabel("Service", { exact: true }).fill("Specialized writing instruction");
    await page.getByLabel("Minutes").fill("90");
    await page.getByLabel("Provider name or role").fill("Special education teacher");
    await page.getByLabel("Start date").fill(today);
    await page.getByLabel("End date").fill(addDays(today, 350));
    await page.getByLabel("School hours per week").fill("32");
    await page.getByLabel("Hours per week with non-disabled peers").fill("30");
    await page
      .getByLabel("Explanation of any time away from non-disabled peers")
      .fill("Small-group writing instruction in the learning center.");
    await page
      .getByLabel("Age-appropriate transition assessments (name and date)")
      .fill("Career interest inventory (October)");
    await page.getByLabel("Postsecondary goal: education or training").fill("Will attend a two-year college.");
    await page.getByLabel("Postsecondary goal: employment").fill("Will work part time in a veterinary clinic.");
    await page
      .getByLabel("Transition services and course of study")
      .fill("College-preparatory courses; job shadowing.");
    // D-11: Maya turns 17 while this IEP is in effect, so it must state the transfer of rights at 18.
    await page
      .getByLabel(/Transfer of rights at 18/)
      .fill("Maya and her mother were told at this PPT that the rights under IDEA transfer to Maya at 18.");
    await expect(page.locator("#save-status")).toHaveText(/All changes saved/, { timeout: 15_000 });
    await expect(page.getByText("Everything needed to finalize is filled in.")).toBeVisible();
    await page.getByRole("link", { name: "Back to the plan" }).click();
    await page.getByRole("button", { name: "Finalize" }).click();
    await expect(page.getByRole("heading", { name: /IEP · Version 1/ }).getByText("Final")).toBeVisible();

    await page.goto(`/students/${maya}/notices/new?version=${versionId}`);
    await page.getByLabel("The district").selectOption("propose");
    await page.getByLabel("About").selectOption("placement");
    await page.getByRole("button", { name: "Start the draft" }).click();
    await expect(page).toHaveURL(new RegExp(`/students/${maya}/notices/[0-9a-f-]{36}$`));
    await page.getByLabel("1. What the district proposes or refuses").fill("Special education and the IEP of today.");
    await page.getByLabel("2. Why the district proposes or refuses it").fill("Maya is eligible (evaluation).");
    await page
      .getByLabel("3. Each evaluation, assessment, record or report used")
      .fill("Psychoeducational evaluation.");
    await page.getByLabel("6. Other options considered and why they were rejected").fill("504 plan only.");
    await page.getByLabel("7. Other factors relevant to the proposal or refusal").fill("None.");
    await page.getByLabel("Implementation date agreed with the parent").fill(today);
    await page.getByRole("button", { name: "Save the draft" }).click();
    await expect(page.getByText("All seven required contents are written.")).toBeVisible();
    await page.getByLabel("How it is given").selectOption("in_person");
    await page.getByRole("button", { name: "Send the notice" }).click();
    await expect(page.getByRole("heading", { name: "Notice as sent" })).toBeVisible();

    await page.goto(`/students/${maya}/consents`);
    await page.getByLabel("Type of consent").selectOption({ label: "Initial special education services" });
    await page.getByLabel("Plan version (optional)").selectOption({ value: versionId });
    await page.getByRole("button", { name: "Prepare and send the consent form" }).click();
    await expect(page.getByRole("status").filter({ hasText: "The consent form was prepared" })).toBeVisible();
    await page.goto(transitionUrl);
    await expect(page.getByTestId("current-step")).toHaveText("Consent to initial services (C-02)");
    await expect(page.getByText("The student's 504 plan stays in force, unchanged.")).toBeVisible();
    await context.close();
  });

  test("the parent consents to initial services in the portal", async ({ browser }) => {
    await parentConsents(browser, "Initial special education services");
  });

  test("the IEP is put in force today; the 504 plan ends the day before; the referral closes 'IEP in force' (axe)", async ({
    browser,
  }) => {
    test.slow();
    const { context, page } = await signedIn(browser, "caseManagerHigh");
    await page.goto(planUrl);
    await page.getByLabel("In force from").fill(today);
    await page.getByRole("checkbox", { name: /End the 504 plan the day before\?/ }).check();
    await page.getByRole("button", { name: "Put in force" }).click();
    await expect(page.getByRole("heading", { name: /IEP · Version 1/ }).getByText("Active")).toBeVisible();

    await page.goto(transitionUrl);
    await expect(page.getByTestId("transition-status")).toHaveText("Closed");
    await expect(page.getByText("IEP in force", { exact: true }).first()).toBeVisible();
    await expect(page.locator('[data-step="iepInForce"]')).toContainText("Done");
    await expect(page.locator('[data-step="plan504Ends"]')).toContainText("Done");
    await expect(page.getByText("The student's 504 plan stays in force, unchanged.")).toHaveCount(0);
    await expectAccessible(page);

    await page.goto(`/students/${maya}`);
    const panel = page
      .locator("section")
      .filter({ has: page.getByRole("heading", { name: "Transitions and plan ends" }) });
    await panel.getByRole("link", { name: "Open this transition's page" }).first().click();
    await expect(page.getByRole("heading", { level: 1, name: /^Plan end for Maya Johnson/ })).toBeVisible();
    await expect(page.getByText("Replaced by an IEP", { exact: false }).first()).toBeVisible();
    await expect(page.getByTestId("last-day")).toHaveText(
      new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" }).format(
        new Date(`${yesterday}T00:00:00Z`),
      ),
    );
    await expectAccessible(page);
    await context.close();
  });
});
