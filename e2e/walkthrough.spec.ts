import { expect, test } from "@playwright/test";
import { connecticutSchoolYear, schoolYearStartFor } from "../db/seed/calendar";
import { seedId } from "../db/seed/ids";
import { createSchoolCalendar } from "../lib/compliance";
import { todayIn } from "../lib/time";
import { DEMO_IDS, PERSONAS } from "./personas";
import { signedIn } from "./pages";

// Diego García (grade 1, Maple Street): evaluated and found eligible; his first IEP is drafted for a PPT
// today. His mother Lucía reads Spanish. The whole legal record of issue 11, through the portal: the PPT
// is scheduled, noticed and held; the IEP is finalized; a prior written notice proposes it; the parent
// declines consent to initial services, then consents; the IEP takes effect on the notice's date.
const diego = DEMO_IDS.student("diego-garcia");
const plan = `/plans/${seedId("plan:diego-iep")}`;
const version = seedId("version:diego-iep:1");
const today = todayIn();
const mapleCalendar = (() => {
  const years = [-1, 0, 1].map((offset) => connecticutSchoolYear(schoolYearStartFor(today) + offset));
  return createSchoolCalendar({ schoolYears: years, closures: years.flatMap((y) => y.closures.map((c) => c.date)) });
})();
// D-05: without an agreed date, the 10th school day after the notice.
const implementationDate = mapleCalendar.nthSchoolDayAfter(today, 10)!;

test.describe.serial("issue 11 walkthrough: a first IEP from the PPT to the day it takes effect", () => {
  test("the case manager schedules the PPT, sends its notice, holds it and finalizes the IEP (gate: held meeting)", async ({
    browser,
  }) => {
    test.slow();
    const { context, page } = await signedIn(browser, "caseManagerMaple");
    await page.goto(plan);
    await expect(
      page.getByText("Finalize: record the team meeting on the plan's meeting date as held first."),
    ).toBeVisible();

    await page.goto(`/students/${diego}/meetings`);
    const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Schedule the meeting" }) });
    await form.getByLabel("Kind").selectOption("iep");
    await form.getByLabel("Date").fill(today);
    await form.getByLabel("Time").fill("15:00");
    await form.getByLabel("Place").fill("Maple Street, conference room");
    await form.getByRole("checkbox", { name: "Initial IEP" }).check();
    await form.getByRole("checkbox", { name: "Priya Natarajan" }).check();
    await form.getByLabel("Role of Priya Natarajan").selectOption("special_education_teacher");
    await form.getByRole("checkbox", { name: "Marcus Reyes" }).check();
    await form.getByLabel("Role of Marcus Reyes").selectOption("district_representative");
    await form.getByRole("button", { name: "Add another person" }).click();
    await form.getByLabel("Other person 1: name").fill("Ms. Rivera");
    await form.getByLabel("Other person 1: role").selectOption("general_education_teacher");
    await form.getByRole("button", { name: "Add another person" }).click();
    await form.getByLabel("Other person 2: name").fill("Dr. Ana Ruiz");
    await form.getByLabel("Other person 2: role").selectOption("evaluation_interpreter");
    await form.getByRole("button", { name: "Schedule the meeting" }).click();
    await expect(page).toHaveURL(new RegExp(`/students/${diego}/meetings/[0-9a-f-]{36}$`));

    // A PPT today is short notice (D-06): only with the parent's written agreement.
    await page.getByRole("checkbox", { name: "The parent agreed in writing to a shorter notice" }).check();
    await page.getByRole("button", { name: "Send the notice" }).click();
    await expect(page.getByRole("heading", { name: "Notice as sent" })).toBeVisible();

    const hold = page.locator("form").filter({ has: page.getByRole("button", { name: "Record the meeting as held" }) });
    for (const checkbox of await hold.getByRole("checkbox", { name: / attended$/ }).all()) await checkbox.check();
    await hold.getByLabel("Decisions").fill("Diego is eligible; the team developed his first IEP.");
    await hold.getByRole("button", { name: "Record the meeting as held" }).click();
    await expect(page.getByRole("heading", { name: "Record the meeting as held" })).toHaveCount(0);
    await expect(page.getByText("Diego is eligible; the team developed his first IEP.")).toBeVisible();

    await page.goto(plan);
    await page.getByRole("button", { name: "Finalize" }).click();
    await expect(page.getByRole("heading", { name: /IEP · Version 1/ }).getByText("Final")).toBeVisible();
    await expect(
      page.getByText("Put in force: waiting for the parent's written consent to initial services."),
    ).toBeVisible();
    await context.close();
  });

  test("N-01, C-02: the case manager sends the notice proposing the IEP and asks consent to initial services", async ({
    browser,
  }) => {
    test.slow();
    const { context, page } = await signedIn(browser, "caseManagerMaple");
    await page.goto(`/students/${diego}/notices/new?version=${version}`);
    await page.getByLabel("The district").selectOption("propose");
    await page.getByLabel("About").selectOption("placement");
    await page.getByRole("button", { name: "Start the draft" }).click();
    await expect(page).toHaveURL(new RegExp(`/students/${diego}/notices/[0-9a-f-]{36}$`));
    await page.getByLabel("1. What the district proposes or refuses").fill("Special education and the IEP of today.");
    await page.getByLabel("2. Why the district proposes or refuses it").fill("Diego is eligible (evaluation).");
    await page
      .getByLabel("3. Each evaluation, assessment, record or report used")
      .fill("Psychoeducational evaluation.");
    await page.getByLabel("6. Other options considered and why they were rejected").fill("Interventions only.");
    await page.getByLabel("7. Other factors relevant to the proposal or refusal").fill("None.");
    await page.getByRole("button", { name: "Save the draft" }).click();
    await expect(page.getByText("All seven required contents are written.")).toBeVisible();
    await page.getByLabel("How it is given").selectOption("in_person");
    await page.getByRole("button", { name: "Send the notice" }).click();
    await expect(page.getByRole("heading", { name: "Notice as sent" })).toBeVisible();

    await page.goto(`/students/${diego}/consents`);
    await page.getByLabel("Type of consent").selectOption({ label: "Initial special education services" });
    await page.getByLabel("Plan version (optional)").selectOption({ value: version });
    await page.getByRole("button", { name: "Prepare and send the consent form" }).click();
    await expect(page.getByRole("status").filter({ hasText: "The consent form was prepared" })).toBeVisible();
    await context.close();
  });

  test("the parent reads the form in Spanish, declines, then consents", async ({ browser }) => {
    const { context, page } = await signedIn(browser, "parentGarcia");
    await page.goto("/consents");
    await page.getByRole("link", { name: "Servicios iniciales de educación especial" }).first().click();
    await page.waitForURL(/\/consents\/[0-9a-f-]+$/);
    await page.getByLabel("Escriba su nombre completo como firma").fill(PERSONAS.parentGarcia.name);
    await page.getByLabel("He leído este documento y lo entiendo.").check();
    await page.getByRole("button", { name: "No doy mi consentimiento" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Su respuesta quedó registrada." })).toBeVisible();
    await page.reload();
    await page.getByLabel("Escriba su nombre completo como firma").fill(PERSONAS.parentGarcia.name);
    await page.getByLabel("He leído este documento y lo entiendo.").check();
    await page.getByRole("button", { name: "Doy mi consentimiento", exact: true }).click();
    await expect(page.getByText("Consentimiento otorgado", { exact: true }).first()).toBeVisible();
    await context.close();
  });

  test("D-05: the IEP is scheduled to take effect on the notice's implementation date, not before", async ({
    browser,
  }) => {
    const { context, page } = await signedIn(browser, "caseManagerMaple");
    await page.goto(plan);
    await page.getByLabel("In force from").fill(mapleCalendar.nthSchoolDayAfter(today, 1)!);
    await page.getByRole("button", { name: "Put in force" }).click();
    await expect(page.getByText(/before the implementation date of the prior written notice/).first()).toBeVisible();
    await page.getByLabel("In force from").fill(implementationDate);
    await page.getByRole("button", { name: "Put in force" }).click();
    await expect(page.getByText(/^Takes effect on /).first()).toBeVisible();
    await context.close();
  });
});
