import { expect, test } from "@playwright/test";
import { DEMO_IDS } from "./personas";
import { expectAccessible, signedIn } from "./pages";

// The exits and age-of-majority stories of the demo seed (db/seed/exits.ts; issue 12): Nadia Okafor
// mid-way through IEP → 504, Lucas Bergstrom's revocation, Marisol Vega's graduation in June, Devon
// Price turning 18 and Elena Markovic with a court-appointed guardian — all on Tom Kowalski's caseload.
const nadia = DEMO_IDS.student("t-iep504");
const lucas = DEMO_IDS.student("t-revoked");
const marisol = DEMO_IDS.student("t-diploma");
const devon = DEMO_IDS.student("t-turning18");
const elena = DEMO_IDS.student("t-adult");

test.describe.serial("issue 12: exits, stay-put and the age of majority", () => {
  test("each exit in progress shows its steps and who acts next; the student pages pass axe", async ({ browser }) => {
    test.slow();
    const { context, page } = await signedIn(browser, "caseManagerHigh");
    await page.goto(`/students/${nadia}`);
    let section = page.getByRole("region", { name: "Transitions and plan ends" });
    await expect(section.getByText("moved from an IEP to a 504 plan")).toBeVisible();
    await expect(section.getByText("The principal or 504 coordinator (504 team)")).toBeVisible();
    await expect(section.getByRole("form", { name: "Cancel this end" })).toBeVisible();
    await expectAccessible(page);

    await page.goto(`/students/${lucas}`);
    section = page.getByRole("region", { name: "Transitions and plan ends" });
    await expect(section.getByText("consent to special education revoked")).toBeVisible();
    await expect(section.getByText("Written revocation of consent, consequences acknowledged")).toBeVisible();

    await page.goto(`/students/${marisol}`);
    section = page.getByRole("region", { name: "Transitions and plan ends" });
    await expect(section.getByText("graduated with a regular diploma")).toBeVisible();
    await expect(section.getByText("Summary of Performance written")).toBeVisible();
    const cancel = section.getByRole("form", { name: "Cancel this end" });
    await cancel.getByRole("button", { name: "Cancel the end" }).click();
    await expect(cancel.getByText("Say why the end is cancelled.")).toBeVisible();
    await expectAccessible(page);
    await context.close();
  });

  test("stay-put (CL-7): the parent files for due process before the IEP→504 end; the IEP continues; when the parties agree, the end is cancelled", async ({
    browser,
  }) => {
    test.slow();
    const { context, page } = await signedIn(browser, "caseManagerHigh");
    await page.goto(`/students/${nadia}`);
    const dueProcess = page.getByRole("region", { name: "Due process (stay-put)" });
    await dueProcess.getByLabel("Filed by").fill("Parent, through counsel");
    await dueProcess.getByLabel("What is disputed").fill("Disagrees with ending special education.");
    await dueProcess.getByRole("button", { name: "Record filing" }).click();
    await expect(dueProcess.getByText("Pending", { exact: true })).toBeVisible();

    const section = page.getByRole("region", { name: "Transitions and plan ends" });
    await section.getByRole("button", { name: "Mark the plan as continuing under stay-put" }).click();
    // The end's held status (the hold form's "saved" line and intro say "continues under stay-put" too).
    await expect(
      section.getByText(/a due-process filing was made after the notice and before this end's date/),
    ).toBeVisible();
    await expect(section.getByRole("form", { name: "Cancel this end" })).toHaveCount(0);

    await dueProcess.getByLabel("How it ended").selectOption("agreement");
    await dueProcess
      .getByLabel("Resolution or agreement")
      .fill("The parties agreed in writing that the IEP continues.");
    await dueProcess.getByRole("button", { name: "Close filing" }).click();
    const resolve = section.getByRole("form", { name: "Act on the outcome of the due-process filing" });
    await expect(resolve).toBeVisible();
    await resolve.getByLabel("Outcome", { exact: true }).selectOption("cancel");
    await resolve.getByLabel("Outcome of the filing").fill("The parties agreed in writing that the IEP continues.");
    await resolve.getByRole("button", { name: "Record the outcome" }).click();
    await expect(section.getByText("Cancelled", { exact: true })).toBeVisible();
    await expect(section.getByText("The parties agreed in writing that the IEP continues.")).toBeVisible();
    await expect(page.getByRole("form", { name: "End the plan in force" })).toBeVisible();
    await expectAccessible(page);
    await context.close();
  });

  test("age of majority (CL-10): who decides today and from 18; a court-appointed guardian is recorded with specific refusals first", async ({
    browser,
  }) => {
    test.slow();
    const { context, page } = await signedIn(browser, "caseManagerHigh");
    await page.goto(`/students/${elena}`);
    let rights = page.getByRole("region", { name: "Decision rights and age of majority" });
    await expect(rights.getByText("The guardian appointed by a court")).toBeVisible();
    await expect(rights.getByText("Irena Markovic — Probate Court", { exact: false })).toBeVisible();

    await page.goto(`/students/${devon}`);
    rights = page.getByRole("region", { name: "Decision rights and age of majority" });
    await expect(rights.getByText("The parents (guardians with decision rights)")).toBeVisible();
    await expect(rights.getByText("The student (adult student)")).toBeVisible();
    const form = rights.getByRole("form", { name: "Record a court-appointed guardian" });
    await form.getByRole("button", { name: "Record the guardianship" }).click();
    await expect(form.getByText("Enter the court that appointed the guardian.")).toBeVisible();
    await form.getByLabel("Court").fill("Probate Court, District of Hartford");
    await form.getByLabel("Where the order is kept", { exact: false }).fill("Docket PR-26-0500");
    await form.getByRole("button", { name: "Record the guardianship" }).click();
    await expect(rights.getByText("Probate Court, District of Hartford", { exact: false })).toBeVisible();
    await expect(rights.getByText("The guardian appointed by a court")).toBeVisible();
    await expectAccessible(page);
    await context.close();
  });

  test("the record of access lists the disclosures of records (FERPA 99.32) for the district admin; axe", async ({
    browser,
  }) => {
    const { context, page } = await signedIn(browser, "admin");
    await page.goto(`/students/${lucas}/access-log`);
    await expect(page.getByRole("heading", { name: "Disclosures of records" })).toBeVisible();
    await expect(page.getByText("No disclosure is logged.")).toBeVisible();
    await expectAccessible(page);
    await context.close();
  });
});
