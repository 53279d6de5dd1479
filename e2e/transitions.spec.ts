import { expect, test } from "@playwright/test";
import { DEMO_IDS } from "./personas";
import { expectAccessible, signedIn } from "./pages";

// s32 (grade 9, Riverbend High): her 504 plan ended the day before her first IEP took effect (504→IEP).
// Her family now moves out of the district: the case manager sends the prior written notice proposing
// the end of special education here, and records the exit; the IEP stays in force until the notice's
// implementation date (issue 12; CL-8, CL-9).
const student = DEMO_IDS.student("s32");

test.describe.serial("issue 12: transitions on the student page", () => {
  test("the 504 → IEP handoff of s32 is on record: the 504 plan was replaced by the IEP, nobody has to act", async ({
    browser,
  }) => {
    const { context, page } = await signedIn(browser, "caseManagerHigh");
    await page.goto(`/students/${student}`);
    const section = page.getByRole("region", { name: "Transitions and plan ends" });
    await expect(section.getByText("replaced by an IEP")).toBeVisible();
    await expect(section.getByText("Completed")).toBeVisible();
    await context.close();
  });

  test("an exit without its notice or records is refused with a specific message; with a sent PWN it is scheduled for the notice's date", async ({
    browser,
  }) => {
    test.slow();
    const { context, page } = await signedIn(browser, "caseManagerHigh");
    await page.goto(`/students/${student}`);
    const section = page.getByRole("region", { name: "Transitions and plan ends" });
    await expect(section.getByText("No sent prior written notice proposes the end of this plan yet.")).toBeVisible();
    await expect(section.getByRole("button", { name: "Record the end of the plan" })).toBeDisabled();

    await page.goto(`/students/${student}/notices/new`);
    await page.getByLabel("The district").selectOption("propose");
    await page.getByLabel("About").selectOption("identification");
    await page.getByRole("button", { name: "Start the draft" }).click();
    await expect(page).toHaveURL(new RegExp(`/students/${student}/notices/[0-9a-f-]{36}$`));
    await page
      .getByLabel("1. What the district proposes or refuses")
      .fill("End special education in Riverbend: the family moves out of the district.");
    await page.getByLabel("2. Why the district proposes or refuses it").fill("The family is moving to another state.");
    await page.getByLabel("3. Each evaluation, assessment, record or report used").fill("Enrollment records.");
    await page.getByLabel("6. Other options considered and why they were rejected").fill("None: the student leaves.");
    await page.getByLabel("7. Other factors relevant to the proposal or refusal").fill("Records will be transferred.");
    await page.getByRole("button", { name: "Save the draft" }).click();
    await expect(page.getByText("All seven required contents are written.")).toBeVisible();
    await page.getByLabel("How it is given").selectOption("in_person");
    await page.getByRole("button", { name: "Send the notice" }).click();
    await expect(page.getByRole("heading", { name: "Notice as sent" })).toBeVisible();

    await page.goto(`/students/${student}`);
    const form = page.getByRole("form", { name: "End the plan in force" });
    await form.getByLabel("Why it ends").selectOption("not_eligible");
    await form.getByRole("button", { name: "Record the end of the plan" }).click();
    await expect(
      form.getByText("No reevaluation on record finds the student no longer eligible.", { exact: false }),
    ).toBeVisible();

    await form.getByLabel("Why it ends").selectOption("graduated");
    await form.getByRole("button", { name: "Record the end of the plan" }).click();
    await expect(form.getByText("Describe the student's academic achievement (Summary of Performance).")).toBeVisible();

    await form.getByLabel("Why it ends").selectOption("moved");
    await form.getByLabel("Receiving district").fill("Springfield Public Schools");
    await form.getByLabel("Receiving school").fill("Central High School");
    await form.getByRole("button", { name: "Record the end of the plan" }).click();
    await expect(section.getByText("moved out of the district")).toBeVisible();
    await expect(section.getByText("Scheduled")).toBeVisible();
    await expect(section.getByText("Nobody: the plan ends automatically on its date")).toBeVisible();
    await expect(page.getByRole("form", { name: "End the plan in force" })).toHaveCount(0);
    await expect(section.getByText("Receiving school: Central High School")).toBeVisible();

    await expectAccessible(page);
    await context.close();
  });

  test("moved out of the district: the records transfer is logged (FERPA 99.32) and the district admin sees it in the record of access", async ({
    browser,
  }) => {
    const { context, page } = await signedIn(browser, "caseManagerHigh");
    await page.goto(`/students/${student}`);
    const transfer = page.getByRole("form", { name: "Log a records transfer" });
    await expect(transfer.getByLabel("Received by", { exact: false })).toHaveValue(
      "Central High School, Springfield Public Schools",
    );
    await transfer.getByRole("button", { name: "Log the records transfer" }).click();
    await expect(transfer.getByText("List the records that were sent.")).toBeVisible();
    await transfer.getByLabel("Records sent").fill("Current IEP, evaluation reports, progress reports");
    await transfer.getByRole("button", { name: "Log the records transfer" }).click();
    await expect(transfer.getByText("The records transfer is logged in the student's record of access.")).toBeVisible();
    await context.close();

    const admin = await signedIn(browser, "admin");
    await admin.page.goto(`/students/${student}/access-log`);
    const disclosures = admin.page.getByRole("region", { name: "Disclosures of records" });
    await expect(disclosures.getByText("Central High School, Springfield Public Schools")).toBeVisible();
    await expect(disclosures.getByText("Transfer to the school where the student enrolls")).toBeVisible();
    await expect(admin.page.getByText("Sent records to another school (disclosure logged)").first()).toBeVisible();
    await expectAccessible(admin.page);
    await admin.context.close();
  });
});
